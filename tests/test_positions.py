"""Propositions and stance on sentences written for these tests."""

from __future__ import annotations

import pytest
from stmt_helpers import stmt

from onrecord.positions import assign_positions

pytest.importorskip("spacy")


def positions(text, *specs):
    statements = [stmt(text, *spec[:2], **spec[2]) if len(spec) > 2 else stmt(text, *spec) for spec in specs]
    got = {p.statement_id: p for p in assign_positions(statements)}
    return [got.get(s.id) for s in statements], statements


def one(sentence: str, span: str | None = None):
    (p,), _ = positions(sentence, (span or sentence, "Dana Whitfield"))
    return p


@pytest.mark.parametrize(
    "span, stance, word",
    [
        ("the U.S. wouldn't commit forces to Poland", "against", "wouldn't commit"),
        ("sending U.S. troops to Poland remained on the table", "open", "on the table"),
        ("she is not ruling out sending American troops to Poland", "open", "not ruling out"),
        ("there will be no U.S. troops in Poland", "against", "no"),
        ("we want the Poles to win the war against Russia", "for", "want"),
        ("Taiwan joining the U.N. was an unrealistic goal", "against", "unrealistic"),
        ("Taiwan joining the U.N. was still a possibility", "open", "possibility"),
        ("she does not care what happens to Taiwan one way or another", "indifferent", "care"),
        ("the United States will keep sending military aid to Poland", "for", "keep"),
    ],
)
def test_stance_reads_negation_and_modality(span, stance, word):
    p = one(f"Whitfield said {span}.", span)
    assert p is not None and p.stance == stance
    assert any(word.split()[-1] in w for w in p.stance_words), p.stance_words


def test_different_propositions_sharing_words_get_different_keys():
    a = one("Whitfield said Ukraine joining NATO was unlikely.", "Ukraine joining NATO was unlikely")
    b = one("Whitfield said NATO troops in Ukraine were unlikely.", "NATO troops in Ukraine were unlikely")
    c = one("Whitfield said U.S. troops in Ukraine were unlikely.", "U.S. troops in Ukraine were unlikely")
    assert len({a.prop_key, b.prop_key, c.prop_key}) == 3
    assert a.label == "Ukraine joining NATO"
    assert "troops" in b.label and "NATO" in b.label


def test_same_proposition_grouped_across_wordings():
    a = one("Whitfield said sending American soldiers to Poland was on the table.",
            "sending American soldiers to Poland was on the table")  # fmt: skip
    b = one("Whitfield said the U.S. would send troops to Poland.", "the U.S. would send troops to Poland")
    assert a.prop_key == b.prop_key == "troops|Poland+US"


def test_missing_argument_completed_from_the_same_article():
    text = (
        "Whitfield said sending U.S. troops to Poland remained an option.\n"
        "Marsh said the U.S. wouldn't commit forces.\n"
    )
    (a, b), _ = positions(
        text,
        ("sending U.S. troops to Poland remained an option", "Dana Whitfield"),
        ("the U.S. wouldn't commit forces", "Lee Marsh"),
    )
    assert a.prop_key == b.prop_key
    assert (a.stance, b.stance) == ("open", "against")
    assert b.how == "completed"


def test_pronoun_content_takes_its_antecedent_from_the_sentence():
    text = "She clarified that Taiwan joining the U.N. was possible, a week after saying it was unlikely.\n"
    (a, b), _ = positions(
        text,
        ("Taiwan joining the U.N. was possible", "Dana Whitfield"),
        ("it was unlikely", "Dana Whitfield"),
    )
    assert a.prop_key == b.prop_key
    assert (a.stance, b.stance) == ("open", "against")
    assert b.how == "antecedent"


