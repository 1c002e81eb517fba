"""The web pages and their JSON twins over a small hand-built ledger (no spaCy: milliseconds)."""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.model import Speaker, Statement
from onrecord.store import open_ledger
from onrecord.web import ServeRefused, create_app, serve
from onrecord.web.app import is_loopback
from onrecord.web.chart import day, timeline
from onrecord.web.marks import article_segments, in_sentence, paragraphs

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from ledgers import small_ledger  # noqa: E402

TOKEN = "test-token-123"


@pytest.fixture
def built(tmp_path):
    db = tmp_path / "web.db"
    with open_ledger(db) as led:
        ids = small_ledger(led)
    return db, ids


@pytest.fixture
def client(built):
    with TestClient(create_app(built[0], token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def ids(built):
    return built[1]


def test_every_page_and_its_json_twin(client, ids):
    quill, aid, fid = ids["quill"], ids["articles"][0], ids["finding"]
    pages = ["/", "/people", f"/people/{quill}", "/topics", "/topics/selling the pier", "/findings",
             f"/findings/{fid}", "/articles", f"/articles/{aid}", "/search?q=pier"]  # fmt: skip
    for page in pages:
        html = client.get(page)
        assert html.status_code == 200, page
        assert html.headers["content-type"].startswith("text/html")
        twin = "/api/summary" if page == "/" else "/api" + page
        assert f'href="{twin.replace(" ", "%20")}"' in html.text or f'href="{twin}"' in html.text, page
        data = client.get(twin)
        assert data.status_code == 200, twin
        assert data.headers["content-type"] == "application/json"


def test_person_page_shows_forms_roles_chart_and_findings(client, ids):
    page = client.get(f"/people/{ids['quill']}").text
    assert "<h1>Ada Quill</h1>" in page
    assert "<li>Quill</li>" in page and "Mayor" in page
    assert "<svg" in page and page.count('class="dot stance-') == 2  # two dated positions on the pier
    assert 'class="dot stance-against"' in page and 'class="dot stance-for"' in page
    assert f'href="/findings/{ids["finding"]}"' in page
    data = client.get(f"/api/people/{ids['quill']}").json()
    assert data["person"]["name"] == "Ada Quill"
    assert [p["stance"] for p in data["positions"]] == ["against", "for"]  # oldest first
    assert [f["id"] for f in data["findings"]] == [ids["finding"]]


def test_topic_chart_has_a_row_per_speaker_and_links_each_point(client, ids):
    page = client.get("/topics/selling the pier").text
    assert page.count('class="dot stance-') == 3
    assert ">Ada Quill</text>" in page and ">Ben Okoro</text>" in page
    assert f'href="/articles/pier-2023#m-{ids["statements"][0]}"' in page
    assert client.get("/topics/no such topic").status_code == 404


def test_finding_shows_both_sides_with_exact_words_marked(client, ids):
    page = client.get(f"/findings/{ids['finding']}").text
    assert page.count('class="side"') == 2
    assert "<mark>We will never sell the old pier to a developer.</mark>" in page
    assert "Mayor Ada Quill said on Monday: &#34;<mark>" in page  # the sentence around the words
    for aid, sid in zip(ids["articles"], ids["statements"], strict=True):
        assert f'href="/articles/{aid}#m-{sid}"' in page
    assert "2023-05-01" in page and "2025-03-07" in page and "Harbor Gazette" in page and "Bay Ledger" in page
    assert "responsible choice" in page and "clear" in page
    assert client.get("/api/findings/nope").status_code == 404


def test_article_marks_every_statement_with_speaker_and_date(client, ids):
    page = client.get("/articles/pier-2023").text
    assert page.count('<mark class="st') == 2
    assert 'id="m-' + ids["statements"][0] + '"' in page
    assert 'title="Ada Quill, 2023-05-01"' in page and 'data-who="Ben Okoro · 2023-05-01 · indirect"' in page
    data = client.get("/api/articles/pier-2023").json()
    assert data["article"]["outlet"] == "Harbor Gazette" and len(data["statements"]) == 2


def test_search_filters_and_pages_with_stable_urls(client):
    def texts(url):
        return [s["text"] for s in client.get(url).json()["items"]]

    assert texts("/api/search?q=pier") and all(
        "pier" in t.lower() or "pier" in t for t in texts("/api/search?q=sell")
    )
    assert texts("/api/search?speaker=Okoro") == [
        "he welcomed the change",
        "the pier was losing money every month",
    ]
    assert texts("/api/search?kind=direct&speaker=Quill&date_from=2025") == [
        "Selling the pier is the responsible choice,"
    ]
    assert texts("/api/search?date_to=2023-05") == ["We will never sell the old pier to a developer.",
                                                    "the pier was losing money every month"]  # fmt: skip
    assert texts("/api/search?topic=selling the pier&speaker=Okoro") == ["he welcomed the change"]
    assert texts("/api/search?speaker=Nobody Here") == []
    first = client.get("/api/search?per_page=3").json()
    assert len(first["items"]) == 3 and first["paging"]["next"] == "/api/search?page=2&per_page=3"
    second = client.get(first["paging"]["next"]).json()
    assert len(second["items"]) == 1 and second["paging"]["next"] is None
    assert second["paging"]["prev"] == "/api/search?page=1&per_page=3"
    assert client.get("/api/search?per_page=3").json() == first  # the same URL gives the same page
    html = client.get("/search?per_page=3").text
    assert 'href="/search?page=2&amp;per_page=3"' in html and 'rel="next"' in html
    assert client.get("/api/search?kind=bogus").status_code == 422
    assert client.get("/search?kind=bogus").status_code == 400


def test_every_list_downloads_as_csv(client):
    for path, column in [("/api/people.csv", "name"), ("/api/topics.csv", "topic"), ("/api/findings.csv", "type"),
                         ("/api/articles.csv", "title"), ("/api/search.csv?speaker=Quill", "text")]:  # fmt: skip
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), path
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert rows and all(row[column] for row in rows), path
    rows = list(csv.DictReader(io.StringIO(client.get("/api/search.csv?speaker=Quill").text)))
    assert len(rows) == 2 and {r["speaker"] for r in rows} == {"Ada Quill"}


def test_empty_ledger_pages_say_so(tmp_path):
    with TestClient(create_app(tmp_path / "empty.db"), raise_server_exceptions=False) as c:
        for page in ["/", "/people", "/topics", "/findings", "/articles", "/search?q=anything", "/ingest"]:
            r = c.get(page)
            assert r.status_code == 200 and 'class="empty"' in r.text or page == "/ingest", page
        assert "No findings yet" in c.get("/").text
        assert c.get("/api/summary").json()["counts"]["statements"] == 0


def fake_extract(articles):
    for article in articles:
        end = article.text.index(".") + 1
        yield article, [Statement(article.id, article.text[:end], "direct", 0, end, Speaker("Cleo Marsh"))]


def wait_done(client, url):
    for _ in range(200):
        job = client.get(url).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"ingest job did not finish: {job}")


