"""One key per place or body, whatever form the text names it in ("the United States", "U.S.",
"American"), so that propositions about it group across articles."""

from __future__ import annotations

from .lexicon import PARTY_WORDS, PLACE_LABEL, PLACES


def place_key(text: str, label: str | None = None) -> str | None:
    t = text.lower().strip(" .,'\"’‘“”").removeprefix("the ").replace("’s", "").replace("'s", "")
    if t in PLACES:
        return PLACES[t]
    if t in PARTY_WORDS:
        return None  # a party is a side, not what a proposition is about
    if label == "ORG":
        return text if text.isupper() and 2 <= len(text) <= 6 else None
    if label in ("GPE", "LOC", "NORP") and t:
        return text.strip(" .,").removeprefix("the ")
    return None


def token_place(tok) -> str | None:
    """A one-word place outside any entity the parser saw; "us" the pronoun is not the U.S."""
    if tok.pos_ == "PRON" or tok.text == "us":
        return None
    return PLACES.get(tok.lower_)


def place_label(key: str) -> str:
    return PLACE_LABEL.get(key, key)
