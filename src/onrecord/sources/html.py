"""The one HTML reader: files, WARC records, the Spark job and the feed watcher all use it,
so an article reads the same whichever way it arrived."""

from __future__ import annotations

import re
from html import unescape

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from onrecord.model import Article, Problem
from onrecord.sources import guards
from onrecord.sources.normalize import normalize_date, slug_id, text_id

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre", "section", "article",
    "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip


def article_from_html(
    html: str | bytes,
    url: str | None = None,
    source: str | None = None,
    fallback_id: str | None = None,
    encoding: str | None = None,
) -> Article | Problem:
    """Main text and metadata of a news page.

    The id comes from the page's URL (given, or its canonical link), else `fallback_id`
    (a file stem), else a hash of the text. `encoding` is a charset from HTTP headers.
    """
    where = source or url or fallback_id or "<html>"
    try:
        text, note = _decode(html, encoding)
    except guards.Refused as exc:
        return Problem(where, str(exc))
    doc = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (doc.text or "") if doc is not None else ""
    if len(body.strip()) < guards.MIN_PAGE_TEXT_CHARS:
        return Problem(where, "no article text found in the HTML page")
    try:
        guards.check_text(body)
    except guards.Refused as exc:
        return Problem(where, str(exc))
    page_url = url or doc.url
    if page_url:
        article_id = slug_id(page_url)
    else:
        article_id = fallback_id or text_id("h", body)
    return Article(
        id=article_id,
        text=body,
        title=doc.title or None,
        outlet=doc.sitename or None,
        published=normalize_date(doc.date),
        url=page_url or None,
        source=f"{where} [{note}]" if note else where,
    )


def _decode(html: str | bytes, encoding: str | None) -> tuple[str, str | None]:
    if len(html) > guards.MAX_PAGE_BYTES:
        raise guards.Refused(
            f"HTML page too large ({guards.mb(len(html))}; the limit is {guards.mb(guards.MAX_PAGE_BYTES)})"
        )
    if isinstance(html, str):
        return html, None
    declared = encoding
    if not declared:
        m = _META_CHARSET.search(html[:4096])
        declared = m.group(1).decode("ascii") if m else None
    return guards.decode_bytes(html, declared)


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per block.

    Unlike trafilatura this keeps everything: a feed entry has no boilerplate to remove,
    and short entries would otherwise be dropped.
    """
    if "<" not in fragment:
        return _tidy(unescape(fragment))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(unescape(fragment))
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if el.tag in _BLOCKS:
                parts.append("\n")
            if el.text and el.tag not in ("script", "style"):
                parts.append(el.text)
            continue
        if event == "end" and el.tag in _BLOCKS:
            parts.append("\n")
        if el.tail and el is not root:
            parts.append(el.tail)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
