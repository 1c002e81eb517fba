"""Export files: the contract's JSONL for outside checks, CSV for spreadsheets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

STATEMENT_CSV = (
    "id article_id speaker speaker_role anonymous kind text date date_precision topic stance cue venue "
    "outlet title url published start end"
).split()
PEOPLE_CSV = "id name kind anonymous affiliation roles forms statements first_date last_date".split()


def write_export(ledger, out_dir: Path) -> dict:
    """statements.jsonl and findings.jsonl (contract.md), statements.csv and people.csv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {"statements": 0, "findings": 0, "people": 0}
    with (out_dir / "statements.jsonl").open("w", encoding="utf-8") as f:
        for rec in ledger.iter_statements():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts["statements"] += 1
    with (out_dir / "findings.jsonl").open("w", encoding="utf-8") as f:
        for rec in ledger.iter_findings():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts["findings"] += 1
    with (out_dir / "statements.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=STATEMENT_CSV, extrasaction="ignore")
        w.writeheader()
        for row in ledger._stream('SELECT * FROM statement_view ORDER BY article_id, start, "end", id'):
            w.writerow({**row, "anonymous": bool(row["anonymous"])})
    with (out_dir / "people.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=PEOPLE_CSV, extrasaction="ignore")
        w.writeheader()
        for p in ledger.people():
            w.writerow({**p, "roles": "; ".join(p["roles"]), "forms": "; ".join(p["forms"])})
            counts["people"] += 1
    return counts
