"""The ledger on SQLite (and, through `any_ledger`, on PostgreSQL too)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from onrecord.model import Article, Speaker, Statement
from onrecord.people import write_people_file
from onrecord.store import LedgerError, open_ledger
from onrecord.store.shingles import shingles

WIRE = """MILLBROOK — The Millbrook city council voted 7 to 2 on Monday to delay the replacement of the \
Ashford Street bridge by at least two years, citing rising steel prices and a shortfall in state \
transportation grants.

Mayor Dana Whitfield said the delay was "the responsible choice for taxpayers" and promised that \
inspections of the existing span would be doubled while the council looked for new money.

Councilmember Luis Ortega, who voted against the measure, said residents of the east side had waited \
long enough. "Every winter we are told to be patient, and every winter the potholes get deeper," Ortega said.

The bridge, built in 1958, carries roughly eleven thousand vehicles a day and was rated structurally \
deficient by state engineers last spring. A consultant's report presented to the council estimated that \
replacing it would now cost forty-two million dollars, nearly double the figure quoted three years ago.

Whitfield said the city would apply again for federal infrastructure funds in the autumn round and would \
ask the county to share the cost of temporary repairs. She did not rule out a bond measure next year.

Local business owners near the bridge have complained that weight limits imposed after the last \
inspection have forced delivery trucks onto residential streets, and several spoke against the delay \
during a public comment period that lasted more than three hours."""

# the same story as another outlet ran it: new dateline and headline, a few words changed,
# the last paragraph cut and a line added
RERUN = (
    WIRE.replace("MILLBROOK —", "MILLBROOK (Valley Ledger) —")
    .replace("on Monday to delay", "Monday to delay")
    .replace("forty-two million dollars", "$42 million")
    .replace("roughly eleven thousand", "about 11,000")
    .rsplit("\n\n", 1)[0]
    + "\n\nThe council meets again on June 3."
)

# a different story that quotes one of the same sentences
SCHOOLS = """MILLBROOK — The school board on Thursday approved a new bus schedule for the east side after \
parents said children were waiting in the dark for up to forty minutes each morning.

Board president Karen Liu said the district had hired four additional drivers and would stagger \
start times at the two middle schools. Transportation director Sam Patel told the board the new routes \
avoid the Ashford Street bridge entirely because of its weight limits.

At a council meeting earlier this month, Councilmember Luis Ortega had put the frustration of east side \
families bluntly: "Every winter we are told to be patient, and every winter the potholes get deeper."

