"""Ingest orchestration with a fake extractor: no spaCy, so these run in milliseconds."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from onrecord.model import Article, Problem, Speaker, Statement
from onrecord.pipeline import ingest, ingest_items


class Crash(BaseException):
    """Stands for the process being killed: nothing in the pipeline may catch it."""


def fake_extract(batch_size=3, crash_on=None, fail_on=None, ledger=None, stored_before=None):
    """Behaves like extract_many: takes a batch from the stream, then yields each article with one
    statement. `crash_on`/`fail_on`: text marker that crashes the run / breaks that article."""

    def extract(articles):
        articles = iter(articles)
        while batch := list(islice(articles, batch_size)):
            for article in batch:
                if crash_on and crash_on in article.text:
                    raise Crash(article.id)
                if fail_on and fail_on in article.text:
                    raise ValueError(f"cannot parse {article.id}")
                end = article.text.index(".") + 1
                st = Statement(
                    article.id, article.text[:end], "direct", 0, end, Speaker("Ada Quill", role="Mayor")
                )
                yield article, [st]

    return extract


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def story(n: int) -> str:
    return f"Story number {n} is about the harbor. It has words of its own, number {n}, and nothing else.\n"


@pytest.fixture
def inputs(tmp_path):
    """A folder of its own: the ledger fixture's files sit in tmp_path."""
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


@pytest.fixture
def six(inputs):
    for n in range(1, 7):
        write(inputs, f"a{n}.txt", story(n) + ("CRASH HERE" if n == 4 else ""))
    return inputs


def test_ingest_stores_articles_and_statements(ledger, six):
    report = ingest([six], ledger, extract=fake_extract(crash_on=None))
    assert (report.read, report.new, report.already_present, report.statements) == (6, 6, 0, 6)
    assert report.problems == []
    assert ledger.counts()["articles"] == 6 and ledger.counts()["statements"] == 6
    assert report.counts()["articles_per_second"] > 0


def test_reingest_is_a_no_op(ledger, six):
    ingest([six], ledger, extract=fake_extract())
    before = ledger.counts()

    def must_not_run(articles):  # nothing new: not even the model is loaded
        raise AssertionError("extractor called on a re-run")

    report = ingest([six], ledger, extract=must_not_run)
    assert (report.read, report.new, report.already_present, report.statements) == (6, 0, 6, 0)
    assert ledger.counts() == before


def test_crash_leaves_a_consistent_ledger_and_rerun_resumes(ledger, six):
    with pytest.raises(Crash):
        ingest([six], ledger, extract=fake_extract(batch_size=2, crash_on="CRASH"))
    # a1..a3 were stored, each with its statement; nothing half-written from a4
    assert ledger.counts()["articles"] == 3
    assert ledger.counts()["statements"] == 3
    assert {s["article_id"] for s in ledger.statements(limit=100)} == {"a1", "a2", "a3"}
    report = ingest([six], ledger, extract=fake_extract())
    assert (report.read, report.new, report.already_present) == (6, 3, 3)
    assert ledger.counts()["articles"] == 6 and ledger.counts()["statements"] == 6


def test_one_bad_article_does_not_stop_the_run(ledger, inputs):
    for n in range(1, 8):
        write(inputs, f"b{n}.txt", story(n) + ("BREAKS THE PARSER" if n == 5 else ""))
    report = ingest([inputs], ledger, extract=fake_extract(batch_size=4, fail_on="BREAKS"))
    assert report.new == 6 and report.statements == 6
    assert len(report.problems) == 1
    source, reason = report.problems[0]
    assert source.endswith("b5.txt") and "extraction failed" in reason and "cannot parse b5" in reason
    assert [p["source"] for p in ledger.problems()] == [source]
    assert "b5" not in {s["article_id"] for s in ledger.statements(limit=100)}


def test_inputs_are_streamed_not_read_up_front(ledger, six):
    """With batches of one, each article is stored before the next one is even read."""
    seen = []

    def extract(articles):
        for article in articles:
            seen.append(ledger.counts()["articles"])
            yield article, []

    ingest([six], ledger, extract=extract)
    assert seen == [0, 1, 2, 3, 4, 5]


