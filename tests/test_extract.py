"""Statements, speakers, venues and dates on sentences written for these tests."""

from __future__ import annotations

import pytest

from onrecord.extract import extract_statements, load_nlp
from onrecord.extract.quotes import find_quotes
from onrecord.model import Article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def read(text: str, nlp, published: str = "2024-03-15") -> list:
    return extract_statements(Article(id="t", text=text, published=published), nlp)


def one(statements, fragment: str):
    found = [s for s in statements if fragment in s.text]
    assert found, f"no statement holds {fragment!r}: {[s.text for s in statements]}"
    return found[0]


# -- quote marks ----------------------------------------------------------------------------------------


def test_quote_marks_curly_straight_and_apostrophes():
    text = 'He said "we will build it" and then ‘maybe not’. Don’t worry, O\'Brien’s plan holds. “I‘m sure,” she said.'
    quotes = [text[q.inner_start : q.inner_end] for q in find_quotes(text)]
    assert quotes == ["we will build it", "maybe not", "I‘m sure,"]


def test_multi_paragraph_quote_is_one_quote():
    text = "“The first part runs on.\n\n“And the second part ends here,” the mayor said."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].paragraphs == 2
    assert text[quotes[0].inner_start : quotes[0].inner_end].endswith("ends here,")


def test_unbalanced_quote_closes_at_paragraph_end():
    text = "“This quote never closes, the clerk said.\n\nA new paragraph starts fresh."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].unclosed
    assert "new paragraph" not in text[quotes[0].inner_start : quotes[0].inner_end]


def test_nested_quote_kept_inside():
    text = "The Gazette reported, “Ross said the levy was ‘off the table’ for now.”"
    (q,) = find_quotes(text)
    assert [text[n.inner_start : n.inner_end] for n in q.nested] == ["off the table"]


# -- statements ---------------------------------------------------------------------------------------


def test_direct_quote_speaker_after(nlp):
    sts = read(
        "Governor Maria Lopez spoke in Albany.\n“We will not raise the tolls this year,” Lopez said.", nlp
    )
    s = one(sts, "raise the tolls")
    assert s.kind == "direct" and s.speaker.name == "Maria Lopez" and s.speaker.role == "Governor"
    assert s.text == "We will not raise the tolls this year,"


def test_direct_quote_speaker_before_with_venue_and_date(nlp):
    sts = read("Senator Tom Ashby told Channel 4 News on Thursday, “The bridge money is coming.”", nlp)
    s = one(sts, "bridge money")
    assert s.kind == "direct" and s.speaker.name == "Tom Ashby"
    assert s.venue == "Channel 4 News"
    assert (s.date, s.date_precision) == ("2024-03-14", "day")


def test_speaker_inside_split_quote_and_continuation(nlp):
    text = (
        "Mayor Ellen Park opened the session.\n“The budget is tight,” Park said, “but the library stays open.”"
        " “Nobody loses their branch.”"
    )
    sts = read(text, nlp)
    assert {one(sts, f).speaker.name for f in ("budget is tight", "library stays", "Nobody loses")} == {
        "Ellen Park"
    }


def test_multi_paragraph_quote_statement_spans_both(nlp):
    text = "Chief Dana Reyes took questions.\n\n“We hired twelve officers.\n\n“We will hire ten more,” Reyes said."
    s = one(read(text, nlp), "twelve officers")
    assert "ten more" in s.text and s.speaker.name == "Dana Reyes"


def test_mixed_quote_keeps_whole_content(nlp):
    text = "Treasurer Alan Grey said the new levy remained ‘on the table’ for the spring session."
    s = one(read(text, nlp), "on the table")
    assert s.kind == "mixed" and s.speaker.name == "Alan Grey"
    assert s.text.startswith("the new levy")


def test_indirect_speech(nlp):
    text = "Commissioner Ruth Baker suggested on Wednesday that the county would not appeal the ruling."
    s = one(read(text, nlp), "would not appeal")
    assert s.kind == "indirect" and s.speaker.name == "Ruth Baker"
    assert s.date == "2024-03-13"


def test_clarified_and_pronoun_resolution(nlp):
    text = (
        "Council member Joe Varga spoke after the vote. On Friday, he clarified that the park plan was still "
        "possible."
    )
    s = one(read(text, nlp), "park plan")
    assert s.speaker.name == "Joe Varga" and s.date == "2024-03-15"


def test_title_resolves_to_named_person(nlp):
    text = (
        "Governor Maria Lopez visited the plant on Monday. Later, the governor said the jobs would stay in "
        "the state."
    )
    s = one(read(text, nlp), "jobs would stay")
    assert s.speaker.name == "Maria Lopez"


