"""Reversals, walk-backs and contradictions, computed per bucket so that one more article costs the
same whatever the ledger's size.

`update_findings(new_claims, lookup)` touches only: the new article (walk-backs told by the text),
each (person, proposition) bucket a new claim falls in (reversals, dated walk-backs) and each pair of
people of one side on one proposition that a new claim joins (contradictions). It returns the buckets
it recomputed (their old findings are replaced) and the findings now in them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from .claims import Claim
from .explain import explain_change, explain_contradiction, grade
from .when import before, gap_days, interval

STANCES = {"for", "against", "open", "indifferent"}
CHANGES = {
    frozenset({"for", "against"}), frozenset({"open", "against"}), frozenset({"open", "for"}),
    frozenset({"indifferent", "for"}), frozenset({"indifferent", "against"}),
}  # fmt: skip
CONFLICTS = {frozenset({"for", "against"}), frozenset({"open", "against"})}
FULL = frozenset({"for", "against"})
COMPARED_SIDES = {"administration", "government", "organization", "people-file"}
WINDOW_DAYS = 31  # "overlapping time": said within a month of each other
NEAR_CHARS = 2000  # a walk-back refers to a remark the reader has just read


class Lookup(Protocol):
    def by_person(self, person: str, prop_key: str) -> list[Claim]:
        """Every claim of the person on the proposition."""

    def by_side(self, side: str, prop_key: str, start: str, end: str) -> list[Claim]:
        """Claims of the side on the proposition whose date may fall in [start, end] (ISO days)."""


@dataclass
class Update:
    buckets: list[str] = field(default_factory=list)  # replace: drop their findings, store `findings`
    findings: list[dict] = field(default_factory=list)
    merge: list[dict] = field(default_factory=list)  # contradictions: merge into the stored one by id


def _fid(*parts: str) -> str:
    return "f_" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _order(c: Claim):
    iv = interval(c.date)
    return (iv[0] if iv else date.max, c.article_id, c.start)


def _side(claims: list[Claim]) -> dict:
    c = claims[0]
    return {
        "person": c.person,
        "speaker": c.speaker,
        "role": c.role,
        "stance": c.stance,
        "stance_words": sorted({w for x in claims for w in x.stance_words}),
        "statements": [x.statement_id for x in claims],
        "dates": [x.date for x in claims],
    }


def _finding(kind, fid, bucket, earlier, later, topic, prop_key, explanation, grade_):
    earlier, later = sorted(earlier, key=_order), sorted(later, key=_order)
    return {
        "id": fid,
        "type": kind,
        "statements": [c.statement_id for c in earlier + later],
        "topic": topic,
        "prop_key": prop_key,
        "explanation": explanation,
        "grade": grade_,
        "sides": [_side(earlier), _side(later)],
        "speakers": sorted({c.speaker for c in earlier + later}),
        "bucket": bucket,
    }


def _change(kind, bucket, t: Claim, s: Claim, by_text: bool, also: list[Claim] | None = None) -> dict:
    """One change of position: `t` before, `s` after (with `also`, more later statements that
    say the same, cited on the later side of the one finding)."""
    said = next((c.walkback for c in (s, *(also or [])) if c.walkback), None)
    cue = said.split(":", 1)[1] if said else None
    same_prop = t.prop_key and t.prop_key == s.prop_key
    topic = s.label if same_prop else (s.label or t.label)
    g = (
        grade(t.stance, s.stance, kind)
        if same_prop
        else "softened"
        if s.stance in ("open", "none")
        else "partial shift"
    )
    return _finding(
        kind, _fid("change", t.statement_id, s.statement_id), bucket, [t], [s, *(also or [])], topic,
        s.prop_key if same_prop else None, explain_change(kind, t, s, topic, cue, by_text), g,
    )  # fmt: skip


def article_walkbacks(claims: list[Claim]) -> list[dict]:
    """Walk-backs the article itself tells: a retraction word on a statement, pointing at the same
    speaker's remark it follows ("a day after suggesting ...") or the one just before it."""
    out = []
    bucket = f"article:{claims[0].article_id}" if claims else ""
    for s in claims:
        if not s.walkback:
            continue
        mine = [c for c in claims if c.person == s.person and c.statement_id != s.statement_id]
        t, by_after = None, False
        if s.after is not None:
            tied = [c for c in mine if s.after <= c.start <= s.after + 20]
            if tied:
                t, by_after = min(tied, key=lambda c: c.start), True
        if t is None:
            prior = [c for c in mine if c.end <= s.start and s.start - c.end <= NEAR_CHARS]
            t = max(prior, key=lambda c: c.start) if prior else None
        if t is None or before(s.date, t.date) is True:
            continue
        if not by_after and t.stance == s.stance == "none":
            continue  # neither remark takes a position: nothing a reader could check was taken back
        strong = s.walkback.startswith("strong:")
        differs = t.stance != s.stance and frozenset({t.stance, s.stance}) in CHANGES
        if not (by_after or strong or (t.prop_key == s.prop_key and t.prop_key and differs)):
            continue
        if not strong and t.prop_key == s.prop_key and not differs:
            continue  # "clarified" what they had said before: no change
        by_text = before(t.date, s.date) is not True
        # "I misspoke. No branch is going to close.": the retraction and what it now says, together
        follow = [c for c in mine if s.end <= c.start <= s.end + NEAR_CHARS and c.stance != "none"]
        follow = [c for c in follow if not t.prop_key or c.prop_key == t.prop_key][:1]
        if s.stance == "none" and follow:
            out.append(_change("walkback", bucket, t, follow[0], by_text, also=[s]))
        else:
            out.append(_change("walkback", bucket, t, s, by_text))
    return out


