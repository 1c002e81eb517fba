"""Word lists the position reader relies on: general English and general politics, never a topic list.

Concepts only fold synonyms of one policy object into one name (troops/forces/soldiers); a
statement about anything else gets the lemma of its own head noun. Place names fold demonyms,
capitals used as metonyms and the forms of the United States into one key per country.
"""

from __future__ import annotations

# synonym lemma -> concept name used in keys and labels
CONCEPTS = {
    "troop": "troops", "force": "troops", "soldier": "troops", "boot": "troops", "peacekeeper": "troops",
    "peacekeeping": "troops", "servicemember": "troops", "deployment": "troops", "deploy": "troops",
    "aid": "aid", "assistance": "aid", "funding": "aid", "weapon": "aid", "arm": "aid",
    "membership": "membership", "join": "membership", "accession": "membership", "member": "membership",
    "guarantee": "security guarantees",
    "sanction": "sanctions", "tariff": "tariffs", "ceasefire": "ceasefire", "truce": "ceasefire",
    "border": "borders", "territory": "borders",
    "negotiation": "negotiations", "talk": "negotiations",
}  # fmt: skip

# concept -> how a label joins the place it is about
LABEL_PREP = {"troops": "in", "aid": "to", "security guarantees": "for", "sanctions": "on", "tariffs": "on"}

# nouns too general to name a proposition by themselves
STOP_NOUNS = {
    "thing", "way", "issue", "people", "time", "comment", "remark", "statement", "question", "point",
    "lot", "part", "kind", "sort", "fact", "case", "one", "something", "anything", "nothing", "piece",
    "puzzle", "period", "tool", "host", "day", "week", "year", "today", "step", "tone", "option",
    "possibility", "table", "goal", "plan", "idea", "line", "interview", "report", "agenda", "top",
    "critic", "matter", "deal", "future", "past", "history", "situation", "thinking", "view",
}  # fmt: skip

# place and organization names -> one key; demonyms and capitals fold into their country
PLACES = {
    "u.s.": "US", "us": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US", "american": "US",
    "americans": "US", "united states": "US", "the united states": "US",
    "uk": "UK", "u.k.": "UK", "britain": "UK", "british": "UK", "united kingdom": "UK", "london": "UK",
    "eu": "EU", "european union": "EU", "the european union": "EU", "europe": "Europe", "european": "Europe",
    "europeans": "Europe", "nato": "NATO", "un": "UN", "united nations": "UN", "the united nations": "UN",
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "ukrainians": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
    "russia": "Russia", "russian": "Russia", "russians": "Russia", "moscow": "Russia", "kremlin": "Russia",
    "china": "China", "chinese": "China", "beijing": "China", "taiwan": "Taiwan", "taiwanese": "Taiwan",
    "israel": "Israel", "israeli": "Israel", "israelis": "Israel", "iran": "Iran", "iranian": "Iran",
    "tehran": "Iran", "gaza": "Gaza", "palestinian": "Palestine", "palestinians": "Palestine",
    "mexico": "Mexico", "mexican": "Mexico", "canada": "Canada", "canadian": "Canada",
    "france": "France", "french": "France", "paris": "France", "germany": "Germany", "german": "Germany",
    "berlin": "Germany", "japan": "Japan", "japanese": "Japan", "india": "India", "indian": "India",
    "syria": "Syria", "syrian": "Syria", "iraq": "Iraq", "iraqi": "Iraq", "afghanistan": "Afghanistan",
    "afghan": "Afghanistan", "north korea": "North Korea", "north korean": "North Korea",
    "south korea": "South Korea", "south korean": "South Korea", "venezuela": "Venezuela",
    "venezuelan": "Venezuela", "poland": "Poland", "polish": "Poland", "turkey": "Turkey", "turkish": "Turkey",
    "greenland": "Greenland", "panama": "Panama", "cuba": "Cuba", "cuban": "Cuba",
}  # fmt: skip

# key -> how a label writes it
PLACE_LABEL = {"US": "U.S.", "UK": "U.K."}

