"""Stance of one statement toward one proposition, read from negation and modality, with the words
that carried it so a reader can check the call.

Modality decides more than polarity in political speech ("on the table", "not ruling out", "I think
he would do it"), so cues are ranked: indifference, an explicitly kept option, a negated proposition,
opposition, a conditional, support, and last a bare hedge.
"""

from __future__ import annotations

from .lexicon import (
    AGAINST_LEMMAS,
    AGAINST_PHRASES,
    FOR_LEMMAS,
    HEDGES,
    INDIFFERENT_LEMMAS,
    INDIFFERENT_PHRASES,
    NEGATIONS,
    OPEN_LEMMAS,
    OPEN_PHRASES,
    WEAK_OPEN_LEMMAS,
)

RANK = ("indifferent", "open", "negated", "against", "conditional", "for", "weak_open")
RESULT = {"negated": "against", "conditional": "open", "weak_open": "open"}
CLAUSE_EDGES = {"advcl", "conj", "parataxis"}
PREDICATE_HEADS = {"be", "vote", "come", "stand", "argue", "speak", "campaign", "remain"}
FOR_MODALS = {"will", "should", "must"}


def is_question(text: str) -> bool:
    """A question takes no position, even "why won't he release them?"."""
    return text.rstrip(" \"'”’").endswith("?")


def clause_ids(doc, head: int, lo: int, hi: int) -> set[int]:
    """Tokens of the clause holding the concept: a "but ..." conjunct or a side clause is another claim."""
    tok = doc[head]
    while tok.dep_ not in CLAUSE_EDGES and tok.head.i != tok.i:
        tok = tok.head
    ids: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        ids.add(t.i)
        for c in t.children:
            if c.dep_ in CLAUSE_EDGES and not _contains(c, head):
                if c.dep_ == "advcl" and any(g.lower_ == "if" for g in c.children):
                    ids.add(next(g.i for g in c.children if g.lower_ == "if"))
                continue
            stack.append(c)
    return {i for i in ids if lo <= doc[i].idx < hi}


def _contains(tok, i: int) -> bool:
    return tok.left_edge.i <= i <= tok.right_edge.i


def _neg_child(tok):
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in NEGATIONS):
            return c
    return None


def _negation(tok):
    """The word negating a cue: its own, or its verb's when the cue is the verb's complement."""
    neg = _neg_child(tok)
    if neg is None and tok.dep_ in ("acomp", "attr", "dobj", "xcomp", "oprd", "aux") and tok.head.i != tok.i:
        neg = _neg_child(tok.head)
    return neg


def _phrase_hits(doc, ids: set[int], phrases) -> list[list[int]]:
    toks = [i for i in sorted(ids) if not doc[i].is_punct]  # 'on “the table”' is still on the table
    words = [doc[i].lower_ for i in toks]
    hits = []
    for phrase in phrases:
        parts = phrase.split()
        for k in range(len(words) - len(parts) + 1):
            first, last = toks[k], toks[k + len(parts) - 1]
            if words[k : k + len(parts)] == parts and last - first <= 2 * len(parts):
                hits.append(list(range(first, last + 1)))
    return hits


def _negated_before(doc, i: int, window: int = 4) -> int | None:
    for j in range(max(0, i - window), i):
        if doc[j].lower_ in NEGATIONS:
            return j
    return None


def read_stance(doc, ids: set[int], concept_head: int | None = None, negation: tuple[int, ...] = ()):
    """(stance, [token indices that carried it]) over the given tokens; `negation` holds the words
    that negate the concept itself ("no increase", "will not raise")."""
    found: dict[str, list[int]] = {}

    def hit(kind: str, *idx: int) -> None:
        found.setdefault(kind, []).extend(i for i in idx if i is not None)

    covered: set[int] = set()
    for phrase in _phrase_hits(doc, ids, INDIFFERENT_PHRASES):
        hit("indifferent", *phrase)
    for phrase in _phrase_hits(doc, ids, OPEN_PHRASES):
        covered.update(phrase)
        neg = _negated_before(doc, phrase[0])
        negated_phrase = phrase[0] != neg and doc[phrase[0]].lower_ not in NEGATIONS and neg is not None
        if " ".join(doc[i].lower_ for i in phrase) == "red line":
            hit("open" if negated_phrase else "against", neg, *phrase)
        elif negated_phrase:
            hit("against", neg, *phrase)
        else:
            hit("open", *phrase)
    for phrase in _phrase_hits(doc, ids, AGAINST_PHRASES):
        if covered & set(phrase):
            continue
        covered.update(phrase)
        neg = _negated_before(doc, phrase[0], 3)
        hit("open" if neg is not None else "against", neg, *phrase)
    for i in sorted(ids):
        tok = doc[i]
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if (
            i in covered
            or i == concept_head
            or (tok.pos_ in ("NOUN", "PROPN") and lemma in ("right", "wrong"))
        ):
            continue  # "the religious right", "civil rights" judge nothing
        neg = _negation(tok)
        if lemma in INDIFFERENT_LEMMAS and neg is not None:
            hit("indifferent", neg.i, i)
        elif lemma in OPEN_LEMMAS:
            hit("against" if neg is not None else "open", getattr(neg, "i", None), i)
        elif lemma in AGAINST_LEMMAS or lower in AGAINST_LEMMAS:
            if tok.pos_ == "ADP" and (
                tok.head.lemma_ not in PREDICATE_HEADS or any(c.pos_ == "PROPN" for c in tok.children)
            ):
                continue  # "successful against Putin" opposes a person, not the proposition
            if lower in NEGATIONS and lower != "never":
                continue
            hit("open" if neg is not None else "against", getattr(neg, "i", None), i)
        elif (lemma in FOR_LEMMAS and (tok.dep_ != "aux" or lemma in FOR_MODALS)) or _going_to(tok):
            if lemma in FOR_MODALS and tok.tag_ == "MD" and _negation(tok.head) is not None:
                continue  # "will not send": the verb carries the negation
            hit("against" if neg is not None else "for", getattr(neg, "i", None), i)
        elif lemma in WEAK_OPEN_LEMMAS and tok.tag_ == "MD" and _negation(tok.head) is None:
            hedge = _hedge(doc, i)
            hit("open" if (hedge and lemma == "would") else "weak_open", *(hedge or []), i)
        elif lower == "if" and tok.dep_ == "mark":
            hit("conditional", i)
    if negation and concept_head is not None:
        hit("negated", *negation, concept_head)
    for kind in RANK:
        if kind in found:
            return RESULT.get(kind, kind), sorted(set(found[kind]))
    return "none", []


def _going_to(tok) -> bool:
    """'we are going to close them' commits like 'will'."""
    return tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children)


def _hedge(doc, i: int) -> list[int] | None:
    """'I think he would do it': a hedged 'would' reports a disposition, not a commitment."""
    start = max(0, i - 8)
    words = [t.lower_ for t in doc[start:i]]
    for hedge in HEDGES:
        parts = hedge.split()
        for k in range(len(words) - len(parts) + 1):
            if words[k : k + len(parts)] == parts:
                return list(range(start + k, start + k + len(parts)))
    return None


def render_words(doc, idx: list[int]) -> list[str]:
    """Token indices -> the exact runs of text they cover, contractions kept together."""
    idx = sorted(set(idx) | {i - 1 for i in idx if i > 0 and doc[i].lower_ in ("n't", "n’t")})
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [doc[r[0] : r[-1] + 1].text for r in runs]