Liu said the schedule would be reviewed after the first snowfall and that parents could send comments \
through the district website. The board also agreed to publish monthly reports on late buses, a step \
the parent association had requested for more than a year."""


def stmt(article: Article, text: str, speaker: Speaker, kind: str = "direct", **kw) -> Statement:
    start = article.text.index(text)
    return Statement(article.id, text, kind, start, start + len(text), speaker, **kw)


def whitfield(**kw) -> Speaker:
    return Speaker("Dana Whitfield", role="Mayor", forms=["Mayor Dana Whitfield", "Whitfield", "She"], **kw)


def ortega() -> Speaker:
    return Speaker("Luis Ortega", role="Councilmember", forms=["Councilmember Luis Ortega", "Ortega"])


def wire_article() -> tuple[Article, list[Statement]]:
    a = Article("wire-1", WIRE, title="Council delays bridge", outlet="Harbor Wire", published="2024-03-05")
    return a, [
        stmt(
            a,
            "the responsible choice for taxpayers",
            whitfield(),
            kind="mixed",
            cue="said",
            date="2024-03-04",
        ),
        stmt(a, "residents of the east side had waited long enough", ortega(), kind="indirect", cue="said"),
        stmt(
            a,
            "Every winter we are told to be patient, and every winter the potholes get deeper",
            ortega(),
            cue="said",
        ),
        stmt(
            a,
            "the city would apply again for federal infrastructure funds in the autumn round",
            whitfield(),
            "indirect",
        ),
    ]


def schools_article() -> tuple[Article, list[Statement]]:
    a = Article(
        "schools-1", SCHOOLS, title="New bus schedule", outlet="Millbrook Post", published="2024-03-21"
    )
    liu = Speaker("Karen Liu", role="Board president", forms=["Liu"])
    return a, [
        stmt(a, "the district had hired four additional drivers", liu, "indirect", cue="said"),
        stmt(a, "Every winter we are told to be patient, and every winter the potholes get deeper", ortega(),
             date="2024-03-04"),
        stmt(a, "the schedule would be reviewed after the first snowfall", Speaker("Liu"), "indirect"),
    ]  # fmt: skip


def test_round_trip(any_ledger, tmp_path):
    for article, statements in (wire_article(), schools_article()):
        assert any_ledger.add_article(article, statements) is True
    counts = any_ledger.counts()
    assert counts | {"people": 0} == {
        "articles": 2, "statements": 7, "people": 0, "problems": 0, "findings": 0, "duplicates": 0,
    }  # fmt: skip
    assert counts["people"] == 3  # Whitfield, Ortega, Liu: one person each across articles and name forms

    people = {p["name"]: p for p in any_ledger.people()}
    assert list(people)[:1] == ["Luis Ortega"]  # most statements first
    assert people["Luis Ortega"]["statements"] == 3
    assert people["Karen Liu"]["statements"] == 2  # the bare "Liu" joined the one Liu known
    assert set(people["Dana Whitfield"]["forms"]) == {"Dana Whitfield", "Whitfield"}  # no title, no pronoun
    assert people["Dana Whitfield"]["roles"] == ["Mayor"]
    assert people["Luis Ortega"]["first_date"] == "2024-03-04"
    assert people["Luis Ortega"]["last_date"] == "2024-03-05"

    by_form = any_ledger.statements(speaker="ortega")
    assert [s["speaker"] for s in by_form] == ["Luis Ortega"] * 3
    assert any_ledger.statements(speaker="COUNCILMEMBER LUIS ORTEGA") == by_form
    assert any_ledger.statements(speaker=people["Luis Ortega"]["id"]) == by_form
    assert any_ledger.statements(speaker="Nobody Known") == []

    dates = [s["effective_date"] for s in any_ledger.statements()]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-03-21"
    page = any_ledger.statements(limit=2, offset=1)
    assert [s["id"] for s in page] == [s["id"] for s in any_ledger.statements()][1:3]
    in_article = any_ledger.statements(article_id="schools-1")
    assert {s["title"] for s in in_article} == {"New bus schedule"} and len(in_article) == 3

    written = any_ledger.export(tmp_path / "out")
    assert written == {"statements": 7, "findings": 0, "people": 3}
    lines = [json.loads(x) for x in (tmp_path / "out" / "statements.jsonl").read_text().splitlines()]
    originals = {s.id: (a, s) for a, ss in (wire_article(), schools_article()) for s in ss}
    for rec in lines:
        article, s = originals[rec["id"]]
        assert rec["article_id"] == article.id
        assert article.text[rec["start"] : rec["end"]] == rec["text"] == s.text
        assert rec["kind"] == s.kind and rec["date"] == s.date
        assert rec["speaker"]["name"] in ("Dana Whitfield", "Luis Ortega", "Karen Liu")
        assert rec["speaker"]["role"] == s.speaker.role and rec["speaker"]["anonymous"] is False
        assert {"topic", "stance"} <= rec.keys()
    assert (tmp_path / "out" / "findings.jsonl").read_text() == ""
    assert (tmp_path / "out" / "people.csv").read_text().startswith("id,name,kind")
    assert len((tmp_path / "out" / "statements.csv").read_text().strip().splitlines()) == 8


def test_readding_is_a_noop(any_ledger):
    article, statements = wire_article()
    assert any_ledger.add_article(article, statements)
    before = any_ledger.counts()
    assert any_ledger.has_content(article.content_hash) == "wire-1"
    assert any_ledger.add_article(article, statements) is False
    same_text = Article("wire-1-copy", WIRE, outlet="Elsewhere")
    assert any_ledger.add_article(same_text, []) is False
    assert any_ledger.counts() == before


def test_wire_duplicate_found_across_outlets(any_ledger):
    article, statements = wire_article()
    any_ledger.add_article(article, statements)
    rerun = Article(
        "valley-77", RERUN, title="Bridge replacement pushed back two years", outlet="Valley Ledger"
    )
    assert any_ledger.has_content(rerun.content_hash) is None
    assert any_ledger.find_wire_duplicate(rerun) == "wire-1"
    any_ledger.add_article(rerun, [], duplicate_of="wire-1")
    assert any_ledger.counts()["duplicates"] == 1
    # one shared sentence does not make the same story
    schools, _ = schools_article()
    assert any_ledger.find_wire_duplicate(schools) is None
    assert any_ledger.find_wire_duplicate(Article("tiny", "Ortega said so.")) is None


def test_shingle_overlap_of_the_fixtures():
    wire, rerun, schools = set(shingles(WIRE)), set(shingles(RERUN)), set(shingles(SCHOOLS))
    assert len(wire & rerun) / min(len(wire), len(rerun)) >= 0.8
    assert len(wire & schools) / min(len(wire), len(schools)) < 0.3


def test_crash_inside_add_article_leaves_nothing(any_ledger, monkeypatch):
    article, statements = wire_article()
    real = type(any_ledger)._store_statement
    calls = []

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(self, *args)

    monkeypatch.setattr(type(any_ledger), "_store_statement", failing)
    with pytest.raises(RuntimeError):
        any_ledger.add_article(article, statements)
    assert set(any_ledger.counts().values()) == {0}
    assert any_ledger.find_wire_duplicate(Article("again", RERUN)) is None  # no shingles left behind
    monkeypatch.undo()
    assert any_ledger.add_article(article, statements)
    assert any_ledger.counts()["statements"] == 4


def test_killed_process_mid_ingest_leaves_db_consistent(ledger_url):
    """A real kill (os._exit, no cleanup) in the middle of an article's transaction."""
    code = textwrap.dedent(f"""
        import os, sys, importlib.util
        spec = importlib.util.spec_from_file_location("t", {__file__!r})
        t = importlib.util.module_from_spec(spec); spec.loader.exec_module(t)
        from onrecord.store import open_ledger
        led = open_ledger({ledger_url!r})
        real = type(led)._store_statement
        n = []
        def dying(self, *a):
            n.append(1)
            if len(n) == 5:  # the second statement of the second article
                os._exit(9)
            return real(self, *a)
        type(led)._store_statement = dying
        led.add_article(*t.schools_article())  # the first article commits
        led.add_article(*t.wire_article())     # killed during this one
    """)
    proc = subprocess.run([sys.executable, "-c", code], env=os.environ, timeout=120)
    assert proc.returncode == 9
    with open_ledger(ledger_url) as led:
        assert led.counts()["articles"] == 1 and led.counts()["statements"] == 3
        assert led.add_article(*wire_article()) is True  # the rerun resumes
        assert led.counts()["statements"] == 7


