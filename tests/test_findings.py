"""Reversals, walk-backs and contradictions on articles written for these tests, and the cases that
must not fire."""

from __future__ import annotations

import pytest
from stmt_helpers import stmt

from onrecord.findings import MemoryIndex, build_claims, find_all, update_findings
from onrecord.findings.claims import Claim
from onrecord.findings.when import before
from onrecord.positions import assign_positions

pytest.importorskip("spacy")

ARTICLE_1 = (
    "Defense Secretary Dana Whitfield said on Monday that the U.S. would never send troops to Greenland.\n"
    "Whitfield said sending U.S. troops to Greenland was a dangerous idea.\n"
)
ARTICLE_2 = "Whitfield said on Tuesday that sending U.S. troops to Greenland remained on the table.\n"


def run(*articles, people=None):
    """articles: (published, text, [(span, name, kwargs)])"""
    batches = []
    for n, (published, text, specs) in enumerate(articles):
        batches.append(
            (published, [stmt(text, span, name, article_id=f"art{n}", **kw) for span, name, kw in specs])
        )
    claims, findings = find_all(batches, people=people)
    return {c.statement_id: c for c in claims}, findings


WHIT = {"role": "Defense Secretary"}


def test_reversal_across_articles_with_dates():
    claims, findings = run(
        ("2025-03-04", ARTICLE_1, [("the U.S. would never send troops to Greenland", "Dana Whitfield",
                                    {**WHIT, "date": "2025-03-03"})]),
        ("2025-04-09", ARTICLE_2, [("sending U.S. troops to Greenland remained on the table", "Dana Whitfield",
                                    {**WHIT, "date": "2025-04-08"})]),
    )  # fmt: skip
    assert [f["type"] for f in findings] == ["reversal"]
    f = findings[0]
    first, second = (claims[i] for i in f["statements"])
    assert first.date < second.date
    assert f["grade"] == "softened" and f["topic"] == "U.S. troops in Greenland"
    assert f["sides"][0]["stance"] == "against" and any("never" in w for w in f["sides"][0]["stance_words"])
    assert "on the table" in f["sides"][1]["stance_words"]
    assert "Whitfield" in f["explanation"] and "2025-03-03" in f["explanation"]


def test_full_reversal_grade():
    text = (
        "In 2023, Senator Ray Odum (R-KS) said he opposed new tariffs on Canada.\n"
        "In 2025, Odum said he supports new tariffs on Canada.\n"
    )
    _, findings = run(("2025-06-01", text, [
        ("he opposed new tariffs on Canada", "Ray Odum", {"date": "2023", "affiliation": "R-KS"}),
        ("he supports new tariffs on Canada", "Ray Odum", {"date": "2025", "affiliation": "R-KS"}),
    ]))  # fmt: skip
    assert [(f["type"], f["grade"]) for f in findings] == [("reversal", "full reversal")]


def test_walkback_in_one_article_ordered_by_text_without_dates():
    text = (
        "In a podcast, Whitfield said she did not care what happens to Greenland one way or another.\n"
        'Whitfield later walked the remark back, saying "We want Greenland to be safe."\n'
    )
    claims, findings = run(("2025-05-01", text, [
        ("she did not care what happens to Greenland one way or another", "Dana Whitfield", {}),
        ("We want Greenland to be safe.", "Dana Whitfield", {"kind": "direct"}),
    ]))  # fmt: skip
    assert [f["type"] for f in findings] == ["walkback"]
    f = findings[0]
    assert [claims[i].text for i in f["statements"]][0].startswith("she did not care")
    assert "walked the remark back" in f["explanation"]


def test_walkback_between_remarks_that_take_no_position_does_not_fire():
    text = (
        "At the rally, Whitfield said the crowd was the biggest she had seen.\n"
        'Whitfield later walked back her remarks, saying "The weather was lovely today."\n'
    )
    _, findings = run(("2025-05-01", text, [
        ("the crowd was the biggest she had seen", "Dana Whitfield", {}),
        ("The weather was lovely today.", "Dana Whitfield", {"kind": "direct"}),
    ]))  # fmt: skip
    assert findings == []