def person_changes(claims: list[Claim], bucket: str) -> list[dict]:
    """Reversals over dated statements of one person on one proposition: each date's statements
    against those of the latest date surely before it (one sweep). An undated statement never takes
    the later side; it can take the earlier one against the first dated statement, when its
    article appeared before that statement was made (it was said by then, whenever it was)."""
    usable = [c for c in claims if c.stance in STANCES and not c.general]
    dated = sorted((c for c in usable if c.date), key=_order)
    groups: list[list[Claim]] = []
    for c in dated:  # runs of statements that cannot be ordered among themselves
        if groups and before(groups[-1][0].date, c.date) is not True:
            groups[-1].append(c)
        else:
            groups.append([c])
    if groups:
        reported = [c for c in usable if not c.date and all(before(c.published, s.date) for s in groups[0])]
        groups.insert(0, reported)
    out = []
    for prev, group in zip(groups, groups[1:], strict=False):
        changes: dict[tuple[str, str], list[Claim]] = {}  # (kind, earlier statement) -> later ones
        earlier: dict[str, Claim] = {}
        for s in group:
            if any(t.stance == s.stance for t in prev):
                continue  # restated: not a change
            opposed = [
                t
                for t in prev
                if frozenset({t.stance, s.stance}) in CHANGES and before(t.date or t.published, s.date)
            ]
            if not opposed or (s.walkback and any(t.article_id == s.article_id for t in opposed)):
                continue  # nothing to change from, or the article pass reads it from the text
            t = max(opposed, key=lambda t: frozenset({t.stance, s.stance}) == FULL)
            earlier[t.statement_id] = t
            changes.setdefault(("walkback" if s.walkback else "reversal", t.statement_id), []).append(s)
        # one finding per change of mind, however many later statements repeat the new position
        for (kind, tid), later in changes.items():
            t = earlier[tid]
            lead = max(later, key=lambda s: (frozenset({t.stance, s.stance}) == FULL, -later.index(s)))
            out.append(_change(kind, bucket, t, lead, False, also=[s for s in later if s is not lead]))
    return out


def _overlap(a: Claim, b: Claim, window: int) -> bool:
    gap = gap_days(a.date, b.date)
    if gap is not None:
        return gap <= window
    return a.article_id == b.article_id  # told together as current positions


def _telling(pair: tuple[Claim, Claim]):
    """The pair to quote: a full conflict first, then dated statements, then the closest in time."""
    a, b = pair
    gap = gap_days(a.date, b.date)
    return (
        frozenset({a.stance, b.stance}) == frozenset({"for", "against"}),
        bool(a.date) + bool(b.date),
        -(gap or 0),
    )


