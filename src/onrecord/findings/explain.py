"""Grades (in the manner of a flip-o-meter) and the one- or two-sentence explanation a reader checks
against the quotes."""

from __future__ import annotations

from .claims import Claim

FULL = frozenset({"for", "against"})


def grade(earlier: str, later: str, kind: str) -> str:
    pair = frozenset({earlier, later})
    if kind == "contradiction":
        return "full contradiction" if pair == FULL else "partial contradiction"
    if pair == FULL:
        return "full reversal"
    if later == "open" or (later == "none" and earlier != "none") or earlier == later:
        return "softened"
    return "partial shift"


def _when(c: Claim) -> str:
    if c.date:
        return c.date
    return f"undated, reported {c.published}" if c.published else "undated"


def _quote(c: Claim, limit: int = 110) -> str:
    text = " ".join(c.text.split()).strip(" “”\"'‘’")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _who(c: Claim) -> str:
    if c.anonymous:
        return f"an unnamed {c.speaker}"
    return f"{c.role} {c.speaker}" if c.role and c.role.lower() not in c.speaker.lower() else c.speaker


def _stance(c: Claim) -> str:
    words = ", ".join(f"“{w}”" for w in c.stance_words)
    return f"{c.stance} ({words})" if words else c.stance


def explain_change(kind: str, t: Claim, s: Claim, topic: str | None, cue: str | None, by_text: bool) -> str:
    about = f" on {topic}" if topic else ""
    order = "the article places it later" if by_text else f"{_when(t)} → {_when(s)}"
    if kind == "walkback":
        said = f"; the article says “{cue}”" if cue else ""
        return (
            f"{_who(s)} took back an earlier remark{about}: first “{_quote(t)}”, then “{_quote(s)}” "
            f"({order}){said}. Stance: {_stance(t)} → {_stance(s)}."
        )
    return (
        f"{_who(s)} changed position{about} from {_stance(t)} to {_stance(s)} ({order}): "
        f"“{_quote(t)}” → “{_quote(s)}”."
    )


def explain_contradiction(a: Claim, b: Claim, side: str, topic: str | None) -> str:
    about = f" on {topic}" if topic else ""
    if a.anonymous != b.anonymous:
        anon, named = (a, b) if a.anonymous else (b, a)
        return (
            f"An unnamed {anon.speaker} gave an account{about} that is {_stance(anon)} — “{_quote(anon)}” — "
            f"while {_who(named)}, of the same {side}, said “{_quote(named)}” ({_stance(named)})."
        )
    return (
        f"{_who(a)} and {_who(b)}, both of the {side}, took conflicting positions{about} "
        f"({_when(a)}, {_when(b)}): “{_quote(a)}” is {_stance(a)}; “{_quote(b)}” is {_stance(b)}."
    )
