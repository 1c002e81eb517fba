"""Hand-built statements over articles written for the tests: one sentence per line."""

from __future__ import annotations

from onrecord.model import Speaker, Statement


def stmt(text: str, span: str, name: str, *, role=None, date=None, cue=None, kind="indirect",
         anonymous=False, affiliation=None, article_id="a1", occurrence=0) -> Statement:  # fmt: skip
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    end = start + len(span)
    s0 = text.rfind("\n", 0, start) + 1
    s1 = text.find("\n", end)
    s1 = len(text) if s1 < 0 else s1
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
    speaker = Speaker(
        name=name, role=role, anonymous=anonymous, affiliation=affiliation,
        kind="anonymous" if anonymous else "person",
    )  # fmt: skip
    return Statement(
        article_id=article_id, text=span, kind=kind, start=start, end=end, speaker=speaker, cue=cue,
        date=date, date_precision=precision if date else None, sentence=text[s0:s1], sentence_start=s0,
    )  # fmt: skip
