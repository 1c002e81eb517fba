"""Backing a person: "I will vote for Donald Trump", "he would never vote for Clinton", "cannot
allow Hillary Clinton to become president", "unfit to be commander in chief".

Campaign coverage takes most of its positions on people, not on policies, and a politician who
refused to back a nominee and later endorses him has changed his story as surely as one who flips
on a tariff. The proposition is "backing <full name>": the stance comes from the verb of support
that takes the person as its object, read with its negation, so the reading is explainable ("would
never vote for"). Only a full name keys a proposition (a bare "Clinton" is completed from the
article, and stays unread where the article names two Clintons), so two people with one surname
never share one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..extract.cues import is_speech_verb
from ..people import SUFFIXES, is_title, normalize_name, strip_title
from .lexicon import PLACES
from .stance import is_question

# verb lemma -> stance toward its object (or toward the object of its "for")
BACKING_VERBS = {
    "support": "for", "back": "for", "endorse": "for", "elect": "for", "reelect": "for", "re-elect": "for",
    "vote": "for", "campaign": "for", "nominate": "for", "unendorse": "against", "oppose": "against",
    "disavow": "against", "repudiate": "against", "defeat": "against",
}  # fmt: skip
# what a backed person becomes: "allow Clinton to become president", "help Trump win"
OUTCOMES = {"become", "win", "be", "take", "lead", "occupy"}
OUTCOME_WANTED = {"allow": "for", "let": "for", "want": "for", "help": "for", "see": "for", "need": "for",
                  "stop": "against", "prevent": "against", "block": "against"}  # fmt: skip
OFFICE_WORDS = {
    "president", "presidency", "commander", "chief", "office", "election", "white", "house", "nominee",
}  # fmt: skip
# "X is unfit to be commander in chief", "the superior candidate"
FITNESS = {"fit": "for", "qualified": "for", "ready": "for", "unfit": "against", "unqualified": "against",
           "superior": "for", "better": "for", "best": "for"}  # fmt: skip
# verbs whose "-ing" complement is their subject's own act ("continue supporting her")
ASPECT = {"continue", "keep", "start", "begin", "stop", "quit", "consider", "resume"}
# verbs and adjectives that put what they govern in doubt ("I doubt I'll vote for her")
DOUBT = {
    "doubt", "wonder", "unsure", "uncertain", "undecided", "deny", "dismiss", "question", "ask", "speculate",
    "regret", "imagine", "pretend",
}  # fmt: skip
DENYING = ("deni", "deny", "dismiss", "refut", "reject", "rebut")
# verbs outside a statement that make its subject-less backing the speaker's own ("vowed to back")
COMMITTING = {
    "vow", "pledge", "promise", "decide", "plan", "urge", "call", "ask", "encourage", "refuse", "decline",
}  # fmt: skip
# what, said of a candidate, disqualifies them in the speaker's eyes ("X is a fraud", "X is unfit")
DISQUALIFYING = {
    "unfit", "unqualified", "disqualified", "fraud", "liar", "con", "disaster", "dangerous", "danger",
    "menace", "incompetent", "clueless", "bigot", "racist", "demagogue", "unstable", "corrupt", "crook",
}  # fmt: skip
FITNESS_NOUNS = {"president", "commander", "candidate", "nominee", "choice", "leader"}


@dataclass
class Backing:
    name: str  # the person's full name as the article gives it
    stance: str  # for | against | open | none
    words: list[int]  # token indices that carried it


def full_name(text: str) -> str:
    """'Mr. Donald J. Trump Jr.'s' -> 'Donald Trump': titles, suffixes, a possessive and middle
    initials are not part of the key; initials that are the given name stay ("J. D. Vance")."""
    words = strip_title(re.sub(r"['’]s\b", "", text or "")).split()
    words = [w for w in words if w.lower().strip(".,") not in SUFFIXES and not w.lower().endswith("-elect")]
    if not words or len(words[0].strip(".")) <= 1:
        return " ".join(words)
    return " ".join(
        w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and len(w.rstrip(".")) <= 1)
    )


def name_key(name: str) -> str:
    return normalize_name(full_name(name))


def resolve(name: str, known: KnownNames) -> str | None:
    """A full name for the person: as written, or the full name the article gives that surname,
    when one clearly dominates ("Clinton" in a story naming Hillary Clinton ten times and Bill once)."""
    name = full_name(name)
    if len(name.split()) >= 2:
        return name
    ranked = known.get(normalize_name(name), Counter()).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? (?:[A-Z][a-z]*[’'])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


class KnownNames(dict):
    """Surname key -> Counter of the full names the article gives it; `confirmed` holds the surnames
    of speakers and PERSON entities, as against capitalised pairs that only look like names."""

    def __init__(self) -> None:
        super().__init__()
        self.confirmed: set[str] = set()


def known_names(names: list[str], text: str | None = None) -> KnownNames:
    """The speakers, the parsed sentences' PERSON entities and capitalised pairs in the whole text
    whose first word the article never writes in lower case (cheap; a pair that is still no name,
    "Election Day", matters only if someone backs a bare "Day")."""
    common = set(re.findall(r"\b[a-z]+\b", text or ""))  # "Knew" in a headline is no given name
    pairs = [p for p in FULL_NAME.findall(text or "") if p.split()[0].lower() not in common]
    names = list(dict.fromkeys(n for n in names if n))  # a speaker quoted ten times is still one mention
    out = KnownNames()
    for n, raw in enumerate([*names, *pairs]):
        words = full_name(raw).split()
        if len(words) >= 2 and not is_title(words[0]) and words[0].lower() not in PLACES:
            key = normalize_name(words[-1])
            out.setdefault(key, Counter())[" ".join(words)] += 1
            if n < len(names):
                out.confirmed.add(key)
    return out


def _neg(tok) -> int | None:
    """The negation on a verb or on any verb it complements ("wasn't going to back", "can't allow",
    "refused to endorse")."""
    while True:
        neg = next((c.i for c in tok.children if c.dep_ == "neg"), None)
        if neg is None and tok.lemma_.lower() in ("refuse", "decline"):
            neg = tok.i  # "refused to endorse him"
        if neg is None and tok.lemma_.lower() == "have":
            neg = next((c.i for c in tok.children if c.lower_ == "yet"), None)  # "has yet to endorse"
        if neg is None:  # "no longer supports", "is hardly a liar"
            neg = next((c.i for c in tok.children if c.lower_ in ("hardly", "scarcely", "longer")), None)
        if neg is not None or tok.dep_ not in ("xcomp", "aux", "conj") or tok.head.i == tok.i:
            return neg
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return None  # "I'm not against anybody, but I will vote for Cruz": its own clause
        tok = tok.head


def _auxes(tok):
    """The auxiliaries of a verb and of the verbs it complements ("could end up voting")."""
    while True:
        yield from (c for c in tok.children if c.dep_ == "aux")
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return
        tok = tok.head


def _scope(cue, person, lo: int) -> str | None:
    """What the clauses around a backing verb do to it: "skip" when they doubt, deny, ask, suppose
    or move on from it ("I doubt I'll vote for her", "would I vote for her?", "were I a Republican",
    "did not vote for her in the primary but will support her"), "against" when they end it
    ("stopped supporting her"), "open" when they weigh it ("considering endorsing her"), else None."""
    doc = cue.doc
    if is_question(cue.sent.text):
        return "skip"
    if any(t.lower_ in ("whether", "if", "unless") for t in doc[: cue.i] if t.idx >= lo):
        return "skip"  # "I don't know if I'll support her", "unsure whether she would"
    words = " ".join(t.lower_ for t in doc[: cue.i] if t.idx >= lo)
    if re.search(r"\b(no way|under no|used to)\b", words):
        return "against" if "used to" not in words else "skip"
    clause = " ".join(t.lower_ for t in cue.subtree)
    if re.search(r"\b(as long as|so long as|in the event|provided that|on condition|when pigs)\b", clause):
        return "skip"
    auxes = {a.lower_ for a in _auxes(cue)}
    if {"would", "'d"} & auxes and "have" in auxes:
        return "skip"  # "I would have voted for her": a counterfactual
    conds = ("if", "unless", "whether", "provided", "once", "until")
    if any(c.dep_ == "conj" and any(g.lower_ == "but" for g in cue.children) for c in cue.children):
        return "skip"  # the clause after "but" is what the speaker holds now
    if any(t.lower_ in ("neither", "nor", "either") for t in (*person.children, *person.head.children)):
        return "skip"
    if any(c.dep_ == "conj" for c in person.children) and any(c.lower_ == "or" for c in person.children):
        return "skip"  # "vote for Reyes or Delgado" backs neither for sure

    def conditional(v) -> bool:  # "were I a Republican, I'd vote for her", "should Reyes drop out"
        return any(
            c.dep_ == "advcl" and (any(g.lower_ in conds for g in c.children) or c.left_edge.pos_ == "AUX")
            for c in v.children
        )

    if conditional(cue) or (
        cue.dep_ == "advcl" and any(g.lower_ in (*conds, "before", "than") for g in cue.children)
    ):
        return "skip"  # "I'd vote for a ham sandwich before I'd vote for her"
    t = cue
    while t.head.i != t.i and t.head.idx >= lo:
        rel, t = t.dep_, t.head
        if conditional(t):
            return "skip"
        lemma = t.lemma_.lower()
        if rel in ("xcomp", "pcomp", "dobj") and lemma in ("stop", "quit", "cease"):
            return "skip" if _neg(t) is not None else "against"
        if rel in ("xcomp", "pcomp", "dobj") and lemma in ("consider", "weigh", "mull", "contemplate"):
            return "open"
        if rel in ("ccomp", "advcl", "acomp", "csubj", "prep", "pobj") and (
            lemma in DOUBT or any(c.dep_ == "neg" for c in t.children)
        ):
            return "skip"  # "she doesn't think she will", "I doubt I'll", "I'm not sure I can"
    return None


def _perfect(verb) -> bool:
    """ "has not endorsed" (or, reported, "had not endorsed"): what has not happened so far."""
    return verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" for a in _auxes(verb))


def _hypothetical(tok) -> bool:
    """Inside an 'if' clause or a question: a condition or a query, not a position."""
    if any(c.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in c.children) for c in tok.children):
        return True  # "to back Clinton if he lost"
    t = tok
    while t.head.i != t.i:
        if t.dep_ == "advcl" and any(c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        t = t.head
    return False


def _speaker_is(subj, speaker: str, direct: bool, lo: int) -> bool:
    """Whether a subject is the speaker: "I"/"we", or in reported speech "he"/"she" ("he said he
    would vote for her") unless the statement names someone else before it ("Grassley could lose
    because he supports Trump"), or the speaker's own name. "They support Clinton", "Beck will
    endorse Cruz" report someone else's backing, which is no position of the speaker's."""
    low = subj.lower_
    if low in ("i", "we"):
        return True
    if low in ("he", "she"):
        own = normalize_name(speaker).split()
        before = [
            t
            for t in subj.doc[: subj.i]
            if t.idx >= lo
            and (
                t.ent_type_ == "PERSON" or (t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"))
            )
        ]  # "her husband told her he would": the pronoun is the husband
        return not direct and all(normalize_name(t.text) in own for t in before)
    if subj.pos_ == "PROPN":
        return normalize_name(subj.text) in normalize_name(speaker).split()
    return False


def _holder_ok(verb, lo: int, hi: int, speaker: str, direct: bool) -> bool:
    """The speaker holds what the verb says: its subject (through "going to back", "and back",
    "said ... would") is the speaker, or it has none inside the statement because the reporting
    verb governs it ("urged voters to back her")."""
    v = verb
    while True:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.dep_ == "nsubjpass" and v.i != verb.i:
            return False  # "she was asked to endorse him": someone else wants the backing
        if subj is not None:
            return _speaker_is(subj, speaker, direct, lo)
        if v.tag_ == "VBG" and not any(c.dep_ == "aux" for c in v.children):
            if not (v.dep_ == "xcomp" and v.head.lemma_.lower() in ASPECT):
                return False  # "not voting for Trump does not mean voting for Clinton": a supposition
        if v.dep_ in ("xcomp", "conj", "ccomp") and v.head.i != v.i:
            v = v.head
            if not (lo <= v.idx < hi):  # the reporting verb: "urged voters to back her"
                return is_speech_verb(v) or v.lemma_.lower() in COMMITTING
            continue
        return v.dep_ == "ROOT" and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children)


def _verb_backing(person):
    """(verb, stance) when the person is what a verb of backing acts on."""
    head = person.head
    if person.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in ("vote", "campaign"):
        return head.head, BACKING_VERBS[head.head.lemma_.lower()]
    if person.dep_ == "dobj" and head.pos_ == "VERB":
        stance = BACKING_VERBS.get(head.lemma_.lower()) or BACKING_VERBS.get(head.lower_)
        if stance and head.lemma_.lower() not in ("vote", "campaign"):
            return head, stance
    if person.dep_ == "nsubj" and head.lemma_.lower() in OUTCOMES:
        office = any(t.lower_ in OFFICE_WORDS for t in head.subtree)
        gov = head.head
        if office and head.dep_ in ("ccomp", "xcomp") and gov.lemma_.lower() in OUTCOME_WANTED:
            return gov, OUTCOME_WANTED[gov.lemma_.lower()]
    return None


def _fitness(person):
    """(word, stance) for 'X is unfit to be commander in chief', 'X is the superior candidate',
    'X is a fraud': a judgment of the person as a candidate, not of one of their acts."""
    head = person.head
    if person.dep_ != "nsubj" or head.lemma_ != "be" or head.dep_ not in ("ROOT", "ccomp", "conj"):
        return None  # "the perception that Trump is racist" reports a view, it does not hold it
    for c in head.children:
        if c.dep_ not in ("acomp", "attr"):
            continue
        if c.lower_ in DISQUALIFYING or c.lemma_.lower() in DISQUALIFYING:
            return c, "against"
        if c.dep_ == "acomp" and c.lower_ in FITNESS and c.lower_ not in ("better", "best", "superior"):
            if any(t.lower_ in OFFICE_WORDS | FITNESS_NOUNS for t in c.subtree if t.i != c.i):
                return c, FITNESS[c.lower_]
        if c.dep_ == "attr" and c.lemma_.lower() in FITNESS_NOUNS:
            adj = next((a for a in c.subtree if a.lower_ in FITNESS and a.dep_ == "amod"), None)
            if adj is not None:
                return adj, FITNESS[adj.lower_]
    return None


def _people(doc, lo: int, hi: int, known: KnownNames):
    """(name text, head token) of the people named in [lo, hi): PERSON entities, and bare surnames
    the small model tags otherwise ("Trump" as an organization) that the article gives a full name."""
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and lo <= ent.start_char < hi:
            seen.update(t.i for t in ent)
            yield ent.text, ent.root
    for tok in doc:
        if tok.i in seen or tok.pos_ not in ("PROPN", "ADJ", "NOUN") or not (lo <= tok.idx < hi):
            continue
        key = normalize_name(tok.text)
        bare = tok.text[:1].isupper() and not any(c.dep_ == "compound" for c in tok.children)
        if not bare or tok.dep_ == "compound" or tok.lower_ in PLACES or key not in known:
            continue
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "EVENT") and key not in known.confirmed:
            continue  # "support Benghazi": a place, whatever a headline's "Knew Benghazi" suggests
        yield tok.text, tok


