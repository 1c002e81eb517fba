"""`onrecord watch`: poll RSS/Atom feeds on a schedule and ingest the articles that are new.

Polite and cheap to run every few minutes: feeds are asked conditionally (ETag / Last-Modified,
kept in a small JSON state file beside the ledger), and an entry whose article the ledger already
holds is not fetched again. A feed that fails is retried with backoff within the poll, then left
alone for a while (doubling each time), and reported; the other feeds go on.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onrecord import __version__
from onrecord.model import Article, Problem
from onrecord.pipeline import IngestReport, ingest_items
from onrecord.sources import article_from_html, guards, parse_feed
from onrecord.sources.normalize import slug_id

USER_AGENT = f"onrecord/{__version__} (feed watcher)"
MAX_WAIT = 6 * 3600  # the longest a failing feed is left alone
_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h|d)", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def parse_every(text: str) -> float:
    """Seconds in an interval like `15m`, `1h30m`, `90s` or `2d` (a bare number is seconds)."""
    raw = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        seconds = float(raw)
    elif raw and _EVERY.sub("", raw) == "":
        seconds = sum(float(n) * _UNIT[u] for n, u in _EVERY.findall(raw))
    else:
        raise ValueError(f"cannot read the interval {text!r}; use e.g. 90s, 15m, 1h30m, 1d")
    if seconds <= 0:
        raise ValueError(f"the interval {text!r} must be longer than zero")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and `#` comments skipped. Raises ValueError naming bad lines."""
    urls, bad = [], []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith(("http://", "https://")):
            urls.append(line)
        else:
            bad.append(f"line {n}: {line[:60]!r}")
    if bad:
        raise ValueError(f"{path}: not http(s) feed URLs: " + "; ".join(bad[:5]))
    return list(dict.fromkeys(urls))


def state_path_for(db: str) -> Path:
    """`ledger.db` keeps its feed state in `ledger.db.watch.json`; a server ledger in the current folder."""
    return Path("onrecord-watch.json") if "://" in db else Path(f"{db.removeprefix('sqlite:///')}.watch.json")


class FetchError(Exception):
    def __init__(self, reason: str, transient: bool):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient  # worth retrying: 5xx, 429, timeouts, refused connections


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


def fetch(url: str, headers: dict[str, str], timeout: float, limit: int) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            body = r.read(limit + 1)
            if len(body) > limit:
                raise FetchError(f"larger than {guards.mb(limit)}", transient=False)
            return Response(r.status, body, {k.lower(): v for k, v in r.headers.items()})
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Response(304, b"", {k.lower(): v for k, v in e.headers.items()})
        raise FetchError(f"HTTP {e.code} {e.reason}", transient=e.code >= 500 or e.code in (408, 429)) from e
    except urllib.error.URLError as e:
        raise FetchError(f"cannot connect: {e.reason}", transient=True) from e
    except (OSError, http.client.HTTPException) as e:  # timeouts, resets, broken responses
        raise FetchError(f"{type(e).__name__}: {e}", transient=True) from e


@dataclass
class FeedResult:
    url: str
    status: str  # fetched | not modified | failed | waiting (left alone after failures)
    entries: int = 0
    known: int = 0  # entries whose article the ledger holds: their pages were not fetched
    pages: int = 0  # pages fetched
    pages_failed: int = 0  # pages to try again next poll (the feed's ETag is not kept for that)
    requests: int = 0  # feed and page requests made, retries included
    error: str | None = None


@dataclass
class PollReport:
    feeds: list[FeedResult] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)

    @property
    def failed(self) -> list[FeedResult]:
        return [f for f in self.feeds if f.status in ("failed", "waiting")]

    def summary(self) -> str:
        by = {
            s: sum(f.status == s for f in self.feeds)
            for s in ("fetched", "not modified", "failed", "waiting")
        }
        i = self.ingest
        return (
            f"{len(self.feeds)} feeds: {by['fetched']} fetched, {by['not modified']} not modified, "
            f"{by['failed']} failed, {by['waiting']} waiting after failures; {i.new} new articles, "
            f"{i.statements} statements, {i.already_present} already present, {len(i.problems)} problems"
        )


