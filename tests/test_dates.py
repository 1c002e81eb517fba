"""Dates of statements: resolution against the publication date, precision, and which date in a
sentence belongs to the speech event. All sentences here are written for these tests."""

import time

import pytest

from onrecord.extract.dates import DateMention, find_dates, resolve_phrase, statement_date

FRI = "2025-02-14"  # a Friday
TUE = "2025-08-19"  # a Tuesday


@pytest.mark.parametrize(
    "phrase, published, want",
    [
        # a weekday is the latest such day on or before publication, the same day included
        ("on Thursday", FRI, ("2025-02-13", "day")),
        ("Thursday", FRI, ("2025-02-13", "day")),
        ("Friday", FRI, ("2025-02-14", "day")),
        ("on Tuesday", TUE, ("2025-08-19", "day")),
        ("Saturday", FRI, ("2025-02-08", "day")),
        ("Thursday night", FRI, ("2025-02-13", "day")),
        ("last Friday", FRI, ("2025-02-07", "day")),
        ("Thursday, Feb. 13", FRI, ("2025-02-13", "day")),
        # absolute days
        ("January 5", FRI, ("2025-01-05", "day")),
        ("Jan. 5, 2024", FRI, ("2024-01-05", "day")),
        ("5 January", FRI, ("2025-01-05", "day")),
        ("the 3rd of March", FRI, ("2024-03-03", "day")),
        ("March 3", FRI, ("2024-03-03", "day")),
        ("2025-02-10", FRI, ("2025-02-10", "day")),
        ("2/10/2025", FRI, ("2025-02-10", "day")),
        ("Feb. 29", FRI, ("2024-02-29", "day")),
        # months and years keep their precision
        ("in January 2024", FRI, ("2024-01", "month")),
        ("December 2015", FRI, ("2015-12", "month")),
        ("in January", FRI, ("2025-01", "month")),
        ("in February", FRI, ("2025-02", "month")),
        ("in March", FRI, ("2024-03", "month")),
        ("early January", FRI, ("2025-01", "month")),
        ("in 2022", FRI, ("2022", "year")),
        ("mid-2023", FRI, ("2023", "year")),
        ("in the spring of 2022", FRI, ("2022", "year")),
        # relative to publication
        ("yesterday", FRI, ("2025-02-13", "day")),
        ("today", FRI, ("2025-02-14", "day")),
        ("this morning", FRI, ("2025-02-14", "day")),
        ("tonight", FRI, ("2025-02-14", "day")),
        ("last night", FRI, ("2025-02-13", "day")),
        ("three days ago", FRI, ("2025-02-11", "day")),
        ("last month", FRI, ("2025-01", "month")),
        ("earlier this month", FRI, ("2025-02", "month")),
        ("last year", FRI, ("2024", "year")),
        ("this year", FRI, ("2025", "year")),
        ("two years ago", FRI, ("2023", "year")),
        ("last month", "2025-01-10", ("2024-12", "month")),
    ],
)
def test_resolve_phrase(phrase, published, want):
    assert resolve_phrase(phrase, published) == want


@pytest.mark.parametrize(
    "phrase, published, want",
    [
        # a week-long span is as precise as the calendar unit holding all of it
        ("this week", FRI, ("2025-02", "month")),
        ("earlier this week", FRI, ("2025-02", "month")),
        ("last week", FRI, ("2025-02", "month")),
        ("last week", "2025-02-05", ("2025", "year")),  # Jan 27 - Feb 2
        ("earlier this week", "2025-01-01", (None, None)),  # Dec 30 - Jan 1: crosses a year
        ("over the weekend", "2025-02-17", ("2025-02", "month")),
        ("over the weekend", "2025-03-03", ("2025-03", "month")),  # Sat Mar 1 - Sun Mar 2
        ("over the weekend", "2025-02-03", ("2025-02", "month")),  # Sat Feb 1 - Sun Feb 2
        ("over the weekend", "2025-03-31", ("2025-03", "month")),
        ("over the weekend", "2024-12-02", ("2024", "year")),  # Sat Nov 30 - Sun Dec 1
        ("two weeks ago", "2025-02-20", ("2025-02", "month")),  # Feb 3-9
        ("two weeks ago", FRI, ("2025", "year")),  # Jan 28 - Feb 3
    ],
)
def test_vague_spans_take_the_unit_that_holds_them(phrase, published, want):
    assert resolve_phrase(phrase, published) == want


