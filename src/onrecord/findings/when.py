"""Comparing statement dates of mixed precision without inventing order."""

from __future__ import annotations

import calendar
from datetime import date


def interval(value: str | None) -> tuple[date, date] | None:
    """'2025-02' -> (Feb 1, Feb 28): the days a date of that precision could mean."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None


def before(a: str | None, b: str | None) -> bool | None:
    """True when a was surely said before b, False when surely after, None when the dates cannot tell
    (undated, or overlapping at their precision: '2025-02' against '2025-02-13')."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    if ia[1] < ib[0]:
        return True
    if ib[1] < ia[0]:
        return False
    return None


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between the two dates' closest possible days; None when either is undated."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    if ia[1] < ib[0]:
        return (ib[0] - ia[1]).days
    if ib[1] < ia[0]:
        return (ia[0] - ib[1]).days
    return 0
