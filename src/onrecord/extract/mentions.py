"""People within one article: name forms, roles, pronouns and titles.

A news article introduces a person once in full ("Vice President JD Vance") and then
refers back by surname, title or pronoun. The registry is built in text order so a
reference resolves only to someone already introduced, which is how a reader does it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import TITLE_WORDS

HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "sen.",
    "rep.",
    "gov.",
    "gen.",
    "president",
    "senator",
    "governor",
    "secretary",
    "judge",
    "justice",
    "mayor",
}
PARTICLES = {
    "de",
    "van",
    "von",
    "da",
    "del",
    "della",
    "la",
    "le",
    "bin",
    "al",
    "el",
    "di",
    "du",
    "der",
    "den",
}
SUBORDINATE = {"vice", "deputy", "assistant", "former", "acting", "under", "associate"}
PARTY_TAG = re.compile(r"\s*\((?:[RDI])-?[A-Z .]{2,5}\)")


@dataclass
class Person:
    name: str
    tokens: set[str]
    role: str | None = None
    kind: str = "person"  # person | organization
    forms: list[str] = field(default_factory=list)
    last_pos: int = 0
    count: int = 0  # mentions so far: a bare surname belongs to the person the story is about


def _nationality(word: str) -> bool:
    return word.endswith(("ian", "ese", "ish", "ean", "ch")) or word in {
        "russian",
        "israeli",
        "iraqi",
        "thai",
        "american",
        "korean",
        "european",
    }


def clean_name(text: str) -> str:
    """A name without the titles and party tags around it."""
    text = PARTY_TAG.sub("", text)
    text = re.sub(r"(’s|'s|’|')$", "", text.strip())
    words = text.split()
    original = list(words)
    while len(words) > 1 and words[0].lower().strip(",") in HONORIFICS | TITLE_WORDS | {"the"}:
        words = words[1:]
    if any(w.islower() and w not in PARTICLES for w in words):
        # "Speaker of the House Rep. Paul Ryan": the name is the run of name words at the end
        run = []
        for w in reversed(words):
            if w.lower().strip(",") in HONORIFICS | TITLE_WORDS or not (w[:1].isupper() or w in PARTICLES):
                break
            run.append(w)
        words = run[::-1] if len(run) >= 2 else original
    title, rest = split_title(words)
    if title and len(rest) >= 2:
        words = rest  # "Harbor Master Lena Ortiz": the tagger kept the title inside the name
    return " ".join(words).strip(" ,.;:")


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a name that starts with a title; the last word is never a title
    ("Steve King"), and a lone suffix ("Jr.") is not a name."""
    last = max((i for i, w in enumerate(words[:-1]) if w.lower().strip(",") in TITLE_WORDS), default=-1)
    if last < 0 or len(words) - last - 1 < 2:
        return [], words
    return words[: last + 1], words[last + 1 :]


def _name_tokens(name: str) -> set[str]:
    return {w.lower().strip(".,") for w in name.split() if len(w.strip(".,")) > 1 or w.isupper()}


class Registry:
    """People and organizations introduced so far in one article."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def add(self, surface: str, pos: int, role: str | None = None, kind: str = "person") -> Person | None:
        name = clean_name(surface)
        if not name or not any(c.isalpha() for c in name):
            return None
        toks = _name_tokens(name)
        if not toks:
            return None
        person = self.lookup(name, toks, kind)
        if person is None:
            person = Person(name=name, tokens=toks, role=role, kind=kind)
            self.people.append(person)
        elif len(toks) > len(person.tokens) and person.tokens <= toks:
            person.name, person.tokens = name, toks  # "Trump" first, "Donald Trump" later
        if role and not person.role:
            person.role = role
        if surface not in person.forms:
            person.forms.append(surface)
        person.last_pos = max(person.last_pos, pos)
        person.count += 1
        return person

    def lookup(self, name: str, toks: set[str] | None = None, kind: str | None = None) -> Person | None:
        toks = toks if toks is not None else _name_tokens(clean_name(name))
        if not toks:
            return None
        best = None
        for p in self.people:
            if kind and p.kind != kind and len(toks) > 1:
                continue
            if toks <= p.tokens or (len(p.tokens) == 1 and p.tokens <= toks and kind == p.kind):
                # a bare surname fits the person who carries it and is mentioned most ("Cruz" is the
                # senator, not his wife named once), then the most recent
                if best is None or (p.count, p.last_pos) > (best.count, best.last_pos):
                    best = p
        return best

    def by_title(self, phrase: str) -> Person | None:
        """'the president' -> the most recent person introduced with that title.

        "Vice President" does not answer to "the president", nor does a qualified
        "Ukrainian President" in a story whose unqualified president is someone else.
        """
        want = phrase.lower().split()
        best = None
        for p in self.people:
            if p.kind != "person" or not p.role:
                continue
            words = p.role.lower().split()
            if want[-1] not in words:
                continue
            at = words.index(want[-1]) - len(want) + 1
            if at < 0 or words[at : at + len(want)] != want:
                continue
            before = words[:at]
            if before and before[-1] in SUBORDINATE:
                continue
            if any(_nationality(w) for w in before if w not in TITLE_WORDS):
                continue  # "Ukrainian President" is not "the president"; "Riverton Mayor" is "the mayor"
            if best is None or p.last_pos > best.last_pos:
                best = p
        return best

    def recent_person(self, before: int, exclude: set[str] | None = None) -> Person | None:
        cands = [
            p
            for p in self.people
            if p.kind == "person" and p.last_pos < before and not (exclude and p.name in exclude)
        ]
        return max(cands, key=lambda p: p.last_pos, default=None)


def role_before(doc, start: int) -> str | None:
    """Title words directly before a name inside its noun phrase ("Defense Secretary Pete Hegseth")."""
    i = start - 1
    words = []
    while i >= 0:
        t = doc[i]
        low = t.lower_
        of_title = low == "of" and words and i > 0 and doc[i - 1].lower_ in TITLE_WORDS  # chief of staff
        if not of_title and (
            t.ent_type_ == "PERSON" or t.is_punct or t.pos_ in ("DET", "VERB", "ADP", "PRON", "CCONJ", "AUX")
        ):
            break
        if low.endswith("’s") or low.endswith("'s") or t.tag_ == "POS":
            break
        if not (
            of_title
            or t.is_title
            or t.is_upper
            or low in TITLE_WORDS
            or t.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            break
        words.append(t.text)
        i -= 1
        if len(words) >= 6:
            break
    words.reverse()
    while words and words[0].lower() in {"former", "then"} and len(words) == 1:
        words = []
    role = " ".join(words).strip()
    if not role or not any(w.lower().strip(".") in TITLE_WORDS for w in words):
        return None
    return role


def appositive_role(doc, ent) -> str | None:
    """'Pete Hegseth, the defense secretary,' -> 'defense secretary'; 'Her chief of staff,
    Daniel Okafor,' -> 'chief of staff'."""
    root = ent.root
    head = root.head
    if root.dep_ == "appos" and head.i < root.i and head.lower_ in TITLE_WORDS:
        words = [
            t for t in head.subtree if t.i < ent.start and not t.is_punct and t.dep_ not in ("det", "poss")
        ]
        text = " ".join(t.text for t in words)
        if text and len(words) <= 6:
            return text
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            words = [t for t in child.subtree if not t.is_punct]
            words = [t for t in words if t.i <= child.i + 2 or t.head.i == child.i]
            text = " ".join(t.text for t in words if t.pos_ != "DET")
            if text and len(text.split()) <= 6 and any(w.lower() in TITLE_WORDS for w in text.split()):
                return text
    return None
