"""Readers: every input becomes articles or a Problem with a reason, never a crash."""

from __future__ import annotations

import gzip
import io
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from warc_helpers import warc_response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.model import Article, Problem
from onrecord.sources import WarcCounts, article_from_html, guards, iter_warc, looks_english, read_inputs
from onrecord.sources.feeds import parse_feed
from onrecord.sources.html import fragment_text
from onrecord.sources.normalize import normalize_date, slug_id

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read(*paths, **kw) -> tuple[list[Article], list[Problem]]:
    items = list(read_inputs(paths, **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def one_problem(path) -> Problem:
    articles, problems = read(path)
    assert articles == [] and len(problems) == 1, problems
    return problems[0]


# --- text files ---------------------------------------------------------------------------------------


def test_txt_text_is_file_content_and_args_fill_date_and_outlet():
    path = FIXTURES / "council-vote.txt"
    [article], problems = read(path, published="March 14, 2024", outlet="Millbrook Ledger")
    assert problems == []
    assert article.text == path.read_text(encoding="utf-8")
    assert article.id == "council-vote"
    assert article.title == "Millbrook council delays vote on river bridge"
    assert (article.published, article.outlet) == ("2024-03-14", "Millbrook Ledger")
    assert article.source == str(path)


def test_txt_without_args_has_no_date_and_bad_date_arg_is_refused():
    [article], _ = read(FIXTURES / "council-vote.txt")
    assert article.published is None and article.outlet is None
    with pytest.raises(ValueError, match="cannot read the date"):
        read(FIXTURES / "council-vote.txt", published="someday")


def test_txt_keeps_bom_free_crlf_text_exactly(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfThe mayor said \xe2\x80\x9cno.\xe2\x80\x9d\r\nThen she left.\r\n")
    [article], _ = read(path)
    assert article.text == "The mayor said \u201cno.\u201d\r\nThen she left.\r\n"
    assert article.title is None  # a first line ending in a quote is a sentence, not a headline


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_file_main_text_and_metadata():
    [article], problems = read(FIXTURES / "bridge-plan.html")
    assert problems == []
    assert article.title == "Ortiz reverses course on bridge tolls"
    assert article.outlet == "Harbor Gazette"
    assert article.published == "2024-03-14"  # the outlet's own day, not the UTC one (03-15)
    assert article.url.startswith("https://www.harborgazette.example/news/2024/03/ortiz-bridge-tolls")
    assert article.id == "harborgazette-example-news-2024-03-ortiz-bridge-tolls"
    assert '"I said there would be no tolls, and I meant it at the time," Ortiz told' in article.text
    assert "Sports" not in article.text and "All rights reserved" not in article.text


PAGE = (
    "<html><head><title>Tam wants hearing</title></head><body><article>"
    "<p>Council member Reggie Tam said on Friday that he would demand a public hearing on the toll, "
    "calling the plan \u201ca bait and switch\u201d that voters never approved.</p>"
    "<p>The mayor\u2019s office did not respond to a request for comment on Friday afternoon.</p>"
    "</article></body></html>"
)


def test_article_from_html_id_falls_back_to_name_then_text_hash():
    named = article_from_html(PAGE, fallback_id="tam-hearing")
    assert named.id == "tam-hearing" and named.title == "Tam wants hearing" and named.published is None
    anonymous = article_from_html(PAGE)
    assert anonymous.id.startswith("h_") and anonymous.id == article_from_html(PAGE).id
    with_url = article_from_html(PAGE, url="https://news.example/tam?id=7&utm_medium=x", fallback_id="tam")
    assert (
        with_url.id == "news-example-tam-id-7"
        and with_url.url == "https://news.example/tam?id=7&utm_medium=x"
    )


def test_article_from_html_decodes_declared_and_undeclared_cp1252():
    declared = PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252")
    article = article_from_html(declared, fallback_id="x")
    assert "\u201ca bait and switch\u201d" in article.text and "[" not in article.source
    guessed = article_from_html(PAGE.encode("cp1252"), source="page.html")
    assert "\u201ca bait and switch\u201d" in guessed.text
    assert guessed.source == "page.html [not UTF-8; decoded as cp1252 (Windows Western)]"


def test_article_from_html_without_text_is_a_problem():
    problem = article_from_html(b"<html><body><nav>Home</nav></body></html>", source="nav.html")
    assert problem == Problem("nav.html", "no article text found in the HTML page")


# --- JSONL --------------------------------------------------------------------------------------------


def test_jsonl_broken_lines_are_reported_and_the_rest_is_read():
    path = FIXTURES / "articles.jsonl"
    articles, problems = read(path)
    assert [a.id for a in articles] == ["mb-001", "mb-003", "5"]
    first = articles[0]
    assert (first.title, first.outlet, first.published) == (
        "Ortiz rules out tax rise",
        "Millbrook Ledger",
        "2024-01-08",
    )
    assert first.text.endswith('"Not one cent," she said.') and first.source == f"{path}:1"
    assert articles[1].published == "2024-02-19" and articles[1].url == "https://ledger.example/mb-003"
    assert articles[2].published is None  # "next blue moon"
    reasons = {p.source: p.reason for p in problems}
    assert reasons[f"{path}:2"].startswith("not valid JSON: Expecting ',' delimiter")
    assert reasons[f"{path}:5"] == "missing required field 'text'"
    assert reasons[f"{path}:7"] == "expected a JSON object, got list"
    assert len(problems) == 3  # the blank line 4 is not a problem


def test_jsonl_gz_and_overlong_line(tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "MAX_PAGE_BYTES", 200)
    lines = [
        '{"id": "a", "text": "Tam said the audit was overdue."}',
        '{"id": "b", "text": "' + "x" * 500 + '"}',
        '{"id": "c", "text": "Ortiz said the audit could wait."}',
    ]
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    articles, problems = read(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert problems == [Problem(f"{path}:2", "line too long (over 0.0 MB); skipped")]


# --- feeds --------------------------------------------------------------------------------------------


def test_rss_entries_become_articles():
    path = FIXTURES / "harbor.rss"
    articles, problems = read(path)
    audit, library = articles
    assert audit.id == "harborgazette-example-news-2024-04-tam-bridge-audit"
    assert audit.outlet == "Harbor Gazette - City Hall" and audit.title == "Tam calls for bridge audit"
    assert audit.published == "2024-04-02" and audit.source == f"{path}#1"
    assert audit.text == (  # content:encoded wins over the short description
        "Council member Reggie Tam on Tuesday called for an outside audit of the Alder Street bridge budget.\n"
        "\u201cEvery dollar should be accounted for,\u201d Tam said at the council meeting."
    )
    assert (
        library.text == "The Millbrook public library will stay open until 9 p.m. on weekdays, the city said."
    )
    assert problems == [Problem(f"{path}#3", "feed entry: empty article: no text")]


def test_atom_entries_become_articles():
    first, second = read(FIXTURES / "harbor.atom")[0]
    assert first.outlet == "Millbrook Ledger" and first.title == 'Ortiz: toll plan "on hold"'
    assert first.published == "2024-05-01" and first.url == "https://ledger.example/2024/05/ortiz-toll-hold"
    assert first.id == "tag-ledger-example-2024-ortiz-toll-hold"
    assert first.text.startswith('Mayor Dana Ortiz said on Wednesday that the bridge toll plan was "on hold"')
    assert second.url is None and second.published == "2024-05-02"
    assert (
        second.text
        == "The council will hold a public hearing on the toll on May 20, Council member Reggie Tam said."
    )


def test_feed_text_keeps_every_block_and_no_markup():
    fragment = "<p>One<br>two</p><ul><li>x</li></ul><script>bad()</script>tail <!-- note --> end &amp; more"
    assert fragment_text(fragment) == "One\ntwo\nx\ntail end & more"
    assert fragment_text("Tam &amp; Ortiz   agreed.") == "Tam & Ortiz agreed."


def test_parse_feed_never_treats_a_string_as_a_location(tmp_path):
    local = tmp_path / "other.rss"
    local.write_bytes((FIXTURES / "harbor.rss").read_bytes())
    for name in (str(local), str(local).encode(), local.as_uri()):
        [problem] = list(parse_feed(name, "watcher"))
        assert problem.source == "watcher" and problem.reason.startswith("not a readable RSS/Atom feed")
    assert len(list(parse_feed((FIXTURES / "harbor.atom").read_text(), "watcher"))) == 2


def test_feed_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    assert one_problem(path).reason == "feed has no entries"


# --- folders ------------------------------------------------------------------------------------------


def test_folder_recursion_mixed_types_sorted_and_hidden_skipped(tmp_path):
    shutil.copy(FIXTURES / "council-vote.txt", tmp_path / "b-vote.txt")
    (tmp_path / "a").mkdir()
    shutil.copy(FIXTURES / "bridge-plan.html", tmp_path / "a" / "page.htm")
    shutil.copy(FIXTURES / "harbor.atom", tmp_path / "a" / "z.atom")
    (tmp_path / "c" / "d").mkdir(parents=True)
    (tmp_path / "c" / "d" / "one.jsonl").write_text('{"id": "deep", "text": "Ortiz said yes."}\n')
    (tmp_path / "c" / "notes.md").write_text("# notes\n")
    (tmp_path / ".hidden.txt").write_text("Should not be read.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Should not be read either.")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == [
        "harborgazette-example-news-2024-03-ortiz-bridge-tolls",
        "tag-ledger-example-2024-ortiz-toll-hold",
        "tag-ledger-example-2024-hearing-date",
        "b-vote",
        "deep",
    ]
    assert [p.source for p in problems] == [str(tmp_path / "c" / "notes.md")]
    assert "unsupported file type (.md)" in problems[0].reason
    assert [a.id for a in read(tmp_path)[0]] == [a.id for a in articles]  # stable across runs


def test_unknown_extension_is_sniffed_or_refused(tmp_path):
    feed = tmp_path / "cityhall-feed"
    feed.write_bytes((FIXTURES / "harbor.rss").read_bytes())
    assert len(read(feed)[0]) == 2
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    problem = one_problem(pdf)
    assert problem.source == str(pdf) and problem.reason.startswith("unsupported file type (.pdf); readable:")


def test_missing_path_is_a_problem(tmp_path):
    assert one_problem(tmp_path / "nope.txt").reason == "no such file or directory"


# --- guards -------------------------------------------------------------------------------------------


def test_binary_files_are_refused(tmp_path):
    nul = tmp_path / "dump.txt"
    nul.write_bytes(b"Mayor Ortiz\x00\x00\x01\x02 said")
    assert one_problem(nul).reason == "binary file (contains NUL bytes), not text"
    png = tmp_path / "photo.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert one_problem(png).reason == "binary file (PNG image), not text"


def test_encodings_are_decoded_or_refused_never_garbled(tmp_path):
    cp1252 = tmp_path / "cp.txt"
    cp1252.write_bytes("Tam said the plan was \u201cdead on arrival\u201d \u2013 again.".encode("cp1252"))
    [article], _ = read(cp1252)
    assert article.text == "Tam said the plan was \u201cdead on arrival\u201d \u2013 again."
    assert article.source.endswith("[not UTF-8; decoded as cp1252 (Windows Western)]")

    stray = tmp_path / "stray.txt"
    stray.write_bytes("Ortiz said \u201cyes\u201d.".encode() + b" \xff and left.")
    [article], _ = read(stray)
    assert article.text == "Ortiz said \u201cyes\u201d. \ufffd and left."
    assert "invalid UTF-8 from byte 22: 1 bad sequence(s) replaced with U+FFFD" in article.source

    russian = tmp_path / "koi8.txt"
    russian.write_bytes("Мэр заявила, что мост построят к весне.".encode("koi8_r"))
    assert one_problem(russian).reason.startswith("not UTF-8 (first bad byte at 0) and no safe guess")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"])
def test_empty_articles_are_refused(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert one_problem(path).reason == "empty article: no text"


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.rss"])
def test_huge_file_is_refused_by_size_without_reading_it(tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as f:
        f.truncate(60_000_000)  # sparse: no disk, but 60 MB by stat
    tracemalloc.start()
    started = time.perf_counter()
    problem = one_problem(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    limit = "20.0" if name.endswith(".rss") else "10.0"
    assert problem.reason == f"file is too large (60.0 MB; the limit is {limit} MB)"
    assert elapsed < 1.0 and peak < 2_000_000


def test_article_text_limit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "MAX_ARTICLE_CHARS", 50)
    path = tmp_path / "long.txt"
    path.write_text("Ortiz said the bridge would open in May. " * 3)
    assert one_problem(path).reason == "article text too long (123 characters; the limit is 50)"


# --- WARC ---------------------------------------------------------------------------------------------

ENGLISH_PAGE = (
    "<html lang='en'><head><title>{title}</title></head><body><article><p>{title}. Mayor Dana Ortiz said on "
    "Monday that the council would vote on the bridge budget next week, and that she expected it to pass.</p>"
    "<p>\u201cWe have the votes,\u201d Ortiz said. Council member Reggie Tam said he was not so sure.</p>"
    "</article></body></html>"
)
GERMAN_PAGE = (
    "<html lang='de'><head><title>Br\u00fccke</title></head><body><article><p>B\u00fcrgermeisterin Dana Ortiz "
    "sagte am Montag, dass der Stadtrat n\u00e4chste Woche \u00fcber das Budget f\u00fcr die Br\u00fccke abstimmen "
    "werde.</p></article></body></html>"
)


def warc_request(url: str, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))
    return out.getvalue()


def corrupted(record: bytes, gz: bool) -> bytes:
    damaged = bytearray(record)
    if gz:
        damaged[20:60] = b"\x00" * 40  # inside the deflate stream
    else:
        damaged[:8] = b"XARC/9.9"  # a header line no reader accepts
    return bytes(damaged)


def warc_parts(gz: bool) -> list[bytes]:
    """An English page and its request, an image, a German page, a damaged record, one more English page."""
    return (
        [
            warc_response("https://gazette.example/a/vote", ENGLISH_PAGE.format(title="Vote next week").encode(), "text/html; charset=utf-8", gz),
            warc_request("https://gazette.example/a/vote", gz),
            warc_response("https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png", gz),
            warc_response("https://zeitung.example/bruecke", GERMAN_PAGE.encode(), "text/html", gz),
            corrupted(warc_response("https://gazette.example/a/lost", ENGLISH_PAGE.format(title="Lost").encode(), "text/html", gz), gz),
            warc_response("https://gazette.example/a/after", ENGLISH_PAGE.format(title="After the damage").encode(), "text/html", gz),
        ]
    )  # fmt: skip


def build_warc(gz: bool) -> bytes:
    return b"".join(warc_parts(gz))


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_warc_reads_english_html_and_counts_the_rest(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    parts = warc_parts(gz)
    path.write_bytes(b"".join(parts))
    counts = WarcCounts()
    items = list(iter_warc(path, counts))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles] == ["gazette-example-a-vote", "gazette-example-a-after"]
    assert articles[0].url == "https://gazette.example/a/vote" and articles[0].source == f"{path}@0"
    assert "\u201cWe have the votes,\u201d Ortiz said." in articles[1].text
    [corrupt] = [i for i in items if isinstance(i, Problem)]
    damage = " (binary data where a record header should be)" if gz else ": 'XARC/9.9'"
    lost_at = sum(map(len, parts[:4]))
    assert corrupt == Problem(
        str(path), f"corrupt WARC record at byte {lost_at} skipped (Invalid WARC record{damage})"
    )
    assert (counts.articles, counts.non_html, counts.non_english, counts.corrupt) == (2, 1, 1, 1)
    assert counts.records == 5 and counts.skipped == 3


def test_warc_through_read_inputs_reports_a_summary(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(True))
    articles, problems = read(path)
    assert len(articles) == 2
    assert problems[-1] == Problem(
        str(path), "5 WARC records, 2 articles; skipped 1 non-HTML, 1 non-English, 1 corrupt"
    )


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("cut", [40, 400])
def test_warc_truncated_last_record_is_reported(gz, cut):
    data = build_warc(gz)[:-cut]
    counts = WarcCounts()
    items = list(iter_warc(io.BytesIO(data), counts))
    assert [i.id for i in items if isinstance(i, Article)] == ["gazette-example-a-vote"]
    assert counts.corrupt == 2 and counts.records == 4
    assert all(i.source == "<warc stream>" for i in items if isinstance(i, Problem))


def test_warc_unseekable_stream_stops_at_corruption():
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    counts = WarcCounts()
    items = list(iter_warc(io.BufferedReader(Pipe(build_warc(False))), counts))
    assert [i.id for i in items if isinstance(i, Article)] == ["gazette-example-a-vote"]
    assert items[-1].reason == "stream cannot seek past the corrupt record; rest of the archive not read"
    assert counts.corrupt == 1


# --- small pieces -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T23:30:00-05:00", "2024-03-14"),
        ("Thu, 14 Mar 2024 23:30:00 -0500", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("March 2024", None),
        ("2024-02-30", None),
        ("tomorrowish", None),
        ("", None),
        (None, None),
        (20240314, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_slug_ids_are_stable_and_bounded():
    long_url = "https://example.com/" + "/".join(["section"] * 30) + "/story.html"
    slug = slug_id(long_url)
    assert len(slug) <= 80 and slug == slug_id(long_url)
    assert slug != slug_id(long_url.replace("story", "other"))
    assert slug_id("https://www.Example.com/a/b?utm_source=x") == "example-com-a-b"


def test_looks_english():
    english = (
        "The mayor said that the council would vote on the budget next week and that it was likely to pass."
    )
    spanish = "La alcaldesa dijo que el consejo votar\u00eda el presupuesto la pr\u00f3xima semana y que era probable que se aprobara sin cambios."
    assert looks_english(english * 2)
    assert not looks_english(spanish * 2)
    assert not looks_english(english, declared="fr-CA") and looks_english("", declared="en-US, fr")


def test_binary_jsonl_is_refused_whole(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b'{"id": "a"}\x00\x00\x00')
    assert one_problem(path) == Problem(str(path), "binary file (contains NUL bytes), not text")