def test_bad_inputs_are_reported_with_reasons_and_the_rest_ingested(ledger, inputs):
    write(inputs, "good.txt", story(1))
    write(inputs, "empty.txt", "   \n")
    (inputs / "scan.pdf").write_bytes(b"%PDF-1.7 binary")
    write(inputs, "lines.jsonl", '{"id": "j1", "text": "' + story(2).strip() + '"}\n{"id": "j2"}\nnot json\n')
    report = ingest([inputs, inputs / "missing.txt"], ledger, extract=fake_extract())
    assert report.new == 2
    reasons = dict(report.problems)
    assert len(reasons) == 5
    assert "empty" in reasons[str(inputs / "empty.txt")]
    assert "unsupported" in reasons[str(inputs / "scan.pdf")]
    assert "missing required field 'text'" in reasons[f"{inputs / 'lines.jsonl'}:2"]
    assert "not valid JSON" in reasons[f"{inputs / 'lines.jsonl'}:3"]
    assert "no such file" in reasons[str(inputs / "missing.txt")]
    assert ledger.counts()["problems"] == 5


def test_text_repeated_within_one_run_is_stored_once(ledger, inputs):
    write(inputs, "first.txt", story(1))
    write(inputs, "second.txt", story(1))
    report = ingest([inputs], ledger, extract=fake_extract())
    assert (report.new, report.already_present) == (1, 1)


WIRE = (
    "HARBORTON (Coastal Wire) — The port authority said on Monday that dredging of the north channel "
    "would begin in May and last most of the summer, closing two berths to cargo ships. "
    '"We have waited six years for this work," said harbor master Lena Ostrow, who added that the '
    "channel had silted up faster than engineers expected after the storms of the past two winters. "
    "Shipping companies were told to plan for delays of up to a day at the busiest times."
)


def test_wire_story_in_the_same_batch_is_a_duplicate_without_statements(ledger, inputs):
    write(inputs, "one.txt", WIRE)
    write(inputs, "two.txt", WIRE.replace("HARBORTON", "BAYVIEW").replace("Monday", "Monday,"))
    report = ingest([inputs], ledger, extract=fake_extract(batch_size=8))
    assert (report.new, report.duplicates, report.statements) == (2, 1, 1)
    assert ledger.statements(article_id="two") == []
    # and again across runs: the copy is recognised before extraction
    write(inputs, "three.txt", WIRE.replace("HARBORTON", "LOWELL"))
    report = ingest([inputs / "three.txt"], ledger, extract=fake_extract())
    assert (report.new, report.duplicates, report.statements) == (1, 1, 0)


def test_run_is_logged_with_its_counts(ledger, six):
    report = ingest([six], ledger, extract=fake_extract())
    run = ledger.last_run()
    assert run["finished_at"] and run["counts"]["new"] == report.new == 6


def test_article_the_extractor_drops_is_reported(ledger, inputs):
    for n in range(1, 5):
        write(inputs, f"d{n}.txt", story(n) + ("SKIP" if n in (2, 4) else ""))

    def extract(articles):
        for article in articles:
            if "SKIP" not in article.text:
                yield article, []

    report = ingest([inputs], ledger, extract=extract)
    assert report.new == 2
    assert sorted(Path(s).name for s, _ in report.problems) == ["d2.txt", "d4.txt"]
    assert all("returned nothing" in r for _, r in report.problems)


def test_a_failing_ledger_stops_the_run_instead_of_blaming_articles(ledger, six, monkeypatch):
    calls, has_content = [], ledger.has_content

    def breaks_on_the_fifth(digest):  # mid-batch, with a4 taken by the extractor
        calls.append(digest)
        if len(calls) == 5:
            raise RuntimeError("disk I/O error")
        return has_content(digest)

    monkeypatch.setattr(ledger, "has_content", breaks_on_the_fifth)
    with pytest.raises(RuntimeError, match="disk I/O"):
        ingest([six], ledger, extract=fake_extract())
    assert ledger.counts()["problems"] == 0


def test_records_from_any_reader(ledger):
    items = [
        Article("r1", story(1)),
        Problem("feed#2", "feed entry: empty article: no text"),
        Article("r2", story(2)),
    ]
    report = ingest_items(items, ledger, extract=fake_extract())
    assert (report.read, report.new, len(report.problems)) == (2, 2, 1)


def test_unreadable_published_date_is_refused_before_reading(ledger, six):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        ingest([six], ledger, published="someday", extract=fake_extract())
    assert ledger.counts()["articles"] == 0
