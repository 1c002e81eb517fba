"""Publication dates and article ids, made the same way by every reader.

Dates in the text are resolved against `published`, so it must be a plain ISO date or
nothing; ids must not change between runs, or re-ingesting would duplicate articles.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_MAX_ID = 80


def normalize_date(value: object) -> str | None:
    """`YYYY-MM-DD` for anything that names a full day, else None; never raises.

    A timestamp keeps the day in its own time zone (the day the outlet printed), not UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, time.struct_time):
        return _checked(date(value.tm_year, value.tm_mon, value.tm_mday))
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _ISO_DAY.match(text)
    if m:
        try:
            return _checked(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    try:
        return _checked(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_day(text)


def _dateparser_day(text: str) -> str | None:
    import dateparser  # slow to import; only free-form dates need it

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except (ValueError, OverflowError, TypeError):
        return None
    return _checked(parsed.date()) if parsed else None


def _checked(day: date) -> str | None:
    return day.isoformat() if 1800 <= day.year <= 2200 else None


def slug_id(value: str) -> str:
    """A readable id from a URL or feed entry id; long ones end in a hash so they stay unique."""
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        host = parts.netloc.lower().removeprefix("www.")
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
        value = f"{host}{parts.path}" + (f"?{query}" if query else "")
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    if not slug or len(slug) > _MAX_ID:
        digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[: _MAX_ID - 11].rstrip('-')}-{digest}" if slug else digest
    return slug


def text_id(prefix: str, *parts: str) -> str:
    """Id for an article that has no URL or name: a hash of what it holds."""
    key = "\x1f".join(parts)
    return f"{prefix}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
