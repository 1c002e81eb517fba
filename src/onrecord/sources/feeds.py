"""RSS and Atom files: each entry with text becomes an article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import feedparser

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.html import fragment_text
from onrecord.sources.normalize import normalize_date, slug_id, text_id


def read_feed(path: Path) -> Iterator[Article | Problem]:
    guards.check_file_size(path, guards.MAX_FEED_BYTES)
    data = path.read_bytes()
    guards.check_not_binary(data[:8192])
    yield from parse_feed(data, str(path))


def parse_feed(data: bytes | str, source: str) -> Iterator[Article | Problem]:
    """Entries of one feed document; `source` names it (a path or the feed's URL)."""
    # feedparser opens a str or bytes that names a URL or a file; a stream is always the document
    parsed = feedparser.parse(io.BytesIO(data.encode("utf-8") if isinstance(data, str) else data))
    if not parsed.entries:
        if parsed.bozo:
            reason = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})"
        else:
            reason = "feed has no entries"
        yield Problem(source, reason)
        return
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        yield _entry_article(entry, outlet, f"{source}#{n}")


def _entry_article(entry: dict, outlet: str | None, where: str) -> Article | Problem:
    text = _entry_text(entry)
    try:
        guards.check_text(text)
    except guards.Refused as exc:
        return Problem(where, f"feed entry: {exc}")
    link = entry.get("link") or ""
    link = link if link.startswith(("http://", "https://")) else None
    key = entry.get("id") or link
    title = entry.get("title") or None
    return Article(
        id=slug_id(key) if key else text_id("f", title or "", text),
        text=text,
        title=title,
        outlet=outlet,
        published=normalize_date(entry.get("published") or entry.get("updated"))
        or normalize_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=link,
        source=where,
    )


def _entry_text(entry: dict) -> str:
    """The fullest body the entry carries: content when present, else the summary."""
    bodies = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if entry.get("summary"):
        bodies.append((entry["summary"], entry.get("summary_detail", {}).get("type") or "text/html"))
    texts = [value.strip() if kind == "text/plain" else fragment_text(value) for value, kind in bodies]
    return max(texts, key=len, default="")
