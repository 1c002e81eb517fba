"""An in-memory ledger of claims and findings with the same bucket lookups the SQL ledger offers:
for tests, the scale benchmark and exporting findings of a batch without a database."""

from __future__ import annotations

from collections import defaultdict

from .claims import Claim
from .detect import update_findings


class MemoryIndex:
    def __init__(self) -> None:
        self.persons: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
        self.sides: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
        self.findings: dict[str, dict] = {}
        self.bucket_of: dict[str, set[str]] = defaultdict(set)  # bucket -> finding ids

    def by_person(self, person: str, prop_key: str) -> list[Claim]:
        return list(self.persons.get((person, prop_key), {}).values())

    def by_side(self, side: str, prop_key: str) -> list[Claim]:
        return list(self.sides.get((side, prop_key), {}).values())

    def add(self, claims: list[Claim]) -> list[dict]:
        """Store one article's claims and apply the findings they change; returns those findings."""
        up = update_findings(claims, self)
        for bucket in up.buckets:
            for fid in self.bucket_of.pop(bucket, ()):
                self.findings.pop(fid, None)
        for f in up.findings:
            self.findings[f["id"]] = f
            self.bucket_of[f["bucket"]].add(f["id"])
        for c in claims:
            if c.prop_key:
                self.persons[(c.person, c.prop_key)][c.statement_id] = c
                if c.side:
                    self.sides[(c.side, c.prop_key)][c.statement_id] = c
        return up.findings
