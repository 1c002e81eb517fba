"""Request parameters shared by a page and its JSON twin, so both accept exactly the same URL."""

from __future__ import annotations

from fastapi import Query, Request

from onrecord.web.views import Paging, SearchParams

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # YYYY, YYYY-MM or YYYY-MM-DD; empty is 'any'
KIND = r"^(direct|indirect|mixed)?$"


async def ledger(request: Request):
    pool = request.app.state.ledgers
    led = await pool.acquire()
    try:
        yield led
    finally:
        pool.release(led)


def paging(
    page: int = Query(1, ge=1, le=10_000, description="Page number, from 1"),
    per_page: int = Query(50, ge=1, le=200, description="Rows per page"),
) -> Paging:
    return Paging(page, per_page)


def search_params(
    q: str | None = Query(
        None, max_length=300, description="Words that must all occur in the statement or its sentence"
    ),
    speaker: str | None = Query(None, max_length=200, description="Any name form, alias or person id"),
    topic: str | None = Query(None, max_length=300),
    kind: str | None = Query(None, pattern=KIND, description="direct, indirect or mixed"),
    date_from: str | None = Query(
        None, pattern=DATE, description="From this date (YYYY, YYYY-MM or YYYY-MM-DD)"
    ),
    date_to: str | None = Query(None, pattern=DATE, description="Up to this date, inclusive"),
) -> SearchParams:
    return SearchParams(q=q, speaker=speaker, topic=topic, kind=kind, date_from=date_from, date_to=date_to)
