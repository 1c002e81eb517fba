"""Hostile input against the web app: markup in articles, FTS syntax and SQL in search, bad uploads,
writes without the token, and internal errors that must not reach a client."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.store import open_ledger
from onrecord.web import create_app
from onrecord.web import queries as Q

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from ledgers import hostile_ledger, hostile_pages  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture
def hostile(tmp_path):
    db = tmp_path / "evil.db"
    with open_ledger(db) as led:
        ids = hostile_ledger(led)
    with TestClient(create_app(db, token=TOKEN, max_upload_bytes=50_000), raise_server_exceptions=False) as c:
        yield c, ids


def test_markup_in_the_ledger_renders_as_text(hostile):
    client, ids = hostile
    for page in hostile_pages(ids):
        r = client.get(page)
        assert r.status_code == 200, page
        body = r.text
        assert "<script>alert" not in body and "<img src=x" not in body, page
        assert 'onmouseover="alert' not in body and "javascript:" not in body, page
    article = client.get("/articles/evil-1").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in article  # shown, as text
    assert 'class="st stance-unknown"' in article  # an unknown stance never becomes a class name


def test_no_script_may_run_even_if_markup_slipped_through(hostile):
    client, _ = hostile
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script source is allowed at all
    assert client.get("/api/summary").headers["x-content-type-options"] == "nosniff"


FTS_HOSTILE = ['"', '""', "(", "a OR", "NEAR(a b", "text:pier", "*", "-pier", "^pier", "pier AND", "'; DROP TABLE statements; --",
               "1' OR '1'='1", "\\", "%", "_", "{}", "a\u0301", "ß" * 200]  # fmt: skip


def test_search_input_is_never_sql_or_fts_syntax(hostile):
    client, _ = hostile
    for q in FTS_HOSTILE:
        for url in ("/api/search", "/search", "/api/search.csv"):
            r = client.get(url, params={"q": q, "speaker": q, "topic": q})
            assert r.status_code == 200, (url, q, r.text[:200])
    r = client.get("/api/search", params={"q": "plan OR nothing"})
    assert r.status_code == 200 and r.json()["items"] == []  # OR is a word to find, not an operator
    assert client.get("/api/summary").json()["counts"]["statements"] == 2  # nothing was dropped


def test_fts_terms_quotes_every_word():
    assert Q.fts_terms('a OR "b" NEAR(c)') == '"a" "OR" "b" "NEAR" "c"'
    assert Q.fts_terms("!!! ()") is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_any_search_text_gets_a_clean_answer(hostile, q):
    client, _ = hostile
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400, 422), r.text[:200]


def test_writes_need_the_token(hostile):
    client, _ = hostile
    files = [("files", ("a.txt", b"Hello there. It is me.", "text/plain"))]
    assert client.post("/api/articles", files=files).status_code == 401
    r = client.post("/api/articles", files=files, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles", files=files, headers={"X-Onrecord-Token": "wrong"}).status_code == 401
    r = client.post("/ingest", data={"token": "wrong", "text": "Some text. More text."})
    assert r.status_code == 401 and "token" in r.text
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 401
    assert client.get("/api/summary").json()["counts"]["articles"] == 1


def test_without_a_configured_token_the_server_is_read_only(tmp_path):
    with TestClient(create_app(tmp_path / "ro.db"), raise_server_exceptions=False) as c:
        r = c.post(
            "/api/articles",
            files=[("files", ("a.txt", b"x. y.", "text/plain"))],
            headers={"Authorization": "Bearer "},
        )
        assert r.status_code == 401 and "ONRECORD_TOKEN" in r.json()["detail"]
        assert "Writes are disabled" in c.get("/ingest").text


def test_uploads_of_the_wrong_type_or_size_are_refused_with_a_reason(hostile):
    client, _ = hostile
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post(
        "/api/articles", files=[("files", ("photo.png", b"\x89PNG\r\n", "image/png"))], headers=auth
    )
    assert r.status_code == 415 and "unsupported file type" in r.json()["detail"]
    r = client.post(
        "/api/articles", files=[("files", ("fake.txt", b"\x00\x01\x02binary", "text/plain"))], headers=auth
    )
    assert r.status_code == 415 and "binary" in r.json()["detail"]
    r = client.post(
        "/api/articles", files=[("files", ("big.txt", b"word " * 20_000, "text/plain"))], headers=auth
    )
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    r = client.post("/api/articles", data={"text": "  "}, headers=auth)
    assert r.status_code == 400 and "nothing to ingest" in r.json()["detail"]
    r = client.post("/api/articles", data={"urls": "file:///etc/passwd"}, headers=auth)
    assert r.status_code == 400 and "http" in r.json()["detail"]
    r = client.post("/api/articles", content=b"{}", headers={**auth, "content-type": "application/json"})
    assert r.status_code == 415
    r = client.post(
        "/ingest", data={"token": TOKEN}, files=[("files", ("x.exe", b"MZ", "application/octet-stream"))]
    )
    assert r.status_code == 415 and "unsupported file type" in r.text


def test_a_streamed_body_over_the_limit_is_cut_off(hostile):
    client, _ = hostile

    def chunks():
        for _ in range(20):
            yield b"x" * 10_000

    r = client.post("/api/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                    "content-type": "multipart/form-data; boundary=zzz"})  # fmt: skip
    assert r.status_code == 413


def test_no_stack_trace_reaches_a_client(hostile, monkeypatch):
    client, _ = hostile

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail /secret/path.py line 42")

    monkeypatch.setattr(Q, "articles_page", broken)
    for url in ("/api/articles", "/articles"):
        r = client.get(url)
        assert r.status_code == 500
        assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
        assert "internal error (id " in r.text
    assert client.get("/api/search", params={"q": "x\x00y"}).status_code == 422