# Stance cues, as lemmas or lower-cased phrases. "strong open" keeps an option alive explicitly;
# a bare modal ("could", "may") only hedges and counts when nothing stronger is said.
OPEN_PHRASES = (
    "on the table", "remains to be seen", "remain to be seen", "not rule out", "not ruling out",
    "n't rule out", "n't ruling out", "open to", "an option", "red line",
)  # fmt: skip
OPEN_LEMMAS = {
    "possibility", "possible", "option", "consider", "willing", "conceivable", "chance", "weigh", "explore",
}  # fmt: skip
WEAK_OPEN_LEMMAS = {"could", "might", "may", "would"}
AGAINST_PHRASES = (
    "off the table",
    "rule out",
    "ruled out",
    "rules out",
    "ruling out",
    "no way",
    "not going to happen",
)
AGAINST_LEMMAS = {
    "unlikely", "unrealistic", "impossible", "oppose", "opposed", "reject", "against", "critic", "criticize",
    "end", "halt", "stop", "cut", "refuse", "never", "ban", "block", "veto", "mistake", "wrong", "bad",
    "withdraw", "scrap", "abandon", "unacceptable", "unwise", "foolish", "dangerous", "ridiculous",
}  # fmt: skip
FOR_LEMMAS = {
    "want", "support", "will", "promise", "vow", "keep", "continue", "should", "must", "need", "give",
    "provide", "successful", "favor", "favour", "back", "commit", "plan", "welcome", "endorse", "push",
    "send", "approve", "allow", "guarantee", "pledge", "intend", "good", "right", "necessary", "sure",
    "increase", "expand", "win", "help", "defend", "protect", "important", "deserve", "let",
}  # fmt: skip
INDIFFERENT_PHRASES = ("one way or another", "one way or the other", "does n't matter", "doesn't matter")
INDIFFERENT_LEMMAS = {"care", "matter"}  # only when negated
NEGATIONS = {"not", "n't", "no", "never", "neither", "nor", "without", "none", "nobody", "nothing"}
HEDGES = ("i think", "i believe", "i suspect", "probably", "likely", "i guess")

# Policy actions: verbs and their nominalizations fold into one name, so "raise the gas tax", "a gas tax
# hike" and "an increase in the gas tax" share a key. General English, not a topic list.
ACTIONS = {
    "close": "closure", "closure": "closure", "closing": "closure", "shut": "closure", "shutdown": "closure",
    "increase": "increase", "raise": "increase", "hike": "increase", "rise": "increase",
    "cut": "cut", "reduce": "cut", "reduction": "cut", "lower": "cut", "slash": "cut", "decrease": "cut",
    "ban": "ban", "prohibit": "ban", "prohibition": "ban", "outlaw": "ban",
    "repeal": "repeal", "revoke": "repeal", "abolish": "repeal", "abolition": "repeal",
    "expand": "expansion", "expansion": "expansion", "privatize": "privatization",
    "privatization": "privatization", "extend": "extension", "extension": "extension",
    "build": "construction", "construction": "construction", "freeze": "freeze", "sell": "sale", "sale": "sale",
    "release": "release", "disclose": "release", "disclosure": "release", "publish": "release",
}  # fmt: skip
# reporting verbs that commit the speaker to the action their "to" clause names ("vowed to close
# it", "urged Congress to repeal it") or refuse it ("declined to release them"), as stems
COMMIT_CUES = ("call", "pledg", "vow", "agree", "urg", "promis", "threat", "propos", "demand", "offer")
REFUSE_CUES = ("refus", "declin", "reject")
# instruments a policy sets on something: like actions, they take their object from a compound
# ("gas tax holiday", "rent cap"), so they never merge with the action on the same object
INSTRUMENTS = {
    "holiday", "moratorium", "exemption", "rebate", "waiver", "cap", "limit", "subsidy", "mandate",
    "surcharge", "levy", "quota", "requirement", "restriction",
}  # fmt: skip
# verbs whose subject is what the action happens to when there is no object ("the branch will close")
ERGATIVE = {"close", "shut", "increase", "rise", "expand", "freeze"}
# how a label joins an action to a proper-name object ("ban on Muslims"); common nouns go before it
ACTION_PREP = {"ban": "on", "increase": "in", "cut": "in", "freeze": "on"}
# prepositions that introduce what a policy noun acts on ("toll on", "increase in", "ban on", "cut to")
OBJECT_PREPS = {"on", "in", "of", "to", "for", "against", "over"}
# prepositions whose object is a circumstance (where, when, how), never the thing a stance is about
ADJUNCT_PREPS = {"in", "at", "from", "by", "during", "after", "before", "since", "until", "through",
                 "within", "across", "near", "into", "throughout", "under", "like", "as", "with"}  # fmt: skip
