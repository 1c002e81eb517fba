"""A claim: one statement's position with everything the detectors compare, as a flat record the
ledger can store and look up by (person, proposition) and (side, proposition)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

from ..model import Statement
from ..people import normalize_name, person_key
from ..positions import Position
from .sides import side_of

# Words a reporter uses when a speaker takes something back. Strong ones name a retraction outright;
# weak ones ("clarified") only count when the two remarks are about the same thing or the text ties them.
STRONG_WALKBACK = re.compile(
    r"\b(walk(?:s|ed|ing)?\s+(?:(?:\w+[’']?s?\s+){0,4})back|walk-?back|misspoke|misspoken|mis-spoke|"
    r"what I meant|taken out of context|retract(?:s|ed|ing)?|backtrack(?:s|ed|ing)?|back(?:s|ed)? away from|"
    r"backpedal(?:s|ed|led|ing)?|recant(?:s|ed|ing)?|reversed course|took back|take back|u-turn)\b",
    re.I,
)
# in the speaker's own words only a first-person retraction counts ("we've got to back away from
# that" is advice, not a retraction)
OWN_RETRACTION = re.compile(
    r"\b(I misspoke|I mis-spoke|what I meant|taken out of context|I take (?:it|that) back|I retract|"
    r"I was wrong|I should not have said|I shouldn[’']t have said)\b",
    re.I,
)
WEAK_WALKBACK = re.compile(r"\b(clarif(?:y|ies|ied|ying|ication)|soften(?:s|ed|ing)?|corrected)\b", re.I)
AFTER = re.compile(
    r"\b(?:(?:a|one|two|three|several|few|\d+)\s+(?:day|days|week|weeks|hour|hours|month|months)\s+|shortly\s+|days?\s+)?"
    r"after\s+(?:\w+\s+){0,2}?(?:saying|suggesting|stating|claiming|arguing|telling|insisting|calling)\b",
    re.I,
)


@dataclass
class Claim:
    statement_id: str
    article_id: str
    person: str  # one key per person across articles (the ledger's person id when it has one)
    speaker: str
    role: str | None
    anonymous: bool
    side: str | None
    side_kind: str | None
    prop_key: str | None
    label: str | None
    stance: str
    stance_words: list[str] = field(default_factory=list)
    general: bool = False
    date: str | None = None
    date_precision: str | None = None
    start: int = 0
    end: int = 0
    text: str = ""
    walkback: str | None = None  # "strong:walked back" | "weak:clarified"
    after: int | None = None  # article offset just past "a day after suggesting" in its sentence
    published: str | None = None  # the article's date: an undated statement was said by then

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Claim:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def default_person(st: Statement) -> str:
    """Anonymous sources are people only within their article ("a senior official" here is not the
    one quoted elsewhere); their head noun joins "senior official" and "the official"."""
    if st.speaker.anonymous or st.speaker.kind in ("anonymous", "unknown"):
        words = normalize_name(st.speaker.name).split()
        return f"anon:{st.article_id}:{words[-1] if words else ''}"
    return person_key(st.speaker)


SUBJECTS = re.compile(r"\b(he|she|they|I|we)\b", re.I)


def _walkback(st: Statement) -> str | None:
    """The retraction word that applies to this speaker: the statement's own cue, its own quoted
    words ("I misspoke"), or its sentence when the speaker is that sentence's subject before the word."""
    sent = st.sentence or ""
    rel = st.start - st.sentence_start if st.sentence_start is not None else sent.find(st.text)
    outside = sent[max(rel - 60, 0) : max(rel, 0)] if rel >= 0 else ""  # the words that introduce it
    surname = (st.speaker.name.split() or [""])[-1]

    def theirs(m: re.Match) -> bool:
        lead = outside[max(0, m.start() - 80) : m.start()]
        return bool((surname and surname in lead) or SUBJECTS.search(lead))

    own_words = st.text if st.kind in ("direct", "mixed") else ""
    for pattern, strength in ((STRONG_WALKBACK, "strong"), (WEAK_WALKBACK, "weak")):
        m = pattern.search(st.cue or "")
        if m:
            return f"{strength}:{m.group(0)}"
        m = pattern.search(outside)
        if m and theirs(m):
            return f"{strength}:{m.group(0)}"
        m = OWN_RETRACTION.search(own_words) if strength == "strong" else None
        if m:
            return f"{strength}:{m.group(0)}"
    return None


def _after(st: Statement) -> int | None:
    if not st.sentence or st.sentence_start is None:
        return None
    m = AFTER.search(st.sentence)
    return st.sentence_start + m.end() if m else None


def build_claims(
    statements: list[Statement],
    positions: list[Position],
    published: str | None = None,
    people: list[dict] | None = None,
    person_of=default_person,
) -> list[Claim]:
    """One claim per statement of one article (those without a position too: a walk-back may
    target any remark). A speaker's side is shared by all their statements in the article."""
    by_id = {p.statement_id: p for p in positions}
    context = " ".join(dict.fromkeys(f"{st.speaker.name} {st.sentence or st.text}" for st in statements))
    claims = []
    for st in statements:
        pos = by_id.get(st.id)
        when = st.date or published
        side = side_of(
            st.speaker.name,
            st.speaker.role,
            st.speaker.affiliation,
            st.speaker.anonymous,
            when,
            people,
            context,
        )
        claims.append(
            Claim(
                statement_id=st.id,
                article_id=st.article_id,
                person=person_of(st),
                speaker=st.speaker.name,
                role=st.speaker.role,
                anonymous=bool(st.speaker.anonymous),
                side=side.name if side else None,
                side_kind=side.kind if side else None,
                prop_key=pos.prop_key if pos else None,
                label=pos.label if pos else None,
                stance=pos.stance if pos else "none",
                stance_words=list(pos.stance_words) if pos else [],
                general=pos.general if pos else False,
                date=st.date,
                date_precision=st.date_precision,
                start=st.start,
                end=st.end,
                text=st.text,
                walkback=_walkback(st),
                after=_after(st),
                published=published,
            )
        )
    first_side: dict[str, tuple[str | None, str | None]] = {}
    for c in claims:
        if c.side and c.person not in first_side:
            first_side[c.person] = (c.side, c.side_kind)
    for c in claims:
        if not c.side and not c.role and c.person in first_side:
            c.side, c.side_kind = first_side[c.person]
    return claims
