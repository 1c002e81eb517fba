"""What one Spark task does with its share of the inputs, in plain Python (no pyspark here).

Each input is read by the same readers `onrecord ingest` uses and extracted by the same
`extract_many`, in the same batches of 32, with the spaCy pipeline loaded once per partition (and
cached by the worker process across partitions). Output rows are tagged with the table they
belong to.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from onrecord.model import Article, Problem, Statement
from onrecord.parquet import article_row, counts_row, problem_row, statement_rows
from onrecord.pipeline import BATCH_SIZE
from onrecord.sources import WarcCounts, iter_warc, read_inputs

Row = tuple[str, tuple]  # (table, values in parquet.COLUMNS order)


def extract_partition(inputs: Iterable[tuple[int, str]]) -> Iterator[Row]:
    """Rows for (input index, path) pairs; a broken input costs only itself."""
    from onrecord.extract import load_nlp

    nlp = load_nlp()
    for input_index, path in inputs:
        counts = WarcCounts()
        batch: list[tuple[int, Article]] = []
        for item_index, item in enumerate(_read(path, counts)):
            if isinstance(item, Problem):
                yield "problems", problem_row(input_index, item_index, item)
                continue
            batch.append((item_index, item))
            if len(batch) == BATCH_SIZE:
                yield from _extract(input_index, batch, nlp)
                batch = []
        yield from _extract(input_index, batch, nlp)
        if is_warc(path):
            yield "counts", counts_row(input_index, path, counts)


def _extract(input_index: int, batch: list[tuple[int, Article]], nlp) -> Iterator[Row]:
    results = extract_safely([a for _, a in batch], nlp)
    for (item_index, _), (article, statements) in zip(batch, results, strict=True):
        if isinstance(statements, Problem):
            yield "problems", problem_row(input_index, item_index, statements)
            continue
        yield "articles", article_row(input_index, item_index, article)
        for row in statement_rows(input_index, item_index, statements):
            yield "statements", row


def extract_safely(articles: list[Article], nlp) -> Iterator[tuple[Article, list[Statement] | Problem]]:
    """`extract_many` over one batch; when it fails, article by article, so only the article that
    breaks the extractor becomes a Problem (as in ingest). One result per article, in order."""
    from onrecord.extract import extract_many

    try:
        done = list(extract_many(articles, nlp=nlp, batch_size=BATCH_SIZE))
        if len(done) == len(articles) and all(a is b for (a, _), b in zip(done, articles, strict=True)):
            yield from done
            return
    except Exception:
        pass  # retried article by article below
    for article in articles:
        try:
            [(_, statements)] = list(extract_many([article], nlp=nlp))
            yield article, statements
        except Exception as e:
            reason = f"extraction failed: {type(e).__name__}: {e}"
            yield article, Problem(article.source or article.id, reason)


def is_warc(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz"))


def _read(path: str, counts: WarcCounts) -> Iterator[Article | Problem]:
    """Articles and problems of one input, as ingest reads them; a reader bug becomes a Problem."""
    try:
        with _local(path) as local:
            if is_warc(path):
                yield from iter_warc(local, counts)
                if counts.skipped:
                    yield Problem(path, counts.summary())
            else:
                yield from read_inputs([local])
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    except Exception as e:
        yield Problem(path, f"could not be read: {type(e).__name__}: {e}")


@contextmanager
def _local(path: str) -> Iterator[str]:
    """A local file for `path`: itself, or an http(s) download (the WARC reader needs to seek)."""
    if "://" not in path:
        yield path
        return
    if not path.lower().startswith(("http://", "https://")):
        raise OSError(f"only local paths and http(s) URLs are read, not {path.split('://')[0]}://")
    name = PurePosixPath(urlsplit(path).path).name or "input"
    with tempfile.TemporaryDirectory(prefix="onrecord-") as folder:
        local = os.path.join(folder, name)  # same name: a .txt article's id is its file name
        with urllib.request.urlopen(path, timeout=60) as response, open(local, "wb") as f:
            shutil.copyfileobj(response, f)
        yield local
