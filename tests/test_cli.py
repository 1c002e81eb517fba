"""The `onrecord` command over the demo corpus and small inputs written here (real spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.store import open_ledger

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run("ingest", DEMO, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_ingest_reports_what_it_did(demo_db):
    with open_ledger(demo_db) as ledger:
        counts = ledger.counts()
    assert counts["articles"] == 8 and counts["duplicates"] == 1 and counts["statements"] > 20
    assert counts["problems"] == 0


def test_second_ingest_changes_nothing(demo_db):
    with open_ledger(demo_db) as ledger:
        before = ledger.counts()
    result = run("ingest", DEMO, "--db", demo_db)
    assert result.exit_code == 0
    assert "read 8 articles" in result.stdout and "0 new, 8 already present" in result.stdout
    with open_ledger(demo_db) as ledger:
        assert ledger.counts() == before


def test_bad_inputs_are_listed_with_reasons_and_good_ones_ingested(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        '"The ferry will run all winter," harbor master Lena Ostrow said on Monday.\n'
    )
    (inputs / "blank.txt").write_text("\n\n")
    (inputs / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    (inputs / "feed.xml").write_text("<rss><channel><title>Empty</title></channel></rss>")
    db = tmp_path / "x.db"
    result = run("ingest", inputs, tmp_path / "nowhere", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout and "4 problems" in result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert len(problems) == 4
    assert any("blank.txt: empty article" in p for p in problems)
    assert any("photo.png" in p and "unsupported" in p for p in problems)
    assert any("feed.xml: feed has no entries" in p for p in problems)
    assert any("nowhere: no such file or directory" in p for p in problems)
    rows = json.loads(run("statements", "--db", db, "--json").stdout.splitlines()[0])
    assert rows["speaker"] == "Lena Ostrow" and rows["text"].startswith("The ferry will run")


def test_exit_is_non_zero_only_when_nothing_could_be_read(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "blank.txt").write_text(" ")
    result = run("ingest", bad, tmp_path / "nowhere", "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert "nothing could be read" in result.stderr and "empty article" in result.stderr


def test_bad_published_date_is_a_usage_error(tmp_path):
    result = run("ingest", DEMO, "--db", tmp_path / "x.db", "--published", "last spring")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert not (tmp_path / "x.db").exists()


def test_published_and_outlet_fill_in_what_a_txt_file_lacks(tmp_path):
    (tmp_path / "note.txt").write_text('"We open on Friday," librarian Omar Feld said on Tuesday.\n')
    db = tmp_path / "x.db"
    result = run(
        "ingest", tmp_path / "note.txt", "--db", db, "--published", "2024-05-10", "--outlet", "The Bugle"
    )
    assert result.exit_code == 0, result.output
    row = json.loads(run("statements", "--db", db, "--json").stdout.splitlines()[0])
    assert row["outlet"] == "The Bugle" and row["published"] == "2024-05-10"
    assert row["date"] == "2024-05-07"  # the Tuesday before publication


def test_people_lists_speakers_with_roles_and_name_forms(demo_db):
    people = [json.loads(line) for line in run("people", "--db", demo_db, "--json").stdout.splitlines()]
    marsh = next(p for p in people if p["name"] == "Helen Marsh")
    assert "Governor" in marsh["roles"] and {"Helen Marsh", "Marsh"} <= set(marsh["forms"])
    assert marsh["statements"] == max(p["statements"] for p in people)
    table = run("people", "--db", demo_db)
    assert table.exit_code == 0 and "Helen Marsh" in table.stdout and "Governor" in table.stdout


def test_statements_for_one_speaker_newest_first(demo_db):
    result = run("statements", "--db", demo_db, "--speaker", "Marsh", "--limit", "100", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Helen Marsh"}
    dates = [r["effective_date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert dates[0].startswith("2025") and dates[-1].startswith("2023")
    text = run("statements", "--db", demo_db, "--speaker", "Helen Marsh", "--limit", "3").stdout
    assert "Helen Marsh, Governor" in text and "Calder Public Radio" in text


def test_statements_for_one_article(demo_db):
    article = "courier-2023-03-16-marsh-rules-out-bridge-toll"
    rows = run("statements", "--db", demo_db, "--article", article, "--json").stdout.splitlines()
    assert rows and all(json.loads(r)["article_id"] == article for r in rows)
    unknown = run("statements", "--db", demo_db, "--speaker", "Nobody Atall")
    assert unknown.exit_code == 0 and "No statements match" in unknown.stderr


def test_export_writes_the_contract_files(demo_db, tmp_path):
    result = run("export", "--db", demo_db, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "statements.jsonl").read_text().splitlines()
    with open_ledger(demo_db) as ledger:
        assert len(lines) == ledger.counts()["statements"]
    first = json.loads(lines[0])
    assert {"id", "article_id", "speaker", "text", "kind", "start", "end", "date", "topic", "stance"} <= set(
        first
    )
    assert {"name", "role", "anonymous"} <= set(first["speaker"])
    assert (tmp_path / "out" / "findings.jsonl").exists()


def test_db_comes_from_the_environment(demo_db):
    result = run("people", "--json", env={"ONRECORD_DB": str(demo_db)})
    assert result.exit_code == 0 and "Helen Marsh" in result.stdout


def test_reading_commands_never_create_a_ledger(tmp_path):
    missing = tmp_path / "none.db"
    for args in (("people",), ("statements",), ("export", "--out", tmp_path / "o")):
        result = run(*args, "--db", missing)
        assert result.exit_code == 1 and "no ledger at" in result.stderr
    assert not missing.exists()


def test_a_file_that_is_not_a_ledger_is_refused_cleanly(tmp_path):
    fake = tmp_path / "notes.db"
    fake.write_text("just some notes, not a database\n" * 200)
    result = run("people", "--db", fake)
    assert result.exit_code == 1 and "error:" in result.stderr


def test_ingest_and_read_back_on_either_backend(ledger_url, tmp_path):
    """A postgresql:// URL selects PostgreSQL; the commands behave the same on both."""
    first = run("ingest", DEMO, "--db", ledger_url)
    assert first.exit_code == 0, first.output
    again = run("ingest", DEMO, "--db", ledger_url)
    assert "0 new, 8 already present" in again.stdout
    people = [
        json.loads(line)["name"] for line in run("people", "--db", ledger_url, "--json").stdout.splitlines()
    ]
    assert people[0] == "Helen Marsh"
    assert run("export", "--db", ledger_url, "--out", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "statements.jsonl").read_text().count("\n") > 20
