"""Readers that turn files and folders into `Article` records.

Every input either becomes articles or a `Problem` with its reason; nothing here stops a
run because one input is bad.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.feeds import parse_feed, read_feed
from onrecord.sources.files import read_html_file, read_txt
from onrecord.sources.html import article_from_html
from onrecord.sources.jsonl import read_jsonl
from onrecord.sources.normalize import normalize_date
from onrecord.sources.warc import WarcCounts, iter_warc, looks_english

__all__ = [
    "WarcCounts",
    "article_from_html",
    "iter_warc",
    "looks_english",
    "normalize_date",
    "parse_feed",
    "read_inputs",
]

_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}
_SUFFIXES_LONGEST_FIRST = sorted(_BY_SUFFIX, key=len, reverse=True)
_SUPPORTED = ".txt, .html, .jsonl, .xml/.rss/.atom feeds, .warc(.gz)"


def read_inputs(
    paths: Iterable[str | Path], published: str | None = None, outlet: str | None = None
) -> Iterator[Article | Problem]:
    """Articles from files and folders (recursively, in sorted order, hidden files skipped).

    `published` and `outlet` fill in what an input does not carry itself (a `.txt` file
    carries neither). Raises ValueError only for an unreadable `published` argument.
    """
    default_day = normalize_date(published)
    if published and default_day is None:
        raise ValueError(f"cannot read the date {published!r}; use YYYY-MM-DD")
    for path in _files(paths):
        for item in _read_path(path):
            if isinstance(item, Article):
                item.published = item.published or default_day
                item.outlet = item.outlet or outlet
            yield item


def _files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield Problem(str(path), "no such file or directory")


def _walk(top: Path) -> Iterator[Path | Problem]:
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, dirs, names in os.walk(top, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, n) for n in names if not n.startswith("."))
    yield from sorted(found, key=lambda p: p.parts)
    for exc in errors:
        yield Problem(str(exc.filename), f"cannot read folder: {exc.strerror}")


def _read_path(path: Path | Problem) -> Iterator[Article | Problem]:
    if isinstance(path, Problem):
        yield path
        return
    try:
        if not path.is_file():
            yield Problem(str(path), "not a regular file")
            return
        kind = _kind(path)
        if kind is None:
            suffix = "".join(path.suffixes[-2:]) or "no extension"
            yield Problem(str(path), f"unsupported file type ({suffix}); readable: {_SUPPORTED}")
            return
        yield from _READERS[kind](path)
    except guards.Refused as exc:
        yield Problem(str(path), str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(str(path), f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix):
            return _BY_SUFFIX[suffix]
    return _sniff(path)


def _sniff(path: Path) -> str | None:
    """Kind from the first bytes, for files whose name does not say."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as f:
                inner = _sniff_head(f.read(4096))
        except (OSError, EOFError, zlib.error):
            return None
        return inner if inner in ("warc", "jsonl") else None
    return _sniff_head(head)


def _sniff_head(head: bytes) -> str | None:
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"warc/1."):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _read_txt(path: Path) -> Iterator[Article | Problem]:
    yield read_txt(path)


def _read_html(path: Path) -> Iterator[Article | Problem]:
    yield read_html_file(path)


def _read_warc(path: Path) -> Iterator[Article | Problem]:
    counts = WarcCounts()
    yield from iter_warc(path, counts)
    if counts.skipped:
        yield Problem(str(path), counts.summary())


_READERS: dict[str, Callable[[Path], Iterator[Article | Problem]]] = {
    "txt": _read_txt,
    "html": _read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": _read_warc,
}
