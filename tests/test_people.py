"""Name matching across articles: merge what is one person, never two people who share a name."""

from __future__ import annotations

import pytest

from onrecord.model import Speaker
from onrecord.people import (
    load_people_file,
    match_person,
    name_forms,
    normalize_name,
    split_title,
    strip_title,
    write_people_file,
)


def known(pid: str, name: str, *forms: str, kind: str = "person", aliases: tuple = ()) -> dict:
    return {
        "id": pid,
        "name": name,
        "kind": kind,
        "forms": [name, *forms, *aliases],
        "aliases": list(aliases),
    }


JOE = known("joe", "Joe Biden", "Biden")
HUNTER = known("hunter", "Hunter Biden")
VANCE = known("vance", "JD Vance", "Vance")


@pytest.mark.parametrize(
    "name, title, bare",
    [
        ("Vice President JD Vance", "Vice President", "JD Vance"),
        ("Texas Gov. Greg Abbott", "Texas Gov.", "Greg Abbott"),
        ("Secretary of State Marco Rubio", "Secretary of State", "Marco Rubio"),
        ("former President Donald Trump", "former President", "Donald Trump"),
        ("White House press secretary Karoline Leavitt", "White House press secretary", "Karoline Leavitt"),
        ("Betty White", None, "Betty White"),  # a title word at the end is part of the name
        ("the vice president", None, "the vice president"),  # all title: a description, left whole
    ],
)
def test_split_title(name, title, bare):
    assert split_title(name) == (title, bare)
    assert strip_title(name) == bare


@pytest.mark.parametrize(
    "a, b",
    [
        ("J.D. Vance", "JD Vance"),
        ("J. D. Vance", "jd vance"),
        ("Beto O\u2019Rourke", "Beto O'Rourke"),
        ("José Martínez", "Jose Martinez"),
        ("Robert F. Kennedy Jr.", "Robert F Kennedy"),
    ],
)
def test_normalize_name_equates_spellings(a, b):
    assert normalize_name(a) == normalize_name(b)


def test_normalize_keeps_different_people_different():
    assert normalize_name("Al B. Smith") != normalize_name("Alb Smith")
    assert normalize_name("Joe Biden") != normalize_name("Hunter Biden")


def test_name_forms_drop_titles_descriptions_and_pronouns():
    s = Speaker(
        "JD Vance", forms=["Vice President JD Vance", "Vance", "the vice president", "He", "J.D. Vance"]
    )
    assert name_forms(s) == ["JD Vance", "Vance"]  # "J.D. Vance" is the same key as "JD Vance"


@pytest.mark.parametrize(
    "speaker, expected",
    [
        (Speaker("J.D. Vance"), "vance"),  # initials written differently
        (Speaker("James David Vance"), "vance"),  # "JD" are the initials of the given names
        (Speaker("Joseph Biden"), "joe"),  # nickname
        (Speaker("Joe Biden", forms=["Biden"]), "joe"),
        (Speaker("Hunter Biden"), "hunter"),
        (Speaker("Ashley Biden"), None),  # shares the surname only
        (Speaker("Biden"), None),  # bare surname, two Bidens known
        (Speaker("Vance"), "vance"),  # bare surname, one Vance known
        (Speaker("senior administration official", anonymous=True, kind="anonymous"), None),
        (Speaker("JD Vance", kind="organization"), None),  # kinds never mix
    ],
)
def test_match_person(speaker, expected):
    assert match_person(speaker, [JOE, HUNTER, VANCE]) == expected


def test_bare_surname_merges_only_when_one_person_fits():
    assert match_person(Speaker("Biden"), [JOE]) == "joe"
    assert match_person(Speaker("Biden"), [JOE, HUNTER]) is None
    # a people file can vouch for the bare name
    joe = known("joe", "Joe Biden", aliases=("Biden",))
    assert match_person(Speaker("Biden"), [joe, HUNTER]) == "joe"


def test_near_spellings_merge_only_with_one_fitting_person():
    zel = known("z", "Volodymyr Zelensky")
    assert match_person(Speaker("Volodymyr Zelenskyy"), [zel]) == "z"
    assert match_person(Speaker("Volodimir Zelensky"), [zel]) == "z"
    assert match_person(Speaker("Olena Zelenska"), [zel]) is None
    smith = known("s", "John Smith")
    assert match_person(Speaker("John Smyth"), [smith]) is None  # fuzzy alone is not enough
    two = [known("a", "Jon Smithe"), known("b", "Jon Smithey")]
    assert match_person(Speaker("Jon Smithee"), two) is None  # two fit: do not guess


def test_organizations_match_on_name_without_article():
    wh = known("wh", "White House", kind="organization")
    assert match_person(Speaker("The White House", kind="organization"), [wh]) == "wh"
    assert match_person(Speaker("White House Counsel", kind="organization"), [wh]) is None


def test_people_file_yaml_and_csv_round_trip(tmp_path):
    records = [
        {"name": "JD Vance", "aliases": ["J.D. Vance", "James David Vance"], "affiliation": "Republican Party",
         "role": "Vice President", "kind": "person", "from": "2025-01-20", "to": None},
        {"name": "Reuters", "aliases": [], "affiliation": None, "role": None, "kind": "organization",
         "from": None, "to": None},
    ]  # fmt: skip
    for name in ("people.yaml", "people.csv"):
        write_people_file(records, tmp_path / name)
        assert load_people_file(tmp_path / name) == records


def test_people_file_errors_name_the_record(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("people:\n  - name: JD Vance\n  - aliases: [Vance]\n")
    with pytest.raises(ValueError, match=r"record 2: missing 'name'"):
        load_people_file(bad)
    bad.write_text("- name: X Y\n  nickname: Z\n")
    with pytest.raises(ValueError, match="unknown field"):
        load_people_file(bad)
    bad.write_text("- name: [unclosed\n")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_people_file(bad)
    csv = tmp_path / "p.csv"
    csv.write_text("name,kind\nJD Vance,politician\n")
    with pytest.raises(ValueError, match="line 2: kind must be"):
        load_people_file(csv)


@pytest.mark.parametrize(
    "new, old, same",
    [
        ("Alexandra Smith", "Alexander Smith", False),  # one letter apart, two people
        ("Daniela Ruiz", "Daniel Ruiz", False),
        ("Alexandria Smith", "Alexander Smith", False),
        ("Stephen Lowe", "Steven Lowe", False),
        ("Jon Tester", "John Tester", True),  # a common misspelling keeps the consonants
        ("Muhammad Yunus", "Mohammed Yunus", True),  # transliteration
        ("Alex Smith", "Alexander Smith", True),  # nickname
    ],
)
def test_given_names_merge_only_on_spelling_variants(new, old, same):
    assert (match_person(Speaker(new), [known("old", old)]) == "old") is same