@pytest.mark.parametrize(
    "phrase",
    [
        "next week",
        "next Friday",
        "tomorrow",
        "later this year",
        "in 2030",
        "March 2025",  # after a February publication
        "Feb. 20, 2025",  # six days after publication
        "recently",
        "a day after",
        "the day before",
        "the previous day",
        "since 2014",
        "before Thursday",
        "in the winter of 2022",
        "the 2016 campaign",
        "pre-2014",
        "45-year-old",
        "for 24 hours",
        "within 24 hours",
        "three-and-a-half-year war",
        "at 3 p.m.",
        "Black Friday",
        "Feb. 30",
        "",
        "no date here",
    ],
)
def test_unresolvable_or_future_phrases(phrase):
    assert resolve_phrase(phrase, FRI) == (None, None)


def test_day_without_year_is_the_latest_one_not_after_publication():
    assert resolve_phrase("Feb. 20", FRI) == ("2024-02-20", "day")
    assert resolve_phrase("Feb. 14", FRI) == ("2025-02-14", "day")


def test_without_publication_date_only_absolute_dates_resolve():
    assert resolve_phrase("Thursday", None) == (None, None)
    assert resolve_phrase("yesterday", None) == (None, None)
    assert resolve_phrase("in January", None) == (None, None)
    assert resolve_phrase("January 5", None) == (None, None)
    assert resolve_phrase("Jan. 5, 2024", None) == ("2024-01-05", "day")
    assert resolve_phrase("in January 2024", None) == ("2024-01", "month")
    assert resolve_phrase("in 2022", None) == ("2022", "year")
    # nothing to compare with, so nothing is "future"
    assert resolve_phrase("in 2030", None) == ("2030", "year")


def test_published_datetime_uses_its_own_calendar_day():
    assert resolve_phrase("Tuesday", "2025-08-19T22:30:00-04:00") == ("2025-08-19", "day")
    assert resolve_phrase("yesterday", "2025-08-19 06:00:00") == ("2025-08-18", "day")
    assert resolve_phrase("today", "2025-08-19T06:00:00Z") == ("2025-08-19", "day")


def test_unreadable_publication_date_counts_as_unknown():
    assert resolve_phrase("yesterday", "last spring") == (None, None)
    assert resolve_phrase("in 2022", "not a date") == ("2022", "year")


def test_dateparser_fallback_keeps_its_precision():
    # forms the grammar does not know go to dateparser, which must not turn months into days
    assert resolve_phrase("12/2015", FRI) == ("2015-12", "month")
    assert resolve_phrase("2015-12", FRI) == ("2015-12", "month")
    assert resolve_phrase("14.02.2025", FRI) == ("2025-02-14", "day")
    assert resolve_phrase("15.02.2025", FRI) == (None, None)  # after publication


def test_find_dates_spans_and_values():
    text = "On Thursday, the senator said that in January 2024 she had doubts."
    found = find_dates(text, FRI)
    assert found == [
        DateMention(0, 11, "On Thursday", "2025-02-13", "day"),
        DateMention(35, 50, "in January 2024", "2024-01", "month"),
    ]
    assert all(text[m.start : m.end] == m.phrase for m in found)


def test_find_dates_keeps_future_and_bounded_mentions_without_value():
    found = find_dates("She said since 2019 the vote was set for next week.", FRI)
    assert [(m.phrase, m.value) for m in found] == [("since 2019", None), ("next week", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The 45-year-old aide spent 24 hours on the three-and-a-half-year war file.",
        "He vowed to settle it within 24 hours, at 3 p.m. sharp, for 90 days.",
        "Voters remembered the 2016 campaign and the 2020 race.",
        "The talks aimed at the pre-2014 borders and a post-2022 settlement.",
        "The Black Friday rush and Super Tuesday voting set records.",
        "Theresa May spoke as the March on the capital began.",
        "The January 6 committee met in 2000 cases.",
        "Spending rose in the 1990s and again in the 2010s, by 5,000 to 7,000 a week.",
    ],
)
def test_ages_durations_times_and_modifiers_are_not_dates(text):
    assert [m for m in find_dates(text, FRI) if m.value] == []


def test_year_dates_a_speech_noun_but_not_other_nouns():
    assert [m.phrase for m in find_dates("In a 2019 interview she said so.", FRI)] == ["2019"]
    assert [m.phrase for m in find_dates("In 2019 interviews were rare.", FRI)] == ["In 2019"]
    assert find_dates("in 2016 election ads", FRI) == []
    assert [m.phrase for m in find_dates("the January 2024 post", FRI)] == ["January 2024"]


def test_long_text_finds_every_date():
    # windows around anchors must not miss or cut dates anywhere in a long text
    part = "Filler words go here for a while without any anchor at all, none. "
    text = (part * 3 + "On Jan. 5, 2024, he said so. ") * 5 + part + "In 2022 too."
    found = find_dates(text, FRI)
    assert [m.value for m in found] == ["2024-01-05"] * 5 + ["2022"]
    assert all(text[m.start : m.end] == m.phrase for m in found)


