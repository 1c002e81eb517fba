"""What a person sees, in real headless Chromium: the demo corpus through the real pipeline, served by
uvicorn on loopback. Set ONRECORD_SCREENSHOTS=docs/screenshots to refresh the README's screenshots."""

from __future__ import annotations

import os
import re
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from onrecord.store import open_ledger
from onrecord.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from ledgers import demo_ledger, hostile_ledger, hostile_pages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TOKEN = "browser-token"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


class Server:
    """uvicorn on a free loopback port, in a thread of this process."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    with open_ledger(db) as led:
        built = demo_ledger(led)
    server = Server(create_app(db, token=TOKEN))
    yield server, built
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records dialogs and console errors (a CSP violation is one): none may happen."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.seen_dialogs, pg.seen_errors = [], []
    pg.on("dialog", lambda d: (pg.seen_dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: m.type == "error" and pg.seen_errors.append(m.text))
    yield pg
    assert pg.seen_dialogs == [] and pg.seen_errors == []
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    wanted = os.environ.get("ONRECORD_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page, shots, name):
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one


def test_home_shows_the_ledger_findings_and_speakers(demo, page, shots):
    server, built = demo
    page.goto(server.base + "/")
    assert page.locator("h1").inner_text() == "Who said what, when"
    counts = page.locator("dl.counts").inner_text()
    assert re.search(rf"Statements\s+{built['statements']}", counts)
    assert page.locator("ul.findings li").count() == len(built["findings"]) > 0
    assert "Helen Marsh" in page.locator("ol.ranked").first.inner_text()
    assert "Last ingest" in page.locator("p.last-ingest").inner_text()
    shoot(page, shots, "home")


def test_from_a_finding_to_the_article_where_it_was_said(demo, page, shots):
    server, _ = demo
    page.goto(server.base + "/findings")
    page.get_by_role("link", name=re.compile("reversal on harbor bridge toll")).click()
    assert page.locator(".side").count() == 2
    marked = page.locator(".side blockquote.evidence mark").all_inner_texts()
    assert len(marked) == 2 and all(m.strip() for m in marked)
    assert "Helen Marsh" in page.locator(".sides").inner_text()
    shoot(page, shots, "finding")
    first_words = marked[0]
    page.locator(".side a.to-article").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and "#m-s_" in page.url
    target = page.locator("mark.st:target")
    assert target.count() == 1 and target.inner_text() == first_words  # the very words, highlighted in place


def test_article_highlights_every_statement_with_speaker_and_date(demo, page, shots):
    server, _ = demo
    page.goto(server.base + "/articles/cpr-2025-02-14-bridge-toll-on-the-table")
    marks = page.locator(".story mark.st")
    listed = page.locator("article.statement")
    assert marks.count() >= 5 and marks.count() <= listed.count()
    mark = page.locator("mark.st", has_text="on the table").nth(1)
    mark.click()  # click (or hover) shows who said it and when
    tip = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert "Helen Marsh" in tip and "2025-02-13" in tip
    assert page.get_by_text("Governor Helen Marsh told Channel 4 News").count() == 1
    shoot(page, shots, "article")


def test_person_page_has_forms_roles_chart_and_statements(demo, page, shots):
    server, _ = demo
    page.goto(server.base + "/people")
    page.get_by_role("link", name="Helen Marsh").click()
    assert page.locator("h1").inner_text() == "Helen Marsh"
    assert "Marsh" in page.locator("ul.forms").inner_text()
    assert "Governor" in page.locator("table.list").inner_text()
    chart = page.locator("figure.chart svg")
    assert chart.count() == 1 and chart.bounding_box()["height"] > 40
    assert page.locator("svg circle.dot.stance-against").count() >= 1
    assert page.locator("svg circle.dot.stance-open, svg circle.dot.stance-for").count() >= 1
    assert page.locator("article.statement").count() >= 5
    shoot(page, shots, "person")


def test_topic_chart_shows_who_stands_where(demo, page, shots):
    server, _ = demo
    page.goto(server.base + "/topics")
    page.get_by_role("link", name="gas tax increase").click()
    labels = page.locator("svg text.label").all_text_contents()
    assert "Daniel Okafor" in labels and "Luis Ortega" in labels
    dot = page.locator("svg a circle.dot").first
    assert dot.locator("title").count() == 1
    dot.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and page.locator("mark.st:target").count() == 1
    page.go_back()
    shoot(page, shots, "topic")


def test_search_with_filters_and_pages(demo, page, shots):
    server, _ = demo
    page.goto(server.base + "/")
    page.get_by_role("searchbox", name="Search statements").fill("toll")
    page.get_by_role("button", name="Search").first.click()
    results = page.locator(".results article.statement")
    assert results.count() >= 3
    assert "toll" in results.first.inner_text().lower()
    page.fill("#speaker", "Marsh")
    page.select_option("#kind", "direct")
    page.get_by_role("button", name="Search").last.click()
    assert "speaker=Marsh" in page.url and "kind=direct" in page.url
    texts = page.locator(".results article.statement").all_inner_texts()
    assert texts and all("Helen Marsh" in t and "direct" in t for t in texts)
    shoot(page, shots, "search")
    page.goto(server.base + "/search?per_page=5")
    first = page.locator(".results blockquote").all_inner_texts()
    page.get_by_role("link", name="Next →").click()
    assert "page=2" in page.url and page.locator(".results blockquote").all_inner_texts() != first


def test_ingest_from_the_browser_with_progress(demo, page):
    server, _ = demo
    page.goto(server.base + "/ingest")
    page.fill("#token", TOKEN)
    page.fill("#text", 'Harbor master Ines Vale said on Monday that the ferry would run all winter. "We will not '
              'cancel a single crossing," Vale said.')  # fmt: skip
    page.fill("#published", "2025-03-03")
    page.get_by_role("button", name="Ingest").click()
    assert "/jobs/" in page.url
    page.wait_for_selector("p.state-done", timeout=60_000)  # the page refreshes itself until done
    assert re.search(r"new\s+1", page.locator("dl.counts").inner_text())
    page.goto(server.base + "/search?q=crossing")
    found = page.locator(".results").inner_text()
    assert "We will not cancel a single crossing" in found and "Vale" in found and "2025-03-03" in found


def test_hostile_article_renders_inert_in_the_browser(tmp_path, browser):
    db = tmp_path / "evil.db"
    with open_ledger(db) as led:
        ids = hostile_ledger(led)
    server = Server(create_app(db))
    try:
        context = browser.new_context()
        pg = context.new_page()
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in hostile_pages(ids):
            pg.goto(server.base + path)
            pg.mouse.move(200, 300)
            for el in pg.locator("mark.st").all():
                el.hover()
            assert pg.locator("script").count() == 0, path
            assert pg.locator("img").count() == 0, path
            assert pg.locator("[onmouseover], [onerror]").count() == 0, path
        pg.goto(server.base + "/articles/evil-1")
        assert "<script>alert('xss')</script> is not a plan." in pg.locator(".story").inner_text()
        assert dialogs == []
        context.close()
    finally:
        server.stop()
