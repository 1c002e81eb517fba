"""What `onrecord spark --input` names: a glob, a folder, a listing of paths (Common Crawl's
`warc.paths` style), or single files. Order is kept, since it decides which copy of a wire story
is the original."""

from __future__ import annotations

import glob
import gzip
import os
import re
from pathlib import Path

_LISTING_NAMES = (".paths", ".paths.gz", ".txt", ".lst")
_INPUT_LINE = re.compile(
    r"^\S+\.(warc|warc\.gz|jsonl|jsonl\.gz|ndjson|ndjson\.gz|html?|txt|xml|rss|atom)$", re.I
)


def resolve_inputs(specs: str | list[str]) -> list[str]:
    """Absolute paths of the input files, in order; executors may run in another folder.

    A path that does not exist is kept: its partition reports it as a problem, like ingest does.
    """
    found: list[str] = []
    for spec in [specs] if isinstance(specs, str) else specs:
        if glob.has_magic(spec):
            found += sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
        elif os.path.isdir(spec):
            found += _walk(Path(spec))
        elif _is_listing(spec):
            found += _listed(Path(spec))
        else:
            found.append(spec)
    return [p if "://" in p else os.path.abspath(p) for p in found]


def _walk(top: Path) -> list[str]:
    """Files in a folder the way ingest walks it: recursively, sorted, hidden ones skipped."""
    files = [
        p
        for p in top.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(top).parts)
    ]
    return [str(p) for p in sorted(files, key=lambda p: p.parts)]


def _is_listing(spec: str) -> bool:
    """A text file whose every line names an input file (an article .txt never reads like that)."""
    if not spec.lower().endswith(_LISTING_NAMES) or not os.path.isfile(spec):
        return False
    lines = _lines(Path(spec), limit=65536)
    return bool(lines) and all(_INPUT_LINE.match(line) for line in lines)


def _listed(listing: Path) -> list[str]:
    """Relative lines are read against the listing's own folder; URLs are kept as they are."""
    return [
        line if os.path.isabs(line) or "://" in line else str(listing.parent / line)
        for line in _lines(listing)
    ]


def _lines(path: Path, limit: int = -1) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        text = f.read(limit)
    lines = text.splitlines()
    if limit > 0 and len(text) == limit:
        lines = lines[:-1]  # cut off mid-line
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]