def test_unnamed_source_is_anonymous_with_affiliation(nlp):
    text = "The tax cut will pass next month, a senior official in the governor's office said."
    s = one(read(text, nlp), "tax cut will pass")
    assert s.speaker.anonymous is True
    assert "official" in s.speaker.name and "governor" in (s.speaker.affiliation or "")


def test_quote_of_a_quote_belongs_to_inner_speaker(nlp):
    text = "The Gazette reported, “Ross said the levy was ‘off the table’ until the audit ends.”"
    s = one(read(text, nlp), "levy")
    assert s.speaker.name == "Ross" and s.venue == "Gazette"


def test_scare_quotes_and_titles_are_not_statements(nlp):
    text = (
        "The so-called “woke” agenda was the theme of the night. Fans watched “The Long Road Home” on Friday."
        " The band played “Blue Skies Over Texas” at the fair."
    )
    assert read(text, nlp) == []


def test_posted_to_x_venue_and_month_precision(nlp):
    text = "In January 2023, Senator Tom Ashby posted to X, “The bridge is my first priority.”"
    s = one(read(text, nlp), "first priority")
    assert s.venue == "X" and (s.date, s.date_precision) == ("2023-01", "month")


def test_year_precision_and_undated_statement(nlp):
    text = (
        "Ashby said in 2021 that the tunnel was a mistake. Senator Tom Ashby has long argued that tolls "
        "hurt commuters."
    )
    sts = read(text, nlp)
    assert (one(sts, "tunnel was a mistake").date, one(sts, "tunnel").date_precision) == ("2021", "year")
    assert one(sts, "tolls hurt").date is None


def test_dash_attribution(nlp):
    text = "Readers wrote in.\n“The new schedule is a disaster.” ― Carla Mendes\n“I like the late trains.” ― Omar Haddad"
    sts = read(text, nlp)
    assert one(sts, "disaster").speaker.name == "Carla Mendes"
    assert one(sts, "late trains").speaker.name == "Omar Haddad"


def test_two_people_sharing_a_surname_stay_apart(nlp):
    text = (
        "Mayor Ellen Park and her brother, Tim Park, a developer, disagreed. “The tower is too tall,” Ellen Park "
        "said. “It fits the street,” Tim Park said."
    )
    sts = read(text, nlp)
    assert one(sts, "too tall").speaker.name == "Ellen Park"
    assert one(sts, "fits the street").speaker.name == "Tim Park"


def test_spans_index_into_the_article_text(nlp):
    text = "“Rates will fall,” said Dana Reyes. Reyes added that the board would meet in May."
    for s in read(text, nlp):
        assert text[s.start : s.end] == s.text


def test_statement_ids_are_stable(nlp):
    text = "“Rates will fall,” said Dana Reyes."
    assert [s.id for s in read(text, nlp)] == [s.id for s in read(text, nlp)]


def test_empty_and_quote_free_articles(nlp):
    assert read("", nlp) == []
    assert read("The river rose two feet overnight.", nlp) == []


def test_heading_line_is_not_the_speaker(nlp):
    text = 'The ferry plan\n\n"The ferry will run every hour," Harbor Master Lena Ortiz said.'
    s = one(read(text, nlp), "every hour")
    assert s.speaker.name == "Lena Ortiz"


def test_quoted_words_are_not_the_subject(nlp):
    text = "Councillor Ada Finch spoke last.\n“Full steam ahead,” said Finch, smiling."
    assert one(read(text, nlp), "Full steam").speaker.name == "Ada Finch"


def test_colon_lead_in_names_the_source(nlp):
    text = "More from the planning memo by Ada Finch: “The depot moves north in May.”"
    assert one(read(text, nlp), "depot moves").speaker.name == "Ada Finch"


def test_questions_put_to_a_speaker_are_not_positions(nlp):
    text = "Asked whether she would raise fares, Mayor Ellen Park said the board would decide."
    sts = read(text, nlp)
    assert not [s for s in sts if "raise fares" in s.text]
    assert one(sts, "board would decide").speaker.name == "Ellen Park"


def test_mixed_quote_stays_in_its_paragraph(nlp):
    text = "The mayor's mood was noted in the minutes:\n\n“Here we go again,” Mayor Ellen Park said."
    for s in read(text, nlp):
        assert "\n" not in s.text


def test_bare_surname_is_the_person_the_story_is_about_not_a_relative_named_once(nlp):
    text = (
        "Sen. Ted Vale (R-Ore.) endorsed the governor on Friday.\n\n"
        "“I have decided to back her,” Vale said.\n\n"
        "Vale has campaigned across the state. His wife, Heidi Vale, stayed in Salem.\n\n"
        "“This was not an easy call,” Vale said.\n"
    )
    sts = read(text, nlp)
    assert one(sts, "not an easy call").speaker.name == "Ted Vale"
    assert one(sts, "decided to back her").speaker.name == "Ted Vale"