def test_walkback_after_clause_points_at_the_earlier_remark():
    text = (
        "On Friday, Whitfield clarified that Greenland joining NATO was still possible, "
        "two days after suggesting it was unlikely.\n"
    )
    claims, findings = run(("2025-05-03", text, [
        ("Greenland joining NATO was still possible", "Dana Whitfield", {**WHIT, "date": "2025-05-02", "cue": "clarified"}),
        ("it was unlikely", "Dana Whitfield", {**WHIT, "date": "2025-04-30", "cue": "suggesting"}),
    ]))  # fmt: skip
    assert [f["type"] for f in findings] == ["walkback"]
    first, second = (claims[i] for i in findings[0]["statements"])
    assert first.text == "it was unlikely" and findings[0]["grade"] == "softened"
    assert findings[0]["topic"] == "Greenland joining NATO"


def test_contradiction_within_one_administration():
    text = (
        "Vice President Alan Price said on Monday that sending U.S. troops to Greenland was an option.\n"
        "Defense Secretary Dana Whitfield said on Tuesday that the U.S. wouldn't commit forces.\n"
    )
    _, findings = run(("2025-03-05", text, [
        ("sending U.S. troops to Greenland was an option", "Alan Price", {"role": "Vice President", "date": "2025-03-03"}),
        ("the U.S. wouldn't commit forces", "Dana Whitfield", {**WHIT, "date": "2025-03-04"}),
    ]))  # fmt: skip
    assert [f["type"] for f in findings] == ["contradiction"]
    assert "Donald Trump administration" in findings[0]["explanation"]
    assert findings[0]["grade"] == "partial contradiction"


def test_unnamed_officials_account_against_the_persons_own_words():
    text = (
        "President Donald Trump would be willing to send U.S. troops to Greenland, a senior official said.\n"
        "But Trump gave his assurance there would be no U.S. troops in Greenland.\n"
    )
    claims, findings = run(("2025-09-02", text, [
        ("President Donald Trump would be willing to send U.S. troops to Greenland", "senior official",
         {"anonymous": True}),
        ("there would be no U.S. troops in Greenland", "Donald Trump", {"role": "President", "cue": "assurance"}),
    ]))  # fmt: skip
    assert [f["type"] for f in findings] == ["contradiction"]
    assert "unnamed senior official" in findings[0]["explanation"]
    assert {claims[i].speaker for i in findings[0]["statements"]} == {"senior official", "Donald Trump"}


# ---- must not fire


def test_two_different_propositions_do_not_fire():
    text = (
        "In January, Whitfield said Greenland joining NATO was unlikely.\n"
        "In March, Whitfield said NATO troops in Greenland were a good idea.\n"
    )
    _, findings = run(("2025-04-01", text, [
        ("Greenland joining NATO was unlikely", "Dana Whitfield", {**WHIT, "date": "2025-01"}),
        ("NATO troops in Greenland were a good idea", "Dana Whitfield", {**WHIT, "date": "2025-03"}),
    ]))  # fmt: skip
    assert findings == []


def test_two_people_with_one_surname_do_not_fire():
    _, findings = run(
        ("2024-02-01", "Tom Brandt said he opposed sending aid to Taiwan.\n",
         [("he opposed sending aid to Taiwan", "Tom Brandt", {"date": "2024-01-30"})]),
        ("2024-06-01", "Eva Brandt said she supports sending aid to Taiwan.\n",
         [("she supports sending aid to Taiwan", "Eva Brandt", {"date": "2024-05-30"})]),
        ("2024-07-01", "Brandt said she supports sending aid to Taiwan.\n",
         [("she supports sending aid to Taiwan", "Brandt", {"date": "2024-06-30"})]),
    )  # fmt: skip
    assert findings == []


def test_same_position_restated_does_not_fire():
    _, findings = run(
        ("2025-03-04", ARTICLE_1, [
            ("the U.S. would never send troops to Greenland", "Dana Whitfield", {**WHIT, "date": "2025-03-03"}),
            ("sending U.S. troops to Greenland was a dangerous idea", "Dana Whitfield", {**WHIT, "date": "2025-03-03"}),
        ]),
        ("2025-05-01", "Whitfield said there would be no U.S. troops in Greenland.\n", [
            ("there would be no U.S. troops in Greenland", "Dana Whitfield", {**WHIT, "date": "2025-04-30"}),
        ]),
    )  # fmt: skip
    assert findings == []


