"""The web application: one FastAPI app serving the HTML pages and their JSON twins over one ledger.

Requests run in a thread pool; each thread keeps its own ledger connection (SQLite connections and
psycopg connections are not for concurrent use). Errors never show internals to a client: a
generic handler answers with an id and the traceback goes to the server log.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import os
import threading
import uuid
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from onrecord.store import open_ledger
from onrecord.web.jobs import Jobs
from onrecord.web.marks import STANCES, in_sentence, stance_class

HERE = Path(__file__).parent
MAX_UPLOAD_BYTES = 20_000_000  # one ingest request, all files together
POOL_SIZE = 8  # ledger connections shared by the request threads
log = logging.getLogger("onrecord.web")
SECURITY_HEADERS = {
    # no script at all: pages are server-rendered, charts are inline SVG
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


class ServeRefused(RuntimeError):
    """`serve` will not start as asked; the message says why and what to do."""


class Ledgers:
    """A fixed pool of ledger connections, opened before the first request and lent one request at a
    time, first come first served: connections stay bounded (PostgreSQL) and none is opened while
    others read (opening re-applies the schema, which briefly drops and recreates its views)."""

    def __init__(self, url: str, size: int = POOL_SIZE):
        self.url, self.size = url, size
        self._free: deque = deque()
        self._waiters: deque = deque()  # asyncio futures (requests) and concurrent futures (threads)
        self._opened: list = []
        self._lock = threading.Lock()

    def open(self) -> None:
        with self._lock:
            while len(self._opened) < self.size:
                ledger = open_ledger(self.url)
                self._opened.append(ledger)
                self._free.append(ledger)

    async def acquire(self):
        """Waits in the event loop, never in a worker thread: a request thread blocked on a connection
        could otherwise starve the very requests that would give one back."""
        if not self._opened:
            self.open()  # an app driven without its startup (some test transports)
        with self._lock:
            if self._free:
                return self._free.popleft()
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release(waiter.result())
            raise

    def release(self, ledger) -> None:
        with self._lock:
            while self._waiters:
                waiter = self._waiters.popleft()
                if isinstance(waiter, asyncio.Future):
                    if not waiter.done():
                        waiter.get_loop().call_soon_threadsafe(self._hand, waiter, ledger)
                        return
                elif waiter.set_running_or_notify_cancel():
                    waiter.set_result(ledger)
                    return
            self._free.append(ledger)

    def _hand(self, waiter: asyncio.Future, ledger) -> None:
        if waiter.done():  # the request went away meanwhile
            self.release(ledger)
        else:
            waiter.set_result(ledger)

    @contextmanager
    def borrow(self, timeout: float = 60):
        """For worker threads (CSV chunks, ingest jobs): waits at most `timeout` seconds."""
        if not self._opened:
            self.open()
        with self._lock:
            waiter = None if self._free else Future()
            ledger = self._free.popleft() if waiter is None else None
            if waiter is not None:
                self._waiters.append(waiter)
        if waiter is not None:
            try:
                ledger = waiter.result(timeout)
            except FutureTimeout:
                if waiter.cancel():
                    raise HTTPException(503, "the server is busy; try again shortly") from None
                ledger = waiter.result()
        try:
            yield ledger
        finally:
            self.release(ledger)

    def close(self) -> None:
        with self._lock:
            for ledger in self._opened:
                ledger.close()
            self._opened.clear()
            self._free.clear()


class BodyTooLarge(Exception):
    pass


class Guard:
    """Plain ASGI middleware, ahead of any body parsing: rejects write requests to the API without
    the token, bodies over the size limit (declared or streamed), NUL bytes in URLs (PostgreSQL
    refuses them in text), and adds security headers to every response."""

    def __init__(self, app, token: str | None, max_bytes: int):
        self.app, self.token, self.max_bytes = app, token, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            return await _reply(
                send, 422, "the address holds a NUL character, which no parameter may contain"
            )
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            if scope["path"].startswith("/api/") and not token_ok(self.token, request_token(headers)):
                return await _reply(send, 401, unauthorized(self.token), {"www-authenticate": "Bearer"})
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                return await _reply(send, 413, too_large(self.max_bytes))
            receive = _counting(receive, self.max_bytes)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in have
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _counting(receive, limit: int):
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise BodyTooLarge
        return message

    return wrapped


async def _reply(send, status: int, detail: str, headers: dict | None = None) -> None:
    response = JSONResponse(
        {"detail": detail}, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})}
    )
    await response({"type": "http"}, None, send)


def request_token(headers: dict) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-onrecord-token")


def token_ok(expected: str | None, given: str | None) -> bool:
    """No token configured means writes are off: there is nothing a client could present."""
    return bool(expected and given) and hmac.compare_digest(expected.encode(), given.encode())


def unauthorized(token: str | None) -> str:
    if not token:
        return "writes are disabled: start the server with ONRECORD_TOKEN set to allow them"
    return "this needs the server's token (Authorization: Bearer TOKEN)"


def too_large(limit: int) -> str:
    return f"the upload is too large: the limit is {limit // 1_000_000} MB per request"


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True)
    env.filters["http_only"] = http_only
    env.globals.update(stance_class=stance_class, in_sentence=in_sentence, stances=STANCES)
    return Jinja2Templates(env=env)


def http_only(url: str | None) -> str:
    """Links out only to web pages: a stored URL like `javascript:...` must never become a link."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else ""


def create_app(db_url: str | os.PathLike, token: str | None = None, *, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               extract=None) -> FastAPI:  # fmt: skip
    """The app over the ledger at `db_url` (a SQLite path or a postgresql:// URL). `token` guards every
    write; without one the server is read-only. `extract` replaces the spaCy extractor for ingest jobs."""
    url = str(db_url)
    with open_ledger(url):  # fail now, with the ledger's own message, not on the first request
        pass
    ledgers = Ledgers(url)
    jobs = Jobs(ledgers, extract=extract)

    @asynccontextmanager
    async def lifespan(app):
        ledgers.open()
        yield
        jobs.close()
        ledgers.close()

    app = FastAPI(
        title="onrecord",
        version="0.1.0",
        summary="Who said what, when: the statement ledger, its people, topics and findings.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load their scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.ledgers, app.state.jobs, app.state.token = ledgers, jobs, token
    app.state.max_upload_bytes = max_upload_bytes
    app.state.templates = templates()
    app.add_middleware(Guard, token=token, max_bytes=max_upload_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handlers(app)

    from onrecord.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "detail": detail}, status_code=status
    )


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return error_page(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return error_page(request, 400, "; ".join(problems))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge):
        return JSONResponse({"detail": too_large(request.app.state.max_upload_bytes)}, status_code=413)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        error_id = uuid.uuid4().hex[:12]
        log.error("error %s on %s %s", error_id, request.method, request.url.path, exc_info=exc)
        detail = f"internal error (id {error_id}); the details are in the server log"
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=500)
        return error_page(request, 500, detail)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str | os.PathLike, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the server until interrupted. Refuses a non-loopback address without a token: a server
    others can reach must have its writes guarded, not merely switched off by accident."""
    import uvicorn

    token = token or os.environ.get("ONRECORD_TOKEN") or None
    if not is_loopback(host) and not token:
        raise ServeRefused(
            f"refusing to listen on {host} without a token: set ONRECORD_TOKEN (writes need it), "
            "or serve on 127.0.0.1"
        )
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
