"""Policy objects without a place: "a toll on the Harbor Bridge", "an increase in the gas tax", "close
two library branches".

A proposition here is an action or instrument (the head noun, or a policy verb folded into its noun)
plus the one thing it acts on, named the same way wherever it appears: a proper name whole, a place
by its key, a common noun by its lemma with the modifier nearest it ("the state gas tax" -> "gas
tax"). So "gas tax increase" and "gas tax holiday" never share a key, and "raise the gas tax" and "an
increase in the gas tax" always do. Nouns that name no policy (idioms, measures, people, vague
words) give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import (
    ACTION_PREP,
    ACTIONS,
    ERGATIVE,
    IDIOM_NOUNS,
    INSTRUMENTS,
    MEASURE_NOUNS,
    OBJECT_PREPS,
    PERSON_NOUNS,
    RELATIONAL_NOUNS,
    STOP_NOUNS,
    VAGUE_OBJECTS,
)
from .places import place_key, place_label

HEAD_DEPS = {"dobj", "nsubj", "nsubjpass", "attr"}
STANCE_PREPS = {"for", "against", "about"}  # "voted for X", "argued against X": X is the position
NOT_OBJECTS = {"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}
NOT_NAMES = STOP_NOUNS | PERSON_NOUNS | VAGUE_OBJECTS | RELATIONAL_NOUNS  # never a policy nor what it acts on


@dataclass
class PolicyRead:
    concept: str
    obj: str | None  # None: the text names the action alone ("a toll"); the article may complete it
    label: str
    negation: tuple[int, ...]
    action: bool  # the concept is a policy action (closure, increase, ban), not a bare noun


def object_name(tok) -> str | None:
    """What a policy acts on, as a key part; None for pronouns, people, numbers and vague nouns."""
    if tok.pos_ == "NUM" or tok.lower_ in ("some", "all", "any", "each", "many", "most"):
        # "close two of its library branches": the object is what the number counts
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return object_name(pobj) if pobj is not None else None
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in NOT_OBJECTS:
        return None
    if tok.pos_ == "PROPN":
        first = tok
        while True:  # the proper name runs left through its compounds: "Harbor Bridge"
            left = [c for c in first.children if c.dep_ == "compound" and c.i == first.i - 1]
            if not left or left[0].pos_ != "PROPN":
                break
            first = left[0]
        name = tok.doc[first.i : tok.i + 1].text
        return place_key(name, tok.ent_type_ or None) or name
    lemma = _lemma(tok)
    mod = next((c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i == tok.i - 1), None)
    if mod is not None and any(c.dep_ == "conj" for c in mod.children):
        mod = None  # "the Eastside and Millbrook branches" lists instances of a branch
    measure = lemma in MEASURE_NOUNS and mod is None  # "interest rates" is a policy, "the rate" is not
    if measure or lemma in NOT_NAMES or lemma in IDIOM_NOUNS or len(lemma) < 3:
        return None
    if mod is None:
        return lemma
    if mod.pos_ == "PROPN":
        return f"{place_label(place_key(mod.text, mod.ent_type_ or None) or mod.text)} {lemma}"
    return f"{mod.lower_} {lemma}"


def _label(concept: str, obj: str | None, prep: str | None = None, the: bool = False, verb=False) -> str:
    if obj is None:
        return concept
    shown = place_label(obj)
    if prep:
        return f"{concept} {prep} {'the ' if the else ''}{shown}"
    if verb and shown[:1].isupper():  # "ban Muslims" -> "ban on Muslims"
        return f"{concept} {ACTION_PREP.get(concept, 'of')} {shown}"
    return f"{shown} {concept}"


def _no(tok) -> int | None:
    return next((c.i for c in tok.children if c.dep_ == "det" and c.lower_ == "no"), None)


def _neg(tok) -> int | None:
    return next((c.i for c in tok.children if c.dep_ == "neg"), None)


def _noun_object(tok, action: bool):
    """(object token, preposition or None) of a policy noun. An action takes it from a compound, a
    preposition or a possessor ("gas tax increase", "increase in the gas tax"); any other noun only
    from "on" ("a toll on the bridge", also where its verb puts it: "put a toll on the bridge"):
    "kernel of truth", "the lake's levels", "Senate race" name no policy, and "Harbor Bridge toll"
    is completed from the article's "toll on the Harbor Bridge"."""
    mod = next((c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i == tok.i - 1), None)
    if mod is not None and action and object_name(mod):
        return mod, None
    own, via_verb = (OBJECT_PREPS, ("on", "to", "for", "against")) if action else ({"on"}, ("on",))
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in own]
    if tok.dep_ == "dobj":
        preps += [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in via_verb]
    for prep in preps:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and object_name(pobj):
            return pobj, prep.lower_
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if action and poss is not None and object_name(poss):
        return poss, None
    return None, None


def _lemma(tok) -> str:
    lower = tok.lower_
    return lower[:-2] if lower.endswith("xes") else tok.lemma_.lower()  # the model reads "taxes" as "taxis"


def read_noun(tok) -> PolicyRead | None:
    lemma = _lemma(tok)
    if tok.pos_ != "NOUN" or lemma in NOT_NAMES or lemma in MEASURE_NOUNS or len(lemma) < 3:
        return None
    if tok.dep_ == "pobj":
        prep = tok.head
        stance_prep = prep.lower_ in STANCE_PREPS and prep.head.pos_ in ("VERB", "AUX", "ADJ")
        if lemma in IDIOM_NOUNS or not (stance_prep or (prep.lower_ == "to" and prep.head.pos_ == "ADJ")):
            return None
    elif tok.dep_ not in HEAD_DEPS:
        return None
    concept = ACTIONS.get(lemma, lemma)
    action = lemma in ACTIONS or lemma in INSTRUMENTS
    arg, prep = _noun_object(tok, action)
    obj = object_name(arg) if arg is not None else None
    the = arg is not None and any(c.lower_ == "the" for c in arg.children)
    neg = _no(tok) if _no(tok) is not None else _neg(tok)
    negation: tuple[int, ...] = (neg,) if neg is not None else ()
    if not negation and tok.dep_ in ("dobj", "attr", "nsubjpass") and _neg(tok.head) is not None:
        negation = (_neg(tok.head), tok.head.i)
    return PolicyRead(concept, obj, _label(concept, obj, prep, the), negation, action)


def read_verb(tok) -> PolicyRead | None:
    """A policy verb with what it acts on: "raise the gas tax", "the branches will close"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in ACTIONS:
        return None
    if any(c.dep_ == "dative" and c.pos_ == "PRON" for c in tok.children):
        return None  # "selling you a picket fence" persuades; "sell the pier to a developer" disposes
    arg = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if arg is None and lemma in ERGATIVE:
        subj_of = tok.head if tok.dep_ == "xcomp" else tok  # "is going to close"
        arg = next((c for c in subj_of.children if c.dep_ == "nsubj"), None)
    obj = object_name(arg) if arg is not None else None
    if obj is None:
        return None
    neg = _neg(tok)
    if neg is None and tok.dep_ == "xcomp":
        neg = _neg(tok.head)
    negation = (neg,) if neg is not None else ()
    if not negation and _no(arg) is not None:
        negation = (_no(arg),)
    concept = ACTIONS[lemma]
    return PolicyRead(concept, obj, _label(concept, obj, verb=True), negation, True)