def test_reporters_paraphrase_of_a_critic_does_not_fire():
    text = (
        "Whitfield said there would be no U.S. troops in Greenland.\n"
        "Critics said Whitfield had walked back her opposition and now wants U.S. troops in Greenland.\n"
        "Senator Ana Ruiz (D-NM) said the secretary now supports sending U.S. troops to Greenland.\n"
    )
    _, findings = run(("2025-05-01", text, [
        ("there would be no U.S. troops in Greenland", "Dana Whitfield", {**WHIT, "date": "2025-04-30"}),
        ("Whitfield had walked back her opposition and now wants U.S. troops in Greenland", "critics",
         {"anonymous": True, "date": "2025-04-30"}),
        ("the secretary now supports sending U.S. troops to Greenland", "Ana Ruiz",
         {"role": "Senator", "affiliation": "D-NM", "date": "2025-04-30"}),
    ]))  # fmt: skip
    assert findings == []


def test_undated_statement_is_never_the_later_side():
    _, findings = run(
        ("2025-03-04", ARTICLE_1, [("the U.S. would never send troops to Greenland", "Dana Whitfield",
                                    {**WHIT, "date": "2025-03-03"})]),
        ("2025-04-09", ARTICLE_2, [("sending U.S. troops to Greenland remained on the table", "Dana Whitfield",
                                    WHIT)]),
    )  # fmt: skip
    assert findings == []


def test_contradiction_needs_overlapping_time():
    text = (
        "In 2019, Vice President Mike Pence said the U.S. supports new tariffs on Canada.\n"
        "Secretary Dana Whitfield said on Monday that there would be no new tariffs on Canada.\n"
    )
    _, findings = run(("2025-03-05", text, [
        ("the U.S. supports new tariffs on Canada", "Mike Pence", {"role": "Vice President", "date": "2019"}),
        ("there would be no new tariffs on Canada", "Dana Whitfield", {"role": "Secretary", "date": "2025-03-03"}),
    ]))  # fmt: skip
    assert findings == []


# ---- incremental


class CountingIndex(MemoryIndex):
    def __init__(self):
        super().__init__()
        self.calls = []

    def by_person(self, person, prop_key):
        self.calls.append(("person", person, prop_key))
        return super().by_person(person, prop_key)

    def by_side(self, side, prop_key, start, end):
        self.calls.append(("side", side, prop_key, start, end))
        return super().by_side(side, prop_key, start, end)


def test_update_only_looks_up_the_buckets_of_the_new_claims():
    index = CountingIndex()
    s1 = stmt(ARTICLE_1, "the U.S. would never send troops to Greenland", "Dana Whitfield",
              article_id="art1", date="2025-03-03", **WHIT)  # fmt: skip
    index.add(build_claims([s1], assign_positions([s1]), "2025-03-04"))
    s2 = stmt(ARTICLE_2, "sending U.S. troops to Greenland remained on the table", "Dana Whitfield",
              article_id="art2", date="2025-04-08", **WHIT)  # fmt: skip
    index.calls.clear()
    found = index.add(build_claims([s2], assign_positions([s2]), "2025-04-09"))
    assert [f["type"] for f in found] == ["reversal"]
    assert index.calls == [
        ("person", "dana whitfield", "troops|Greenland+US"),
        ("side", "Donald Trump administration", "troops|Greenland+US", "2025-03-08", "2025-05-09"),
    ]
    assert list(index.findings) == [found[0]["id"]]
    # re-adding the same article replaces, never duplicates
    index.add(build_claims([s2], assign_positions([s2]), "2025-04-09"))
    assert len(index.findings) == 1


def test_claim_round_trips_through_a_dict():
    s = stmt(
        ARTICLE_2,
        "sending U.S. troops to Greenland remained on the table",
        "Dana Whitfield",
        date="2025-04-08",
    )
    (c,) = build_claims([s], assign_positions([s]), "2025-04-09")
    assert Claim.from_dict(c.to_dict()) == c
    assert update_findings([c], MemoryIndex()).findings == []


def test_dates_of_mixed_precision_are_not_ordered_by_guesswork():
    assert before("2025-02", "2025-02-13") is None
    assert before("2025-01", "2025-02-13") is True
    assert before(None, "2025-02-13") is None
    assert before("2025-02-14", "2025-02-13") is False