class Watcher:
    """Polls feeds into one ledger; `clock` and `sleep` are the test's to replace."""

    def __init__(
        self,
        ledger,
        state_path: str | Path,
        nlp=None,
        people: list[dict] | None = None,
        attempts: int = 3,
        backoff: float = 2.0,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.ledger, self.nlp, self.people = ledger, nlp, people  # people-file records, as for ingest
        self.state_path = Path(state_path)
        self.attempts, self.backoff, self.timeout = attempts, backoff, timeout
        self.clock, self.sleep = clock, sleep
        self.state = self._load_state()

    def poll(self, feeds: list[str]) -> PollReport:
        """One round over `feeds`, ingested as one run. A feed's new ETag / Last-Modified is kept
        only once its articles are stored, so a crash half-way never hides entries behind a 304."""
        report = PollReport()
        fetched: list[tuple[str, FeedResult, dict]] = []
        seen: set[str] = set()  # links taken this poll: a story in two feeds is fetched once

        def items() -> Iterator[Article | Problem]:
            for url in feeds:
                result, found, validators = self._poll_feed(url, seen)
                report.feeds.append(result)
                yield from found
                if validators is not None:
                    fetched.append((url, result, validators))

        try:
            report.ingest = ingest_items(items(), self.ledger, nlp=self.nlp, people=self.people)
            for url, result, validators in fetched:
                if not result.pages_failed:
                    self.state[url].update(validators)
        finally:
            self._save_state()
        return report

    def _poll_feed(self, url: str, seen: set[str]) -> tuple[FeedResult, list[Article | Problem], dict | None]:
        st = self.state.setdefault(url, {})
        if st.get("retry_at", 0) > self.clock():
            return FeedResult(url, "waiting", error=st.get("last_error")), [], None
        headers = {}
        if st.get("etag"):
            headers["If-None-Match"] = st["etag"]
        if st.get("last_modified"):
            headers["If-Modified-Since"] = st["last_modified"]
        result = FeedResult(url, "fetched")
        try:
            response = self._get(url, headers, guards.MAX_FEED_BYTES, result)
        except FetchError as e:
            st["failures"] = st.get("failures", 0) + 1
            st["retry_at"] = self.clock() + min(MAX_WAIT, 60 * 2 ** (st["failures"] - 1))
            st["last_error"] = result.error = e.reason
            result.status = "failed"
            return result, [Problem(url, f"feed failed after {result.requests} attempts: {e.reason}")], None
        for key in ("failures", "retry_at", "last_error"):
            st.pop(key, None)
        if response.status == 304:
            result.status = "not modified"
            return result, [], None
        items = self._articles(url, response.body, result, seen)
        validators = {
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
        return result, items, validators

    def _articles(self, url: str, body: bytes, result: FeedResult, seen: set[str]) -> list[Article | Problem]:
        items: list[Article | Problem] = []
        for entry in parse_feed(body, url):
            if isinstance(entry, Problem):
                items.append(entry)
                continue
            result.entries += 1
            link = entry.url
            if (link and link in seen) or self._known(entry):
                result.known += 1
                continue
            if link:
                seen.add(link)
            items.append(self._page(entry, result) if link else entry)
        return items

    def _known(self, entry: Article) -> bool:
        ids = [entry.id] + ([slug_id(entry.url)] if entry.url else [])
        return self.ledger.has_article(ids, entry.url)

    def _page(self, entry: Article, result: FeedResult) -> Article | Problem:
        """The full article from the entry's page, with the feed's metadata where the page has none.
        A page that cannot be read at all leaves the entry's own text; one that may come back (a
        timeout, a 5xx) is a problem, retried on the next poll since the feed's ETag is not kept."""
        try:
            response = self._get(entry.url, {}, guards.MAX_PAGE_BYTES, result)
        except FetchError as e:
            if e.transient:
                result.pages_failed += 1
                return Problem(entry.url, f"page not fetched: {e.reason}")
            return entry
        result.pages += 1
        charset = _CHARSET.search(response.headers.get("content-type", ""))
        page = article_from_html(response.body, url=entry.url, encoding=charset and charset.group(1))
        if isinstance(page, Problem):
            return entry
        page.title = page.title or entry.title
        page.outlet = page.outlet or entry.outlet
        page.published = page.published or entry.published
        page.source = entry.source
        return page

    def _get(self, url: str, headers: dict[str, str], limit: int, result: FeedResult) -> Response:
        attempt = 0
        while True:
            attempt += 1
            result.requests += 1
            try:
                return fetch(url, headers, self.timeout, limit)
            except FetchError as e:
                if not e.transient or attempt >= self.attempts:
                    raise
                self.sleep(self.backoff * 2 ** (attempt - 1))

    def _load_state(self) -> dict:
        if not self.state_path.exists():
            return {}
        try:
            return json.loads(self.state_path.read_text(encoding="utf-8")).get("feeds", {})
        except (ValueError, AttributeError):
            return {}  # a damaged state file only costs one unconditional poll

    def _save_state(self) -> None:
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        tmp.write_text(json.dumps({"feeds": self.state}, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.state_path)


def watch(
    feeds_file: str | Path,
    watcher: Watcher,
    every: float | None = None,
    on_poll: Callable[[PollReport], None] = lambda report: None,
) -> PollReport:
    """Poll once (`every` None), or forever every `every` seconds. The feed list is re-read each
    time, so feeds can be added while it runs; a list broken meanwhile is reported and the last
    good one kept. Raises ValueError or OSError when the list cannot be read the first time."""
    feeds = read_feed_list(feeds_file)
    while True:
        started = time.monotonic()
        report = watcher.poll(feeds)
        on_poll(report)
        if every is None:
            return report
        watcher.sleep(max(0.0, every - (time.monotonic() - started)))
        try:
            feeds = read_feed_list(feeds_file)
        except (ValueError, OSError) as e:
            watcher.ledger.record_problem(str(feeds_file), f"feed list not re-read, the last one kept: {e}")
