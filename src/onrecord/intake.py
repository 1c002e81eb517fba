"""Articles that arrive as records rather than files: the feed watcher's pages and `onrecord load`'s
Parquet rows. They go through the same steps as `pipeline.ingest` (skip known text, store wire
duplicates without statements, one transaction per article), so the ledger ends up the same
whichever way an article came in. The Spark job extracts with `extract_safely` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from onrecord.model import Article, Problem, Statement
from onrecord.pipeline import BATCH_SIZE, IngestReport

Extracted = tuple[Article, "list[Statement] | Problem"]


def extract_safely(
    articles: Iterable[Article], nlp=None, batch_size: int = BATCH_SIZE
) -> Iterator[Extracted]:
    """`extract_many` in batches; when a batch fails, its articles are tried one by one, so only the
    article that breaks the extractor becomes a Problem. One result per article, in order."""
    from onrecord.extract import load_nlp

    nlp = nlp or load_nlp()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == batch_size:
            yield from _extract_batch(batch, nlp)
            batch = []
    if batch:
        yield from _extract_batch(batch, nlp)


def _extract_batch(batch: list[Article], nlp) -> Iterator[Extracted]:
    from onrecord.extract import extract_many

    try:
        done = list(extract_many(batch, nlp=nlp, batch_size=len(batch)))
        if len(done) == len(batch) and all(a is b for (a, _), b in zip(done, batch, strict=True)):
            yield from done
            return
    except Exception:
        pass  # retried article by article below
    for article in batch:
        try:
            [(_, statements)] = list(extract_many([article], nlp=nlp))
            yield article, statements
        except Exception as e:
            yield article, Problem(where(article), f"extraction failed: {type(e).__name__}: {e}")


def ingest_records(
    items: Iterable[Article | Problem], ledger, nlp=None, report: IngestReport | None = None
) -> IngestReport:
    """Extract and store articles that are not in the ledger yet; problems are recorded."""
    report = report or IngestReport()
    fresh = (a for a in _count(items, ledger, report) if _is_new(a, ledger, report))
    return store_extracted(extract_safely(fresh, nlp), ledger, report, counted=True)


def store_extracted(
    items: Iterable[Extracted | Problem], ledger, report: IngestReport | None = None, counted: bool = False
) -> IngestReport:
    """Store (article, statements) pairs already extracted, in order, as ingest would.

    `counted` says the articles were counted as read already (by `ingest_records`).
    """
    report = report or IngestReport()
    for item in items:
        if isinstance(item, Problem):
            _problem(ledger, report, item)
            continue
        article, statements = item
        if not counted:
            report.read += 1
        if isinstance(statements, Problem):
            _problem(ledger, report, statements)
            continue
        _store(article, statements, ledger, report)
    report.tick()
    return report


def _count(items: Iterable[Article | Problem], ledger, report: IngestReport) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Problem):
            _problem(ledger, report, item)
        else:
            report.read += 1
            yield item


def _is_new(article: Article, ledger, report: IngestReport) -> bool:
    if ledger.has_content(article.content_hash):
        report.already_present += 1
        return False
    return True


def _store(article: Article, statements: list[Statement], ledger, report: IngestReport) -> None:
    # an article stored earlier in this run may be this story's original (or the same text)
    if ledger.has_content(article.content_hash):
        report.already_present += 1
        return
    original = ledger.find_wire_duplicate(article)
    try:
        added = ledger.add_article(article, [] if original else statements, duplicate_of=original)
    except Exception as e:
        _problem(ledger, report, Problem(where(article), f"could not be stored: {type(e).__name__}: {e}"))
        return
    if not added:
        reason = f"article id {article.id!r} is already used by a different text"
        _problem(ledger, report, Problem(where(article), reason))
        return
    report.new += 1
    if original:
        report.duplicates += 1
    else:
        report.statements += len(statements)


def _problem(ledger, report: IngestReport, problem: Problem) -> None:
    ledger.record_problem(problem.source, problem.reason)
    report.problems.append((problem.source, problem.reason))


def where(article: Article) -> str:
    return article.source or article.id
