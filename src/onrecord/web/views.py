"""What each view shows, as plain data: the HTML page renders it, its JSON twin returns it as is."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request

from onrecord.web import queries as Q

TIMELINE_POINTS = 400
TOPIC_POINTS = 1000


@dataclass
class Paging:
    """`page` from 1; a query asks for one row more than it shows, to know whether a next page exists."""

    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def limit(self) -> int:
        return self.per_page + 1

    def cut(self, rows: list, request: Request) -> tuple[list, dict]:
        def at(page: int) -> str:
            url = request.url.include_query_params(page=page, per_page=self.per_page)
            return f"{url.path}?{url.query}"

        more = len(rows) > self.per_page
        return rows[: self.per_page], {
            "page": self.page,
            "per_page": self.per_page,
            "next": at(self.page + 1) if more else None,
            "prev": at(self.page - 1) if self.page > 1 else None,
        }


def summary(ledger) -> dict:
    return {
        "counts": ledger.counts(),
        "last_ingest": ledger.last_run(),
        "latest_findings": Q.with_statements(ledger, Q.findings_page(ledger, 5, 0)),
        "top_people": Q.people_page(ledger, 10, 0),
        "top_topics": Q.top_topics(ledger, 10),
    }


def people(ledger, paging: Paging, request: Request) -> dict:
    items, pages = paging.cut(Q.people_page(ledger, paging.limit, paging.offset), request)
    return {"items": items, "paging": pages}


def person(ledger, pid: str, paging: Paging, request: Request) -> dict:
    who = ledger.person(pid)
    if who is None:
        raise HTTPException(404, f"no person with id {pid!r}")
    items, pages = paging.cut(Q.person_statements(ledger, pid, paging.limit, paging.offset), request)
    return {
        "person": who,
        "statements": items,
        "paging": pages,
        "positions": Q.person_positions(ledger, pid, TIMELINE_POINTS),
        "findings": Q.with_statements(ledger, Q.person_findings(ledger, pid)),
    }


def topics(ledger, paging: Paging, request: Request) -> dict:
    items, pages = paging.cut(Q.topics_page(ledger, paging.limit, paging.offset), request)
    return {"items": items, "paging": pages}


def topic(ledger, key: str, paging: Paging, request: Request) -> dict:
    points = Q.topic_statements(ledger, key, TOPIC_POINTS, 0)
    if not points:
        raise HTTPException(404, f"no statements on the topic {key!r}")
    items, pages = paging.cut(Q.topic_statements(ledger, key, paging.limit, paging.offset), request)
    return {
        "topic": key,
        "statements": items,
        "paging": pages,
        "points": [
            {
                k: p[k]
                for k in ("id", "person_id", "speaker", "stance", "effective_date", "text", "article_id")
            }
            for p in points
        ],
        "findings": Q.with_statements(ledger, Q.findings_page(ledger, 50, 0, topic=key)),
    }


def findings(ledger, paging: Paging, request: Request, topic: str | None = None) -> dict:
    rows = Q.findings_page(ledger, paging.limit, paging.offset, topic=topic)
    items, pages = paging.cut(rows, request)
    return {"items": Q.with_statements(ledger, items), "paging": pages}


def finding(ledger, fid: str) -> dict:
    row = Q.finding(ledger, fid)
    if row is None:
        raise HTTPException(404, f"no finding with id {fid!r}")
    return {"finding": Q.with_statements(ledger, [row])[0]}


def articles(ledger, paging: Paging, request: Request) -> dict:
    items, pages = paging.cut(Q.articles_page(ledger, paging.limit, paging.offset), request)
    return {"items": items, "paging": pages}


def article(ledger, aid: str) -> dict:
    row = Q.article(ledger, aid)
    if row is None:
        raise HTTPException(404, f"no article with id {aid!r}")
    return {"article": row, "statements": Q.article_statements(ledger, aid)}


@dataclass
class SearchParams:
    q: str | None = None
    speaker: str | None = None
    topic: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def given(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


def search(ledger, params: SearchParams, paging: Paging, request: Request) -> dict:
    rows = Q.search_statements(ledger, **params.given(), limit=paging.limit, offset=paging.offset)
    items, pages = paging.cut(rows, request)
    return {"query": params.given(), "items": items, "paging": pages}
