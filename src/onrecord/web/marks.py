"""Where statements sit in text, as plain segments: templates escape each piece, so article text can
never become markup however it was written."""

from __future__ import annotations

STANCES = ("for", "against", "open", "conditional", "negated", "weak_open", "indifferent", "none")


def stance_class(stance: str | None) -> str:
    """A CSS class from a known list only: a stance value never reaches markup as written."""
    return "stance-" + (stance if stance in STANCES else "unknown")


def article_segments(text: str, statements: list[dict]) -> list[dict]:
    """The article as a run of {'text', 'statement'} pieces, 'statement' set on the spans statements
    cover. Overlapping spans (a quote inside a reported account) keep the earlier one and clip the
    later one to what is left; spans outside the text are skipped."""
    pieces: list[dict] = []
    at = 0
    for st in sorted(statements, key=lambda s: (s["start"], -s["end"])):
        start, end = max(st["start"], at), min(st["end"], len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append({"text": text[at:start], "statement": None})
        pieces.append({"text": text[start:end], "statement": st})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "statement": None})
    return pieces


def paragraphs(pieces: list[dict]) -> list[list[dict]]:
    """Pieces split at blank lines, so the article reads as paragraphs; a statement that runs over
    a paragraph break is marked in each paragraph it touches."""
    out: list[list[dict]] = [[]]
    for piece in pieces:
        parts = piece["text"].split("\n\n")
        for i, part in enumerate(parts):
            if i:
                out.append([])
            if part.strip():
                out[-1].append({"text": part, "statement": piece["statement"]})
    return [p for p in out if p]


def in_sentence(statement: dict) -> tuple[str, str, str]:
    """(before, the statement's words, after) within its sentence, for evidence; the words alone when
    the sentence does not hold them verbatim."""
    sentence, words = statement.get("sentence") or "", statement["text"]
    at = sentence.find(words)
    if at < 0:
        return "", words, ""
    return sentence[:at], words, sentence[at + len(words) :]
