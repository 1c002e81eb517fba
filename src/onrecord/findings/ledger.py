"""Findings kept in the ledger, one article at a time.

`record_article` runs inside the article's own transaction (see `Ledger.add_article(then=...)`):
the article's claims and the findings they change commit together with its statements, and it
reads only the buckets those claims fall in, so one more article costs the same in a ledger of
any size. `rebuild` recomputes everything, e.g. after a people file changes who sides with whom.
"""

from __future__ import annotations

from ..model import Speaker, Statement
from ..positions import Position, assign_positions
from .claims import Claim, build_claims
from .detect import merge_finding, update_findings


class LedgerLookup:
    """The detectors' bucket lookups, answered by the ledger's indexed claim queries."""

    def __init__(self, ledger) -> None:
        self.ledger = ledger

    def by_person(self, person: str, prop_key: str) -> list[Claim]:
        return [Claim.from_dict(d) for d in self.ledger.claims_by_person(person, prop_key)]

    def by_side(self, side: str, prop_key: str, start: str, end: str) -> list[Claim]:
        return [Claim.from_dict(d) for d in self.ledger.claims_by_side(side, prop_key, start, end)]


def record_article(
    ledger,
    statements: list[Statement],
    positions: list[Position],
    published: str | None,
    person_ids: dict[str, str],
    people: list[dict] | None = None,
) -> list[dict]:
    """Store one article's claims and the findings they add or change; returns those findings."""
    claims = build_claims(statements, positions, published, people, person_of=lambda st: person_ids[st.id])
    up = update_findings(claims, LedgerLookup(ledger))
    ledger.drop_findings(up.buckets)
    merged = [merge_finding(ledger.finding(f["id"]), f) for f in up.merge]
    ledger.upsert_findings(up.findings + merged)
    ledger.store_claims([c.to_dict() for c in claims])
    return up.findings + merged


def rebuild(ledger, people: list[dict] | None = None, nlp=None, backend=None) -> int:
    """Recompute positions, claims and findings for the whole ledger, article by article in
    ingest order (the order an incremental run would have seen them). Returns the finding count."""
    ledger.clear_derived()
    for article, rows in ledger.iter_article_statements():
        statements = [_statement(r) for r in rows]
        positions = assign_positions(statements, nlp=nlp, backend=backend, article_text=article["text"])
        ledger.set_positions([(st.id, st.topic, st.stance) for st in statements])
        record_article(ledger, statements, positions, article["published"],
                       {r["id"]: r["person_id"] for r in rows}, people)  # fmt: skip
    return ledger.counts()["findings"]


def _statement(row: dict) -> Statement:
    speaker = Speaker(
        name=row["speaker"],
        role=row["speaker_role"],
        anonymous=bool(row["anonymous"]),
        affiliation=row["affiliation"],
        kind=row["speaker_kind"] or "person",
    )
    fields = (
        "text",
        "kind",
        "start",
        "end",
        "cue",
        "venue",
        "date",
        "date_precision",
        "date_text",
        "sentence",
    )
    return Statement(article_id=row["article_id"], speaker=speaker, **{k: row[k] for k in fields},
                     sentence_start=row.get("sentence_start"))  # fmt: skip
