"""What a statement takes a position on, read from the dependency parse: a concept from the synonym
table and the places and bodies it concerns, or else a policy object without a place (policy.py:
"toll on the Harbor Bridge", "gas tax increase").

The key is concept + argument set, so "Ukraine joining NATO" (membership|NATO+Ukraine) and "NATO
troops in Ukraine" (troops|NATO+Ukraine) never share a key although they share words. A mention
missing an argument ("wouldn't commit forces") is completed from fuller mentions of the same concept
in the same article, which is how a reader fills it in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .lexicon import CONCEPTS, LABEL_PREP
from .places import place_key, place_label, token_place
from .policy import read_noun, read_verb

ARG_LABELS = {"GPE", "NORP", "LOC", "ORG"}
PRUNE = {"advcl", "relcl", "appos", "mark", "parataxis", "ccomp", "csubj", "conj", "cc", "punct", "xcomp"}
VERB_ARGS = {"nsubj", "nsubjpass", "prep", "dative", "agent"}
ANAPHORS = {"it", "this", "that", "so", "one"}


@dataclass
class Mention:
    concept: str
    args: tuple[str, ...]  # place keys in text order
    head: int  # token index of the concept word in its doc
    label: str
    lexical: bool  # the concept came from the synonym table
    negation: tuple[int, ...] = ()  # the words that negate it ("no", "wouldn't commit")
    completed_from: str | None = None
    token_ids: set[int] = field(default_factory=set)
    obj: str | None = None  # a policy object without a place: what the action acts on ("gas tax")
    action: bool = False  # a policy action (closure, increase), before a bare noun of the same clause

    @property
    def key(self) -> str:
        if not self.lexical:
            return f"{self.concept}|{self.obj or ''}"
        return f"{self.concept}|{'+'.join(sorted(set(self.args)))}"

    @property
    def placed(self) -> bool:
        """About something a reader can place: a body or country, or a named object."""
        return bool(self.obj) if not self.lexical else bool(self.args)


def concept_of(tok) -> str | None:
    """The folded concept a token names, with the few senses a bare lemma would get wrong."""
    lemma = tok.lemma_.lower()
    name = CONCEPTS.get(lemma)
    if not name:
        return None
    kids = {c.lower_ for c in tok.children}
    if lemma == "force" and tok.tag_ != "NNS" and not kids & {"peacekeeping", "military", "ground", "armed"}:
        return None
    if lemma == "boot" and "ground" not in tok.doc[tok.i : tok.i + 5].text.lower():
        return None
    if lemma in ("arm", "talk") and tok.tag_ != "NNS":
        return None
    if lemma == "join" and tok.pos_ != "VERB":
        return None
    if lemma in ("deploy",) and tok.pos_ != "VERB":
        return None
    if tok.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    return name


def _pruned(tok, out: set[int]) -> None:
    out.add(tok.i)
    for c in tok.children:
        if c.dep_ in PRUNE:
            continue
        if c.dep_ == "acl" and c.pos_ == "VERB":
            # "troops fighting Russia in Ukraine": keep where, drop whom the other verb acts on
            out.add(c.i)
            for g in c.children:
                if g.dep_ == "prep":
                    _pruned(g, out)
            continue
        _pruned(c, out)


def _scope(tok) -> set[int]:
    ids: set[int] = set()
    _pruned(tok, ids)
    verb = None
    if tok.pos_ == "VERB":
        verb = tok
        if tok.dep_ == "acl":  # "Ukraine joining NATO": the noun it hangs on is its subject
            _pruned_head(tok.head, ids)
    elif tok.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        verb = tok.head.head
    if verb is not None and verb.i != tok.i:
        ids.add(verb.i)
    if verb is not None:
        for c in verb.children:
            if c.dep_ in VERB_ARGS or (verb.i == tok.i and c.dep_ == "dobj"):
                if c.i not in ids:
                    _pruned(c, ids)
    return ids


def _pruned_head(tok, ids: set[int]) -> None:
    ids.add(tok.i)
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss"):
            _pruned(c, ids)


def _args(doc, ids: set[int]) -> list[tuple[int, str]]:
    found: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in ARG_LABELS and any(t.i in ids for t in ent):
            key = place_key(ent.text, ent.label_)
            if key and key not in found:
                found[key] = ent.start
    for i in ids:
        key = token_place(doc[i])
        if key and key not in found:
            found[key] = i
    return sorted((i, k) for k, i in found.items())


def _negation(tok) -> tuple[int, ...]:
    """The words that negate a concept: its own "no", or its verb's not ("wouldn't commit forces")."""
    own = next((c for c in tok.children if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")), None)
    if own is not None:
        return (own.i,)
    if tok.dep_ in ("dobj", "attr", "nsubjpass", "acl"):
        neg = next((c for c in tok.head.children if c.dep_ == "neg"), None)
        if neg is not None:
            return (neg.i, tok.head.i)
    return ()


ALLIANCES = {"NATO", "EU", "UN"}


def concept_label(concept: str, pre: list[str], post: list[str]) -> str:
    """A readable name for a folded concept: "U.S. troops in Ukraine", "Ukraine joining NATO"."""
    places = pre + post
    if concept == "membership":
        org = next((p for p in places if p in ALLIANCES), None)
        rest = [p for p in places if p != org]
        if org and rest:
            return f"{' and '.join(map(place_label, rest))} joining {place_label(org)}"
        return (
            f"{place_label(org)} membership"
            if org
            else f"membership of {' and '.join(map(place_label, rest))}"
        )
    if not post and len(pre) > 1:
        pre, post = pre[:1], pre[1:]
    head = " ".join([*map(place_label, pre), concept])
    return f"{head} {LABEL_PREP.get(concept, 'for')} {' and '.join(map(place_label, post))}" if post else head


def find_mentions(doc, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """Concept mentions whose head lies inside [lo, hi) characters of the doc."""
    hi = len(doc.text) if hi is None else hi
    out: list[Mention] = []
    for tok in doc:
        if not (lo <= tok.idx < hi):
            continue
        concept = concept_of(tok)
        if concept is None:
            if tok.lemma_.lower() not in CONCEPTS.values():
                read = read_verb(tok) or read_noun(tok)
                if read is not None:
                    out.append(Mention(read.concept, (), tok.i, read.label, False, read.negation,
                                       obj=read.obj, action=read.action))  # fmt: skip
            continue
        ids = {i for i in _scope(tok) if lo <= doc[i].idx < hi}
        args = _args(doc, ids)
        pre, post = [k for i, k in args if i < tok.i], [k for i, k in args if i > tok.i]
        out.append(
            Mention(
                concept=concept,
                args=tuple(k for _, k in args),
                head=tok.i,
                label=concept_label(concept, pre, post),
                lexical=True,
                negation=_negation(tok),
                token_ids=ids,
            )
        )
    return _best_first(doc, out)


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _best_first(doc, mentions: list[Mention]) -> list[Mention]:
    """A synonym-table concept before a policy object, an action before a bare noun, then closest to
    the main verb."""
    return sorted(
        mentions, key=lambda m: (not m.lexical, not m.placed, not m.action, _depth(doc[m.head]), m.head)
    )


def anaphor(doc, lo: int = 0, hi: int | None = None) -> str | None:
    """How content names its subject only by pronoun: "event" for "it was unlikely", "action" for
    "he would do it" / "do so"; None when it names it itself."""
    hi = len(doc.text) if hi is None else hi
    for tok in doc:
        if not (lo <= tok.idx < hi) or tok.lower_ not in ANAPHORS or tok.tag_ == "WDT":
            continue
        if tok.lower_ == "one" and (tok.dep_ != "dobj" or any(tok.children)):
            continue  # "we do not need one" stands for a thing; "one of the options" does not
        head = tok.head
        if head.dep_ not in ("ROOT", "ccomp", "xcomp", "conj") and lo <= head.head.idx < hi:
            continue  # inside a side clause: "a war that should never have happened"
        if head.lemma_ == "do" and tok.dep_ in ("dobj", "advmod"):
            return "action"
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.lower_ != "so":
            return "event"
    return None


def complete(mention: Mention, pool: list[Mention]) -> Mention:
    """Fill missing arguments from the fullest, most frequent mention of the same concept."""
    if not mention.lexical:
        return _complete_object(mention, pool)
    have = set(mention.args)
    supers = [m for m in pool if m.lexical and m.concept == mention.concept and have < set(m.args)]
    if not supers:
        return mention
    sets = [frozenset(m.args) for m in supers]
    maximal = [s for s in sets if not any(s < o for o in sets)]
    counts = Counter(maximal)
    best_set, _ = max(counts.items(), key=lambda kv: (kv[1], -sets.index(kv[0])))
    source = next(m for m in supers if frozenset(m.args) == best_set)
    return replace(mention, args=source.args, label=source.label, completed_from=source.label)


def _complete_object(mention: Mention, pool: list[Mention]) -> Mention:
    """ "a toll", "the toll on the bridge": the object the article names in full for the same action
    ("Harbor Bridge"), the most often named when there are several."""
    want = (mention.obj or "").lower()
    fuller = [
        m
        for m in pool
        if not m.lexical
        and m.concept == mention.concept
        and m.obj
        and m.obj.lower() != want
        and (not want or m.obj.lower().endswith(" " + want))
    ]
    if not fuller:
        return mention
    obj, _ = Counter(m.obj for m in fuller).most_common(1)[0]
    source = next(m for m in fuller if m.obj == obj)
    return replace(mention, obj=obj, label=source.label, completed_from=source.label)
