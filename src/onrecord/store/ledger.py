"""The ledger: every query, written once for both backends.

SQL here uses `?` placeholders and syntax both SQLite (3.35+) and PostgreSQL accept (ON CONFLICT,
RETURNING, NULLS LAST); the subclasses in sqlite.py and postgres.py only connect, run the schema,
open transactions and do text search.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from pathlib import Path

from onrecord.model import Article, Speaker, Statement
from onrecord.people import (
    is_anonymous,
    is_bare,
    match_person,
    name_forms,
    normalize_name,
    organization_key,
    person_id,
    person_key,
    split_title,
    strip_title,
    surname_key,
)
from onrecord.store.shingles import best_duplicate, shingles

FINDING_TYPES = ("reversal", "walkback", "contradiction")
CHUNK = 500  # ids per IN (...) list
RETRIES = 3  # attempts at an article's transaction when concurrent writers deadlock
ROLE_UPSERT = """
INSERT INTO person_roles (person_id, role, first_seen, last_seen) {source}
ON CONFLICT (person_id, role) DO UPDATE SET
  first_seen = CASE WHEN person_roles.first_seen IS NULL OR excluded.first_seen < person_roles.first_seen
                    THEN excluded.first_seen ELSE person_roles.first_seen END,
  last_seen = CASE WHEN person_roles.last_seen IS NULL OR excluded.last_seen > person_roles.last_seen
                   THEN excluded.last_seen ELSE person_roles.last_seen END
"""
STATEMENT_COLUMNS = (
    "id article_id person_id speaker_name speaker_role text kind start end cue venue date date_precision "
    "date_text sentence sentence_start speaker_start speaker_end topic stance effective_date"
).split()
UNKNOWN = Speaker("unknown speaker", anonymous=True, kind="unknown")  # a speaker the extractor left unnamed
NEWEST_FIRST = "effective_date DESC NULLS LAST, published DESC NULLS LAST, article_id, start, id"


class LedgerError(RuntimeError):
    """The ledger cannot be opened or used as asked; the message says why."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def marks(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def quoted(column: str) -> str:
    return '"end"' if column == "end" else column


def speaker_key(speaker: Speaker) -> tuple:
    return (speaker.kind, speaker.anonymous, speaker.name)


def statement_row(row: dict) -> dict:
    row["anonymous"] = bool(row["anonymous"])
    return row