def test_hedged_would_is_open_and_inherits_the_speakers_topic():
    text = (
        "The governor would be willing to send National Guard troops to Mexico, an aide said.\n"
        '"I think he would do it," the aide said.\n'
    )
    (a, b), _ = positions(
        text,
        (
            "The governor would be willing to send National Guard troops to Mexico",
            "aide",
            {"anonymous": True},
        ),
        ("I think he would do it", "aide", {"anonymous": True, "kind": "direct"}),
    )
    assert a.stance == b.stance == "open"
    assert b.prop_key == a.prop_key and b.how == "previous"


def test_statement_without_position_gets_none_and_keeps_topic_empty():
    (p,), (s,) = positions("He said the weather was nice.\n", ("the weather was nice", "Lee Marsh"))
    assert p is None and s.topic is None and s.stance is None


def test_topic_and_stance_are_set_on_the_statement():
    (p,), (s,) = positions(
        "Marsh said there will be no tariffs on Canada.\n",
        ("there will be no tariffs on Canada", "Lee Marsh"),
    )
    assert s.topic == p.label and s.stance == "against"
    assert p.prop_key == "tariffs|Canada"


# Propositions about policy objects without a place: the key is the action (or instrument) and what
# it acts on, with nominalizations and synonyms folded.


@pytest.mark.parametrize(
    "span, key, stance",
    [
        ("she will never put a toll on the Kessler Viaduct", "toll|Kessler Viaduct", "against"),
        ("a toll on the Kessler Viaduct is on the table", "toll|Kessler Viaduct", "open"),
        ("they would not put tolls on the Kessler Viaduct", "toll|Kessler Viaduct", "against"),
        ("the county will not raise the property tax", "increase|property tax", "against"),
        ("a property tax hike is one of the options in front of us", "increase|property tax", "open"),
        ("there will be no increase in the property tax this year", "increase|property tax", "against"),
        ("the county was weighing an increase in the county property tax", "increase|property tax", "open"),
        ("the county would have to shut three of its fire stations", "closure|fire station", "open"),
        ("we are going to close the Elm and Dock fire stations", "closure|fire station", "for"),
        ("no fire station in Dunmore is going to close", "closure|fire station", "against"),
        ("the council will reduce the parking fee", "cut|parking fee", "for"),
        ("he opposes a ban on gas leaf blowers", "ban|leaf blower", "against"),
        ("the city would never sell the old pier to a developer", "sale|pier", "against"),
    ],
)
def test_policy_object_without_a_place_gets_a_proposition(span, key, stance):
    p = one(f"Ames said {span}.", span)
    assert p is not None, span
    assert (p.prop_key, p.stance) == (key, stance)
    assert not p.general


def test_policy_labels_read_like_the_text():
    assert one("Ames said a toll on the Kessler Viaduct is on the table.",
               "a toll on the Kessler Viaduct is on the table").label == "toll on the Kessler Viaduct"  # fmt: skip
    assert one("Ames said a property tax hike is possible.", "a property tax hike is possible").label == (
        "property tax increase"
    )
    assert one("Ames said they will shut the fire stations.", "they will shut the fire stations").label == (
        "fire station closure"
    )


@pytest.mark.parametrize(
    "a, b",
    [
        ("a property tax increase is possible", "a property tax holiday is possible"),
        ("a toll on the Kessler Viaduct is possible", "a toll on the Marlow Bridge is possible"),
        ("a cut in the sales tax is possible", "an increase in the sales tax is possible"),
        ("closing the fire stations is possible", "closing the schools is possible"),
    ],
)
def test_policies_that_share_words_stay_apart(a, b):
    pa, pb = one(f"Ames said {a}.", a), one(f"Ames said {b}.", b)
    assert pa is not None and pb is not None
    assert pa.prop_key != pb.prop_key