def pair_contradiction(
    a_claims, b_claims, side: str, prop_key: str, window: int = WINDOW_DAYS
) -> dict | None:
    pairs = [
        (a, b)
        for a in a_claims
        for b in b_claims
        if frozenset({a.stance, b.stance}) in CONFLICTS and _overlap(a, b, window)
    ]
    if not pairs:
        return None
    left = {a.statement_id: a for a, _ in pairs}
    right = {b.statement_id: b for _, b in pairs}
    first, second = sorted(left.values(), key=_order), sorted(right.values(), key=_order)
    if _order(second[0]) < _order(first[0]):
        first, second = second, first
    a, b = max(pairs, key=_telling)
    persons = sorted({first[0].person, second[0].person})
    topic = first[0].label
    return _finding(
        "contradiction", _fid("contradiction", prop_key, *persons), f"side:{side}|{prop_key}",
        first, second, topic, prop_key, explain_contradiction(a, b, side, topic),
        grade(a.stance, b.stance, "contradiction"),
    )  # fmt: skip


def side_contradictions(claims: list[Claim], new: list[Claim], side: str, prop_key: str) -> list[dict]:
    """Contradictions between each new speaker and every other speaker of the side on the proposition;
    `claims` holds only statements near the new ones in time (and the new article's own)."""
    others: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.stance in ("for", "against", "open") and not c.general:
            others[c.person].append(c)
    mine: dict[str, list[Claim]] = defaultdict(list)
    for c in new:
        mine[c.person].append(c)
    out, seen = [], set()
    for p in sorted(mine):
        for q in sorted(others):
            pair = tuple(sorted((p, q)))
            if q == p or pair in seen:
                continue
            seen.add(pair)
            f = pair_contradiction(others[pair[0]], others[pair[1]], side, prop_key)
            if f:
                out.append(f)
    return out


def _merge(old: list[Claim], new: list[Claim]) -> list[Claim]:
    ids = {c.statement_id for c in new}
    return [c for c in old if c.statement_id not in ids] + new


def _span(claims: list[Claim], window: int) -> tuple[str, str] | None:
    """The dates a contradiction of these claims could come from: theirs, widened by the window."""
    ivs = [interval(c.date) for c in claims if c.date]
    ivs = [iv for iv in ivs if iv]
    if not ivs:
        return None
    lo, hi = min(iv[0] for iv in ivs), max(iv[1] for iv in ivs)
    return (lo - timedelta(days=window)).isoformat(), (hi + timedelta(days=window)).isoformat()


def update_findings(new_claims: list[Claim], lookup: Lookup, window: int = WINDOW_DAYS) -> Update:
    """Findings touched by one batch of new claims (normally one article's).

    Reversal and walk-back buckets are recomputed whole (`Update.replace`); contradictions only grow
    as statements arrive, so they are merged into what the ledger has (`Update.merge`)."""
    up = Update()
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in new_claims:
        by_article[c.article_id].append(c)
    for aid, claims in by_article.items():
        up.buckets.append(f"article:{aid}")
        up.findings.extend(article_walkbacks(sorted(claims, key=lambda c: c.start)))
    positioned = [c for c in new_claims if c.prop_key and c.stance in STANCES]
    for person, key in sorted({(c.person, c.prop_key) for c in positioned}):
        mine = [c for c in positioned if c.person == person and c.prop_key == key]
        bucket = f"person:{person}|{key}"
        up.buckets.append(bucket)
        up.findings.extend(person_changes(_merge(lookup.by_person(person, key), mine), bucket))
    compared = [c for c in positioned if c.side and c.side_kind in COMPARED_SIDES and not c.general]
    for side, key in sorted({(c.side, c.prop_key) for c in compared}):
        mine = [c for c in compared if c.side == side and c.prop_key == key]
        span = _span(mine, window)
        near = lookup.by_side(side, key, *span) if span else []
        up.merge.extend(side_contradictions(_merge(near, mine), mine, side, key))
    return up


def merge_finding(old: dict | None, new: dict) -> dict:
    """A contradiction seen again with more statements: keep every statement either side quoted,
    earlier side first."""
    if old is None:
        return new
    sides = []
    for side in new["sides"]:
        before_ = next((o for o in old["sides"] if o.get("person") == side.get("person")), None)
        if before_ is None:
            sides.append(side)
            continue
        pairs = dict(zip(before_["statements"], before_["dates"], strict=True))
        pairs.update(zip(side["statements"], side["dates"], strict=True))
        ids = sorted(pairs, key=lambda i: (pairs[i] is None, pairs[i] or ""))
        words = sorted(set(before_["stance_words"]) | set(side["stance_words"]))
        sides.append({**side, "statements": ids, "dates": [pairs[i] for i in ids], "stance_words": words})
    sides.sort(key=lambda sd: min((d for d in sd["dates"] if d), default="9999"))
    return {**new, "sides": sides, "statements": [i for sd in sides for i in sd["statements"]]}
