"""Who stood where, when: the geometry of a dot timeline, drawn by the svg macro in a template.
Each dot links to its statement, highlighted in its article.

Rows are speakers (topic page) or topics (person page), x is the statement's date, colour its stance.
Only numbers and the caller's labels come out of here; the template escapes the labels.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from onrecord.web.marks import stance_class

WIDTH, ROW, LEFT, RIGHT, TOP, BOTTOM = 760, 28, 190, 20, 10, 34
MAX_ROWS = 12


def day(value: str | None) -> date | None:
    """A statement date of any precision as a day: a year sits mid-year, a month mid-month."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 7
        d = int(parts[2]) if len(parts) > 2 else (15 if len(parts) > 1 else 1)
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def timeline(points: list[dict], row_of, label_of=None) -> dict | None:
    """Chart geometry for `points` (dicts with id, effective_date, stance, text): one row per
    `row_of(point)`, the rows with most points first. None when nothing has a date."""
    dated = [(p, day(p.get("effective_date"))) for p in points]
    dated = [(p, d) for p, d in dated if d]
    if not dated:
        return None
    counts: dict[str, int] = {}
    for p, _ in dated:
        counts[row_of(p)] = counts.get(row_of(p), 0) + 1
    rows = sorted(counts, key=lambda r: (-counts[r], str(r)))[:MAX_ROWS]
    index = {r: i for i, r in enumerate(rows)}
    lo, hi = min(d for _, d in dated), max(d for _, d in dated)
    span = max((hi - lo).days, 1)
    plot = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return round(LEFT + (plot / 2 if hi == lo else plot * (d - lo).days / span), 1)

    height = TOP + ROW * len(rows) + BOTTOM
    dots = [
        {
            "x": x(d),
            "y": TOP + ROW * index[row_of(p)] + ROW // 2,
            "id": p["id"],
            "href": f"/articles/{quote(p['article_id'], safe='/')}#m-{p['id']}",
            "cls": stance_class(p.get("stance")),
            "title": f"{label_of(p) if label_of else row_of(p)}, {p['effective_date']}: "
            f"{p.get('stance') or 'no stance'} — {p['text'][:140]}",
        }
        for p, d in dated
        if row_of(p) in index
    ]
    gap = span * 0.12  # a year label this close to an end label would overprint it
    ticks = sorted({lo, hi} | {t for t in _year_starts(lo, hi) if min((t - lo).days, (hi - t).days) > gap})
    _spread(dots, WIDTH - RIGHT)
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "axis_y": height - BOTTOM + 6,
        "rows": [{"label": str(r)[:30], "y": TOP + ROW * i + ROW // 2} for i, r in enumerate(rows)],
        "ticks": [
            {
                "x": x(t),
                "label": t.isoformat() if t in (lo, hi) else str(t.year),
                "anchor": "start" if t == lo and hi != lo else "end" if t == hi and hi != lo else "middle",
            }
            for t in ticks
        ],  # fmt: skip
        "dots": dots,
        "hidden_rows": max(len(counts) - len(rows), 0),
    }


def _year_starts(lo: date, hi: date) -> set[date]:
    years = [date(y, 1, 1) for y in range(lo.year + 1, hi.year + 1)]
    step = max(len(years) // 6, 1)  # a handful of labels, never a wall of them
    return set(years[::step])


def _spread(dots: list[dict], right: float, step: float = 9.0) -> None:
    """Dots on one spot (same row, same day) are set side by side, so each stays visible and clickable;
    at the right edge they line up leftwards."""
    seen: dict[tuple, int] = {}
    for d in dots:
        key = (d["x"], d["y"])
        shift = step * seen.get(key, 0)
        d["x"] = round(d["x"] + shift if d["x"] + shift <= right else d["x"] - shift, 1)
        seen[key] = seen.get(key, 0) + 1