def test_short_mentions_are_completed_from_the_article():
    text = (
        "Ames said she would not put a toll on the Kessler Viaduct.\n"
        "Later she said a toll on the viaduct was possible.\n"
        "Reed said a toll was unfair.\n"
        "Ames said a Kessler Viaduct toll was on the table.\n"
    )
    got, _ = positions(
        text,
        ("she would not put a toll on the Kessler Viaduct", "Jo Ames"),
        ("a toll on the viaduct was possible", "Jo Ames"),
        ("a toll was unfair", "Lee Reed"),
        ("a Kessler Viaduct toll was on the table", "Jo Ames"),
    )
    assert {p.prop_key for p in got} == {"toll|Kessler Viaduct"}
    assert [p.how for p in got] == ["own", "completed", "completed", "completed"]


def test_a_proper_name_before_a_plain_noun_is_no_policy_by_itself():
    # "Senate race", "Twitter stream": only an article naming the toll "on" the viaduct makes it one
    assert (
        one("Ames said the Kessler Viaduct toll was possible.", "the Kessler Viaduct toll was possible")
        is None
    )


def test_one_stands_for_the_speakers_last_proposition():
    text = 'Ames said there will be no increase in the sales tax.\n"We do not need one," she said.\n'
    (a, b), _ = positions(
        text,
        ("there will be no increase in the sales tax", "Jo Ames"),
        ("We do not need one", "Jo Ames", {"kind": "direct"}),
    )
    assert a.prop_key == b.prop_key == "increase|sales tax"
    assert b.stance == "against" and b.how == "previous"


@pytest.mark.parametrize(
    "span",
    [
        "at the end of the day the voters decide",  # idiom
        "we have a lot in front of us",  # idiom; "us" is not the U.S.
        "water levels at Lake Pender have fallen",  # a measurement
        "the plan would hurt families",  # vague noun
        "the deal was a good one",
        "there was a kernel of truth in the report",  # partitive "of"
        "the proposal raised concerns",  # set phrase with a policy verb
        "the library branches are where kids do their homework",  # a thing named, no policy on it
        "the county's economy is strong",
        "his outlook on the budget is grim",  # talk about a topic, not a policy
        "she is not selling you a white picket fence",  # persuading, not disposing of anything
        "the religious right is a force in politics",
    ],
)
def test_no_proposition_from_idioms_measures_and_vague_nouns(span):
    assert one(f"Ames said {span}.", span) is None, span


@pytest.mark.parametrize(
    "span, stance, word",
    [
        ("she will vote for Maria Delgado in November", "for", "vote for"),
        ("she would never vote for Maria Delgado", "against", "never vote for"),
        ("he did not endorse Maria Delgado", "against", "not endorse"),
        ("he cannot allow Maria Delgado to become president", "against", "allow"),
        ("Maria Delgado is unfit to be commander in chief", "against", "unfit"),
        ("Maria Delgado is the superior candidate", "for", "superior"),
        ("she decided to unendorse Maria Delgado", "against", "unendorse"),
        ("Maria Delgado is a fraud", "against", "fraud"),
    ],
)
def test_backing_a_person_is_a_proposition_with_its_stance(span, stance, word):
    p = one(f"Whitfield said {span}.", span)
    assert p is not None and p.label == "backing Maria Delgado" and p.prop_key == "backing|maria delgado"
    assert p.stance == stance
    assert any(word.split()[-1] in w for w in p.stance_words), p.stance_words


@pytest.mark.parametrize(
    "span",
    [
        "if voters do not back Maria Delgado, the party loses the seat",  # a condition
        "why would anyone vote for Maria Delgado?",  # a question
        "the Iraq War divided the party",  # a capitalised pair is no person
        "she backs Tom Reyes over Maria Delgado",  # only Reyes is backed
        "Maria Delgado is not a fraud",  # denying a flaw backs nobody
    ],
)
def test_backing_is_not_read_from_conditions_questions_or_non_people(span):
    p = one(f"Whitfield said {span}.", span)
    assert p is None or p.label != "backing Maria Delgado"


