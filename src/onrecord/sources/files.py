"""Single-article files: plain text and saved HTML pages."""

from __future__ import annotations

import re
from pathlib import Path

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.html import article_from_html

_SENTENCE_END = re.compile(r"[.!?:;,\"'\u201d\u2019)]$")


def read_txt(path: Path) -> Article:
    """The text is the file's content exactly, so statement offsets index into the file."""
    guards.check_file_size(path, guards.MAX_PAGE_BYTES)
    text, note = guards.decode_bytes(path.read_bytes())
    guards.check_text(text)
    return Article(
        id=path.stem,
        text=text,
        title=_headline(text),
        source=f"{path} [{note}]" if note else str(path),
    )


def _headline(text: str) -> str | None:
    """The first line, when it reads like a headline above a body rather than a sentence."""
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 2 or not lines[0] or len(lines[0]) > 150:
        return None
    if _SENTENCE_END.search(lines[0]) or not any(lines[1:]):
        return None
    return lines[0]


def read_html_file(path: Path) -> Article | Problem:
    guards.check_file_size(path, guards.MAX_PAGE_BYTES)
    return article_from_html(path.read_bytes(), source=str(path), fallback_id=path.stem)
