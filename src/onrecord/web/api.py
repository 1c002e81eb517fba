"""The JSON API: the twin of every page (same path under /api, same query), CSV for every list,
and `POST /api/articles` to ingest. Writes are checked for the token before the body is read
(app.Guard); the security scheme here only documents that in the OpenAPI schema."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Security
from fastapi.security import HTTPBearer

from onrecord.web import queries as Q
from onrecord.web import views
from onrecord.web.csvout import CSVResponse, csv_response
from onrecord.web.deps import ledger, paging, search_params
from onrecord.web.uploads import read_inputs
from onrecord.web.views import Paging, SearchParams

router = APIRouter(prefix="/api")
NOT_FOUND = {404: {"description": "No such record"}}
CSV = {"response_class": CSVResponse}


def _ledgers(request: Request):
    """A CSV streams in chunks, each borrowing a ledger for its own query: a slow download never holds one."""
    pool = request.app.state.ledgers

    def run(query, *args, **kwargs):
        with pool.borrow() as led:
            return query(led, *args, **kwargs)

    return run


@router.get(
    "/summary",
    tags=["home"],
    summary="Ledger size, last ingest, latest findings, most active speakers and topics",
)
def summary(led=Depends(ledger)) -> dict:
    return views.summary(led)


@router.get("/people", tags=["people"], summary="People, most quoted first")
def people(request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.people(led, page, request)


@router.get("/people.csv", tags=["people"], summary="All people as CSV", **CSV)
def people_csv(request: Request):
    run = _ledgers(request)
    return csv_response("people", lambda n, at: run(Q.people_page, n, at), "people.csv")


@router.get("/people/{pid}", tags=["people"], summary="A person: name forms, roles, statements, positions, findings",
            responses=NOT_FOUND)  # fmt: skip
def person(pid: str, request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.person(led, pid, page, request)


@router.get("/topics", tags=["topics"], summary="Topics (propositions), most discussed first")
def topics(request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.topics(led, page, request)


@router.get("/topics.csv", tags=["topics"], summary="All topics as CSV", **CSV)
def topics_csv(request: Request):
    run = _ledgers(request)
    return csv_response("topics", lambda n, at: run(Q.topics_page, n, at), "topics.csv")


@router.get("/topics/{key:path}", tags=["topics"], summary="Who stands where on a topic, over time",
            responses=NOT_FOUND)  # fmt: skip
def topic(key: str, request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.topic(led, key, page, request)


@router.get("/findings", tags=["findings"], summary="Reversals, walk-backs and contradictions, newest first")
def findings(request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.findings(led, page, request)


@router.get("/findings.csv", tags=["findings"], summary="All findings as CSV", **CSV)
def findings_csv(request: Request):
    run = _ledgers(request)
    return csv_response("findings", lambda n, at: run(Q.findings_page, n, at), "findings.csv")


@router.get("/findings/{fid}", tags=["findings"], summary="A finding with the statements on each side",
            responses=NOT_FOUND)  # fmt: skip
def finding(fid: str, led=Depends(ledger)) -> dict:
    return views.finding(led, fid)


@router.get("/articles", tags=["articles"], summary="Articles, newest first")
def articles(request: Request, page: Paging = Depends(paging), led=Depends(ledger)) -> dict:
    return views.articles(led, page, request)


@router.get("/articles.csv", tags=["articles"], summary="All articles as CSV", **CSV)
def articles_csv(request: Request):
    run = _ledgers(request)
    return csv_response("articles", lambda n, at: run(Q.articles_page, n, at), "articles.csv")


@router.get("/articles/{aid:path}", tags=["articles"], summary="An article's text and every statement in it",
            responses=NOT_FOUND)  # fmt: skip
def article(aid: str, led=Depends(ledger)) -> dict:
    return views.article(led, aid)


@router.get("/search", tags=["statements"], summary="Statements: full-text search and filters")
def search(request: Request, params: SearchParams = Depends(search_params), page: Paging = Depends(paging),
           led=Depends(ledger)) -> dict:  # fmt: skip
    return views.search(led, params, page, request)


@router.get("/search.csv", tags=["statements"], summary="Every statement the search selects, as CSV", **CSV)
def search_csv(request: Request, params: SearchParams = Depends(search_params)):
    run = _ledgers(request)
    return csv_response(
        "statements",
        lambda n, at: run(Q.search_statements, **params.given(), limit=n, offset=at),
        "statements.csv",
    )


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                  "description": ".txt .html .jsonl .xml/.rss/.atom .warc(.gz)"},
                        "text": {"type": "string", "description": "Pasted article text, article JSONL or a feed"},
                        "urls": {"type": "string", "description": "http(s) URLs of pages or feeds, one a line"},
                        "published": {"type": "string", "description": "YYYY-MM-DD for inputs without a date"},
                        "outlet": {"type": "string", "description": "Outlet for inputs without one"},
                    },
                }
            }
        },
    }
}  # fmt: skip


@router.post(
    "/articles",
    tags=["ingest"],
    status_code=202,
    summary="Ingest files, pasted text or URLs; returns a job to follow",
    dependencies=[Security(HTTPBearer(auto_error=False, description="ONRECORD_TOKEN"))],
    openapi_extra=INGEST_BODY,
    responses={
        400: {"description": "Nothing to ingest, or a bad field"},
        401: {"description": "No or wrong token"},
        413: {"description": "Over the upload size limit"},
        415: {"description": "Unsupported file type"},
    },
)
async def ingest(request: Request) -> dict:
    state = request.app.state
    got = await read_inputs(request, state.jobs.folder(), state.max_upload_bytes)
    job = state.jobs.start(got.folder, got.files, got.urls, got.published, got.outlet)
    return {"job": job.to_dict(), "status_url": f"/api/jobs/{job.id}", "page": f"/jobs/{job.id}"}


@router.get("/jobs/{job_id}", tags=["ingest"], summary="An ingest job's progress", responses=NOT_FOUND)
def job(job_id: str, request: Request) -> dict:
    found = request.app.state.jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (jobs are kept while the server runs)")
    return found.to_dict()
