"""Findings: where a speaker changed their story (reversal, walk-back) or contradicts their own side.

Pure functions over statements: `build_claims` joins statements, positions and sides into claims;
`update_findings(claims, lookup)` recomputes only the buckets those claims touch; `find_all` runs a
whole batch of articles through an in-memory index (export of a small ledger, tests).
"""

from __future__ import annotations

from ..model import Statement
from ..positions import assign_positions
from .claims import Claim, build_claims, default_person
from .detect import Lookup, Update, update_findings
from .memory import MemoryIndex
from .sides import Side, side_of

__all__ = [
    "Claim", "Lookup", "MemoryIndex", "Side", "Update", "build_claims", "default_person", "find_all",
    "side_of", "update_findings",
]  # fmt: skip


def find_all(articles: list[tuple[str | None, list[Statement]]], people: list[dict] | None = None, nlp=None):
    """[(published, statements of one article)] in ingest order -> (claims, findings)."""
    index, claims = MemoryIndex(), []
    for published, statements in articles:
        positions = assign_positions(statements, nlp=nlp)
        batch = build_claims(statements, positions, published, people)
        index.add(batch)
        claims.extend(batch)
    return claims, sorted(index.findings.values(), key=lambda f: (f["type"], f["id"]))
