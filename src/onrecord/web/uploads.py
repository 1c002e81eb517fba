"""An ingest request's inputs, checked and written to a temporary folder for the pipeline: uploaded
files, pasted text (article text, article JSONL or an RSS/Atom feed) and a list of URLs to fetch.

Refusals are 4xx with the reason: a wrong file type (415), too much data (413), nothing to ingest
or a bad field (400). Names come from the client, so only a safe base name is ever used.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from onrecord.sources import normalize_date

SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".xml", ".rss", ".atom",
            ".warc", ".warc.gz", ".jsonl.gz", ".ndjson.gz")  # fmt: skip
TEXT_SUFFIXES = SUFFIXES[:10]  # the rest are WARC or compressed: binary by nature
MAX_FILES = 200
MAX_URLS = 100
READ = 1 << 16


@dataclass
class Inputs:
    folder: Path
    files: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    token: str | None = None  # from an HTML form, which cannot set headers


def suffix_of(name: str) -> str | None:
    low = name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if low.endswith(s)), None)


def safe_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{n}-{base}"
    taken.add(candidate)
    return candidate


def pasted_name(text: str) -> str:
    """What pasted text is, by its first characters: a feed, article JSONL, or one article's text. The
    name carries a hash of the text, as a .txt file's name becomes its article's id."""
    head = text.lstrip()[:400].lower()
    stem = "pasted-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
        return stem + ".xml"
    if head.startswith("{"):
        return stem + ".jsonl"
    if head.startswith("<"):
        return stem + ".html"
    return stem + ".txt"


def urls_of(text: str) -> list[str]:
    urls = [u.strip() for u in text.split() if u.strip()]
    bad = [u for u in urls if not re.match(r"^https?://[^\s/]+", u)]
    if bad:
        raise HTTPException(400, f"not an http(s) URL: {bad[0][:200]!r}")
    if len(urls) > MAX_URLS:
        raise HTTPException(400, f"too many URLs ({len(urls)}); the limit is {MAX_URLS} per request")
    return urls


async def read_inputs(request: Request, folder: Path, max_bytes: int) -> Inputs:
    """The form's inputs saved under `folder`; on any refusal the folder is removed."""
    try:
        return await _read(request, folder, max_bytes)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


async def _read(request: Request, folder: Path, max_bytes: int) -> Inputs:
    if not request.headers.get("content-type", "").startswith(
        ("multipart/form-data", "application/x-www-form")
    ):
        raise HTTPException(415, "send the inputs as multipart/form-data (fields: files, text, urls)")
    form = await request.form(max_files=MAX_FILES, max_fields=50, max_part_size=max_bytes)
    inputs = Inputs(folder=folder, token=_field(form, "token"))
    published = _field(form, "published")
    if published:
        inputs.published = normalize_date(published)
        if inputs.published is None:
            raise HTTPException(400, f"cannot read the date {published[:40]!r}; use YYYY-MM-DD")
    inputs.outlet = (_field(form, "outlet") or "")[:200] or None
    taken: set[str] = set()
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue  # an empty file input in a browser form
        if suffix_of(upload.filename) is None:
            raise HTTPException(
                415, f"{upload.filename[:200]!r}: unsupported file type; readable: {', '.join(SUFFIXES)}"
            )
        name = safe_name(upload.filename, taken)
        await _save(upload, folder / name)
        inputs.files.append(name)
    text = _field(form, "text")
    if text and text.strip():
        name = safe_name(pasted_name(text), taken)
        (folder / name).write_text(text, encoding="utf-8")
        inputs.files.append(name)
    inputs.urls = urls_of(_field(form, "urls") or "")
    if not inputs.files and not inputs.urls:
        raise HTTPException(400, "nothing to ingest: send files, pasted text or URLs")
    return inputs


def _field(form, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


async def _save(upload: UploadFile, path: Path) -> None:
    """Copies the upload, refusing binary content where text is expected (compressed inputs aside)."""
    first = True
    with path.open("wb") as out:
        while chunk := await upload.read(READ):
            if first and suffix_of(path.name) in TEXT_SUFFIXES and b"\x00" in chunk[:8192]:
                raise HTTPException(
                    415, f"{upload.filename[:200]!r} is binary, not a text, HTML, JSONL or feed file"
                )
            first = False
            out.write(chunk)