def test_a_bare_surname_takes_the_full_name_the_article_gives():
    text = "Maria Delgado said she was running.\nBrandt said he would support Delgado.\n"
    sts = [
        stmt(text, "she was running", "Maria Delgado"),
        stmt(text, "he would support Delgado", "Hal Brandt"),
    ]
    got = {p.statement_id: p for p in assign_positions(sts, article_text=text)}
    assert (got[sts[1].id].label, got[sts[1].id].stance) == ("backing Maria Delgado", "for")


def test_a_place_is_not_taken_for_a_surname_a_headline_pairs_it_with():
    text = "Reports on Knew Benghazi\nBrandt said we need to support Benghazi.\n"
    st = stmt(text, "we need to support Benghazi", "Hal Brandt")
    assert all(not p.prop_key.startswith("backing|") for p in assign_positions([st], article_text=text))


def test_a_surname_two_people_share_is_not_resolved_by_guesswork():
    text = (
        "Maria Delgado and her brother Luis Delgado spoke on Monday.\nBrandt said he would support Delgado.\n"
    )
    st = stmt(text, "he would support Delgado", "Hal Brandt")
    assert all(p.label != "backing Maria Delgado" for p in assign_positions([st], article_text=text))


def test_backing_oneself_takes_no_position():
    text = "Maria Delgado said voters should elect Maria Delgado.\n"
    st = stmt(text, "voters should elect Maria Delgado", "Maria Delgado")
    assert all(not p.prop_key.startswith("backing|") for p in assign_positions([st], article_text=text))


@pytest.mark.parametrize("cue, stance", [("vowed", "for"), ("declined", "against"), ("said", "none")])
def test_a_reporting_verb_carries_the_stance_of_a_bare_to_clause(cue, stance):
    text = f"Mayor Hal Brandt {cue} to close the Eastside library branch.\n"
    st = stmt(text, "to close the Eastside library branch", "Hal Brandt", cue=cue)
    (p,) = assign_positions([st])
    assert p.stance == stance


@pytest.mark.parametrize(
    "sentence, span, kind, stance",
    [
        ("Whitfield said they support Maria Delgado.", "they support Maria Delgado", "indirect", None),
        ("Whitfield said Tom Reyes will endorse Maria Delgado.", "Tom Reyes will endorse Maria Delgado",
         "indirect", None),
        ("“He will back Maria Delgado,” Whitfield said.", "He will back Maria Delgado", "direct", None),
        ("Whitfield said she will back Maria Delgado.", "she will back Maria Delgado", "indirect", "for"),
        ("“I will back Maria Delgado,” Whitfield said.", "I will back Maria Delgado", "direct", "for"),
        ("Whitfield refused to endorse Maria Delgado.", "to endorse Maria Delgado", "indirect", "against"),
        ("Whitfield urged voters to elect Maria Delgado.", "to elect Maria Delgado", "indirect", "for"),
        ("Whitfield said the ads were designed to help elect Maria Delgado.",
         "the ads were designed to help elect Maria Delgado", "indirect", None),
        ("Whitfield said she might vote for Maria Delgado.", "she might vote for Maria Delgado", "indirect",
         "open"),
        ("“I'm not against anybody, but I will vote for Maria Delgado,” Whitfield said.",
         "I'm not against anybody, but I will vote for Maria Delgado", "direct", "for"),
        ("Whitfield said she has yet to endorse Maria Delgado.", "she has yet to endorse Maria Delgado",
         "indirect", "none"),
        ("Whitfield said she has not endorsed Maria Delgado.", "she has not endorsed Maria Delgado",
         "indirect", "none"),
        ("Whitfield said she had not endorsed Maria Delgado.", "she had not endorsed Maria Delgado",
         "indirect", "none"),
        ("Whitfield said she did not endorse Maria Delgado.", "she did not endorse Maria Delgado",
         "indirect", "against"),
        ("Whitfield said she would back Maria Delgado if Tom Reyes lost.",
         "she would back Maria Delgado if Tom Reyes lost", "indirect", None),
        ("Whitfield said Tom Reyes could lose because he supports Maria Delgado.",
         "Tom Reyes could lose because he supports Maria Delgado", "indirect", None),
        ("“We don't always nominate a Delgado,” Whitfield said of Maria Delgado.",
         "We don't always nominate a Delgado", "direct", None),
        ("Whitfield said not voting for Tom Reyes does not mean voting for Maria Delgado.",
         "not voting for Tom Reyes does not mean voting for Maria Delgado", "indirect", None),
        ("Whitfield said the perception that Maria Delgado is corrupt was unfair.",
         "the perception that Maria Delgado is corrupt was unfair", "indirect", None),
    ],
)  # fmt: skip
def test_backing_is_the_speakers_own_only(sentence, span, kind, stance):
    (p,), _ = positions(sentence, (span, "Dana Whitfield", {"kind": kind}))
    got = p.stance if p is not None and p.label == "backing Maria Delgado" else None
    assert got == stance


