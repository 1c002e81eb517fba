"""The demo corpus holds what it promises (demo/README.md), so `make demo` shows every stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.pipeline import ingest
from onrecord.sources import read_inputs
from onrecord.store import open_ledger

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
WIRE_COPY = "valley-times-example-2025-02-13-reservoir-ten-year-low"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with open_ledger(tmp_path_factory.mktemp("demo") / "demo.db") as ledger:
        report = ingest([DEMO], ledger)
        yield ledger, report


def by_speaker(ledger, name):
    return ledger.statements(speaker=name, limit=200)


def test_every_format_reads_without_problems():
    items = list(read_inputs([DEMO]))
    assert not [i for i in items if not hasattr(i, "text")]
    sources = {Path(a.source.split(":")[0].split("#")[0]).suffix for a in items}
    assert sources == {".jsonl", ".txt", ".html", ".xml"}
    assert all(a.published for a in items if not a.source.endswith(".txt"))


def test_jsonl_lines_carry_dates_and_outlets():
    for line in (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert rec["published"] and rec["outlet"] and rec["id"] and rec["text"]


def test_wire_story_from_two_outlets_is_one_story(demo):
    ledger, report = demo
    assert report.duplicates == 1 and ledger.counts()["duplicates"] == 1
    assert ledger.statements(article_id=WIRE_COPY) == []
    assert ledger.statements(article_id="courier-2025-02-13-lake-sorrel-low")


def test_reversal_material_one_speaker_two_years_apart(demo):
    ledger, _ = demo
    marsh = by_speaker(ledger, "Helen Marsh")
    years = {s["effective_date"][:4] for s in marsh}
    assert {"2023", "2025"} <= years
    assert any("not put a toll" in s["text"] for s in marsh)
    assert any("on the table" in s["text"] for s in marsh)


def test_walkback_material_remark_then_retraction(demo):
    ledger, _ = demo
    brennan = by_speaker(ledger, "Tom Brennan")
    remark = [s for s in brennan if "close the Eastside" in s["text"]]
    retraction = [s for s in brennan if "misspoke" in s["text"]]
    assert remark and retraction
    assert remark[0]["date"] == "2025-02-10" and retraction[0]["effective_date"] > "2025-02-10"
    texts = {a.id: a.text for a in read_inputs([DEMO])}
    assert "walked back" in texts[retraction[0]["article_id"]]


def test_contradiction_material_two_officials_same_week(demo):
    ledger, _ = demo
    okafor = [s for s in by_speaker(ledger, "Daniel Okafor") if "gas tax" in s["text"]]
    ortega = [s for s in by_speaker(ledger, "Luis Ortega") if "gas tax" in s["text"]]
    assert okafor and ortega
    days = sorted({okafor[0]["effective_date"], ortega[0]["effective_date"]})
    assert days[0] >= "2025-02-10" and days[1] <= "2025-02-16"  # Monday to Sunday of one week


def test_unnamed_source_is_kept_as_described(demo):
    ledger, _ = demo
    anonymous = [p for p in ledger.people() if p["anonymous"]]
    assert any("senior aide" in p["name"] for p in anonymous)


def test_scare_quote_and_title_are_not_statements(demo):
    ledger, _ = demo
    texts = [s["text"] for s in ledger.iter_statements()]
    assert not any(t.strip(' “”"') in ("temporary", "Roads Left Behind") for t in texts)


def test_multi_paragraph_quote_and_quote_inside_speaker(demo):
    ledger, _ = demo
    raman = [s["text"] for s in by_speaker(ledger, "Priya Raman")]
    assert any("consultants he hired last year" in t for t in raman)
    assert any("long enough for a straight answer" in t for t in raman)


@pytest.fixture(scope="module")
def demo_with_people(tmp_path_factory):
    from onrecord.people import load_people_file

    people = load_people_file(DEMO.parent / "people.yaml")
    with open_ledger(tmp_path_factory.mktemp("demo-people") / "demo.db") as ledger:
        ledger.import_people(people)
        ingest([DEMO], ledger, people=people)
        yield ledger


def findings_of(ledger, kind):
    return ledger.findings(type=kind, limit=50)


def test_demo_findings_reversal_and_walkback_from_the_text_alone(demo):
    ledger, _ = demo
    (reversal,) = findings_of(ledger, "reversal")
    assert {s["speaker"] for s in reversal["sides"]} == {"Helen Marsh"}
    assert [s["stance"] for s in reversal["sides"]] == ["against", "open"]
    (walkback,) = findings_of(ledger, "walkback")
    assert {s["speaker"] for s in walkback["sides"]} == {"Tom Brennan"}
    assert "misspoke" in walkback["explanation"]
    assert findings_of(ledger, "contradiction") == []  # the text never says whose side Okafor is on


def test_demo_contradiction_needs_the_people_file(demo_with_people):
    (contradiction,) = findings_of(demo_with_people, "contradiction")
    assert {s["speaker"] for s in contradiction["sides"]} == {"Daniel Okafor", "Luis Ortega"}
    assert "Marsh administration" in contradiction["explanation"]
    assert len(findings_of(demo_with_people, None)) == 3
