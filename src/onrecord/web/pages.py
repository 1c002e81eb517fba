"""The HTML pages: each renders the data of its JSON twin (views.py) with a template, and links to
that twin and, for lists, to the CSV."""

from __future__ import annotations

import shutil
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from onrecord.web import views
from onrecord.web.app import request_token, token_ok, unauthorized
from onrecord.web.chart import timeline
from onrecord.web.deps import ledger, paging, search_params
from onrecord.web.marks import article_segments, paragraphs
from onrecord.web.uploads import SUFFIXES, read_inputs
from onrecord.web.views import Paging, SearchParams

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, template: str, context: dict, status: int = 200, csv: str | None = None):
    path = request.url.path
    query = ("?" + request.url.query) if request.url.query else ""
    twin = "/api/summary" if path == "/" else "/api" + path + query
    return request.app.state.templates.TemplateResponse(
        request,
        template,
        {**context, "twin": twin, "csv": csv},
        status_code=status,
    )


@router.get("/")
def home(request: Request, led=Depends(ledger)):
    return render(request, "home.html", views.summary(led))


@router.get("/people")
def people(request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    return render(request, "people.html", views.people(led, page, request), csv="/api/people.csv")


@router.get("/people/{pid}")
def person(pid: str, request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    data = views.person(led, pid, page, request)
    data["chart"] = timeline(data["positions"], row_of=lambda p: p["topic"])
    return render(request, "person.html", data, csv="/api/search.csv?" + urlencode({"speaker": pid}))


@router.get("/topics")
def topics(request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    return render(request, "topics.html", views.topics(led, page, request), csv="/api/topics.csv")


@router.get("/topics/{key:path}")
def topic(key: str, request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    data = views.topic(led, key, page, request)
    data["chart"] = timeline(data["points"], row_of=lambda p: p["speaker"])
    return render(request, "topic.html", data, csv="/api/search.csv?" + urlencode({"topic": key}))


@router.get("/findings")
def findings(request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    return render(request, "findings.html", views.findings(led, page, request), csv="/api/findings.csv")


@router.get("/findings/{fid}")
def finding(fid: str, request: Request, led=Depends(ledger)):
    return render(request, "finding.html", views.finding(led, fid))


@router.get("/articles")
def articles(request: Request, page: Paging = Depends(paging), led=Depends(ledger)):
    return render(request, "articles.html", views.articles(led, page, request), csv="/api/articles.csv")


@router.get("/articles/{aid:path}")
def article(aid: str, request: Request, led=Depends(ledger)):
    data = views.article(led, aid)
    data["paragraphs"] = paragraphs(article_segments(data["article"]["text"], data["statements"]))
    return render(request, "article.html", data)


@router.get("/search")
def search(request: Request, params: SearchParams = Depends(search_params), page: Paging = Depends(paging),
           led=Depends(ledger)):  # fmt: skip
    data = views.search(led, params, page, request)
    query = request.url.query
    return render(request, "search.html", data, csv="/api/search.csv" + (f"?{query}" if query else ""))


@router.get("/ingest")
def ingest_form(request: Request):
    return render(
        request,
        "ingest.html",
        {"suffixes": SUFFIXES, "error": None, "writable": bool(request.app.state.token)},
    )


@router.post("/ingest")
async def ingest(request: Request):
    state = request.app.state
    try:
        got = await read_inputs(request, state.jobs.folder(), state.max_upload_bytes)
    except HTTPException as e:
        return render(request, "ingest.html", {"suffixes": SUFFIXES, "error": e.detail, "writable": True},
                      status=e.status_code)  # fmt: skip
    if not token_ok(state.token, got.token or request_token(dict(request.headers))):
        shutil.rmtree(got.folder, ignore_errors=True)
        return render(request, "ingest.html", {"suffixes": SUFFIXES, "error": unauthorized(state.token),
                                               "writable": bool(state.token)}, status=401)  # fmt: skip
    job = state.jobs.start(got.folder, got.files, got.urls, got.published, got.outlet)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def job(job_id: str, request: Request):
    found = request.app.state.jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (jobs are kept while the server runs)")
    return render(request, "job.html", {"job": found.to_dict()})
