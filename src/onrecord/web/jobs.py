"""Ingest jobs started from the web: uploads land in a temporary folder, one worker thread runs the
pipeline over them with a ledger of its own, and the job's progress is readable while it runs.

One worker, because the ledger takes one writer at a time anyway; later jobs wait their turn. The
worker borrows a connection from the app's pool for the job's length.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.web.fetch import fetch_urls

log = logging.getLogger("onrecord.web")
KEEP = 200  # finished jobs remembered for their progress pages


@dataclass
class Job:
    id: str
    files: list[str]
    urls: list[str] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed
    counts: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "state": self.state,
            "files": self.files,
            "urls": self.urls,
            "counts": self.counts,
            "problems": self.problems,
            "error": self.error,
        }


class Jobs:
    def __init__(self, ledgers, extract=None):
        self.ledgers = ledgers
        self.extract = extract  # the pipeline's extractor override (tests); None: spaCy
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None  # started with the first job, again after close()

    def folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="onrecord-upload-"))

    def start(self, folder: Path, files: list[str], urls: list[str], published: str | None,
              outlet: str | None) -> Job:  # fmt: skip
        job = Job(id=uuid.uuid4().hex[:16], files=files, urls=urls)
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP]:
                del self._jobs[old]
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onrecord-ingest")
            self._pool.submit(self._run, job, folder, published, outlet)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, folder: Path, published: str | None, outlet: str | None) -> None:
        from onrecord.pipeline import ingest

        job.state = "running"
        fetched: list[tuple[str, str]] = []

        def progress(report) -> None:
            job.counts = report.counts()
            job.problems = [
                {"source": _name(s, folder), "reason": r} for s, r in [*fetched, *report.problems]
            ]

        try:
            fetched = fetch_urls(job.urls, folder) if job.urls else []
            with self.ledgers.borrow() as ledger:
                report = ingest(
                    [str(folder)], ledger, published=published, outlet=outlet, progress=progress,
                    extract=self.extract,
                )  # fmt: skip
            progress(report)
            job.state = "done"
        except Exception:  # the job fails, the server goes on; the reason stays in the log
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", "the ingest stopped on an internal error (see the server log)"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _name(source: str, folder: Path) -> str:
    """A problem's source as the user named it: the upload's name, not the server's temp path."""
    return source.replace(str(folder) + "/", "")
