"""URLs pasted into the ingest form, fetched by the ingest job: a news page becomes an article JSONL
line (keeping its URL), a feed is saved as is. Each failure is a problem for that URL only."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from onrecord.model import Article
from onrecord.sources import article_from_html
from onrecord.sources.guards import MAX_FEED_BYTES

TIMEOUT = 20
AGENT = "onrecord (+https://github.com/onrecord)"


def fetch_urls(urls: list[str], folder: Path) -> list[tuple[str, str]]:
    """Saves what each URL holds under `folder`; returns (url, reason) for those that failed."""
    problems: list[tuple[str, str]] = []
    pages: list[dict] = []
    for n, url in enumerate(urls):
        try:
            data, ctype, charset = _get(url)
        except (urllib.error.URLError, OSError, ValueError) as e:
            problems.append((url, f"could not be fetched: {getattr(e, 'reason', None) or e}"))
            continue
        head = data[:400].lstrip().lower()
        if "xml" in ctype or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
            (folder / f"url-{n:03d}.xml").write_bytes(data)
            continue
        got = article_from_html(data, url=url, source=url, encoding=charset)
        if isinstance(got, Article):
            pages.append({k: getattr(got, k) for k in ("id", "text", "title", "outlet", "published", "url")})
        else:
            problems.append((url, got.reason))
    if pages:
        with (folder / "urls.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in pages)
    return problems


def _get(url: str) -> tuple[bytes, str, str | None]:
    if not url.startswith(("http://", "https://")):
        raise ValueError("only http and https URLs are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": AGENT})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        data = response.read(MAX_FEED_BYTES + 1)
        if len(data) > MAX_FEED_BYTES:
            raise ValueError(f"larger than {MAX_FEED_BYTES // 1_000_000} MB")
        return data, response.headers.get_content_type(), response.headers.get_content_charset()
