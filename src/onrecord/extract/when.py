"""When each statement was made, from its own sentence or from the same speech event.

The date read from a sentence skips the reported words themselves ("said the vote is on
Friday" is not a Friday statement). A statement whose sentence carries no date takes the
date of the same speaker's previous dated statement nearby — the interview an article
has been quoting from — and otherwise stays undated: the publication date is never used
as a guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Article, Statement
from .dates import statement_date

RELATIVE = re.compile(
    r"\b(a|one|two|three|four|five|six|\d+)\s+days?\s+(after|before|earlier|later)\s*$", re.I
)
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NEARBY = 2  # paragraphs within which a speaker's dated statement lends its date to a bare quote
FAR = 6  # ... and to a statement with a plain reporting verb
OTHER_OCCASION = re.compile(
    r"\b(later|earlier|previously|once|famously|long|ago|has|have|had|often|repeatedly|"
    r"used to|in the past|last year|years)\b",
    re.I,
)


def _masked_context(st: Statement) -> tuple[str, int | None]:
    """The statement's sentence with the reported words blanked, and the cue's offset in it."""
    sent = st.sentence or ""
    base = st.sentence_start or 0
    a, b = st.start - base, st.end - base
    if 0 <= a < b <= len(sent):
        sent = sent[:a] + " " * (b - a) + sent[b:]
    cue_at = None
    if st.cue:
        m = re.search(r"\b" + re.escape(st.cue) + r"\b", sent)
        cue_at = m.start() if m else None
    return sent, cue_at


def _reach(context: str, cue_at: int | None) -> int:
    """How many paragraphs back a speaker's dated statement still dates this one.

    A plain "X said"/"X told the Journal" keeps quoting the interview already dated;
    "later", "previously", "has long argued" point to another occasion.
    """
    if OTHER_OCCASION.search(context):
        return -1
    return FAR if cue_at is not None else NEARBY


def _shift(value: str, days: int) -> str:
    return (date.fromisoformat(value) - timedelta(days=days)).isoformat()


def date_statements(article: Article, doc, statements: list[Statement]) -> None:
    text = article.text
    last: dict[str, tuple[int, Statement]] = {}
    for st in sorted(statements, key=lambda s: s.start):
        para = text.count("\n", 0, st.start)
        context, cue_at = _masked_context(st)
        rel = RELATIVE.search(context[:cue_at]) if cue_at is not None else None
        sibling = next(
            (
                o
                for o in statements
                if o is not st
                and o.sentence_start == st.sentence_start
                and o.speaker.name == st.speaker.name
                and o.date_precision == "day"
            ),
            None,
        )
        found = None if rel else statement_date(context, cue_at, article.published)
        if rel and sibling is not None:
            n = NUMBERS.get(rel.group(1).lower()) or int(rel.group(1))
            sign = 1 if rel.group(2).lower() in ("after", "later") else -1
            st.date, st.date_precision = _shift(sibling.date, sign * n), "day"
            st.date_text = rel.group(0).strip()
        elif found is not None and found.value:
            st.date, st.date_precision, st.date_text = found.value, found.precision, found.phrase
        elif (
            not rel and st.speaker.name in last and para - last[st.speaker.name][0] <= _reach(context, cue_at)
        ):
            prev = last[st.speaker.name][1]
            st.date, st.date_precision, st.date_text = prev.date, prev.date_precision, prev.date_text
        if st.date:
            last[st.speaker.name] = (para, st)
