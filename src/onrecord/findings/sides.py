"""Which side a speaker speaks for, at the time they spoke: the basis of a contradiction.

A side is a body that is expected to speak with one voice: an administration ("Trump administration",
from the president in office on the statement's date), a foreign government, an organization named in
the role ("NATO Secretary General"), or what a people file says. A party is a side too, but
lawmakers of one party disagreeing is politics, not a contradiction, so party sides are kept apart
(`kind == "party"`) and not compared by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.offices import HOLDERS
from ..people import normalize_name
from ..positions.lexicon import PLACES

PARTIES = {
    "r": "Republican Party", "republican": "Republican Party", "gop": "Republican Party",
    "d": "Democratic Party", "democrat": "Democratic Party", "democratic": "Democratic Party",
    "i": "independent", "independent": "independent",
}  # fmt: skip
PARTY_RE = re.compile(r"\b(?:\(?([RDI])-[A-Z]{2}\)?|(Republican|Democrat(?:ic)?|GOP))\b")
ORG_RE = re.compile(r"\b(NATO|EU|UN|European Commission|World Bank|IMF|WHO|OPEC|Hamas|Hezbollah)\b")
# roles that speak for the executive; "Secretary General" of an organization is caught by ORG_RE first
GOVERNMENT_RE = re.compile(
    r"\b(president|vice president|secretary|press secretary|spokes(?:man|woman|person)|chief of staff|"
    r"attorney general|ambassador|envoy|national security advis[eo]r|adviser|advisor|aide|official|"
    r"white house|pentagon|state department|administration|cabinet|czar|director)\b",
    re.I,
)
FEDERAL_RE = re.compile(
    r"\b(president|vice president|white house|pentagon|state department|federal|u\.s\.|cabinet|"
    r"national security|press secretary|attorney general|ambassador|envoy|defense|treasury|secretary of)\b",
    re.I,
)
ANONYMOUS_INSIDER = re.compile(r"\b(official|aide|adviser|advisor|spokes\w+|insider|staffer)\b", re.I)
HELD = {(title, normalize_name(name)) for title, name, _, _ in HOLDERS}


@dataclass(frozen=True)
class Side:
    name: str
    kind: str  # administration | government | organization | party | people-file


def president_on(day: str | None) -> str | None:
    if not day:
        return None
    day = day[:10]
    for title, name, start, end in HOLDERS:
        if title == "president" and start <= day < end:
            return name
    return None


def _foreign(role: str) -> str | None:
    for word in re.findall(r"[A-Za-z]+", role):
        key = PLACES.get(word.lower())
        if key and key != "US" and word[:1].isupper():
            return key
    return None


def _holder_mismatch(role: str, name_key: str, day: str | None) -> bool:
    """'Vice President JD Vance' quoted from 2024: the title is today's, not the one he spoke under."""
    r = role.lower()
    title = (
        "vice president" if "vice president" in r else "president" if re.search(r"\bpresident\b", r) else None
    )
    if title is None or not day:
        return False
    holders = {normalize_name(n) for t, n, s, e in HOLDERS if t == title and s <= day[:10] < e}
    known = any(t == title and k == name_key for t, k in HELD)
    return known and name_key not in holders


def side_of(
    name: str,
    role: str | None,
    affiliation: str | None,
    anonymous: bool,
    when: str | None,
    people: list[dict] | None = None,
    context: str | None = None,
) -> Side | None:
    """The side a statement speaks for, or None when the text and people file do not tell.

    `context` is the article's text around its statements: a "budget director" or "chief of
    staff" joins the president's administration only when the article names the president or the
    role itself is federal; a state or city official otherwise belongs to no side we can name."""
    key = normalize_name(name)
    for rec in people or ():
        forms = {normalize_name(rec["name"]), *(normalize_name(a) for a in rec.get("aliases") or ())}
        if key in forms and rec.get("affiliation") and _in_range(when, rec.get("from"), rec.get("to")):
            aff = rec["affiliation"]
            return Side(aff, "party" if aff.lower().split()[0] in PARTIES else "people-file")
    text = " ".join(x for x in (role, affiliation, name if anonymous else None) if x)
    if not text:
        return None
    org = ORG_RE.search(text)
    if org:
        return Side(org.group(1), "organization")
    party = PARTY_RE.search(affiliation or "") or PARTY_RE.search(role or "")
    if party:
        return Side(PARTIES[(party.group(1) or party.group(2)).lower()], "party")
    if anonymous and not ANONYMOUS_INSIDER.search(text):
        return None  # "critics", "people familiar with": no one they speak for
    if not GOVERNMENT_RE.search(text):
        return None
    country = _foreign(text)
    if country:
        return Side(f"{country} government", "government")
    if role and _holder_mismatch(role, key, when):
        return None
    if (
        role
        and re.fullmatch(r"(?i)(former |ex-)?president", role.strip())
        and any(t == "president" and k == key for t, k in HELD)
    ):
        return Side(f"{name} administration", "administration")
    head = president_on(when)
    if head and context is not None and not FEDERAL_RE.search(text) and head.split()[-1] not in context:
        return None
    return Side(f"{head} administration", "administration") if head else Side("government", "government")


def _in_range(day: str | None, start: str | None, end: str | None) -> bool:
    if not day:
        return not (start or end)
    return (not start or day[: len(start)] >= start) and (not end or day[: len(end)] <= end)
