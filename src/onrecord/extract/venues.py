"""Where a statement was made: "told Fox News", "posted to X", "in an interview with Politico"."""

from __future__ import annotations

VENUE_VERBS = {"tell", "post", "write", "tweet", "speak", "say", "appear", "add", "argue", "claim", "confirm"}
VENUE_PREPS = {"to", "on", "with", "in"}
PLATFORMS = {
    "X",
    "Twitter",
    "Facebook",
    "Instagram",
    "Truth Social",
    "TikTok",
    "YouTube",
    "Threads",
    "Bluesky",
}
MEDIUM_NOUNS = {
    "interview",
    "appearance",
    "post",
    "op-ed",
    "column",
    "statement",
    "podcast",
    "show",
    "broadcast",
    "segment",
    "letter",
    "press",
    "conference",
    "briefing",
    "speech",
    "rally",
}


def _name(tok) -> str | None:
    """A proper name (or its possessor: "Fox News’ Laura Ingraham" -> "Fox News")."""
    for c in tok.children:
        if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "WORK_OF_ART")):
            return _span_text(c)
    if tok.ent_type_ in ("DATE", "TIME", "GPE", "NORP", "CARDINAL", "ORDINAL"):
        return None
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "WORK_OF_ART", "FAC") or tok.text in PLATFORMS:
        if tok.ent_type_ == "PERSON":
            return None
        return _span_text(tok)
    return None


def _span_text(tok) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None and ent.label_ not in ("DATE", "TIME"):
        words = [t for t in ent if t.tag_ != "POS"]
    else:
        start = tok.i
        while (
            start > 0
            and tok.doc[start - 1].dep_ in ("compound", "nummod", "nmod")
            and tok.doc[start - 1].head.i >= tok.i
        ):
            start -= 1
        words = list(tok.doc[start : tok.i + 1])
    while words and words[0].lower_ == "the":
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip()
    return text.rstrip("’'").strip()


def venue_for(cue) -> str | None:
    """The medium named next to a reporting cue, if any."""
    for c in cue.children:
        if c.dep_ in ("dobj", "dative") and cue.lower_.startswith(("told", "tell")):
            name = _name(c)
            if name:
                return name
        if c.dep_ == "prep" and c.lower_ in VENUE_PREPS:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                name = _name(p)
                if name:
                    return name
                if p.lower_ in MEDIUM_NOUNS:
                    for pp in p.children:
                        if pp.dep_ == "prep" and pp.lower_ in ("with", "on", "to"):
                            for g in pp.children:
                                if g.dep_ == "pobj" and _name(g):
                                    return _name(g)
        if c.dep_ == "advcl" and c.lower_.startswith("speak"):
            v = venue_for(c)
            if v:
                return v
    return None