def _at(text, cue, published=FRI):
    got = statement_date(text, text.index(cue), published)
    return got.value if got else None


@pytest.mark.parametrize(
    "text, cue, want",
    [
        # adjacent to the cue
        ("The senator told a radio host on Thursday that the plan was dead.", "told", "2025-02-13"),
        ("The mayor said Thursday that the budget was balanced.", "said", "2025-02-13"),
        ("The governor said in an interview on Tuesday that she would run.", "said", "2025-02-11"),
        ("The minister said in 2022 while visiting the border that aid would stop.", "said", "2022"),
        ("She said on Thursday, Feb. 13, that the deal was close.", "said", "2025-02-13"),
        ("The aide told reporters last month that talks had stalled.", "told", "2025-01"),
        (
            "The chair wrote in a statement released on Monday that hearings would resume.",
            "wrote",
            "2025-02-10",
        ),
        # fronting the cue's clause
        ("On Thursday, the governor clarified that she supported the bill.", "clarified", "2025-02-13"),
        ("In January 2024, the senator posted online, “Aid must end.”", "posted", "2024-01"),
        ("In an interview on Tuesday, the general said troops were ready.", "said", "2025-02-11"),
        (
            "The general, who on Wednesday suggested troops were ready, declined to comment.",
            "suggested",
            "2025-02-12",
        ),
        ("In a 2019 interview, the governor said she opposed it.", "said", "2019"),
        ("Speaking on Monday, the minister said talks had stalled.", "said", "2025-02-10"),
        ("Yesterday, the mayor, who has long opposed the plan, said it was dead.", "said", "2025-02-13"),
        ("In 2016, when she was running for office, the senator said she would publish it.", "said", "2016"),
        ("Asked on Monday whether he would run, the governor said no.", "said", "2025-02-10"),
        ("The senator said at Thursday's hearing that aid would continue.", "said", "2025-02-13"),
        ("In her 2021 memoir, the senator wrote that she regretted the vote.", "wrote", "2021"),
        ("He said in an interview, which aired Sunday, that he was innocent.", "said", "2025-02-09"),
        ("He said in an interview that aired Sunday that he was innocent.", "said", "2025-02-09"),
        (
            "The firm denied wrongdoing, according to a statement released Thursday.",
            "according",
            "2025-02-13",
        ),
        # a speech-event phrase later in the clause
        (
            "The mayor also pledged to keep funding the program while taking questions at city hall on Wednesday.",
            "pledged",
            "2025-02-12",
        ),
        (
            "The president gave “his word” that there would be no new taxes, in an interview with a radio station "
            "on Tuesday.",
            "word",
            "2025-02-11",
        ),
    ],
)
def test_statement_date_attached_to_the_speech(text, cue, want):
    assert _at(text, cue) == want


@pytest.mark.parametrize(
    "text, cue",
    [
        # dates inside the reported content are what was talked about, not when
        ("The senator said the vote would happen on Friday.", "said"),
        ("The senator said the war began in 2014.", "said"),
        ("The senator said the war in 2014 was a mistake.", "said"),
        ("The mayor said that the budget passed on Monday was flawed.", "said"),
        ("The mayor told the council the deadline was in January.", "told"),
        ("He said next week he would decide.", "said"),
        ("The agency said Friday's report was accurate.", "said"),
        ("Officials said last week's storm damaged 12 homes.", "said"),
        ("The aide said Thursday was the deadline.", "said"),
        ("He said the program, which ended in 2019, was a failure.", "said"),
        # preposed content
        ("The war began in 2014, he said.", "said"),
        ("The war began in 2014, when troops crossed the border, he said.", "said"),
        ("The mayor will speak on Friday, an aide said.", "said"),
        ("“We voted on Monday,” he said.", "said"),
        # a date in another clause
        (
            "An aide said, contradicting the mayor’s position, which she repeated in an interview on Tuesday.",
            "said",
        ),
        (
            "“It is close,” the envoy told the paper after the president said he spoke with both sides this week.",
            "told",
        ),
        # no date at all, and no modifiers posing as dates
        ("The governor said the 2016 election was stolen.", "said"),
        ("The envoy said the deal would be done within 24 hours.", "said"),
        ("The envoy said so.", "said"),
    ],
)
def test_statement_date_ignores_content_and_other_clauses(text, cue):
    assert _at(text, cue) is None


