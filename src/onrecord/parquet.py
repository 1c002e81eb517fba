"""The Parquet form of extracted articles: what `onrecord spark` writes and `onrecord load` reads.

A ledger directory holds one folder per table (`articles/`, `statements/`, `problems/`, `counts/`),
each a set of Parquet files with flat columns, so DuckDB, pandas or Spark read it without onrecord.
Rows carry the input's index and the item's position in it: loading in that order gives the ledger
`onrecord ingest` would build from the same inputs (which copy of a wire story is the original
depends on order). Needs pyarrow only, never pyspark.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

from onrecord.model import Article, Problem, Speaker, Statement
from onrecord.pipeline import IngestReport, ingest_items
from onrecord.sources import WarcCounts

# (column, type): string | long | bool | strings (a list of strings)
ARTICLE_FIELDS = ("id", "title", "outlet", "published", "url", "source")
STATEMENT_FIELDS = (
    "article_id text kind start end cue venue date date_precision date_text sentence sentence_start "
    "speaker_start speaker_end topic stance"
).split()
_LONGS = {"start", "end", "sentence_start", "speaker_start", "speaker_end"}
KEY = [("input_index", "long"), ("item_index", "long")]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        *KEY,
        *[(f, "string") for f in ARTICLE_FIELDS],
        ("content_hash", "string"),
        ("text", "string"),
    ],
    "statements": [
        *KEY,
        ("statement_index", "long"),
        ("id", "string"),
        *[(f, "long" if f in _LONGS else "string") for f in STATEMENT_FIELDS],
        ("speaker_name", "string"),
        ("speaker_role", "string"),
        ("speaker_anonymous", "bool"),
        ("speaker_kind", "string"),
        ("speaker_affiliation", "string"),
        ("speaker_forms", "strings"),
    ],
    "problems": [*KEY, ("source", "string"), ("reason", "string")],
    "counts": [
        ("input_index", "long"),
        ("input_path", "string"),
        *[(f, "long") for f in WarcCounts.__dataclass_fields__],
    ],
}


class ParquetLedgerError(ValueError):
    """The path is not a Parquet ledger onrecord can load; the message says why."""


def arrow_schema(table: str):
    import pyarrow as pa

    types = {"string": pa.string(), "long": pa.int64(), "bool": pa.bool_(), "strings": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])


# -- records -> rows (the Spark job) ------------------------------------------------------------
def article_row(input_index: int, item_index: int, article: Article) -> tuple:
    values = [getattr(article, f) for f in ARTICLE_FIELDS]
    return (input_index, item_index, *values, article.content_hash, article.text)


def statement_rows(input_index: int, item_index: int, statements: list[Statement]) -> list[tuple]:
    rows = []
    for n, st in enumerate(statements):
        sp = st.speaker
        values = [getattr(st, f) for f in STATEMENT_FIELDS]
        speaker = [sp.name, sp.role, bool(sp.anonymous), sp.kind, sp.affiliation, list(sp.forms)]
        rows.append((input_index, item_index, n, st.id, *values, *speaker))
    return rows


def problem_row(input_index: int, item_index: int, problem: Problem) -> tuple:
    return (input_index, item_index, problem.source, problem.reason)


def counts_row(input_index: int, path: str, counts: WarcCounts) -> tuple:
    return (input_index, path, *(getattr(counts, f) for f in WarcCounts.__dataclass_fields__))


# -- rows -> records (`onrecord load`) ----------------------------------------------------------
def article_from_row(row: dict) -> Article:
    return Article(text=row["text"], **{f: row[f] for f in ARTICLE_FIELDS})


def statement_from_row(row: dict) -> Statement:
    speaker = Speaker(
        name=row["speaker_name"],
        role=row["speaker_role"],
        anonymous=bool(row["speaker_anonymous"]),
        affiliation=row["speaker_affiliation"],
        kind=row["speaker_kind"] or "person",
        forms=list(row["speaker_forms"] or []),
    )
    return Statement(speaker=speaker, **{f: row[f] for f in STATEMENT_FIELDS})


def check_layout(path: str | Path) -> Path:
    """The ledger's folder, or a clear error before anything is loaded."""
    root = Path(path)
    if not root.is_dir():
        raise ParquetLedgerError(f"{root}: no such folder (expected the output of `onrecord spark`)")
    if not (root / "articles").is_dir():
        raise ParquetLedgerError(f"{root}: no articles/ folder inside; not a Parquet ledger")
    for table in ("articles", "statements", "problems"):
        for f in _files(root / table):
            missing = {name for name, _ in COLUMNS[table]} - set(_column_names(f))
            if missing:
                raise ParquetLedgerError(f"{f}: missing columns {', '.join(sorted(missing))}")
    return root


