"""Read queries the web pages need and the Ledger does not (yet) offer: pages with offsets, filters,
topics, findings with their statements. Functions take the Ledger and use its `_all`/`_one` helpers
and the schema's views, so they run on SQLite and PostgreSQL alike; every value is a parameter.
Candidates to move into store/ledger.py once the web's needs have settled.
"""

from __future__ import annotations

import json
import re

from onrecord.store.ledger import NEWEST_FIRST, chunks, marks, statement_row

KINDS = ("direct", "indirect", "mixed")


def is_sqlite(ledger) -> bool:
    return hasattr(ledger, "path")


def fts_terms(query: str) -> str | None:
    """User words as an FTS5 query that can only mean 'all these words': every word is quoted, so
    operators, parentheses and stray quotes in the input are never FTS syntax."""
    words = re.findall(r"\w+", query or "")
    return " ".join('"' + w + '"' for w in words[:32]) or None


def search_statements(
    ledger,
    q: str | None = None,
    speaker: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict]:
    """Statements matching the words of `q` (best first) or, with no words, newest first; each filter
    narrows. `speaker` is any name form, alias or person id; dates compare on the statement's date
    (else its article's publication date)."""
    where, params = [], []
    if speaker:
        ids = ledger._person_ids(speaker)
        if not ids:
            return []
        where.append(f"v.person_id IN {marks(len(ids))}")
        params += ids
    if topic:
        where.append("v.topic = ?")
        params.append(topic)
    if kind:
        where.append("v.kind = ?")
        params.append(kind)
    if date_from:
        where.append("v.effective_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("v.effective_date <= ?")
        params.append(date_to + "\uffff")  # '2025-02' covers every day of that month
    words = fts_terms(q) if q else None
    if q and not words:
        return []
    if words and is_sqlite(ledger):
        sql = (
            "SELECT v.* FROM statement_search f JOIN statement_view v ON v.id = f.statement_id "
            "WHERE statement_search MATCH ?" + "".join(" AND " + w for w in where) + " ORDER BY f.rank, v.id"
        )
        params = [words, *params]
    elif words:
        sql = (
            "SELECT v.* FROM statements s JOIN statement_view v ON v.id = s.id, plainto_tsquery('english', ?) tq "
            "WHERE s.search @@ tq"
            + "".join(" AND " + w for w in where)
            + " ORDER BY ts_rank(s.search, tq) DESC, v.id"
        )
        params = [q, *params]
    else:
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        sql = f"SELECT v.* FROM statement_view v{clause} ORDER BY {NEWEST_FIRST}"
    return [statement_row(r) for r in ledger._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])]


