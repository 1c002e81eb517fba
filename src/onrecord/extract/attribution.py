"""Link quotations and reported clauses to their reporting cues and sources.

Each quotation looks for its cue where news style puts it: in the same sentence after
the closing mark (“…,” she said), before the opening mark (He told Fox News, “…”), or
as the verb whose complement holds the quote (he didn’t “really care …”: a mixed quote).
A quotation with no cue continues the previous speaker when it stands as a sentence of
its own; an embedded one without a cue is a scare quote and is left out. Reporting
verbs with a clause complement and no quotation give indirect speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Speaker, Statement
from .cues import (
    ANONYMOUS_HEADS,
    QUESTION_CUES,
    SPEECH_NOUNS,
    TITLE_CUES,
    TITLE_WORDS,
    is_speech_verb,
    verb_lemma,
)
from .mentions import clean_name
from .quotes import Quote, find_quotes
from .speakers import ArticlePeople
from .venues import venue_for

CLIMB_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl")
MAX_CUE_GAP = 12  # tokens between a quote and its cue
SPEECH_EVENTS = {
    "interview",
    "appearance",
    "speech",
    "conference",
    "briefing",
    "rally",
    "hearing",
    "meeting",
    "statement",
    "remarks",
    "call",
    "podcast",
    "broadcast",
    "show",
    "event",
    "visit",
    "post",
    "op-ed",
    "address",
    "session",
    "debate",
    "forum",
    "summit",
    "tweet",
}
DASH_SOURCE = re.compile(r"[ \t\xa0]*[―—–-][ \t\xa0]*([A-Z][^\n.!?“”\"]{1,60}?)[ \t\xa0]*(?:\n|$)")


@dataclass
class Cue:
    token: object  # spaCy Token
    source: object | None  # subject token
    content: tuple[int, int] | None  # token span of the reported content


def _quote_index(doc, quotes: list[Quote]) -> list[int]:
    idx = [-1] * len(doc)
    qi = 0
    for t in doc:
        while qi < len(quotes) and quotes[qi].end <= t.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= t.idx < quotes[qi].end:
            idx[t.i] = qi
    return idx


def _could_speak(tok) -> bool:
    """A word next to a cue that can name its source: a name, a pronoun, or a person noun."""
    if tok.pos_ in ("PROPN", "PRON"):
        return tok.lower_ not in ("it", "this", "that", "which")
    return tok.pos_ == "NOUN" and (tok.lower_ in ANONYMOUS_HEADS or tok.lower_ in TITLE_WORDS)


def _source_of(cue) -> object | None:
    t = cue
    for _ in range(7):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and not (c.dep_ == "nsubjpass" and c.i > t.i):
                return c
        if t.pos_ == "NOUN":
            for c in t.children:
                if c.dep_ == "poss" and c.lower_ not in ("my", "our", "your"):
                    return c
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "pcomp" or (t.dep_ in ("pobj",) and t.head.dep_ == "prep"):
            t = t.head.head
            continue
        if t.dep_ in CLIMB_DEPS or (t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj", "attr")):
            t = t.head
            continue
        if t is not cue and t.dep_ == "ccomp" and is_speech_verb(t.head):
            # "he clarified that it was possible — a day after suggesting …": the reporter's subject
            t = t.head
            continue
        break
    for c in cue.children:  # passive: "was told by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if cue.pos_ in ("VERB", "AUX"):
        return _name_beside(cue)  # inverted order the parser missed: “…,” said Skelly
    return None


def _name_beside(cue, usable=lambda tok: True):
    """The name standing right next to a reporting verb, before it first ("“…,” Skelly said"),
    then after it ("“…,” said Skelly"); after "tells" stands the addressee, not the source."""
    doc = cue.doc
    order = (cue.i - 1,) if cue.lower_.startswith(("tell", "told")) else (cue.i - 1, cue.i + 1)
    for i in order:
        if 0 <= i < len(doc) and usable(doc[i]) and _could_speak(doc[i]) and doc[i].dep_ != "pobj":
            t = doc[i]
            while t.dep_ == "compound" and t.head.i != t.i:
                t = t.head
            return t
    return None


def _content_of(cue) -> tuple[int, int] | None:
    if cue.lower_ == "according":
        return None
    kids = sorted(cue.children, key=lambda c: (c.i < cue.i, c.i))  # complements after the verb first
    for c in kids:
        if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
            toks = [t for t in c.subtree]
            start = min(t.i for t in toks)
            end = max(t.i for t in toks) + 1
            if cue.i >= start and cue.i < end:
                continue
            return start, end
    if cue.pos_ == "NOUN":
        # "his assurance that …", or with a light verb: "gave “my assurance” that …"
        holders = [cue] + ([cue.head] if cue.dep_ == "dobj" else [])
        for h in holders:
            for c in h.children:
                if (
                    c.dep_ in ("acl", "ccomp", "relcl")
                    and c.i > cue.i
                    and any(x.lower_ == "that" and x.dep_ == "mark" for x in c.children)
                ):
                    toks = list(c.subtree)
                    return min(t.i for t in toks), max(t.i for t in toks) + 1
    return None


def _find_cues(doc, qidx, allowed_quotes: set[int], short_quotes: set[int] = frozenset()) -> list[Cue]:
    """Reporting cues outside quotes (inside `allowed_quotes` too); a speech noun may sit
    inside a short quote of the reporter's own clause (gave “my assurance” that …)."""
    cues = []
    for t in doc:
        q = qidx[t.i]
        if q != -1 and q not in allowed_quotes and not (q in short_quotes and t.lower_ in SPEECH_NOUNS):
            continue
        if is_speech_verb(t) or (t.pos_ == "NOUN" and t.lower_ in SPEECH_NOUNS):
            source = _source_of(t)
            if (
                source is not None
                and (
                    (qidx[source.i] != -1 and qidx[source.i] != q)  # “Full panic mode,” said Leslie Wimes
                    or "\n"
                    in doc[min(source.i, t.i) : max(source.i, t.i)].text  # a heading run into the quote
                )
            ):
                # the parser's subject is no one: take the name standing next to the verb
                source = _name_beside(t, lambda tok: qidx[tok.i] == -1)
            cues.append(Cue(t, source, _content_of(t)))
        elif t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), doc[t.i + 2])
            cues.append(Cue(t, pobj, None))
    return cues


