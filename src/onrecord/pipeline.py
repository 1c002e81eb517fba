"""Ingest: read inputs, skip what the ledger holds, extract in batches, store article by article.

Each article is stored in its own transaction, so a run killed half-way leaves a consistent ledger
and the next run resumes by skipping what is already there. Articles stream through: only the
batch spaCy is working on is held in memory, never the whole archive.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from onrecord.model import Article, Problem

BATCH_SIZE = 32


@dataclass
class IngestReport:
    """What one run did; `read` counts articles read, problems are counted apart."""

    read: int = 0
    new: int = 0
    already_present: int = 0  # in the ledger before, or repeated earlier in this run
    duplicates: int = 0  # wire stories stored as duplicate_of another article, not extracted
    statements: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def tick(self) -> None:
        self.seconds = time.monotonic() - self.started

    def counts(self) -> dict:
        return {
            "read": self.read,
            "new": self.new,
            "already_present": self.already_present,
            "duplicates": self.duplicates,
            "statements": self.statements,
            "problems": len(self.problems),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
        }


Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list]]]


def ingest(
    paths: Sequence[str | Path],
    ledger,
    published: str | None = None,
    outlet: str | None = None,
    nlp=None,
    progress: Callable[[IngestReport], None] | None = None,
    extract: Extractor | None = None,
) -> IngestReport:
    """Read `paths` into `ledger`. `extract` replaces the spaCy extractor (tests, other models)."""
    run = _Run(ledger, progress or (lambda report: None))
    if extract is None:
        from onrecord.extract import extract_many

        def extract(articles):
            return extract_many(articles, nlp=nlp, batch_size=BATCH_SIZE)

    run_id = ledger.start_run()
    try:
        run.extract_all(extract, run.fresh(_read_all(paths, published, outlet)))
    finally:
        run.report.tick()
        ledger.finish_run(run_id, run.report.counts())
    return run.report


def _read_all(paths, published, outlet) -> Iterator[Article | Problem]:
    """Inputs one path at a time, so a reader that breaks on one path costs only that path."""
    from onrecord.sources import read_inputs

    for path in paths:
        try:
            yield from read_inputs([path], published=published, outlet=outlet)
        except Exception as e:  # a reader bug must not end the run
            yield Problem(str(path), f"could not be read: {type(e).__name__}: {e}")


class _Run:
    def __init__(self, ledger, progress: Callable[[IngestReport], None]):
        self.ledger = ledger
        self.progress = progress
        self.report = IngestReport()
        self.pending: deque[Article] = deque()  # handed to the extractor, not yet stored, in order
        self.in_flight: Counter[str] = Counter()  # content hashes of `pending`
        self.stored = 0  # articles stored so far, to know when a duplicate check may be stale
        self.checked_at: dict[int, int] = {}  # id(article) -> self.stored when it was checked

    def problem(self, source: str, reason: str) -> None:
        self.ledger.record_problem(source, reason)
        self.report.problems.append((source, reason))
        self._progress()

    def _progress(self) -> None:
        self.report.tick()
        self.progress(self.report)

    def fresh(self, items: Iterable[Article | Problem]) -> Iterator[Article]:
        """Articles that need extracting; known ones are counted, wire duplicates stored at once."""
        for item in items:
            if isinstance(item, Problem):
                self.problem(item.source, item.reason)
                continue
            self.report.read += 1
            digest = item.content_hash
            if self.in_flight[digest] or self.ledger.has_content(digest):
                self.report.already_present += 1
                self._progress()
                continue
            original = self.ledger.find_wire_duplicate(item)
            if original:
                self._store(item, [], duplicate_of=original)
                continue
            self.pending.append(item)
            self.in_flight[digest] += 1
            self.checked_at[id(item)] = self.stored
            yield item

    def extract_all(self, extract: Extractor, articles: Iterator[Article]) -> None:
        """Store what the extractor yields; when it fails, the article it was on becomes a Problem
        and extraction restarts on the rest (those it had taken but not yet yielded included)."""
        source: Iterator[Article] = articles
        while True:
            try:
                for article, statements in extract(source):
                    self._done(article, statements)
                return
            except Exception as e:
                if not self.pending:
                    raise  # the failure is not in an article: nothing to skip past
                failed = self._release(self.pending[0])
                self.problem(_where(failed), f"extraction failed: {type(e).__name__}: {e}")
                source = chain(list(self.pending), articles)
                self._requeue()

    def _requeue(self) -> None:
        """The pending articles are fed again; `fresh` will not see them, so forget them here and
        let `_feed` re-register them as the new extractor takes them."""

    def _release(self, article: Article) -> Article:
        self.pending.remove(article)
        digest = article.content_hash
        self.in_flight[digest] -= 1
        if not self.in_flight[digest]:
            del self.in_flight[digest]
        self.checked_at.pop(id(article), None)
        return article

    def _done(self, article: Article, statements: list) -> None:
        # the extractor keeps order; anything before this article in `pending` was lost by it
        while self.pending and self.pending[0] is not article:
            lost = self._release(self.pending[0])
            self.problem(_where(lost), "extraction returned nothing for this article")
        checked = self.checked_at.get(id(article), self.stored)
        self._release(article) if self.pending else None
        original = self.ledger.find_wire_duplicate(article) if self.stored > checked else None
        if original:
            self._store(article, [], duplicate_of=original)
        else:
            self._store(article, statements)

    def _store(self, article: Article, statements: list, duplicate_of: str | None = None) -> None:
        try:
            added = self.ledger.add_article(article, statements, duplicate_of=duplicate_of)
        except Exception as e:
            self.problem(_where(article), f"could not be stored: {type(e).__name__}: {e}")
            return
        if not added:
            self.problem(_where(article), f"article id {article.id!r} is already used by a different text")
            return
        self.stored += 1
        self.report.new += 1
        if duplicate_of:
            self.report.duplicates += 1
        else:
            self.report.statements += len(statements)
        self._progress()


def _where(article: Article) -> str:
    return article.source or article.id