def test_people_sharing_a_surname_stay_apart(any_ledger):
    def article(aid, text, published):
        return Article(aid, text, published=published)

    a = article("a", 'Joe Biden said "the economy is strong" at the rally.', "2024-01-10")
    b = article("b", 'Hunter Biden said "I made mistakes" in the interview.', "2024-02-10")
    c = article("c", 'Biden said "we will see" when asked.', "2024-03-10")
    any_ledger.add_article(a, [stmt(a, "the economy is strong", Speaker("Joe Biden", forms=["Biden"]))])
    any_ledger.add_article(b, [stmt(b, "I made mistakes", Speaker("Hunter Biden"))])
    any_ledger.add_article(c, [stmt(c, "we will see", Speaker("Biden"))])
    people = {p["name"]: p for p in any_ledger.people()}
    assert set(people) == {"Joe Biden", "Hunter Biden", "Biden"}
    assert people["Biden"]["scope"] == "c"  # ambiguous bare surname: known only within its article
    assert [s["text"] for s in any_ledger.statements(speaker="Hunter Biden")] == ["I made mistakes"]
    assert [s["text"] for s in any_ledger.statements(speaker="Joe Biden")] == ["the economy is strong"]
    # "Biden" is a form of Joe and the name of c's speaker, never Hunter's
    assert {s["article_id"] for s in any_ledger.statements(speaker="biden")} == {"a", "c"}
    # within one article a bare surname refers back to the one full name it gives, even quoted first
    d = article("d", 'Biden said "no regrets" and Hunter Biden said "none at all".', "2024-04-10")
    any_ledger.add_article(
        d, [stmt(d, "no regrets", Speaker("Biden")), stmt(d, "none at all", Speaker("Hunter Biden"))]
    )
    hunter = any_ledger.statements(speaker="Hunter Biden")
    assert [s["text"] for s in hunter] == ["no regrets", "none at all", "I made mistakes"]
    assert {s["speaker_as_named"] for s in hunter} == {"Hunter Biden", "Biden"}


def test_anonymous_sources_are_not_linked_across_articles(any_ledger):
    official = Speaker("senior administration official", anonymous=True, kind="anonymous")
    for aid in ("x", "y"):
        a = Article(
            aid, f'A senior administration official said "talks continue" ({aid}) and "nothing is final".'
        )
        any_ledger.add_article(
            a, [stmt(a, "talks continue", official), stmt(a, "nothing is final", official)]
        )
    people = any_ledger.people()
    assert len(people) == 2 and all(p["anonymous"] and p["statements"] == 2 for p in people)
    assert {p["scope"] for p in people} == {"x", "y"}
    exported = list(any_ledger.iter_statements())
    assert {r["speaker"]["name"] for r in exported} == {"senior administration official"}
    assert all(r["speaker"]["anonymous"] is True for r in exported)


