"""From the words that name a source to a `Speaker`.

The grammatical source of a reporting verb may be a name, a surname, a pronoun, a
title ("the president"), an unnamed source ("a senior official") or an organization.
Each resolves against the article's registry of people introduced earlier.
"""

from __future__ import annotations

from ..model import Speaker
from .cues import ANONYMOUS_HEADS, PRONOUNS, TITLE_WORDS
from .mentions import Registry, appositive_role, clean_name, role_before, split_title

OUTLET_HINTS = {
    "news",
    "times",
    "post",
    "journal",
    "press",
    "tribune",
    "gazette",
    "herald",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "msnbc",
    "fox",
    "politico",
    "reuters",
    "ap",
    "bloomberg",
    "axios",
    "guardian",
    "breitbart",
    "hill",
    "examiner",
    "beast",
    "telegraph",
    "bbc",
    "npr",
    "magazine",
    "daily",
}


def _outlet_like(ent) -> bool:
    """ "The Gazette", "the Journal": people don't take an article, and outlets end in these words."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (before is not None and before.lower_ == "the") or ent[-1].lower_ in OUTLET_HINTS


class ArticlePeople:
    """The registry plus the article's unnamed sources, queried by token position."""

    def __init__(self, doc, known_titles: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.registry = Registry()
        self.known_titles = known_titles or {}
        self.anonymous: list[tuple[int, Speaker]] = []
        self.mentions: list[tuple[int, str, bool]] = []  # (token index, person name, is subject)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _outlet_like(ent):
                self.registry.add(ent.text, ent.start, kind="organization")
            elif ent.label_ == "PERSON":
                words = [t for t in ent if not (t.is_punct and t.text not in ".")]
                if not words:
                    continue
                role = role_before(doc, ent.start) or appositive_role(doc, ent)
                inside = " ".join(split_title(ent.text.split())[0])
                role = " ".join(w for w in (role, inside) if w) or None
                p = self.registry.add(ent.text, ent.start, role=role)
                if p:
                    is_subj = ent.root.dep_ in ("nsubj", "nsubjpass") or any(
                        t.dep_ in ("nsubj", "nsubjpass") for t in ent
                    )
                    self.mentions.append((ent.start, p.name, is_subj))
            elif ent.label_ == "ORG" and role_before(doc, ent.start):
                # "Library director Nadia Holt": a title before it makes a mis-tagged name a person
                p = self.registry.add(ent.text, ent.start, role=role_before(doc, ent.start))
                if p:
                    self.mentions.append((ent.start, p.name, ent.root.dep_ in ("nsubj", "nsubjpass")))
            elif ent.label_ in ("ORG",) and ent.root.dep_ in ("nsubj", "nsubjpass", "pobj", "poss", "dobj"):
                self.registry.add(ent.text, ent.start, kind="organization")
        self._by_name = {p.name: p for p in self.registry.people}

    def person_speaker(self, name: str) -> Speaker:
        p = self._by_name.get(name) or self.registry.lookup(name)
        if p is None:
            return Speaker(name=name, kind="person")
        return Speaker(name=p.name, role=p.role, kind=p.kind, forms=list(p.forms))

    def recent(self, before: int, window_start: int, prefer_subject: bool = True) -> str | None:
        cands = [(i, n, s) for i, n, s in self.mentions if window_start <= i < before]
        if not cands:
            return None
        if prefer_subject:
            subj = [c for c in cands if c[2]]
            if subj:
                return subj[-1][1]
        return cands[-1][1]

    # -- resolution -----------------------------------------------------------------------------------

    def resolve(self, tok, last_speaker: Speaker | None = None) -> Speaker | None:
        """The speaker named by the subject token `tok` of a reporting cue."""
        doc = self.doc
        low = tok.lower_
        if low in ("who", "that", "which") and tok.head.dep_ == "relcl":
            tok = tok.head.head
            low = tok.lower_
        if low in PRONOUNS:
            return self.resolve_pronoun(tok, last_speaker)
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            # the subject head may be a title noun with the name as a compound/appos ("Secretary Hegseth")
            for t in tok.subtree:
                e = next((e for e in doc.ents if e.start <= t.i < e.end and e.label_ == "PERSON"), None)
                if e is not None and t.head.i == tok.i or (e is not None and t.i == tok.i):
                    ent = e
                    break
        if ent is not None and ent.label_ != "PERSON" or ent is None and tok.pos_ == "PROPN":
            # the tagger often calls a bare surname an ORG ("Vance posted"): a person named earlier wins
            known = self.registry.lookup(ent.text if ent is not None else tok.text, kind="person")
            if known is not None and known.kind == "person":
                return self.person_speaker(known.name)
        if ent is not None and ent.label_ == "PERSON" and _outlet_like(ent):
            return Speaker(name=clean_name(ent.text), kind="organization")
        if ent is not None and ent.label_ == "PERSON":
            return self.person_speaker(
                self.registry.lookup(ent.text).name
                if self.registry.lookup(ent.text)
                else clean_name(ent.text)
            )
        if ent is not None and ent.label_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return None  # "1:50 p.m." heads a live-blog entry; it never speaks
        if ent is not None and ent.label_ in ("GPE", "LOC") and ent.start == tok.sent.start:
            # a dateline ("LONDON (Reuters) - Donald Trump said"): the person after it is the source
            person = next(
                (e for e in doc.ents if e.label_ == "PERSON" and ent.end <= e.start < tok.head.i), None
            )
            if person is not None:
                return self.person_speaker(clean_name(person.text))
        if ent is not None and ent.label_ in ("ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"):
            known = self.registry.lookup(ent.text)
            name = known.name if known is not None else clean_name(ent.text) or ent.text
            return Speaker(name=name, kind="organization")
        return self.resolve_description(tok)

    def resolve_pronoun(self, tok, last_speaker: Speaker | None) -> Speaker | None:
        sent = tok.sent
        prev_sents = max(0, sent.start - 120)
        name = self.recent(tok.i, prev_sents)
        if tok.lower_ in ("they", "we", "it"):
            if last_speaker is not None and (last_speaker.kind != "person" or last_speaker.anonymous):
                return last_speaker
        if last_speaker is not None and (
            name is None or last_speaker.anonymous and tok.lower_ in ("he", "she")
        ):
            if last_speaker.anonymous and name is not None:
                # "the official ... he": a pronoun right after an unnamed source is that source
                anon_pos = max((i for i, s in self.anonymous if s.name == last_speaker.name), default=-1)
                last_name_pos = max((i for i, n, _ in self.mentions if n == name and i < tok.i), default=-1)
                if anon_pos > last_name_pos:
                    return last_speaker
            elif name is None:
                return last_speaker
        if name is None:
            return None
        return self.person_speaker(name)

    def resolve_description(self, tok) -> Speaker | None:
        """Common-noun sources: titles ("the president"), unnamed sources, outlets."""
        doc = self.doc
        # the description stops where a relative clause, apposition or conjunct begins
        cut = [
            c
            for c in tok.children
            if c.i > tok.i and c.dep_ in ("relcl", "appos", "punct", "acl", "cc", "conj")
        ]
        stop = min((c.left_edge.i for c in cut), default=tok.right_edge.i + 1)
        span_end = max(tok.i + 1, min(stop, tok.right_edge.i + 1))
        span_start = min(t.i for t in tok.subtree)
        span = doc[span_start:span_end]
        det = next((t for t in span if t.dep_ == "det"), None)
        head = tok.lower_
        desc_tokens = [t for t in span if t.dep_ not in ("det",) and not t.is_punct and t.tag_ != "POS"]
        desc = " ".join(t.text for t in desc_tokens).strip()
        if not desc:
            return None
        # the president / the senator / the secretary: someone already introduced with that title
        bare_title = det is None and tok.pos_ == "PROPN" and all(t.lower_ in TITLE_WORDS for t in desc_tokens)
        if (
            head in TITLE_WORDS
            and (det is not None and det.lower_ == "the" or bare_title)
            and head not in ANONYMOUS_HEADS
        ):
            phrase = " ".join(t.lower_ for t in desc_tokens if t.lower_ in TITLE_WORDS)
            p = self.registry.by_title(phrase or head)
            if p is not None:
                return self.person_speaker(p.name)
            holder = self.known_titles.get(phrase or head)
            if holder:
                return Speaker(name=holder, role=desc.title(), kind="person")
        if head in ANONYMOUS_HEADS or any(t.lower_ in ("unnamed", "anonymous") for t in span):
            if (
                det is not None
                and det.lower_ in ("the", "that", "this")
                or head in {"official", "source"}
                and det is None
            ):
                for _, s in reversed([a for a in self.anonymous if a[0] < tok.i]):
                    if s.name.split()[-1].rstrip("s") == head.rstrip("s"):
                        return s
            affiliation = None
            for t in span:
                if t.dep_ == "pobj" and t.head.lower_ in ("for", "of", "at", "in", "from", "with", "close"):
                    affiliation = " ".join(x.text for x in t.subtree)
                elif t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") and t.i < tok.i:
                    affiliation = affiliation or t.text
            name = " ".join(t.text for t in desc_tokens if t.lower_ not in ("unnamed", "anonymous")).strip()
            name = (
                name[0].lower() + name[1:]
                if name
                and not name.split()[0].isupper()
                and name[:1].isupper()
                and not (desc_tokens[0].ent_type_)
                else name
            )
            sp = Speaker(name=name or desc, anonymous=True, kind="anonymous", affiliation=affiliation)
            self.anonymous.append((tok.i, sp))
            return sp
        if tok.pos_ == "PROPN" or any(w in OUTLET_HINTS for w in desc.lower().split()):
            kind = "organization" if tok.ent_type_ != "PERSON" else "person"
            return Speaker(name=clean_name(desc) or desc, kind=kind)
        if tok.pos_ == "NOUN":
            return Speaker(name=desc, kind="unknown", anonymous=det is not None and det.lower_ in ("a", "an"))
        return None