def test_api_ingest_with_token_runs_a_job_that_adds_articles(tmp_path):
    app = create_app(tmp_path / "w.db", token=TOKEN, extract=fake_extract)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post(
            "/api/articles",
            headers={"Authorization": f"Bearer {TOKEN}"},
            files=[("files", ("ferry.txt", b"The ferry runs again. Riders cheered.", "text/plain")),
                   ("files", ("../../etc/ferry.txt", b"A second ferry story. It is short.", "text/plain"))],
            data={"published": "2025-06-01", "outlet": "Dock News"},
        )  # fmt: skip
        assert r.status_code == 202, r.text
        job = wait_done(c, r.json()["status_url"])
        assert job["state"] == "done" and job["counts"]["new"] == 2 and job["counts"]["statements"] == 2
        assert sorted(job["files"]) == ["2-ferry.txt", "ferry.txt"]  # a client's path never reaches disk
        arts = c.get("/api/articles").json()["items"]
        assert {a["outlet"] for a in arts} == {"Dock News"} and {a["published"] for a in arts} == {
            "2025-06-01"
        }
        page = c.get(r.json()["page"]).text
        assert "done" in page and 'http-equiv="refresh"' not in page


def test_html_ingest_form_pastes_a_feed_and_shows_progress(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Dock News</title>
    <item><title>Ferry back</title><link>https://dock.example/ferry</link><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>
    <description>The ferry is back in service. Riders lined up early to board it.</description></item></channel></rss>"""
    app = create_app(tmp_path / "w.db", token=TOKEN, extract=fake_extract)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/ingest", data={"token": TOKEN, "text": feed}, files=[("files", ("", b"", "application/octet-stream"))],
                   follow_redirects=False)  # fmt: skip
        assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
        job = wait_done(c, "/api" + r.headers["location"])
        assert job["counts"]["new"] == 1, job
        assert c.get("/api/articles").json()["items"][0]["url"] == "https://dock.example/ferry"


def test_serve_refuses_the_network_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    with pytest.raises(ServeRefused, match="ONRECORD_TOKEN"):
        serve(tmp_path / "x.db", host="0.0.0.0", port=0)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_article_segments_keep_order_and_clip_overlaps():
    text = "AAAA said: BBBB CCCC. DDDD"
    outer = {"start": 11, "end": 20, "id": "o"}
    inner = {"start": 16, "end": 20, "id": "i"}
    late = {"start": 18, "end": 26, "id": "l"}
    pieces = article_segments(text, [inner, late, outer])
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["statement"] and p["statement"]["id"]) for p in pieces if p["statement"]] == [
        ("BBBB CCCC", "o"), (". DDDD", "l")]  # fmt: skip
    paras = paragraphs(article_segments("One.\n\nTwo said.", [{"start": 2, "end": 9, "id": "x"}]))
    assert [[(p["text"], bool(p["statement"])) for p in para] for para in paras] == [
        [("On", False), ("e.", True)], [("Two", True), (" said.", False)]]  # fmt: skip
    assert in_sentence({"text": "no", "sentence": "He said no."}) == ("He said ", "no", ".")
    assert in_sentence({"text": "elsewhere", "sentence": "He said no."}) == ("", "elsewhere", "")


def test_timeline_places_dates_of_any_precision():
    assert str(day("2025")) == "2025-07-01" and str(day("2025-02")) == "2025-02-15" and day("garbage") is None
    pts = [{"id": "a", "article_id": "x", "effective_date": "2020-01-01", "stance": "for", "text": "t", "who": "A"},
           {"id": "b", "article_id": "x", "effective_date": "2024-01-01", "stance": "<bad>", "text": "t", "who": "B"},
           {"id": "c", "article_id": "x", "effective_date": None, "stance": "for", "text": "t", "who": "B"}]  # fmt: skip
    chart = timeline(pts, row_of=lambda p: p["who"])
    xs = [d["x"] for d in chart["dots"]]
    assert len(xs) == 2 and xs[0] == chart["left"] and xs[1] == chart["right"]
    assert [d["cls"] for d in chart["dots"]] == [
        "stance-for",
        "stance-unknown",
    ]  # a stance never reaches markup
    assert timeline([pts[2]], row_of=lambda p: p["who"]) is None


PAGE = """<html><head><title>Ferry returns to the bay</title></head><body><article><h1>Ferry returns to the bay</h1>
<p>Harbor master Ines Vale said on Monday that the old ferry would run again from the north pier next month.</p>
<p>"We have fixed the engine and trained two new crews, so the crossings start on the first of May," Vale said.</p>
<p>Riders who lost the route last year welcomed the news, and the council approved the fares without debate.</p>
</article></body></html>"""


def test_pasted_urls_are_fetched_by_the_job(tmp_path):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, status = (PAGE.encode(), 200) if self.path == "/ferry" else (b"gone", 404)
            self.send_response(status)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        app = create_app(tmp_path / "u.db", token=TOKEN, extract=fake_extract)
        with TestClient(app, raise_server_exceptions=False) as c:
            r = c.post("/api/articles", data={"urls": f"{base}/ferry\n{base}/missing"},
                       headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
            assert r.status_code == 202, r.text
            job = wait_done(c, r.json()["status_url"])
            assert job["counts"]["new"] == 1
            assert [p["source"] for p in job["problems"]] == [f"{base}/missing"]
            assert c.get("/api/articles").json()["items"][0]["url"] == f"{base}/ferry"
    finally:
        httpd.shutdown()