def test_organizations_merge_by_name_not_with_people(any_ledger):
    a = Article("o1", 'The White House said "no comment" today.')
    b = Article("o2", 'White House officials said "later" again. Jack White said "hello".')
    any_ledger.add_article(a, [stmt(a, "no comment", Speaker("The White House", kind="organization"))])
    any_ledger.add_article(
        b,
        [
            stmt(b, "later", Speaker("White House", kind="organization")),
            stmt(b, "hello", Speaker("Jack White")),
        ],
    )
    people = {p["name"]: p for p in any_ledger.people()}
    assert (
        people["The White House"]["statements"] == 2 and people["The White House"]["kind"] == "organization"
    )
    assert people["Jack White"]["kind"] == "person"


def test_people_file_seeds_aliases_and_merges(any_ledger, tmp_path):
    a = Article("p1", 'AOC said "we are not done" on the steps.', published="2024-04-01")
    any_ledger.add_article(a, [stmt(a, "we are not done", Speaker("AOC"))])
    assert any_ledger.people()[0]["scope"] == "p1"  # unknown bare name: kept to its article
    path = tmp_path / "people.yaml"
    write_people_file(
        [{"name": "Alexandria Ocasio-Cortez", "aliases": ["AOC"], "affiliation": "Democratic Party",
          "role": "Representative", "from": "2019-01-03"}],
        path,
    )  # fmt: skip
    from onrecord.people import load_people_file

    assert any_ledger.import_people(load_people_file(path)) == {"created": 1, "updated": 0, "merged": 1}
    b = Article("p2", 'AOC said "again and again" to reporters.', published="2024-05-01")
    any_ledger.add_article(b, [stmt(b, "again and again", Speaker("AOC"))])
    (person,) = any_ledger.people()
    assert person["name"] == "Alexandria Ocasio-Cortez" and person["statements"] == 2
    assert person["affiliation"] == "Democratic Party" and person["roles"] == ["Representative"]
    records = any_ledger.people_file_records()
    assert records == [
        {"name": "Alexandria Ocasio-Cortez", "aliases": ["AOC"], "affiliation": "Democratic Party",
         "role": "Representative", "kind": "person", "from": "2019-01-03", "to": None}
    ]  # fmt: skip


def test_findings_runs_problems_positions(any_ledger, tmp_path):
    article, statements = wire_article()
    run = any_ledger.start_run()
    any_ledger.add_article(article, statements)
    any_ledger.record_problem("broken.html", "empty after extraction")
    any_ledger.finish_run(run, {"articles": 1})
    assert any_ledger.last_run()["counts"] == {"articles": 1} and any_ledger.last_run()["id"] == run
    assert any_ledger.problems()[0]["reason"] == "empty after extraction"
    ids = [s.id for s in statements]
    any_ledger.set_positions([(ids[0], "bridge delay", "support")])
    assert any_ledger.statements(speaker="Dana Whitfield")[-1]["stance"] == "support"
    finding = {
        "id": "f1",
        "type": "reversal",
        "topic": "bridge delay",
        "statements": ids[:2],
        "explanation": "x",
    }
    assert any_ledger.replace_findings([finding]) == 1
    assert any_ledger.replace_findings([finding]) == 1  # replaced, not added
    (got,) = any_ledger.iter_findings()
    assert got["statements"] == ids[:2] and got["type"] == "reversal" and got["created"]
    with pytest.raises(LedgerError, match="type"):
        any_ledger.replace_findings([{**finding, "type": "flip"}])
    any_ledger.export(tmp_path)
    assert json.loads((tmp_path / "findings.jsonl").read_text())["id"] == "f1"
    assert any_ledger.counts()["findings"] == 1 and any_ledger.counts()["problems"] == 1


def test_statements_of_another_article_are_refused(ledger):
    article, statements = wire_article()
    other = Article("other", "text")
    with pytest.raises(LedgerError, match="belongs to article"):
        ledger.add_article(other, statements)
    assert ledger.counts()["articles"] == 0


