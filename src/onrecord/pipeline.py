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

    def outcome(self) -> str:
        """What the run added, as `ingest` and `load` print it."""
        return (
            f"{self.new} new, {self.already_present} already present, {self.duplicates} wire duplicates, "
            f"{self.statements} statements added, {len(self.problems)} problems"
        )

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
    findings: bool = True,
    people: list[dict] | None = None,
    stance=None,
) -> IngestReport:
    """Read files and folders into `ledger`. `published`/`outlet` fill in what inputs lack; a
    `published` that is not a date raises ValueError before anything is read. `stance` is a backend
    from `positions.backends` (None: the default reading)."""
    from onrecord.sources import normalize_date

    if published and normalize_date(published) is None:
        raise ValueError(f"cannot read the date {published!r}; use YYYY-MM-DD")
    items = _read_all(paths, published, outlet)
    return ingest_items(
        items, ledger, nlp=nlp, progress=progress, extract=extract, findings=findings, people=people,
        stance=stance,
    )  # fmt: skip


def ingest_items(
    items: Iterable[Article | Problem],
    ledger,
    nlp=None,
    progress: Callable[[IngestReport], None] | None = None,
    extract: Extractor | None = None,
    findings: bool = True,
    people: list[dict] | None = None,
    stance=None,
) -> IngestReport:
    """Articles (and problems) from any reader into `ledger`, as one logged run. `extract` replaces
    the spaCy extractor (tests, other models); it must yield each article it takes, in order.
    With `findings`, each article's positions and findings are derived and stored with it."""
    run = _Run(ledger, progress or (lambda report: None), findings, people, stance)
    if extract is None:
        from onrecord.extract import extract_many

        def extract(articles):
            return extract_many(articles, nlp=nlp, batch_size=BATCH_SIZE)

    run_id = ledger.start_run()
    try:
        articles = run.fresh(items)
        first = next(articles, None)  # nothing new (a re-run): the model is never loaded
        if first is not None:
            run.extract_all(extract, chain([first], articles))
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
    """One ingest run's state: what the extractor holds but has not returned yet (`pending`), so a
    failure can be pinned on one article and same-batch copies of a story are still caught."""

    def __init__(
        self,
        ledger,
        progress: Callable[[IngestReport], None],
        findings: bool,
        people: list[dict] | None,
        stance=None,
    ):
        self.ledger = ledger
        self.findings = findings  # derive positions and findings as each article is stored
        self.people = people  # people-file records: aliases and sides
        self.stance = stance  # a stance backend, or None for the default reading
        self.progress = progress
        self.report = IngestReport()
        # handed to the extractor, not yet stored, in order; with `stored` at the duplicate check
        self.pending: deque[tuple[Article, int]] = deque()
        self.in_flight: Counter[str] = Counter()  # content hashes of `pending`
        self.stored = 0
        self.fatal: BaseException | None = None

    def problem(self, source: str, reason: str) -> None:
        self.ledger.record_problem(source, reason)
        self.report.problems.append((source, reason))
        self._progress()

    def _progress(self) -> None:
        self.report.tick()
        self.progress(self.report)

    def fresh(self, items: Iterable[Article | Problem]) -> Iterator[Article]:
        """Articles that need extracting; known ones are counted, wire duplicates stored at once."""
        try:
            for item in items:
                if isinstance(item, Problem):
                    self.problem(item.source, item.reason)
                elif self._needs_extraction(item):
                    yield item
        except Exception as e:  # the ledger failing is fatal, not the article the extractor was on
            self.fatal = e
            raise

    def _needs_extraction(self, article: Article) -> bool:
        self.report.read += 1
        digest = article.content_hash
        if self.in_flight[digest] or self.ledger.has_content(digest):
            self.report.already_present += 1
            self._progress()
            return False
        original = self.ledger.find_wire_duplicate(article)
        if original:
            self._store(article, [], duplicate_of=original)
            return False
        self.pending.append((article, self.stored))
        self.in_flight[digest] += 1
        return True

    def extract_all(self, extract: Extractor, articles: Iterator[Article]) -> None:
        """Store what the extractor yields. When a batch fails, its articles are extracted one by
        one, so only the article that breaks the extractor becomes a Problem; then on to the rest."""
        while True:
            try:
                for article, statements in extract(articles):
                    self._done(article, statements)
                while self.pending:
                    self.problem(_where(self._release()), "extraction returned nothing for this article")
                return
            except Exception:
                if self.fatal is not None or not self.pending:
                    raise
                for article in [a for a, _ in self.pending]:
                    try:
                        for got, statements in extract([article]):
                            self._done(got, statements)
                    except Exception as e:
                        self._release()
                        self.problem(_where(article), f"extraction failed: {type(e).__name__}: {e}")

    def _release(self) -> Article:
        article, _ = self.pending.popleft()
        digest = article.content_hash
        self.in_flight[digest] -= 1
        if not self.in_flight[digest]:
            del self.in_flight[digest]
        return article

    def _done(self, article: Article, statements: list) -> None:
        # the extractor keeps order: articles before this one in `pending` were dropped by it
        while self.pending and not _same(self.pending[0][0], article):
            self.problem(_where(self._release()), "extraction returned nothing for this article")
        checked = self.pending[0][1] if self.pending else self.stored
        if self.pending:
            self._release()
        # an article stored since the check (same batch) may be this story's original
        original = self.ledger.find_wire_duplicate(article) if self.stored > checked else None
        if original:
            self._store(article, [], duplicate_of=original)
        else:
            self._store(article, statements)

    def _store(self, article: Article, statements: list, duplicate_of: str | None = None) -> None:
        then = None
        if statements and self.findings:
            from onrecord.findings.ledger import record_article
            from onrecord.positions import assign_positions

            # sets topic and stance before they are stored
            positions = assign_positions(statements, backend=self.stance, article_text=article.text)

            def then(person_ids):
                record_article(self.ledger, statements, positions, article.published, person_ids, self.people)

        try:
            added = self.ledger.add_article(article, statements, duplicate_of=duplicate_of, then=then)
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


def _same(a: Article, b: Article) -> bool:
    return a is b or (a.id == b.id and a.text == b.text)


def _where(article: Article) -> str:
    return article.source or article.id