class LedgerCore:
    """Who said what, when: articles, people, statements, findings, ingest log."""

    # -- dialect hooks (sqlite.py / postgres.py) ------------------------------------------------
    def _execute(self, sql: str, params: Sequence = ()):  # -> cursor with dict rows
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager:
        raise NotImplementedError

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[dict]:
        raise NotImplementedError

    def _retryable(self, error: Exception) -> bool:
        """Whether a failed transaction only lost a race with another writer (deadlock)."""
        return False

    def search(self, query: str, limit: int = 50) -> list[dict]:
        """Statements whose words or sentence match `query`, best first (statement_view rows)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- small helpers --------------------------------------------------------------------------
    def _all(self, sql: str, params: Sequence = ()) -> list[dict]:
        return list(self._execute(sql, params).fetchall())

    def _one(self, sql: str, params: Sequence = ()) -> dict | None:
        rows = self._execute(sql, params).fetchall()  # all: leaves no statement half-run before a COMMIT
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence = ()):
        row = self._one(sql, params)
        return next(iter(row.values())) if row else None

    def __enter__(self) -> LedgerCore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------
    def has_article(self, ids: Sequence[str], url: str | None = None) -> bool:
        """Whether an article is stored under any of `ids` or at `url` (a feed entry seen before)."""
        ids = list(ids)
        if not ids and not url:
            return False
        where = [f"id IN {marks(len(ids))}"] if ids else []
        if url:
            where.append("url = ?")
        return (
            self._one(
                f"SELECT id FROM articles WHERE {' OR '.join(where)} LIMIT 1", [*ids, *([url] if url else [])]
            )
            is not None
        )

    def has_content(self, content_hash: str) -> str | None:
        return self._scalar("SELECT id FROM articles WHERE content_hash = ?", (content_hash,))

    def find_wire_duplicate(self, article: Article) -> str | None:
        """An original article already stored that is this same story (other outlet, small
        edits). Looks up this text's shingles in the index only: cost does not grow with the
        number of articles."""
        hashes = shingles(article.text)
        shared: Counter[str] = Counter()
        for part in chunks(hashes):
            for row in self._all(
                f"SELECT article_id, COUNT(*) AS n FROM article_shingles WHERE hash IN {marks(len(part))} "
                "GROUP BY article_id",
                part,
            ):
                shared[row["article_id"]] += row["n"]
        shared.pop(article.id, None)
        top = [a for a, _ in shared.most_common(20)]
        if not top:
            return None
        sizes = {
            r["id"]: r["shingle_count"]
            for r in self._all(f"SELECT id, shingle_count FROM articles WHERE id IN {marks(len(top))}", top)
        }
        return best_duplicate(len(hashes), {a: shared[a] for a in top}, sizes)

    def add_article(
        self,
        article: Article,
        statements: list[Statement],
        duplicate_of: str | None = None,
        then: Callable[[dict[str, str]], None] | None = None,
    ) -> bool:
        """Store an article with its statements and speakers in one transaction: after a crash
        the article is either all there or not at all. False when it was already stored.

        `then(person_ids)` runs inside that transaction with each statement's person id, so what
        later stages derive from the article (claims, findings) commits with it or not at all."""
        for st in statements:
            if st.article_id != article.id:
                raise LedgerError(
                    f"statement {st.id} belongs to article {st.article_id!r}, not {article.id!r}"
                )
        hashes = () if duplicate_of else shingles(article.text)
        attempt = 1
        while True:
            try:
                return self._add_article_once(article, statements, duplicate_of, hashes, then)
            except Exception as e:
                if attempt >= RETRIES or not self._retryable(e):
                    raise
                attempt += 1

    def _add_article_once(
        self,
        article: Article,
        statements: list[Statement],
        duplicate_of: str | None,
        hashes: Sequence[int],
        then: Callable[[dict[str, str]], None] | None,
    ) -> bool:
        with self._transaction():
            # ON CONFLICT rather than a check first: a concurrent ingest of the same article waits, then skips
            inserted = self._one(
                "INSERT INTO articles (id, title, outlet, published, url, source, content_hash, text, duplicate_of, "
                "shingle_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (
                    article.id,
                    article.title,
                    article.outlet,
                    article.published,
                    article.url,
                    article.source,
                    article.content_hash,
                    article.text,
                    duplicate_of,
                    len(hashes),
                    now(),
                ),
            )
            if inserted is None:
                return False
            self._executemany(
                "INSERT INTO article_shingles (hash, article_id) VALUES (?, ?)",
                [(h, article.id) for h in hashes],
            )
            resolved = self._resolve_speakers([st.speaker for st in statements], article.id)
            for st in statements:
                self._store_statement(st, resolved[speaker_key(st.speaker)], article)
            if then is not None:
                then({st.id: resolved[speaker_key(st.speaker)] for st in statements})
        return True

    def _store_statement(self, st: Statement, pid: str, article: Article) -> None:
        effective = st.date or (article.published or "")[:10] or None
        values = {
            **{k: getattr(st, k, None) for k in STATEMENT_COLUMNS},
            "id": st.id,
            "person_id": pid,
            "speaker_name": st.speaker.name,
            "speaker_role": st.speaker.role,
            "effective_date": effective,
        }
        cols = ", ".join(map(quoted, STATEMENT_COLUMNS))
        self._execute(
            f"INSERT INTO statements ({cols}) VALUES {marks(len(STATEMENT_COLUMNS))} ON CONFLICT (id) DO NOTHING",
            [values[k] for k in STATEMENT_COLUMNS],
        )
        role = (
            st.speaker.role or (None if is_anonymous(st.speaker) else split_title(st.speaker.name)[0]) or ""
        ).strip()
        if role:
            self._execute(ROLE_UPSERT.format(source="VALUES (?, ?, ?, ?)"), (pid, role, effective, effective))

    # -- people ---------------------------------------------------------------------------------
    def _resolve_speakers(self, speakers: list[Speaker], article_id: str) -> dict[tuple, str]:
        """Person ids for an article's speakers. Fullest names first, so a bare "Biden" can
        refer back to the one Biden this article names in full before any other is considered."""
        unique = {speaker_key(sp): sp if sp.name.strip() else UNKNOWN for sp in speakers}
        order = sorted(unique, key=lambda k: -len(person_key(unique[k]).split()))
        resolved: dict[tuple, str] = {}
        here: list[dict] = []  # people this article names, as match candidates
        for key in order:
            sp = unique[key]
            resolved[key] = self._resolve_person(sp, article_id, here)
            if not is_anonymous(sp):
                here.append({"id": resolved[key], "name": sp.name, "kind": sp.kind, "forms": name_forms(sp)})
        return resolved

    def _resolve_person(self, speaker: Speaker, article_id: str, here: list[dict]) -> str:
        forms = name_forms(speaker)
        if is_anonymous(speaker):
            pid = self._ensure_person(speaker, forms, article_id, scoped=True)
        else:
            bare = is_bare(speaker)
            pid = match_person(speaker, here) if bare else None
            pid = pid or match_person(speaker, self._candidates(speaker, forms))
            if pid is None:
                pid = self._ensure_person(speaker, forms, article_id, scoped=bare)
        self._add_forms(pid, forms, speaker.kind)
        if speaker.affiliation:
            self._execute(
                "UPDATE people SET affiliation = ? WHERE id = ? AND affiliation IS NULL",
                (speaker.affiliation, pid),
            )
        return pid

    def _form_key(self, form: str, kind: str) -> str:
        return organization_key(form) if kind == "organization" else normalize_name(form)

    def _candidates(self, speaker: Speaker, forms: list[str]) -> list[dict]:
        """Known people who could be this speaker, found by indexed keys only: the surname's
        first letters and exact name forms."""
        keys = sorted({self._form_key(f, speaker.kind) for f in forms} - {""})
        rows: dict[str, dict] = {}
        if speaker.kind != "organization":
            skey = surname_key(speaker.name)
            for r in self._all(
                "SELECT id, name, kind FROM people WHERE surname_key = ? AND kind = ? AND scope IS NULL",
                (skey, speaker.kind),
            ):
                rows[r["id"]] = r
        if keys:
            for r in self._all(
                "SELECT p.id, p.name, p.kind FROM person_forms f JOIN people p ON p.id = f.person_id "
                f"WHERE f.norm IN {marks(len(keys))} AND p.kind = ? AND p.scope IS NULL",
                [*keys, speaker.kind],
            ):
                rows[r["id"]] = r
        return self._with_forms(list(rows.values()))

    def _with_forms(self, people: list[dict]) -> list[dict]:
        by_id = {p["id"]: {**p, "forms": [], "aliases": []} for p in people}
        ids = list(by_id)
        for part in chunks(ids):
            for r in self._all(
                f"SELECT person_id, form, origin FROM person_forms WHERE person_id IN {marks(len(part))} "
                "ORDER BY person_id, form",
                part,
            ):
                by_id[r["person_id"]]["forms"].append(r["form"])
                if r["origin"] == "alias":
                    by_id[r["person_id"]]["aliases"].append(r["form"])
        return list(by_id.values())

    def _ensure_person(self, speaker: Speaker, forms: list[str], article_id: str | None, scoped: bool) -> str:
        """A new person row (or the one this article already made for this scoped name)."""
        scope = article_id if scoped else None
        name = max(forms or [speaker.name], key=lambda f: len(f.split()))
        name = name if speaker.kind == "organization" or is_anonymous(speaker) else strip_title(name)
        key = person_key(Speaker(name=name, kind=speaker.kind))
        pid = person_id(speaker.kind, key, scope)
        if self._one("SELECT 1 AS x FROM people WHERE id = ?", (pid,)):
            if scope:
                return pid
            pid = person_id(speaker.kind, key, f"namesake in {article_id}")  # matching declined: kept apart
        self._execute(
            "INSERT INTO people (id, name, kind, anonymous, affiliation, name_key, surname_key, scope, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",  # a concurrent ingest made it
            (
                pid,
                name,
                speaker.kind,
                int(is_anonymous(speaker)),
                speaker.affiliation,
                key,
                None if speaker.kind == "organization" or is_anonymous(speaker) else surname_key(name),
                scope,
                now(),
            ),
        )
        return pid

    def _add_forms(self, pid: str, forms: Iterable[str], kind: str, origin: str = "article") -> None:
        on_conflict = "DO UPDATE SET origin = excluded.origin" if origin == "alias" else "DO NOTHING"
        self._executemany(
            f"INSERT INTO person_forms (person_id, form, norm, origin) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT (person_id, form) {on_conflict}",
            [(pid, f, self._form_key(f, kind), origin) for f in forms if self._form_key(f, kind)],
        )

    def _person_ids(self, query: str) -> list[str]:
        """People a user's name refers to: any name form or alias, case-insensitive, or an id."""
        q = query.strip()
        keys = sorted({normalize_name(q), normalize_name(strip_title(q)), organization_key(q)} - {""})
        rows = self._all(
            f"SELECT person_id AS id FROM person_forms WHERE norm IN {marks(len(keys))} "
            f"UNION SELECT id FROM people WHERE id = ? OR name_key IN {marks(len(keys))}",
            [*keys, q, *keys],
        )
        return sorted(r["id"] for r in rows)

    def _decorate(self, people: list[dict]) -> list[dict]:
        by_id = {p["id"]: p for p in self._with_forms(people)}
        for p in by_id.values():
            p["anonymous"] = bool(p["anonymous"])
            p["roles"], p["role_history"] = [], []
            p.pop("aliases")
        ids = list(by_id)
        for part in chunks(ids):
            for r in self._all(
                f"SELECT person_id, role, first_seen, last_seen FROM person_roles WHERE person_id IN {marks(len(part))} "
                "ORDER BY person_id, last_seen DESC NULLS LAST, role",
                part,
            ):
                p = by_id[r.pop("person_id")]
                p["roles"].append(r["role"])
                p["role_history"].append(r)
        return [by_id[p["id"]] for p in people]

    def people(self, limit: int | None = None) -> list[dict]:
        """Most quoted first: id, name, kind, anonymous, affiliation, scope, roles, role_history,
        forms, statements, first_date, last_date."""
        sql = "SELECT * FROM people_view ORDER BY statements DESC, name, id"
        rows = self._all(sql + " LIMIT ?", (limit,)) if limit is not None else self._all(sql)
        return self._decorate(rows)

    def person(self, pid: str) -> dict | None:
        rows = self._all("SELECT * FROM people_view WHERE id = ?", (pid,))
        return self._decorate(rows)[0] if rows else None

    # -- statements -----------------------------------------------------------------------------
    def statements(
        self,
        speaker: str | None = None,
        article_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
        positioned: bool = False,
    ) -> list[dict]:
        """Newest first (statement date, else publication date), with speaker and article fields
        (statement_view columns). `speaker` matches any name form or alias, or a person id;
        `positioned` keeps only statements that take a position on a topic."""
        where, params = [], []
        if positioned:
            where.append("topic IS NOT NULL")
        if speaker is not None:
            ids = self._person_ids(speaker)
            if not ids:
                return []
            where.append(f"person_id IN {marks(len(ids))}")
            params += ids
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self._all(
            f"SELECT * FROM statement_view {clause} ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [statement_row(r) for r in rows]

    def statements_by_ids(self, ids: Sequence[str]) -> dict[str, dict]:
        out = {}
        for part in chunks(list(ids)):
            for r in self._all(f"SELECT * FROM statement_view WHERE id IN {marks(len(part))}", part):
                out[r["id"]] = statement_row(r)
        return out

    def topic_stances(self, limit: int = 200) -> list[dict]:
        """Who stands where: one row per (topic, speaker, stance) with a statement count, for the
        `limit` topics with the most statements."""
        return self._all(
            "WITH top AS (SELECT topic FROM statements WHERE topic IS NOT NULL GROUP BY topic "
            "ORDER BY COUNT(*) DESC, topic LIMIT ?) "
            "SELECT s.topic, p.name AS speaker, s.stance, COUNT(*) AS statements FROM statements s "
            "JOIN top ON top.topic = s.topic JOIN people p ON p.id = s.person_id "
            "GROUP BY s.topic, p.name, s.stance ORDER BY s.topic, p.name",
            (limit,),
        )

    def iter_statements(self) -> Iterator[dict]:
        """statements.jsonl records (contract.md), ordered by article and position."""
        for r in self._stream('SELECT * FROM statement_view ORDER BY article_id, start, "end", id'):
            yield {
                "id": r["id"],
                "article_id": r["article_id"],
                "speaker": {
                    "name": r["speaker"],
                    "role": r["speaker_role"],
                    "anonymous": bool(r["anonymous"]),
                    "kind": r["speaker_kind"],
                    "id": r["person_id"],
                    "affiliation": r["affiliation"],
                },
                "text": r["text"],
                "kind": r["kind"],
                "start": r["start"],
                "end": r["end"],
                "date": r["date"],
                "date_precision": r["date_precision"],
                "topic": r["topic"],
                "stance": r["stance"],
                "cue": r["cue"],
                "venue": r["venue"],
                "sentence": r["sentence"],
            }

    def set_positions(self, updates: Iterable[tuple[str, str | None, str | None]]) -> None:
        """Record (statement id, topic, stance) found by the positions stage."""
        self._executemany_tx(
            "UPDATE statements SET topic = ?, stance = ? WHERE id = ?", [(t, s, i) for i, t, s in updates]
        )

    def _executemany_tx(self, sql: str, rows: list) -> None:
        with self._transaction():
            self._executemany(sql, rows)

    # -- claims and findings --------------------------------------------------------------------
    def store_claims(self, claims: Iterable[dict]) -> None:
        """Claims (the findings stage's flat records) keyed by statement; re-storing replaces."""
        rows = [
            (c["statement_id"], c["article_id"], c["person"], c.get("side"), c.get("prop_key"), c.get("date"),
             json.dumps(c, ensure_ascii=False))
            for c in claims
        ]  # fmt: skip
        with self._transaction():
            self._executemany(
                "INSERT INTO claims (statement_id, article_id, person, side, prop_key, date, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO UPDATE SET article_id = excluded.article_id, "
                "person = excluded.person, side = excluded.side, prop_key = excluded.prop_key, "
                "date = excluded.date, record = excluded.record",
                rows,
            )

    def claims_by_person(self, person: str, prop_key: str) -> list[dict]:
        rows = self._all("SELECT record FROM claims WHERE person = ? AND prop_key = ?", (person, prop_key))
        return [json.loads(r["record"]) for r in rows]

    def claims_by_side(self, side: str, prop_key: str, start: str, end: str) -> list[dict]:
        """Dated claims of a side whose date, at its own precision, falls within [start, end]."""
        rows = self._all(
            "SELECT record FROM claims WHERE side = ? AND prop_key = ? AND date >= ? AND date <= ? "
            "AND substr(?, 1, length(date)) <= date AND date <= substr(?, 1, length(date))",
            (side, prop_key, start[:4], end, start, end),
        )
        return [json.loads(r["record"]) for r in rows]

    def drop_findings(self, buckets: Iterable[str]) -> None:
        """Forget the findings of buckets about to be recomputed."""
        buckets = list(buckets)
        with self._transaction():
            for part in chunks(buckets):
                ids = [
                    r["id"]
                    for r in self._all(f"SELECT id FROM findings WHERE bucket IN {marks(len(part))}", part)
                ]
                for chunk in chunks(ids):
                    self._execute(
                        f"DELETE FROM finding_statements WHERE finding_id IN {marks(len(chunk))}", chunk
                    )
                    self._execute(f"DELETE FROM findings WHERE id IN {marks(len(chunk))}", chunk)

    def finding(self, finding_id: str) -> dict | None:
        row = self._one("SELECT * FROM findings WHERE id = ?", (finding_id,))
        return self._finding_record(row) if row else None

    def upsert_findings(self, findings: Iterable[dict]) -> int:
        """Store findings (the findings stage's dicts), replacing any with the same id."""
        rows, cited = [], []
        for f in findings:
            if (
                f.get("type") not in FINDING_TYPES
                or not f.get("id")
                or not isinstance(f.get("statements"), list)
            ):
                raise LedgerError(
                    f"finding {f.get('id')!r}: needs id, type in {FINDING_TYPES} and a statements list"
                )
            rows.append(
                (f["id"], f["type"], f.get("topic"), json.dumps(f["statements"]), f.get("explanation"),
                 f.get("grade"), f.get("created") or now(), f.get("prop_key"), f.get("bucket"),
                 json.dumps(f, ensure_ascii=False))
            )  # fmt: skip
            cited += [(f["id"], sid) for sid in dict.fromkeys(f["statements"])]
        with self._transaction():
            for chunk in chunks([r[0] for r in rows]):
                self._execute(
                    f"DELETE FROM finding_statements WHERE finding_id IN {marks(len(chunk))}", chunk
                )
                self._execute(f"DELETE FROM findings WHERE id IN {marks(len(chunk))}", chunk)
            self._executemany(
                "INSERT INTO findings (id, type, topic, statements, explanation, grade, created, prop_key, bucket, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._executemany(
                "INSERT INTO finding_statements (finding_id, statement_id) VALUES (?, ?)", cited
            )
        return len(rows)

    def replace_findings(self, findings: Iterable[dict]) -> int:
        """Swap in a whole new set of findings (a full recomputation)."""
        with self._transaction():
            self._execute("DELETE FROM finding_statements")
            self._execute("DELETE FROM findings")
            return self.upsert_findings(findings)

    def findings(
        self,
        type: str | None = None,
        speaker: str | None = None,
        topic: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Findings, newest evidence first; `speaker` matches any name form or person id of a
        person any side of the finding quotes; `topic` matches the proposition's words."""
        where, params = [], []
        if type is not None:
            where.append("f.type = ?")
            params.append(type)
        if topic is not None:
            where.append("LOWER(f.topic) LIKE ?")
            params.append(f"%{topic.lower()}%")
        if speaker is not None:
            ids = self._person_ids(speaker)
            if not ids:
                return []
            where.append(
                "EXISTS (SELECT 1 FROM finding_statements fs JOIN statements s ON s.id = fs.statement_id "
                f"WHERE fs.finding_id = f.id AND s.person_id IN {marks(len(ids))})"
            )
            params += ids
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self._all(
            f"SELECT f.* FROM findings f {clause} ORDER BY f.created DESC, f.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [self._finding_record(r) for r in rows]

    def _finding_record(self, row: dict) -> dict:
        detail = json.loads(row["detail"]) if row.get("detail") else {}
        return {
            **detail,
            "id": row["id"],
            "type": row["type"],
            "topic": row["topic"],
            "statements": json.loads(row["statements"]),
            "explanation": row["explanation"],
            "grade": row["grade"],
            "created": row["created"],
        }

    def clear_derived(self) -> None:
        """Forget claims and findings before a full recomputation."""
        with self._transaction():
            for table in ("finding_statements", "findings", "claims"):
                self._execute(f"DELETE FROM {table}")

    def iter_article_statements(self) -> Iterator[tuple[dict, list[dict]]]:
        """(article, its statement rows with speaker fields) in ingest order, originals only."""
        articles = self._all(
            "SELECT id, published, text FROM articles WHERE duplicate_of IS NULL ORDER BY ingested_at, id"
        )
        for a in articles:
            rows = self._all(
                "SELECT s.*, p.name AS speaker, p.kind AS speaker_kind, p.anonymous, p.affiliation "
                "FROM statements s JOIN people p ON p.id = s.person_id WHERE s.article_id = ? "
                'ORDER BY s.start, s."end", s.id',
                (a["id"],),
            )
            yield a, rows

    def iter_findings(self) -> Iterator[dict]:
        for r in self._stream("SELECT * FROM findings ORDER BY created, id"):
            yield self._finding_record(r)

    # -- runs, problems, counts -----------------------------------------------------------------
    def record_problem(self, source: str, reason: str) -> None:
        self._executemany_tx(
            "INSERT INTO problems (source, reason, recorded_at) VALUES (?, ?, ?)", [(source, reason, now())]
        )

    def problems(self, limit: int = 50) -> list[dict]:
        return self._all("SELECT * FROM problems ORDER BY id DESC LIMIT ?", (limit,))

    def start_run(self) -> int:
        with self._transaction():
            return self._scalar("INSERT INTO ingest_runs (started_at) VALUES (?) RETURNING id", (now(),))

    def finish_run(self, run_id: int, counts: dict) -> None:
        self._executemany_tx(
            "UPDATE ingest_runs SET finished_at = ?, counts = ? WHERE id = ?",
            [(now(), json.dumps(counts), run_id)],
        )

    def last_run(self) -> dict | None:
        row = self._one("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT 1")
        return {**row, "counts": json.loads(row["counts"] or "{}")} if row else None

    def counts(self) -> dict:
        tables = ("articles", "statements", "people", "problems", "findings")
        out = {t: self._scalar(f"SELECT COUNT(*) AS n FROM {t}") for t in tables}
        out["duplicates"] = self._scalar("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")
        return out

    def export(self, out_dir: Path) -> dict:
        from onrecord.store.export import write_export

        return write_export(self, Path(out_dir))