@pytest.mark.parametrize(
    "text, cue, want",
    [
        # a participle shares the speech event of the clause it hangs on
        (
            "The senator escalated her attack on Tuesday, telling a radio host the plan was dead.",
            "telling",
            "2025-02-11",
        ),
        ("The senator said in June 2012, citing new figures, that the plan was dead.", "citing", "2012-06"),
        ("The family arrived in Ohio in 1956, hoping for better jobs.", "hoping", None),
        # "according to": what precedes it is the content
        ("The plan died in 2014, according to the Herald.", "according", None),
        ("The plan is dead, according to a statement released Thursday.", "according", "2025-02-13"),
        # a show's quoted title is a name, not quoted words
        ("The governor told NBC’s “Meet the Press” on Sunday that taxes would rise.", "told", "2025-02-09"),
        ("The aide told CBS This Morning on Monday that the plan was dead.", "told", "2025-02-10"),
        # the cue's own event is in the future
        ("She’ll lay out her plan in a speech Friday.", "lay", None),
        ("The governor will say on Friday that taxes are rising.", "say", None),
        ("The governor is expected to deliver a speech later tonight.", "deliver", None),
        # infinitive and prepositional complements are content
        ("The governor urged them to vote Tuesday.", "urged", None),
        ("The mayor was referring to a vote in 2004.", "referring", None),
        ("The senator called for a ban in December.", "called", None),
        # a noun phrase after the cue is content, even one holding a speech noun or a possessive date
        ("The poll found the senator the winner of Tuesday's debate.", "found", None),
        ("The senator noted a planned rally on Saturday in the capital.", "noted", None),
        ("The senator, who needs a win in Tuesday's primary, received the endorsement.", "received", None),
    ],
)
def test_statement_date_harder_attachments(text, cue, want):
    assert _at(text, cue) == want


def test_month_used_as_a_modifier_is_not_a_date():
    found = find_dates("Her fate in November election is unclear; in November, he said so.", FRI)
    assert [(m.phrase, m.value) for m in found] == [("in November", "2024-11")]
    assert found[0].start == 42


def test_trailing_speech_phrase_at_the_end_of_a_line():
    text = "The president gave “his word” that taxes would not rise, in an interview on Tuesday.\n"
    assert _at(text, "word") == "2025-02-11"


def test_content_date_loses_to_the_speech_date():
    text = "The mayor said Thursday that the budget passed in 2019 was flawed."
    got = statement_date(text, text.index("said"), FRI)
    assert (got.phrase, got.value, got.precision) == ("Thursday", "2025-02-13", "day")
    text = "“We will vote on Friday,” he said on Wednesday."
    assert _at(text, "said") == "2025-02-12"


def test_cue_inside_a_quote_reads_its_own_quote():
    text = "The paper reported, “The governor, who on Wednesday said the plan was dead, left early.”"
    assert _at(text, "said") == "2025-02-12"


def test_statement_date_without_cue_offset_finds_the_reporting_verb():
    assert statement_date("On Thursday, he clarified that it was fine.", None, FRI).value == "2025-02-13"
    assert statement_date("He said the war began in 2014.", None, FRI) is None
    assert statement_date("The war began in 2014.", None, FRI) is None


def test_statement_date_relative_dates_need_publication():
    text = "The senator told a radio host on Thursday that the plan was dead."
    assert statement_date(text, text.index("told"), None) is None
    text = "The senator told a radio host on Feb. 13, 2025, that the plan was dead."
    assert statement_date(text, text.index("told"), None).value == "2025-02-13"


def test_statement_date_rejects_a_cue_outside_the_context():
    with pytest.raises(ValueError, match="outside the context"):
        statement_date("He said so on Thursday.", 99, FRI)


def test_statement_date_is_fast():
    sentences = [
        "The senator told a radio host on Thursday that the plan to send more aid was dead for now.",
        "“We will keep going until the job is done, and we will not stop,” the governor said.",
        "A spokesperson said the department was reviewing the request and would respond within 24 hours.",
        "In January 2024, the senator posted online that aid must end, a position she has held since 2019.",
    ]
    cues = [s.index(c) for s, c in zip(sentences, ["told", "said", "said", "posted"], strict=True)]
    n, start = 0, time.process_time()
    while n < 4000:
        for s, c in zip(sentences, cues, strict=True):
            statement_date(s, c, FRI)
        n += len(sentences)
    rate = n / (time.process_time() - start)
    assert rate > 5000, f"{rate:.0f} calls/s"  # CPU time, so load elsewhere matters little; ~20k/s measured


def test_bad_input_gets_a_clear_error():
    with pytest.raises(TypeError, match="phrase must be a string"):
        resolve_phrase(None, FRI)
    with pytest.raises(TypeError, match="text must be a string"):
        find_dates(b"on Thursday", FRI)


def test_long_context_stays_fast():
    # a whole article passed as context must not go quadratic over its many dates
    text = (
        "The senator said on Jan. 5, 2024, that “the vote was Thursday,” and aides agreed in March. " * 1500
    )
    start = time.process_time()
    got = statement_date(text, text.index("said"), FRI)
    assert got.value == "2024-01-05"
    assert time.process_time() - start < 2.0