# fixed prepositional phrases whose noun names nothing ("in front of us", "at the end of the day")
IDIOM_NOUNS = {
    "front", "end", "behalf", "term", "favor", "favour", "sake", "wake", "light", "regard", "respect",
    "addition", "place", "spite", "lieu", "middle", "course", "process", "midst", "charge", "touch",
    "order", "contrast", "fact", "general", "particular", "detail", "advance", "effect", "short",
    "example", "instance", "need", "accordance", "line", "account", "lack", "absence", "earth", "screen",
    "paper", "record", "air", "camera", "tape", "board", "site", "average", "balance", "purpose", "basis",
    "track", "scene", "stage", "display", "trial", "duty", "foot", "hold", "notice", "loan",
}  # fmt: skip
# quantities and measures: "levels at the lake" is a reading, not a position
MEASURE_NOUNS = {
    "level", "number", "amount", "percent", "percentage", "share", "majority", "minority", "rest", "half",
    "total", "figure", "rate", "average", "count", "degree", "extent", "size", "volume", "scale", "range",
    "bit", "dozen", "hundred", "thousand", "million", "billion", "trillion", "lot", "couple", "series",
    "set", "pair", "variety", "group", "side", "top", "bottom", "edge", "page", "point", "percentile",
    "score", "poll", "margin", "lead", "cost", "price", "value", "sum", "portion", "fraction", "dollar",
}  # fmt: skip
# people, groups and bodies: they hold positions, they are not what a position is about
PERSON_NOUNS = {
    "person", "man", "woman", "child", "kid", "family", "parent", "voter", "resident", "citizen", "worker",
    "official", "leader", "member", "candidate", "nominee", "supporter", "opponent", "critic", "ally",
    "friend", "enemy", "rival", "crowd", "audience", "community", "public", "folk", "guy", "player",
    "student", "teacher", "farmer", "driver", "banker", "businessman", "immigrant", "activist", "reporter",
    "journalist", "lawmaker", "legislator", "politician", "president", "governor", "mayor", "senator",
    "secretary", "director", "adviser", "advisor", "aide", "staff", "team", "campaign", "party", "city",
    "state", "country", "nation", "government", "administration", "council", "committee", "agency",
    "department", "office", "company", "firm", "organization", "institution", "consultant", "expert",
    "analyst", "owner", "customer", "consumer", "taxpayer", "patient", "victim", "officer", "soldier",
    "investor", "developer", "donor", "executive", "employee", "lawyer", "judge", "agent", "spokesman",
    "spokeswoman", "source", "writer", "author", "scientist", "doctor", "nurse", "veteran", "refugee",
    "migrant", "protester", "fan", "viewer", "reader", "user", "buyer", "seller", "tenant", "landlord",
    "neighbor", "relative", "delegate", "son", "daughter", "mother", "father", "wife", "husband", "brother", "sister",
}  # fmt: skip
# party words are sides, not places a proposition is about
PARTY_WORDS = {"republican", "republicans", "democrat", "democrats", "democratic", "gop", "liberal",
               "liberals", "conservative", "conservatives", "progressive", "progressives"}  # fmt: skip
# what "raise", "close" or "build" take in set phrases that are not policies ("raised concerns",
# "close the gap", "build momentum")
VAGUE_OBJECTS = {
    "concern", "question", "doubt", "awareness", "eyebrow", "voice", "hand", "flag", "alarm", "money",
    "fund", "stake", "bar", "profile", "hope", "expectation", "fear", "tension", "pressure", "prospect",
    "spectre", "specter", "bet", "ante", "argument", "objection", "gap", "door", "rank", "eye", "mind",
    "momentum", "relationship", "case", "support", "chapter", "book", "window", "distance", "spirit",
    "game", "effort", "attention", "tone", "temperature", "cash", "potential",
}  # fmt: skip
# nouns of talk, effect and opinion: "outlook on", "impact on", "vote on" relate to a topic, they are
# no policy of their own
RELATIONAL_NOUNS = {
    "impact", "effect", "influence", "outlook", "view", "position", "stance", "focus", "attack",
    "performance", "vote", "strain", "burden", "loss", "grip", "hold", "emphasis", "comment", "report",
    "debate", "discussion", "speech", "hearing", "briefing", "word", "claim", "criticism", "response",
    "reaction", "story", "spell", "look", "opinion", "insight", "perspective", "lesson", "reliance",
    "dependence", "spotlight", "blame", "damage", "need", "example", "instance", "native", "lack",
    "message", "signal", "sign", "answer", "decision", "choice", "approach", "strategy", "policy",
    "effort", "attempt", "record", "role", "responsibility", "light", "say",
}  # fmt: skip