def test_views_and_search_open_in_plain_sqlite(tmp_path):
    path = tmp_path / "ledger.db"
    with open_ledger(path) as led:
        for article, statements in (wire_article(), schools_article()):
            led.add_article(article, statements)
        assert [r["speaker"] for r in led.search("potholes")] == ["Luis Ortega", "Luis Ortega"]
        assert led.search("federal infrastructure")[0]["speaker"] == "Dana Whitfield"
        assert led.search('"; DROP TABLE') == []
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT COUNT(*) FROM statement_view WHERE outlet = 'Harbor Wire'").fetchone()[0] == 4
    top = con.execute("SELECT name, statements FROM people_view ORDER BY statements DESC LIMIT 1").fetchone()
    assert top == ("Luis Ortega", 3)
    hits = con.execute(
        "SELECT v.speaker FROM statement_search f JOIN statement_view v ON v.id = f.statement_id "
        "WHERE statement_search MATCH 'drivers'"
    ).fetchall()
    assert hits == [("Karen Liu",)]
    con.close()


def test_ingest_uses_indexed_lookups_only(ledger):
    """Cost per article must not grow with the ledger: no query of an article's ingest scans a table."""
    for article, statements in (wire_article(), schools_article()):
        ledger.add_article(article, statements)
    traced: list[str] = []
    ledger._conn.set_trace_callback(traced.append)
    rerun = Article("valley-77", RERUN)
    ledger.has_content(rerun.content_hash)
    ledger.find_wire_duplicate(rerun)
    a = Article("new", 'Dana Whitfield said "we will fix it" and Karen Lu said "soon". Ortega agreed.')
    ledger.add_article(
        a,
        [
            stmt(a, "we will fix it", whitfield()),
            stmt(a, "soon", Speaker("Karen Lu")),
            stmt(a, "agreed", Speaker("Ortega")),
        ],
    )
    ledger._conn.set_trace_callback(None)
    selects = [q for q in traced if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 6
    for q in selects:
        plan = " | ".join(r["detail"] for r in ledger._all("EXPLAIN QUERY PLAN " + q))
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), (q, plan)


def test_bad_ledger_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100)
    with pytest.raises(LedgerError, match="cannot be opened"):
        open_ledger(bad)


def test_empty_location_is_refused():
    with pytest.raises(LedgerError, match="empty ledger location"):
        open_ledger("  ")


def test_writing_while_streaming_statements(any_ledger):
    """The positions stage reads statements and records stances as it goes."""
    for article, statements in (wire_article(), schools_article()):
        any_ledger.add_article(article, statements)
    for rec in any_ledger.iter_statements():
        for _ in any_ledger.iter_findings():
            pass
        any_ledger.set_positions([(rec["id"], "bridge", "for")])
    assert {s["stance"] for s in any_ledger.statements(limit=100)} == {"for"}


def test_concurrent_ingest_of_one_article(ledger_url):
    from concurrent.futures import ThreadPoolExecutor

    ledgers = [open_ledger(ledger_url) for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        added = list(pool.map(lambda led: led.add_article(*wire_article()), ledgers))
    assert sorted(added) == [False, False, True]
    assert ledgers[0].counts()["statements"] == 4 and ledgers[0].counts()["people"] == 2
    for led in ledgers:
        led.close()


def test_concurrent_ingests_sharing_new_people(ledger_url):
    """Parallel writers that meet the same new people in different orders end with one row each."""
    import random
    from concurrent.futures import ThreadPoolExecutor

    names = ["Ada Quill", "Bo Rent", "Cy Vale", "Di Wren", "Ed Yarrow", "Flo Zane"]

    def work(worker: int) -> int:
        rnd = random.Random(worker)
        with open_ledger(ledger_url) as led:
            for i in range(5):
                order = rnd.sample(names, len(names))
                text = " ".join(f'{n} said "point {worker}-{i}-{k}".' for k, n in enumerate(order))
                a = Article(f"w{worker}-{i}", text)
                led.add_article(
                    a, [stmt(a, f"point {worker}-{i}-{k}", Speaker(n)) for k, n in enumerate(order)]
                )
        return worker

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    with open_ledger(ledger_url) as led:
        assert led.counts()["articles"] == 20 and led.counts()["statements"] == 120
        assert sorted(p["name"] for p in led.people()) == names


def test_unnamed_speaker_is_kept_as_unknown(ledger):
    a = Article("u", 'Someone said "it was fine" and someone else said "it was not".')
    ledger.add_article(a, [stmt(a, "it was fine", Speaker("")), stmt(a, "it was not", Speaker("  "))])
    (person,) = ledger.people()
    assert person["name"] == "unknown speaker" and person["anonymous"] and person["statements"] == 2


def test_folder_as_ledger_is_a_clear_error(tmp_path):
    with pytest.raises(LedgerError, match="cannot be opened"):
        open_ledger(tmp_path)