def find_backing(
    doc, lo: int, hi: int, known: KnownNames, speaker: str = "", direct: bool = False, cue_word: str = ""
) -> Backing | None:
    """The first person the statement [lo, hi) backs or refuses to back, as its speaker's own position.
    `cue_word` is the reporting verb: "denied that she would endorse him" backs nobody."""
    if is_question(doc.text[lo:hi]) or cue_word.lower().startswith(DENYING):
        return None
    for text, person in _people(doc, lo, hi, known):
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in person.children):
            continue  # "we don't always nominate a Lincoln": a type, not the man
        target = person.head if person.dep_ == "appos" else person  # "the nominee, Donald Trump"
        verb = _verb_backing(target)
        fit = None if verb else _fitness(target)
        if verb is None and fit is None:
            continue
        cue, stance = verb or fit
        judged = target.head if fit else cue  # "X is unfit": whose judgment is the "is"
        if fit and judged.dep_ == "ccomp" and lo <= judged.head.idx < hi:
            if not _holder_ok(judged.head, lo, hi, speaker, direct):
                continue  # "getting Republicans to say Trump is unfit"
        elif verb and not _holder_ok(judged, lo, hi, speaker, direct):
            continue
        between = doc[min(cue.i, person.i) : max(cue.i, person.i)]
        if (
            not (lo <= cue.idx < hi)
            or _hypothetical(cue)
            or any(t.lower_ in ("over", "than") for t in between)
        ):
            continue  # "backs Trump over Clinton": the parse may hang Clinton on "backs"
        name = resolve(text, known)
        if name is None:
            continue
        scope = _scope(cue if verb else target.head, person, lo)
        if scope == "skip":
            continue
        neg = _neg(cue) if verb else _neg(cue) or _neg(target.head)
        if not verb and neg is None:
            no = next((c.i for c in cue.children if c.dep_ == "det" and c.lower_ == "no"), None)
            neg = no  # "X is no fraud"
        if neg is not None and stance == "against":
            continue  # "did not oppose him" is no backing either
        if scope in ("against", "open") and stance == "for" and neg is None:
            stance = scope
        if neg is not None and (doc[neg].lower_ == "yet" or _perfect(cue)):
            stance = "none"  # "has not endorsed her (yet)": not opposed, and no option held open either
        elif neg is not None:
            stance = "against"
        elif verb and stance == "for" and any(a.lower_ in ("might", "may", "could") for a in _auxes(cue)):
            stance = "open"  # "he might vote for Clinton"
        words = (
            {cue.i, *range(min(cue.i, person.i), max(cue.i, person.i) + 1)} if cue.i < person.i else {cue.i}
        )
        words |= {person.i} | ({neg} if neg is not None else set())
        return Backing(name, stance, sorted(words))
    return None