@pytest.mark.parametrize(
    "span, stance",
    [
        ("she doesn't think she will vote for Maria Delgado", None),
        ("I doubt I'll vote for Maria Delgado", None),
        ("I'm not sure I can vote for Maria Delgado", None),
        ("she was unsure whether she would vote for Maria Delgado", None),
        ("she no longer supports Maria Delgado", "against"),
        ("she stopped supporting Maria Delgado after the debate", "against"),
        ("There is no way I would support Maria Delgado", "against"),
        ("she is considering endorsing Maria Delgado", "open"),
        ("she would support Maria Delgado as long as she backs the tax plan", None),
        ("I would have voted for Maria Delgado, but she dropped out", None),
        ("Would I vote for Maria Delgado? Absolutely not", None),
        ("she did not vote for Maria Delgado in the primary but will support her in November", None),
        ("she was asked to endorse Maria Delgado", None),
        ("her husband told her he would vote for Maria Delgado", None),
        ("she will vote for neither Tom Reyes nor Maria Delgado", None),
        ("Maria Delgado is no fraud", None),
        ("I would vote for a ham sandwich before I'd vote for Maria Delgado", None),
    ],
)
def test_backing_read_through_doubt_conditions_and_time(span, stance):
    (p,), _ = positions(f"Whitfield said {span}.", (span, "Dana Whitfield", {"kind": "indirect"}))
    assert (p.stance if p is not None and p.label == "backing Maria Delgado" else None) == stance


def test_backing_the_reporting_verb_can_deny_it():
    text = "Whitfield denied that she would endorse Maria Delgado.\n"
    st = stmt(text, "she would endorse Maria Delgado", "Dana Whitfield", cue="denied")
    assert all(not p.prop_key.startswith("backing|") for p in assign_positions([st]))


@pytest.mark.parametrize(
    "name, key",
    [
        ("Mr. Donald J. Trump", "donald trump"),
        ("Tom Reyes Jr.", "tom reyes"),
        ("J. D. Vance", "jd vance"),
        ("J.D. Vance", "jd vance"),
        ("Delgado’s", "delgado"),
        ("Ma'sud Ahmed", "masud ahmed"),
        ("Gov.-elect Maria Delgado", "maria delgado"),
    ],
)
def test_backing_names_key_one_person_across_forms(name, key):
    from onrecord.positions.candidates import name_key

    assert name_key(name) == key


def test_a_speaker_quoted_often_does_not_outweigh_a_namesake():
    text = "Luis Delgado, the county clerk, and Maria Delgado, the nominee, spoke.\n"
    spans = [("the county clerk", "Luis Delgado"), ("the nominee", "Luis Delgado"), ("spoke", "Luis Delgado")]
    sts = [stmt(text, s, n) for s, n in spans]
    late = "Brandt said he would never vote for Delgado.\n"
    sts.append(stmt(late, "he would never vote for Delgado", "Hal Brandt"))
    got = assign_positions(sts, article_text=text + late)
    assert all(p.label != "backing Luis Delgado" for p in got)