def test_render_shows_both_sides_with_words_dates_and_sources():
    from rich.console import Console

    from onrecord.findings.render import render_findings, render_timeline, render_topics

    claims, findings = run(
        ("2025-03-04", ARTICLE_1, [("the U.S. would never send troops to Greenland", "Dana Whitfield",
                                    {**WHIT, "date": "2025-03-03"})]),
        ("2025-04-09", ARTICLE_2, [("sending U.S. troops to Greenland remained on the table", "Dana Whitfield",
                                    {**WHIT, "date": "2025-04-08"})]),
    )  # fmt: skip
    rows = {
        sid: {"speaker": c.speaker, "speaker_role": c.role, "date": c.date, "text": c.text, "stance": c.stance,
              "topic": c.label, "title": f"Story {c.article_id}", "outlet": "The Example Times"}
        for sid, c in claims.items()
    }  # fmt: skip
    console = Console(record=True, width=220)
    render_findings(findings, rows, console)
    render_timeline("Dana Whitfield", list(rows.values()), console)
    render_topics(
        [{"topic": "U.S. troops in Greenland", "speaker": "Dana Whitfield", "stance": "open"}], console
    )
    out = console.export_text()
    assert "Reversal · U.S. troops in Greenland" in out
    assert "2025-03-03" in out and "2025-04-08" in out and "The Example Times" in out
    assert "remained on the table" in out and "softened" in out
    assert "Propositions" in out


def test_retraction_words_in_a_quote_that_are_advice_do_not_fire():
    text = (
        "Whitfield said new tariffs on Canada were a mistake.\n"
        'Whitfield said: "We have got to back away from tariffs on Canada and support free trade."\n'
    )
    _, findings = run(("2025-05-01", text, [
        ("new tariffs on Canada were a mistake", "Dana Whitfield", {}),
        ("We have got to back away from tariffs on Canada and support free trade.", "Dana Whitfield",
         {"kind": "direct"}),
    ]))  # fmt: skip
    assert findings == []


# ---- domestic policy: propositions without a place


def test_domestic_reversal_on_a_toll():
    old = "Governor Jo Ames said on Monday that she would not put a toll on the Kessler Viaduct.\n"
    new = "Ames said on Friday that a toll on the Kessler Viaduct is on the table.\n"
    gov = {"role": "Governor"}
    _, findings = run(
        ("2023-05-02", old, [("she would not put a toll on the Kessler Viaduct", "Jo Ames",
                              {**gov, "date": "2023-05-01"})]),
        ("2025-06-07", new, [("a toll on the Kessler Viaduct is on the table", "Jo Ames", {**gov, "date": "2025-06-06"})]),
    )  # fmt: skip
    assert [(f["type"], f["prop_key"]) for f in findings] == [("reversal", "toll|Kessler Viaduct")]
    assert [s["stance"] for s in findings[0]["sides"]] == ["against", "open"]


def test_domestic_walkback_keeps_the_topic():
    text = (
        "Mayor Lee Reed said the county would shut two fire stations.\n"
        '"I misspoke," Reed said outside his office.\n"No fire station is going to close."\n'
    )
    _, findings = run(("2025-02-12", text, [
        ("the county would shut two fire stations", "Lee Reed", {"role": "Mayor"}),
        ("I misspoke,", "Lee Reed", {"role": "Mayor", "kind": "direct"}),
        ("No fire station is going to close.", "Lee Reed", {"role": "Mayor", "kind": "direct"}),
    ]))  # fmt: skip
    assert [f["type"] for f in findings] == ["walkback"]
    assert findings[0]["topic"] == "fire station closure"


def test_domestic_contradiction_within_one_administration():
    text = (
        "Chief of Staff Sam Cole said on Tuesday that a sales tax hike is one of the options in front of us.\n"
        "Budget Director Ana Ruiz said on Wednesday there will be no increase in the sales tax.\n"
    )
    article = ("2025-02-13", text, [
        ("a sales tax hike is one of the options in front of us", "Sam Cole",
         {"role": "Chief of Staff", "date": "2025-02-11"}),
        ("there will be no increase in the sales tax", "Ana Ruiz", {"role": "Budget Director", "date": "2025-02-12"}),
    ])  # fmt: skip
    # nothing in the text says whose staff they are: a state office is not the president's administration
    assert run(article)[1] == []
    state = [{"name": n, "affiliation": "Ames administration"} for n in ("Sam Cole", "Ana Ruiz")]
    _, findings = run(article, people=state)
    assert [(f["type"], f["prop_key"]) for f in findings] == [("contradiction", "increase|sales tax")]


