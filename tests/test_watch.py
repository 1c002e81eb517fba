"""The feed watcher against feeds and pages served from 127.0.0.1: conditional requests, no
refetching of known articles, failing feeds retried with backoff and reported."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from onrecord.store import open_ledger
from onrecord.watch import Watcher, parse_every, read_feed_list, state_path_for, watch

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Lakeside Ledger"></head><body>
<nav>Home | Politics | Weather</nav><article><h1>{title}</h1>
<p>{body}</p>
<p>The council will meet again next month to discuss the remaining items on its agenda,
including a proposal to extend the opening hours of the public library on weekends.</p>
</article><footer>Copyright Lakeside Ledger</footer></body></html>"""

BODIES = {
    "bridge": '"We will open the new bridge in May," Mayor Ada Quill said on Tuesday. The bridge has been '
    "closed for two years while crews replaced its steel deck and repaired the piers below the river.",
    "budget": 'Treasurer Omar Lind said the town would "balance the books without new taxes" this year. '
    "He told reporters that spending on roads would stay at the level the council approved last spring.",
    "school": '"Every classroom will have a new heating system by winter," school board chair Rita Vance '
    "said. The board voted five to two for the plan after a long debate about its cost to the district.",
}


def rss(base: str, names: list[str]) -> str:
    items = "".join(
        f"<item><title>{n.title()} story</title><link>{base}/{n}.html</link><guid>{base}/{n}.html</guid>"
        f"<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate><description>Short summary of the {n} story, "
        f"which the full page tells at greater length.</description></item>"
        for n in names
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Ledger</title>{items}</channel></rss>'


class Site:
    """What the local server answers: routes of (status, body, headers), with failures to play first."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, dict]] = {}
        self.fail_first: dict[str, int] = {}  # path -> how many 500s before the real answer
        self.requests: list[tuple[str, dict]] = []

    def hits(self, path: str) -> int:
        return sum(p == path for p, _ in self.requests)


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append((self.path, dict(self.headers)))
            if state.fail_first.get(self.path, 0) > 0:
                state.fail_first[self.path] -= 1
                return self._send(500, "server error", {})
            status, body, headers = state.routes.get(self.path, (404, "not found", {}))
            etag, modified = headers.get("ETag"), headers.get("Last-Modified")
            if (etag and self.headers.get("If-None-Match") == etag) or (
                modified and self.headers.get("If-Modified-Since") == modified
            ):
                return self._send(304, "", headers)
            self._send(status, body, headers)

        def _send(self, status, body, headers):
            data = body.encode("utf-8")
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    for name, body in BODIES.items():
        html = PAGE.format(title=f"{name.title()} story", body=body)
        state.routes[f"/{name}.html"] = (200, html, {"Content-Type": "text/html; charset=utf-8"})
    yield state
    server.shutdown()
    server.server_close()


class Clock:
    def __init__(self):
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def watcher(tmp_path, clock):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        yield Watcher(
            ledger,
            state_path_for(str(tmp_path / "ledger.db")),
            attempts=3,
            backoff=0.5,
            clock=clock,
            sleep=clock.sleep,
        )


def test_parse_every():
    assert parse_every("15m") == 900
    assert parse_every("1h30m") == 5400
    assert parse_every("90s") == 90
    assert parse_every("2d") == 172800
    assert parse_every("45") == 45
    for bad in ("15x", "", "m", "0m", "15m garbage"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_feed_list_skips_comments_and_names_bad_lines(tmp_path):
    good = tmp_path / "feeds.txt"
    good.write_text("# local news\nhttp://a.example/rss\n\nhttps://b.example/atom\nhttp://a.example/rss\n")
    assert read_feed_list(good) == ["http://a.example/rss", "https://b.example/atom"]
    bad = tmp_path / "bad.txt"
    bad.write_text("http://a.example/rss\nftp://c.example/feed\n")
    with pytest.raises(ValueError, match="line 2"):
        read_feed_list(bad)


def test_etag_304_and_known_articles_not_fetched_again(site, watcher, tmp_path):
    site.routes["/news.rss"] = (200, rss(site.base, ["bridge", "budget"]), {"ETag": '"v1"'})
    feed = site.base + "/news.rss"

    first = watcher.poll([feed])
    assert [f.status for f in first.feeds] == ["fetched"]
    assert first.ingest.new == 2 and first.feeds[0].pages == 2
    # the quotes are on the pages only (the feed carries summaries): the pages were read
    speakers = {s["speaker"]["name"] for s in watcher.ledger.iter_statements()}
    assert "Ada Quill" in speakers and any("Omar Lind" in name for name in speakers)
    state = json.loads((tmp_path / "ledger.db.watch.json").read_text())
    assert state["feeds"][feed]["etag"] == '"v1"'

    second = watcher.poll([feed])
    assert second.feeds[0].status == "not modified"
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'
    assert site.hits("/bridge.html") == 1

    # a new version of the feed: only the new entry's page is fetched
    site.routes["/news.rss"] = (200, rss(site.base, ["bridge", "budget", "school"]), {"ETag": '"v2"'})
    third = watcher.poll([feed])
    assert third.feeds[0].known == 2 and third.feeds[0].pages == 1
    assert (site.hits("/bridge.html"), site.hits("/budget.html"), site.hits("/school.html")) == (1, 1, 1)
    assert third.ingest.new == 1
    assert watcher.ledger.counts()["articles"] == 3


def test_last_modified_is_sent_back(site, watcher):
    stamp = "Tue, 04 Mar 2025 10:00:00 GMT"
    site.routes["/lm.rss"] = (200, rss(site.base, ["school"]), {"Last-Modified": stamp})
    watcher.poll([site.base + "/lm.rss"])
    again = watcher.poll([site.base + "/lm.rss"])
    assert again.feeds[0].status == "not modified"
    assert site.requests[-1][1].get("If-Modified-Since") == stamp


def test_failing_feed_retried_with_backoff_and_reported_others_go_on(site, watcher, clock):
    site.routes["/good.rss"] = (200, rss(site.base, ["bridge"]), {})
    site.routes["/flaky.rss"] = (200, rss(site.base, ["budget"]), {})
    site.fail_first["/flaky.rss"] = 1
    site.routes["/down.rss"] = (500, "down", {})
    feeds = [site.base + p for p in ("/down.rss", "/flaky.rss", "/good.rss")]

    report = watcher.poll(feeds)
    down, flaky, good = report.feeds
    assert (down.status, down.requests) == ("failed", 3)
    assert "HTTP 500" in down.error
    assert clock.slept[:2] == [0.5, 1.0]  # backoff doubles between attempts
    assert (flaky.status, good.status) == ("fetched", "fetched")
    assert report.ingest.new == 2
    assert report.failed == [down]
    assert any("feed failed after 3 attempts" in reason for _, reason in report.ingest.problems)
    assert any("HTTP 500" in p["reason"] for p in watcher.ledger.problems())

    # right after, the failing feed is left alone; once its wait is over it is tried again
    hits = site.hits("/down.rss")
    assert watcher.poll(feeds).feeds[0].status == "waiting"
    assert site.hits("/down.rss") == hits
    clock.now += 3600
    assert watcher.poll(feeds).feeds[0].status == "failed"
    assert site.hits("/down.rss") == hits + 3


def test_unreadable_page_falls_back_to_feed_text_and_flaky_page_is_retried(site, watcher):
    items = (
        f"<item><title>Gone</title><link>{site.base}/gone.html</link><description>Harbor master Lena Ortiz "
        "said the ferry would run every hour from June, and that tickets would cost the same as last year."
        "</description></item>"
    )
    site.routes["/mixed.rss"] = (
        200,
        rss(site.base, ["budget"]).replace("</channel>", items + "</channel>"),
        {"ETag": '"m1"'},
    )
    site.fail_first["/budget.html"] = 5  # more than the attempts: this poll cannot get it
    feed = site.base + "/mixed.rss"

    first = watcher.poll([feed])
    assert first.feeds[0].pages_failed == 1
    assert first.ingest.new == 1  # the 404 page: the entry's own text is stored
    assert "Lena Ortiz" in {s["speaker"]["name"] for s in watcher.ledger.iter_statements()}

    # the feed's ETag was not kept, so the next poll sees the entry again and gets its page
    second = watcher.poll([feed])
    assert second.feeds[0].status == "fetched"
    assert second.ingest.new == 1 and second.feeds[0].known == 1


def test_watch_once_reads_the_feed_list(site, watcher, tmp_path):
    site.routes["/news.rss"] = (200, rss(site.base, ["school"]), {})
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.base + "/news.rss\n")
    seen = []
    report = watch(feeds, watcher, every=None, on_poll=seen.append)
    assert seen == [report] and report.ingest.new == 1
    assert "1 fetched" in report.summary()


class Stop(Exception):
    pass


def test_watch_on_schedule_rereads_the_list_and_keeps_the_last_good_one(site, tmp_path, clock):
    site.routes["/one.rss"] = (200, rss(site.base, ["bridge"]), {})
    site.routes["/two.rss"] = (200, rss(site.base, ["budget"]), {})
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.base + "/one.rss\n")
    polls = []

    def sleep(seconds):
        clock.slept.append(seconds)
        if len(clock.slept) == 1:
            feeds.write_text(f"{site.base}/one.rss\n{site.base}/two.rss\n")  # a feed added while running
        elif len(clock.slept) == 2:
            feeds.write_text("not a url\n")
        else:
            raise Stop

    with open_ledger(tmp_path / "ledger.db") as ledger:
        watcher = Watcher(ledger, tmp_path / "state.json", clock=clock, sleep=sleep)
        with pytest.raises(Stop):
            watch(feeds, watcher, every=900, on_poll=polls.append)
        assert [len(p.feeds) for p in polls] == [1, 2, 2]
        assert 0 < clock.slept[0] <= 900
        assert ledger.counts()["articles"] == 2
        assert any("feed list not re-read" in p["reason"] for p in ledger.problems())
