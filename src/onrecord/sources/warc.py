"""WARC archives (plain or gzip): English HTML responses become articles.

Crawls are mostly pages that are not news (images, scripts, other languages), so those
are counted, not reported one by one. A corrupt record is reported and skipped: on a
seekable file the reader finds the next record start and goes on from there.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.html import article_from_html

_GZIP_MAGIC = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_WORD = re.compile(r"[a-z']+")
# Frequent in English, rare as words elsewhere: a page without a declared language is
# English when enough of its words are these.
_STOPWORDS = frozenset(
    "the of and to is was that with for on said it he she they by from has have be this are at his her "
    "which who not but would were will had their its been there after about than them also could".split()
)


@dataclass
class WarcCounts:
    """What one WARC (or many, summed) held; the Spark job adds these up across files."""

    records: int = 0
    articles: int = 0
    non_html: int = 0
    non_english: int = 0
    no_text: int = 0
    too_large: int = 0
    corrupt: int = 0

    @property
    def skipped(self) -> int:
        return self.non_html + self.non_english + self.no_text + self.too_large + self.corrupt

    def add(self, other: WarcCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        kinds = [
            f"{n} {label}"
            for n, label in (
                (self.non_html, "non-HTML"),
                (self.non_english, "non-English"),
                (self.no_text, "without article text"),
                (self.too_large, "too large"),
                (self.corrupt, "corrupt"),
            )
            if n
        ]
        return f"{self.records} WARC records, {self.articles} articles; skipped " + ", ".join(
            kinds or ["none"]
        )


def looks_english(text: str, declared: str | None = None) -> bool:
    """Declared language when there is one, else the share of common English words."""
    if declared:
        return any(tag.strip().lower().startswith("en") for tag in declared.split(","))
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 20:
        return True  # too short to judge; let it through
    return sum(w in _STOPWORDS for w in words) / len(words) >= 0.12


def iter_warc(
    path_or_stream: str | Path | BinaryIO, counts: WarcCounts | None = None
) -> Iterator[Article | Problem]:
    """Articles from one WARC; pass `counts` to learn what was skipped and why."""
    counts = counts if counts is not None else WarcCounts()
    if isinstance(path_or_stream, (str, Path)):
        with open(path_or_stream, "rb") as stream:
            yield from _articles(stream, str(path_or_stream), counts)
    else:
        name = getattr(path_or_stream, "name", None)
        yield from _articles(path_or_stream, str(name) if name else "<warc stream>", counts)


def _articles(stream: BinaryIO, source: str, counts: WarcCounts) -> Iterator[Article | Problem]:
    for item in _records(stream, source, counts):
        if isinstance(item, Problem):
            yield item
            continue
        offset, url, headers, payload = item
        where = f"{source}@{offset}"
        if headers is None:
            continue  # requests, metadata, warcinfo: not pages, not skipped either
        if payload is None:
            counts.non_html += 1
        elif len(payload) > guards.MAX_PAGE_BYTES:
            counts.too_large += 1
        elif not _declared_english(headers, payload):
            counts.non_english += 1
        else:
            charset = _CHARSET.search(headers.get("content-type", ""))
            article = article_from_html(payload, url=url, source=where, encoding=charset and charset.group(1))
            if isinstance(article, Problem):
                counts.no_text += 1
            elif not looks_english(article.text):
                counts.non_english += 1
            else:
                counts.articles += 1
                yield article


def _declared_english(headers: dict[str, str], payload: bytes) -> bool:
    declared = headers.get("content-language")
    if not declared:
        m = _HTML_LANG.search(payload[:65536])
        declared = m.group(1).decode("ascii") if m else None
    return looks_english("", declared) if declared else True


def _records(stream: BinaryIO, source: str, counts: WarcCounts) -> Iterator[tuple | Problem]:
    """(offset, url, http headers, HTML payload) per record, resyncing after corruption."""
    seekable = stream.seekable()
    gz = seekable and _peek(stream, stream.tell(), 2) == _GZIP_MAGIC[:2]
    while True:
        iterator = ArchiveIterator(stream, check_digests=False)
        started_at = None  # offset of the record being read, once its header parsed
        try:
            for record in iterator:
                started_at = iterator.offset
                url, headers, payload = _read(record)
                offset = iterator.get_record_offset()  # reads the record to its end
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError(f"record truncated: {record.raw_stream.limit} bytes missing")
                counts.records += 1
                yield offset, url, headers, payload
                started_at = None
            if seekable and _has_data(stream, iterator.offset):
                raise EOFError("unreadable data at the end of the archive")
            return
        except Exception as exc:  # warcio raises many error types on damaged input
            bad_at = iterator.offset if started_at is None else started_at
            counts.corrupt += 1
            yield Problem(source, f"corrupt WARC record at byte {bad_at} skipped ({_short(exc)})")
            if not seekable:
                yield Problem(
                    source, "stream cannot seek past the corrupt record; rest of the archive not read"
                )
                return
            found = _next_record_start(stream, bad_at + 1, gz)
            if found is None:
                return
            stream.seek(found)


def _read(record) -> tuple[str | None, dict[str, str] | None, bytes | None]:
    """HTTP headers for responses only; the payload only for HTML, at most one byte over the limit."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response" and record.http_headers is not None:
        headers = {k.lower(): v for k, v in record.http_headers.headers}
    elif record.rec_type == "resource":
        headers = {"content-type": record.rec_headers.get_header("Content-Type") or ""}
    else:
        return url, None, None
    if not headers.get("content-type", "").lower().strip().startswith(_HTML_TYPES):
        return url, headers, None
    return url, headers, record.content_stream().read(guards.MAX_PAGE_BYTES + 1)


def _has_data(stream: BinaryIO, pos: int) -> bool:
    stream.seek(pos)
    return bool(stream.read(4096).strip())


def _peek(stream: BinaryIO, pos: int, n: int) -> bytes:
    stream.seek(pos)
    head = stream.read(n)
    stream.seek(pos)
    return head


def _next_record_start(stream: BinaryIO, start: int, gz: bool) -> int | None:
    """The next offset at or after `start` where a WARC record (or its gzip member) begins."""
    magic = _GZIP_MAGIC if gz else b"WARC/1."
    chunk_at = start
    while True:
        stream.seek(chunk_at)
        chunk = stream.read(1 << 20)
        if len(chunk) < len(magic):
            return None
        i = chunk.find(magic)
        while i != -1:
            if _is_record_start(_peek(stream, chunk_at + i, 4096), gz):
                return chunk_at + i
            i = chunk.find(magic, i + 1)
        chunk_at += len(chunk) - len(magic) + 1


def _is_record_start(head: bytes, gz: bool) -> bool:
    if gz:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n"))


def _short(exc: Exception) -> str:
    """A reason fit to show: no raw binary, no internals of the WARC library."""
    if not isinstance(exc, (ArchiveLoadFailed, EOFError, zlib.error)):
        return "unreadable record"
    text = str(exc)
    head, _, line = text.partition(", first line: ")
    line = line.strip()
    if line and not (line.isascii() and line.isprintable()):
        text = f"{head} (binary data where a record header should be)"
    elif line:
        text = f"{head}: {line!r}"
    return text if len(text) <= 100 else text[:97] + "..."
