"""Words that report speech: verbs, nouns, and the venue phrases around them.

Kept as plain sets so a reader can find (and a user can argue with) every rule.
Verbs are matched on lower-cased forms through a small inflection table rather than the
lemmatizer, which the pipeline leaves out for speed.
"""

from __future__ import annotations

SPEECH_VERBS = {
    "say", "tell", "add", "claim", "argue", "note", "explain", "write", "post", "tweet", "insist",
    "suggest", "clarify", "warn", "ask", "reply", "respond", "declare", "announce", "state",
    "acknowledge", "admit", "quip", "sigh", "joke", "recall", "continue", "concede", "complain",
    "contend", "predict", "promise", "vow", "pledge", "urge", "assert", "maintain", "deny", "confirm",
    "report", "comment", "remark", "observe", "emphasize", "emphasise", "stress", "describe",
    "testify", "allege", "accuse", "boast", "brag", "lament", "muse", "mutter", "shout",
    "scream", "yell", "exclaim", "whisper", "answer", "retort", "counter", "caution", "assure",
    "reassure", "tout", "propose", "recommend", "demand", "plead", "conclude", "believe", "think",
    "mention", "reveal", "disclose", "signal", "indicate", "hint", "concur", "agree",
    "disagree", "reiterate", "repeat", "chime", "interject", "intone", "snap", "scoff", "gush",
    "rail", "blast", "slam", "criticize", "criticise", "praise", "thank", "call", "dismiss",
    "question", "wonder", "speculate", "estimate", "forecast", "guarantee", "threaten", "swear",
    "proclaim", "quote", "cite", "read", "elaborate", "tease",
    "pronounce", "recount", "relate", "inform", "advise", "assess", "surmise", "opine", "posit",
}

# forms the tagger sees -> lemma (irregular forms; regular ones are derived in `verb_lemma`)
IRREGULAR = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "telling": "tell", "wrote": "write",
    "written": "write", "writing": "write", "thought": "think", "began": "begin", "begun": "begin",
    "swore": "swear", "sworn": "swear", "read": "read", "reads": "read", "reading": "read",
}

# reported-speech nouns: "his assurance that", "the claim that", "in a statement"
SPEECH_NOUNS = {
    "assurance", "claim", "statement", "remark", "remarks", "comment", "comments", "words", "argument",
    "promise", "pledge", "vow", "warning", "assertion", "tweet", "post", "message", "letter", "speech",
    "testimony", "response", "answer", "explanation", "suggestion", "insistence", "admission",
    "announcement", "declaration", "interview", "op-ed", "memo", "email", "press release", "address",
}

# cues whose complement is a question put to someone, not a position they took
QUESTION_CUES = {"ask", "wonder", "question"}

# verbs that take a speaker but whose quote is not speech ("wrote a book titled")
TITLE_CUES = {"titled", "entitled", "called", "dubbed", "named", "nicknamed", "headlined", "so-called"}

PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them", "it", "his", "their", "its"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}

# head nouns of unnamed sources: "a senior official", "sources familiar with", "an aide"
ANONYMOUS_HEADS = {
    "official", "officials", "source", "sources", "aide", "aides", "adviser", "advisers", "advisor",
    "advisors", "spokesperson", "spokesman", "spokeswoman", "person", "people", "insider", "insiders",
    "staffer", "staffers", "diplomat", "diplomats", "strategist", "strategists", "operative",
    "operatives", "ally", "allies", "confidant", "representative", "associate", "associates",
    "lawmaker", "lawmakers", "member", "members", "witness", "witnesses", "observer", "observers",
    "analyst", "analysts", "expert", "experts", "critic", "critics", "supporter", "supporters",
    "voter", "voters", "resident", "residents", "officer", "officers", "employee", "employees",
}

# titles that, with "the", refer back to a person named earlier ("the president", "the senator")
TITLE_WORDS = {
    "president", "vice", "secretary", "senator", "sen.", "sen", "rep.", "rep", "representative",
    "governor", "gov.", "gov", "mayor", "chair", "chairman", "chairwoman", "speaker", "leader",
    "minister", "prime", "chancellor", "ambassador", "director", "judge", "justice", "general",
    "gen.", "admiral", "chief", "commissioner", "attorney", "candidate", "nominee", "spokesman",
    "spokeswoman", "spokesperson", "press", "host", "anchor", "ceo", "founder", "congressman",
    "congresswoman", "councilman", "councilwoman", "councillor", "councilor", "sheriff", "dr.",
    "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr", "pastor", "reverend", "rev.", "king", "queen",
    "pope", "prince", "princess", "lt.", "col.", "sgt.", "capt.", "former", "state", "deputy",
    "assistant", "acting", "defense", "treasury", "homeland", "security", "house", "senate",
    "majority", "minority", "whip", "national", "armed", "services", "committee", "democratic",
    "republican", "gop", "u.s.", "us", "federal", "district", "county", "city", "council",
    "campaign", "manager", "chairperson", "first", "lady", "sec.", "white", "adviser", "advisor",
    "strategist", "pollster", "economist", "professor", "analyst", "coach", "officer", "executive",
    "correspondent", "reporter", "editor", "columnist", "lawyer", "counsel", "treasurer", "comptroller",
    "auditor", "clerk", "member", "superintendent", "premier", "councilmember", "alderman", "delegate", "trustee",
}

# prepositions before a venue after a cue: "told Fox News", "posted to X", "wrote on Truth Social"
VENUE_PREPS = {"to", "on", "in", "with"}
VENUE_NOUNS = {"interview", "appearance", "post", "op-ed", "statement", "podcast", "show", "broadcast"}


def verb_lemma(lower: str) -> str:
    """Lemma of a verb form for the reporting-verb test, without running the lemmatizer."""
    if lower in IRREGULAR:
        return IRREGULAR[lower]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 2:
            stem = lower[: -len(suffix)] + repl
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
                if cand in SPEECH_VERBS:
                    return cand
    return lower


def is_speech_verb(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and verb_lemma(token.lower_) in SPEECH_VERBS