def _tok_range(doc, start_char: int, end_char: int) -> tuple[int, int]:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e == -1 else e)


class ArticleExtractor:
    """All statements of one parsed article."""

    def __init__(self, article: Article, doc, known_titles: dict[str, str] | None = None) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        self.quotes = find_quotes(self.text)
        self.qidx = _quote_index(doc, self.quotes)
        self.people = ArticlePeople(doc, known_titles)
        self.statements: list[Statement] = []
        self.speaker_cache: dict[int, Speaker | None] = {}

    # -- helpers --------------------------------------------------------------------------------------

    def speaker_of(self, cue: Cue, last: Speaker | None) -> Speaker | None:
        if cue.source is None:
            return None
        key = cue.source.i
        if key not in self.speaker_cache:
            self.speaker_cache[key] = self.people.resolve(cue.source, last)
        return self.speaker_cache[key]

    def quote_tokens(self, q: Quote) -> tuple[int, int]:
        return _tok_range(self.doc, q.start, q.end)

    def inner_tokens(self, q: Quote) -> tuple[int, int]:
        s, e = _tok_range(self.doc, q.inner_start, q.inner_end)
        while s < e and self.doc[s].is_punct:
            s += 1
        while e > s and self.doc[e - 1].is_punct:
            e -= 1
        return s, e

    def is_title(self, q: Quote, qs: int) -> bool:
        inner = self.text[q.inner_start : q.inner_end].strip(" ,.")
        words = inner.split()
        if not words or len(words) > 12:
            return False
        before = self.doc[max(0, qs - 2) : qs]
        if any(t.lower_ in TITLE_CUES for t in before):
            return True
        caps = sum(
            1 for w in words if w[:1].isupper() or w.lower() in {"of", "the", "and", "a", "in", "to", "on"}
        )
        if caps != len(words) or words[0].lower() in {"i", "we", "you", "it"}:
            return False
        # a name of a show, book or film: Title Case words, or one after a possessive ("Fox’s “Hannity”")
        return len(words) >= 2 or (
            qs > 0 and (self.doc[qs - 1].tag_ == "POS" or self.doc[qs - 1].lower_ in {"on", "in", "of"})
        )

    def pick_cue(self, q: Quote, cues: list[Cue]) -> tuple[Cue | None, bool]:
        """The cue for quote q and whether q sits inside the cue's complement (mixed candidate)."""
        doc = self.doc
        qs, qe = self.quote_tokens(q)
        iqs, iqe = self.inner_tokens(q)
        if qe <= qs:
            return None, False
        p_start, p_end = _paragraph_of(self.text, q.start)
        first_sent = doc[qs].sent
        last_sent = doc[qe - 1].sent
        lo, hi = first_sent.start, last_sent.end
        if hi == qe and qe < len(doc) and "\n" not in doc[qe].text:
            nxt = doc[qe].sent  # “… a pathetic figure!” | he wrote.  (split by the parser)
            if doc[qe].is_lower or len(nxt) <= 8:
                hi = nxt.end
        best, best_score, inside = None, None, False
        for c in cues:
            t = c.token
            if not (lo <= t.i < hi) or not (p_start <= t.idx <= p_end):
                continue
            if self.qidx[t.i] != -1 and self.qidx[t.i] == self.quotes.index(q):
                continue
            contains = c.content is not None and c.content[0] <= iqs and iqe <= c.content[1]
            if t.i >= qe:
                gap = t.i - qe
                between = doc[qe : t.i]
            else:
                gap = qs - t.i
                between = doc[t.i + 1 : qs]
            if any(self.qidx[b.i] != -1 for b in between):
                continue  # another quote stands between
            if not contains and gap > MAX_CUE_GAP:
                continue
            if not contains and any(b.pos_ == "VERB" and is_speech_verb(b) for b in between):
                continue
            score = (0 if contains else 1, gap)
            if best_score is None or score < best_score:
                best, best_score, inside = c, score, contains
        if best is None:
            best = self.verb_after(qe, hi)
        return best, inside

    def verb_after(self, qe: int, hi: int) -> Cue | None:
        """“Go back to Univision,” Trump barked: any verb in that slot reports the quote."""
        doc = self.doc
        window = [t for t in doc[qe : min(hi, qe + 5)] if not t.is_punct]
        for t in window[:3]:
            if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ"):
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and qe <= subj.i < qe + 4:
                    return Cue(t, subj, None)
        return None

    def lead_in(self, cs: int, ce: int) -> int:
        """Start of the reported words after a leading circumstance ("while speaking with X, he …")."""
        doc = self.doc
        if ce - cs > 3 and doc[cs].lower_ in ("while", "when", "as") and doc[cs + 1].tag_ == "VBG":
            comma = next((t.i for t in doc[cs:ce] if t.text == "," and self.qidx[t.i] == -1), None)
            if comma is not None and comma + 1 < ce:
                return comma + 1
        return cs

    def trim(self, cs: int, ce: int) -> int:
        """End of the reported words, before the circumstances of saying them.

        "… no U.S. troops sent, in an interview with Fox News on Tuesday", "… indefinitely
        while taking questions", "… a possibility — just a day after suggesting …": these
        describe the speech event (and carry its date), not what was said.
        """
        doc = self.doc
        for t in doc[cs + 1 : ce]:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if self.qidx[t.i] != -1:
                continue
            if t.text == "," and nxt is not None and nxt.lower_ in ("in", "during", "at", "on"):
                pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in SPEECH_EVENTS:
                    return t.i
            if t.lower_ in ("while", "when", "as") and nxt is not None and nxt.tag_ == "VBG":
                return t.i
            if t.pos_ == "VERB" and t.tag_ == "VBG" and is_speech_verb(t) and t.dep_ in ("pcomp", "advcl"):
                left = t.head if t.dep_ == "pcomp" else t
                start = min(x.i for x in left.subtree)
                if start > cs:
                    return start
        return ce

    def continued(
        self, q: Quote, cues: list[Cue], last: Speaker | None, para: int, last_para: int
    ) -> Speaker | None:
        """A quote standing alone goes on from the last speaker nearby, or from the speaker of the
        sentence that introduced it ("X confirmed …" then the quote paragraph)."""
        if last is not None and (para == last_para or para - last_para < 400):
            return last
        before = [
            c for c in cues if c.token.idx < q.start and q.start - c.token.idx < 600 and c.source is not None
        ]
        return self.speaker_of(before[-1], last) if before else last

    def colon_lead(self, q: Quote, cues: list[Cue], last: Speaker | None) -> Speaker | None:
        """“And from X:” / “as the report notes:” — a lead-in ending in a colon names the source."""
        before = self.text[: q.start].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sent = colon[0].sent
        lead = [c for c in cues if sent.start <= c.token.i < colon.start and c.source is not None]
        if lead:
            return self.speaker_of(lead[-1], last)
        ents = [e for e in sent.ents if e.end <= colon.start and e.label_ in ("PERSON", "ORG")]
        if ents:
            return self.people.resolve(ents[-1].root, last)
        return None

    def stands_alone(self, q: Quote) -> bool:
        """A quote that is a sentence of its own (no words of the reporter's around it)."""
        before = self.text[: q.start].rstrip(" \t\xa0")
        after = self.text[q.end :].lstrip(" \t\xa0")
        starts = not before or before[-1] in '\n.?!:”"’)—–-'
        ends = not after or after[0] in "\n" or (after[0] in '“"‘') or after[:1].isupper()
        return starts and ends

    # -- extraction -----------------------------------------------------------------------------------

    def run(self) -> list[Statement]:
        short = {
            i for i, q in enumerate(self.quotes) if len(self.text[q.inner_start : q.inner_end].split()) <= 3
        }
        cues = _find_cues(self.doc, self.qidx, set(), short)
        last: Speaker | None = None
        last_para: int = -1
        used_cues: set[int] = set()
        for q in self.quotes:
            qs, qe = self.quote_tokens(q)
            if qe <= qs:
                continue
            cue, inside = self.pick_cue(q, cues)
            para = self.text.rfind("\n", 0, q.start)
            speaker = None
            kind = "direct"
            start, end = q.inner_start, q.inner_end
            dashed = DASH_SOURCE.match(self.text, q.end)
            if dashed is not None:
                # “…” ― Name: the sign-off of a quote collection or an epigraph
                name = clean_name(dashed.group(1))
                speaker = self.people.person_speaker(name) if name else None
                cue = None
            elif cue is not None:
                speaker = self.speaker_of(cue, last)
                if self.is_title(q, qs) and not inside:
                    continue
                if inside and cue.content is not None:
                    p_lo, p_hi = _paragraph_of(self.text, q.start)
                    cs, ce = cue.content
                    cs = min(self.lead_in(cs, ce), self.inner_tokens(q)[0])
                    ce = max(self.trim(cs, ce), qe)
                    outside = [
                        t
                        for t in self.doc[cs:ce]
                        if not (qs <= t.i < qe) and not t.is_punct and t.lower_ != "that"
                    ]
                    outside = [t for t in outside if p_lo <= t.idx < p_hi]  # the quote's own paragraph
                    if len(outside) >= 2:
                        kind = "mixed"
                        cstart = self.doc[cs].idx
                        if self.doc[cs].lower_ == "that" and cs + 1 < ce:
                            cstart = self.doc[cs + 1].idx
                        start = max(min(cstart, q.start), p_lo)
                        end = max(self.doc[ce - 1].idx + len(self.doc[ce - 1]), q.end)
                        end = min(end, max(p_hi, q.end))
                used_cues.add(cue.token.i)
            if speaker is None:
                speaker = self.colon_lead(q, cues, last)
            if speaker is None and self.stands_alone(q):
                speaker = self.continued(q, cues, last, para, last_para)
            if speaker is None:
                continue
            if speaker.kind == "organization" and cue is not None and self.reported(q, speaker):
                last, last_para = speaker, para
                continue
            st = self.make(kind, start, end, speaker, cue)
            self.statements.append(st)
            last, last_para = speaker, para
        self.indirect(cues, used_cues)
        self.statements.sort(key=lambda s: (s.start, s.end))
        return self.statements

    def reported(self, q: Quote, outlet: Speaker) -> int:
        """A quote of a quote: the outlet reported “X said …” — the words are X's, the outlet the venue."""
        qi = self.quotes.index(q)
        added = 0
        inner_cues = [c for c in _find_cues(self.doc, self.qidx, {qi}) if self.qidx[c.token.i] == qi]
        for c in inner_cues:
            if c.content is None or c.source is None:
                continue
            sp = self.people.resolve(c.source, None)
            if sp is None:
                continue
            cs, ce = c.content
            if self.doc[cs].lower_ == "that":
                cs += 1
            ce = self.trim(cs, ce)
            start, end = self.doc[cs].idx, self.doc[ce - 1].idx + len(self.doc[ce - 1])
            end = min(end, q.inner_end)
            has_quote = any(n.start >= start and n.end <= end + 1 for n in q.nested)
            st = self.make("mixed" if has_quote else "indirect", start, end, sp, c)
            st.venue = outlet.name
            self.statements.append(st)
            added += 1
        return added

    def indirect(self, cues: list[Cue], used: set[int]) -> None:
        for c in cues:
            if c.token.i in used or c.content is None or c.source is None:
                continue
            cs, ce = c.content
            toks = self.doc[cs:ce]
            words = [t for t in toks if not t.is_punct]
            if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
                continue
            if toks[0].lower_ == "that":
                cs += 1
            ce = self.trim(cs, ce)
            toks = self.doc[cs:ce]
            if not toks:
                continue
            if verb_lemma(c.token.lower_) in QUESTION_CUES or toks[0].lower_ in ("whether", "if"):
                continue  # a question put to the speaker is not their position
            sp = self.speaker_of(c, None)
            if sp is None:
                continue
            # reported words stay in the cue's paragraph: a headline the parser ran in is not one
            p_start, p_end = _paragraph_of(self.text, c.token.idx)
            start = max(self.doc[cs].idx, p_start)
            end = min(self.doc[ce - 1].idx + len(self.doc[ce - 1]), p_end)
            while end > start and self.text[end - 1] in " ,;:—–-":
                end -= 1
            if len(self.text[start:end].split()) < 3:
                continue
            kind = "mixed" if any(self.qidx[t.i] != -1 for t in toks) else "indirect"
            if kind == "mixed":
                qs = [self.quotes[self.qidx[t.i]] for t in toks if self.qidx[t.i] != -1]
                end = max(end, max(q.end for q in qs))
            if any(s.start <= start < s.end or start <= s.start < end for s in self.statements):
                continue
            self.statements.append(self.make(kind, start, end, sp, c))

    def make(self, kind: str, start: int, end: int, speaker: Speaker, cue: Cue | None) -> Statement:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        sent_start, sent_end = start, end
        cue_tok = cue.token if cue is not None else None
        if cue_tok is not None:
            sent = cue_tok.sent
            sent_start = min(sent_start, sent.start_char)
            sent_end = max(sent_end, sent.end_char)
        p_start, _ = _paragraph_of(text, start)
        sent_start = max(sent_start, p_start) if cue_tok is None or cue_tok.idx >= p_start else sent_start
        st = Statement(
            article_id=self.article.id,
            text=text[start:end],
            kind=kind,
            start=start,
            end=end,
            speaker=speaker,
            cue=cue_tok.text if cue_tok is not None else None,
            sentence=text[sent_start:sent_end],
            sentence_start=sent_start,
        )
        if cue is not None and cue.source is not None:
            st.speaker_start = cue.source.idx
            st.speaker_end = cue.source.idx + len(cue.source)
        if cue_tok is not None:
            st.venue = venue_for(cue_tok)
        return st
