"""Article JSONL (see the contract): one article per line; a bad line is reported and skipped."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.normalize import normalize_date

_OPTIONAL = ("title", "outlet", "url")


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """Streams line by line, so a big file costs one line of memory."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        guards.check_not_binary(stream.peek(8192)[:8192])
        for lineno, line in _lines(stream):
            where = f"{path}:{lineno}"
            if line is None:
                yield Problem(where, f"line too long (over {guards.mb(guards.MAX_PAGE_BYTES)}); skipped")
            elif line.strip():
                yield _article(line, where)


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, with None for a line over the limit (its rest is read and dropped)."""
    lineno = 0
    while True:
        line = stream.readline(guards.MAX_PAGE_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) > guards.MAX_PAGE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _article(line: bytes, where: str) -> Article | Problem:
    try:
        record = json.loads(line.decode("utf-8-sig").strip())
    except UnicodeDecodeError as exc:
        return Problem(where, f"line is not valid UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return Problem(where, f"not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return Problem(where, f"expected a JSON object, got {type(record).__name__}")
    article_id, text = record.get("id"), record.get("text")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    for name, value in (("id", article_id), ("text", text)):
        if value is None:
            return Problem(where, f"missing required field '{name}'")
        if not isinstance(value, str):
            return Problem(where, f"field '{name}' must be a string, got {type(value).__name__}")
    if not article_id.strip():
        return Problem(where, "field 'id' is empty")
    try:
        guards.check_text(text)
    except guards.Refused as exc:
        return Problem(where, str(exc))
    extra = {
        k: record[k] if isinstance(record.get(k), str) and record[k].strip() else None for k in _OPTIONAL
    }
    return Article(
        id=article_id,
        text=text,
        published=normalize_date(record.get("published")),
        source=where,
        **extra,
    )