def people_page(ledger, limit: int, offset: int) -> list[dict]:
    """people_view's rows, most quoted first, counted on the (person_id, effective_date) index alone:
    ranking everyone costs one index scan, not a join of every statement."""
    rows = ledger._all(
        "SELECT p.id, p.name, p.kind, p.anonymous, p.affiliation, p.scope, COALESCE(c.n, 0) AS statements, "
        "c.first_date, c.last_date FROM people p LEFT JOIN (SELECT person_id, COUNT(*) AS n, "
        "MIN(effective_date) AS first_date, MAX(effective_date) AS last_date FROM statements GROUP BY person_id) c "
        "ON c.person_id = p.id ORDER BY statements DESC, p.name, p.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return ledger._decorate(rows)


def person_statements(ledger, pid: str, limit: int, offset: int) -> list[dict]:
    rows = ledger._all(
        f"SELECT * FROM statement_view WHERE person_id = ? ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?",
        (pid, limit, offset),
    )
    return [statement_row(r) for r in rows]


def person_positions(ledger, pid: str, limit: int = 400) -> list[dict]:
    """The person's latest statements that take a position, oldest first: the timeline's points."""
    rows = ledger._all(
        "SELECT id, article_id, text, topic, stance, effective_date FROM statements "
        "WHERE person_id = ? AND topic IS NOT NULL AND effective_date IS NOT NULL "
        "ORDER BY effective_date DESC, id LIMIT ?",
        (pid, limit),
    )
    return rows[::-1]


def topics_page(ledger, limit: int, offset: int) -> list[dict]:
    """Topics by number of statements, counted on the topic index alone (who and when is on the topic's
    own page: counting it for every topic would read every statement)."""
    return ledger._all(
        "SELECT topic, COUNT(*) AS statements FROM statements WHERE topic IS NOT NULL "
        "GROUP BY topic ORDER BY COUNT(*) DESC, topic LIMIT ? OFFSET ?",
        (limit, offset),
    )


def topic_statements(ledger, topic: str, limit: int, offset: int) -> list[dict]:
    """Statements on a topic, oldest first: the order a chart reads in."""
    rows = ledger._all(
        "SELECT * FROM statement_view WHERE topic = ? "
        "ORDER BY effective_date NULLS LAST, published NULLS LAST, article_id, start, id LIMIT ? OFFSET ?",
        (topic, limit, offset),
    )
    return [statement_row(r) for r in rows]


def statements_by_id(ledger, ids: list[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for part in chunks(list(dict.fromkeys(ids))):
        for r in ledger._all(f"SELECT * FROM statement_view WHERE id IN {marks(len(part))}", part):
            out[r["id"]] = statement_row(r)
    return out


def _finding(row: dict) -> dict:
    return {**row, "statements": json.loads(row["statements"])}


def findings_page(ledger, limit: int, offset: int, topic: str | None = None) -> list[dict]:
    where, params = ("WHERE topic = ?", [topic]) if topic else ("", [])
    rows = ledger._all(
        f"SELECT * FROM findings {where} ORDER BY created DESC, id LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return [_finding(r) for r in rows]


def finding(ledger, fid: str) -> dict | None:
    row = ledger._one("SELECT * FROM findings WHERE id = ?", (fid,))
    return _finding(row) if row else None


def person_findings(ledger, pid: str, limit: int = 100) -> list[dict]:
    """Findings that hold a statement by this person. Findings are few (hundreds, not millions), so
    their statement lists are read whole and checked against the person in one indexed query each chunk."""
    found = [_finding(r) for r in ledger._all("SELECT * FROM findings ORDER BY created DESC, id")]
    ids = sorted({sid for f in found for sid in f["statements"] if isinstance(sid, str)})
    mine: set[str] = set()
    for part in chunks(ids):
        rows = ledger._all(
            f"SELECT id FROM statements WHERE person_id = ? AND id IN {marks(len(part))}", [pid, *part]
        )
        mine.update(r["id"] for r in rows)
    return [f for f in found if mine.intersection(f["statements"])][:limit]


def with_statements(ledger, findings: list[dict]) -> list[dict]:
    """Each finding with its statements' rows (`sides`), in the finding's order."""
    rows = statements_by_id(ledger, [s for f in findings for s in f["statements"] if isinstance(s, str)])
    return [{**f, "sides": [rows[s] for s in f["statements"] if s in rows]} for f in findings]


def articles_page(ledger, limit: int, offset: int) -> list[dict]:
    return ledger._all(
        "SELECT a.id, a.title, a.outlet, a.published, a.url, a.duplicate_of, a.ingested_at, "
        "(SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements FROM articles a "
        "ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
        (limit, offset),
    )


def article(ledger, aid: str) -> dict | None:
    return ledger._one(
        "SELECT id, title, outlet, published, url, source, duplicate_of, ingested_at, text FROM articles WHERE id = ?",
        (aid,),
    )


def article_statements(ledger, aid: str) -> list[dict]:
    rows = ledger._all('SELECT * FROM statement_view WHERE article_id = ? ORDER BY start, "end", id', (aid,))
    return [statement_row(r) for r in rows]


def top_topics(ledger, limit: int = 10) -> list[dict]:
    return topics_page(ledger, limit, 0)
