"""Input guards shared by every reader.

Readers raise `Refused` with a reason a person can act on; the caller turns it into a
`Problem` so one bad input never stops a run. Limits are module constants, read at call
time, so a caller (or a test) can change them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

MAX_ARTICLE_CHARS = 2_000_000  # one article's text
MAX_PAGE_BYTES = 10_000_000  # one text file, HTML page, JSONL line or WARC payload, before extraction
MAX_FEED_BYTES = 20_000_000  # one RSS/Atom file (feedparser needs it whole)
MIN_PAGE_TEXT_CHARS = 25  # less from an HTML page is a menu or a caption, not an article

_MAGIC = {
    b"%PDF-": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}
_ASCII = bytes(range(128))
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class Refused(Exception):
    """An input that cannot be used; the message is the reason shown to the user."""


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_file_size(path: Path, limit: int) -> int:
    """Refuse by `stat` before reading, so a huge file is never loaded just to be refused."""
    size = path.stat().st_size
    if size > limit:
        raise Refused(f"file is too large ({mb(size)}; the limit is {mb(limit)})")
    return size


def check_not_binary(head: bytes) -> None:
    if head.startswith(_UTF16_BOMS):
        return
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise Refused(f"binary file ({kind}), not text")
    if b"\x00" in head:
        raise Refused("binary file (contains NUL bytes), not text")


def check_text(text: str) -> None:
    if not text.strip():
        raise Refused("empty article: no text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise Refused(f"article text too long ({len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode text and say how, when it was not plain UTF-8.

    Returns (text, note); note is None for UTF-8 or a declared charset that fits. A guess
    is only made where it cannot produce mojibake silently: mostly-UTF-8 with a few bad
    bytes is repaired with U+FFFD, English-like text with a few high bytes is read as
    cp1252, anything else is refused.
    """
    check_not_binary(data[:8192])
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), None
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16"), None
    if declared:
        try:
            return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    high = len(data.translate(None, _ASCII))
    in_utf8 = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    if in_utf8 >= high / 2:  # mostly well-formed UTF-8: a damaged UTF-8 file, not another encoding
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        return text, f"invalid UTF-8 from byte {first_bad}: {bad} bad sequence(s) replaced with U+FFFD"
    if high <= max(8, len(data) // 50):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _CONTROL.search(text):
            return text, "not UTF-8; decoded as cp1252 (Windows Western)"
    raise Refused(
        f"not UTF-8 (first bad byte at {first_bad}) and no safe guess of the encoding; re-save as UTF-8"
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Refused(f"invalid {encoding} text at byte {exc.start}") from None