def test_domestic_policies_sharing_words_do_not_fire():
    text = (
        "In January, Ames said a sales tax increase was a bad idea.\n"
        "In March, Ames said she supports a sales tax holiday.\n"
        "In April, Ames said she supports a toll on the Marlow Bridge.\n"
    )
    _, findings = run(("2025-04-20", text, [
        ("a sales tax increase was a bad idea", "Jo Ames", {"role": "Governor", "date": "2025-01"}),
        ("she supports a sales tax holiday", "Jo Ames", {"role": "Governor", "date": "2025-03"}),
        ("she supports a toll on the Marlow Bridge", "Jo Ames", {"role": "Governor", "date": "2025-04"}),
    ]))  # fmt: skip
    assert findings == []


def test_idioms_give_no_shared_topic():
    text = (
        "In January, Ames said the budget cuts in front of us were wrong.\n"
        "In March, Ames said the options in front of us were good.\n"
    )
    _, findings = run(("2025-04-20", text, [
        ("the budget cuts in front of us were wrong", "Jo Ames", {"role": "Governor", "date": "2025-01"}),
        ("the options in front of us were good", "Jo Ames", {"role": "Governor", "date": "2025-03"}),
    ]))  # fmt: skip
    assert findings == []


def test_reversal_on_backing_a_candidate():
    march = "In March, Senator Hal Brandt (R-OH) said he would never vote for Maria Delgado.\n"
    october = "Senator Hal Brandt (R-OH) said on Friday that he will vote for Maria Delgado.\n"
    claims, findings = run(
        ("2026-03-10", march, [("he would never vote for Maria Delgado", "Hal Brandt", {"date": "2026-03"})]),
        ("2026-10-17", october, [("he will vote for Maria Delgado", "Hal Brandt", {"date": "2026-10-16"})]),
    )
    assert [(f["type"], f["topic"]) for f in findings] == [("reversal", "backing Maria Delgado")]
    assert [s["stance"] for s in findings[0]["sides"]] == ["against", "for"]


def test_backing_two_people_with_one_surname_does_not_fire():
    first = "Senator Hal Brandt said in 2020 that he would vote for Luis Delgado.\n"
    second = "Senator Hal Brandt said on Friday that he would never vote for Maria Delgado.\n"
    _, findings = run(
        ("2020-05-01", first, [("he would vote for Luis Delgado", "Hal Brandt", {"date": "2020"})]),
        (
            "2026-10-17",
            second,
            [("he would never vote for Maria Delgado", "Hal Brandt", {"date": "2026-10-16"})],
        ),
    )
    assert findings == []


def test_not_yet_endorsing_then_endorsing_is_no_reversal():
    june = "Senator Hal Brandt said on Monday that he has yet to endorse Maria Delgado.\n"
    july = "Senator Hal Brandt said on Friday that he will vote for Maria Delgado.\n"
    _, findings = run(
        ("2026-06-02", june, [("he has yet to endorse Maria Delgado", "Hal Brandt", {"date": "2026-06-01"})]),
        ("2026-07-11", july, [("he will vote for Maria Delgado", "Hal Brandt", {"date": "2026-07-10"})]),
    )
    assert findings == []


def test_an_undated_remark_in_an_earlier_article_is_the_earlier_side():
    march = "Senator Hal Brandt (R-OH) has said he would never vote for Maria Delgado.\n"
    october = "Senator Hal Brandt (R-OH) said on Friday that he will vote for Maria Delgado.\n"
    claims, findings = run(
        ("2026-03-10", march, [("he would never vote for Maria Delgado", "Hal Brandt", {})]),
        ("2026-10-17", october, [("he will vote for Maria Delgado", "Hal Brandt", {"date": "2026-10-16"})]),
    )
    assert [(f["type"], f["grade"]) for f in findings] == [("reversal", "full reversal")]
    assert "undated, reported 2026-03-10 → 2026-10-16" in findings[0]["explanation"]


def test_an_undated_remark_reported_after_the_dated_one_is_not_ordered():
    october = "Senator Hal Brandt (R-OH) said on Friday that he will vote for Maria Delgado.\n"
    november = "Senator Hal Brandt (R-OH) has said he would never vote for Maria Delgado.\n"
    _, findings = run(
        ("2026-10-17", october, [("he will vote for Maria Delgado", "Hal Brandt", {"date": "2026-10-16"})]),
        ("2026-11-20", november, [("he would never vote for Maria Delgado", "Hal Brandt", {})]),
    )
    assert findings == []