def read_extracted(path: str | Path) -> Iterator[tuple[Article, list[Statement]] | Problem]:
    """Problems, then (article, statements) in input order, streaming file by file."""
    root = check_layout(path)
    for row in _rows(root / "problems", ["input_index", "item_index"]):
        yield Problem(row["source"], row["reason"])
    statements = _rows(root / "statements", ["input_index", "item_index", "statement_index"])
    pending = next(statements, None)
    for row in _rows(root / "articles", ["input_index", "item_index"]):
        key = (row["input_index"], row["item_index"])
        found: list[Statement] = []
        while pending is not None and (pending["input_index"], pending["item_index"]) <= key:
            if (pending["input_index"], pending["item_index"]) < key:
                yield Problem(str(pending["id"]), "statement without its article in the Parquet ledger")
            else:
                found.append(statement_from_row(pending))
            pending = next(statements, None)
        yield article_from_row(row), found  # a statement naming another article: add_article refuses
    while pending is not None:
        yield Problem(str(pending["id"]), "statement without its article in the Parquet ledger")
        pending = next(statements, None)


def read_counts(path: str | Path) -> WarcCounts:
    """What the WARC inputs held, summed over all of them."""
    total = WarcCounts()
    for row in _rows(Path(path) / "counts", ["input_index"]):
        total.add(WarcCounts(**{f: row[f] for f in WarcCounts.__dataclass_fields__}))
    return total


def load(path: str | Path, ledger, findings: bool = True, people: list[dict] | None = None) -> IngestReport:
    """Add a Parquet ledger to `ledger` through ingest's own path (`pipeline.ingest_items`), with
    the stored statements standing in for the extractor: text already there is skipped (loading
    twice changes nothing), wire duplicates are stored without statements, findings follow."""
    root = check_layout(path)
    queue: deque[tuple[Article, list[Statement]]] = deque()

    def articles() -> Iterator[Article | Problem]:
        for item in read_extracted(root):
            if isinstance(item, Problem):
                yield item
            else:
                queue.append(item)
                yield item[0]

    def extract(fresh):
        for article in fresh:  # in order; what ingest skipped is still at the head of the queue
            while queue[0][0] is not article:
                queue.popleft()
            yield queue.popleft()

    return ingest_items(articles(), ledger, extract=extract, findings=findings, people=people)


# -- files --------------------------------------------------------------------------------------
def _files(folder: Path) -> list[Path]:
    """Data files in name order (Spark's part-00000, part-00001, ...); its _SUCCESS and .crc skipped."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.rglob("*.parquet")
        if not any(s.startswith(("_", ".")) for s in p.relative_to(folder).parts)
    ]
    return sorted(found)


def _column_names(file: Path) -> list[str]:
    import pyarrow.parquet as pq

    try:
        return pq.read_schema(file).names
    except Exception as e:  # pyarrow raises several types for a damaged file
        raise ParquetLedgerError(f"{file}: not a readable Parquet file ({e})") from e


def _rows(folder: Path, keys: list[str]) -> Iterator[dict]:
    """Rows in key order: streamed when the files already are (Spark's output is), else sorted in memory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = _files(folder)
    if _in_order(files, keys):
        for f in files:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=1024):
                yield from batch.to_pylist()
        return
    table = pa.concat_tables([pq.read_table(f) for f in files], promote_options="default")
    for batch in table.sort_by([(k, "ascending") for k in keys]).to_batches(max_chunksize=1024):
        yield from batch.to_pylist()


def _in_order(files: list[Path], keys: list[str]) -> bool:
    import pyarrow.parquet as pq

    last = None
    for f in files:
        table = pq.read_table(f, columns=keys)
        for key in zip(*(table.column(k).to_pylist() for k in keys), strict=True):
            if last is not None and key < last:
                return False
            last = key
    return True
