"""An in-memory ledger of claims and findings with the same bucket lookups the SQL ledger offers:
for tests, the scale benchmark and exporting findings of a batch without a database."""

from __future__ import annotations

from collections import defaultdict

from .claims import Claim
from .detect import merge_finding, update_findings
from .when import interval


def _months(start: str, end: str) -> list[str]:
    y, m = int(start[:4]), int(start[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= end[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class MemoryIndex:
    def __init__(self) -> None:
        self.persons: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
        # side claims by month of their date, so a time-window lookup reads only those months
        self.sides: dict[tuple[str, str, str], dict[str, Claim]] = defaultdict(dict)
        self.findings: dict[str, dict] = {}
        self.bucket_of: dict[str, set[str]] = defaultdict(set)  # bucket -> finding ids

    def by_person(self, person: str, prop_key: str) -> list[Claim]:
        return list(self.persons.get((person, prop_key), {}).values())

    def by_side(self, side: str, prop_key: str, start: str, end: str) -> list[Claim]:
        out = []
        for month in [*_months(start, end), start[:4]]:  # year-precision dates sit under their year
            out.extend(self.sides.get((side, prop_key, month), {}).values())
        return out

    def store(self, claims: list[Claim]) -> None:
        for c in claims:
            if c.prop_key:
                self.persons[(c.person, c.prop_key)][c.statement_id] = c
                if c.side and c.date and interval(c.date):
                    slot = c.date[:7] if len(c.date) >= 7 else c.date[:4]
                    self.sides[(c.side, c.prop_key, slot)][c.statement_id] = c

    def add(self, claims: list[Claim]) -> list[dict]:
        """Store one article's claims and apply the findings they change; returns those findings."""
        up = update_findings(claims, self)
        for bucket in up.buckets:
            for fid in self.bucket_of.pop(bucket, ()):
                self.findings.pop(fid, None)
        for f in up.findings:
            self.findings[f["id"]] = f
            self.bucket_of[f["bucket"]].add(f["id"])
        for f in up.merge:
            self.findings[f["id"]] = merge_finding(self.findings.get(f["id"]), f)
        self.store(claims)
        return up.findings + up.merge
