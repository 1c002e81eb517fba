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
    "critic", "matter", "deal",
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
OPEN_LEMMAS = {"possibility", "possible", "option", "consider", "willing", "conceivable", "chance"}
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
