"""The Parquet ledger without Spark: the per-partition extraction written with pyarrow and read
back by `load` gives the ledger `onrecord ingest` gives; loading is idempotent and order-safe."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import onrecord.extract
from onrecord.model import Article, Problem
from onrecord.parquet import COLUMNS, ParquetLedgerError, arrow_schema, load, read_extracted
from onrecord.pipeline import ingest
from onrecord.spark.inputs import resolve_inputs
from onrecord.spark.partition import extract_partition, extract_safely
from onrecord.store import open_ledger

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"


def write_ledger(root: Path, rows: list[tuple[str, tuple]], reverse_files: bool = False) -> Path:
    """Rows as Spark would write them: one file per input, named in input order (or reversed)."""
    by_input: dict[str, dict[int, list[tuple]]] = {t: {} for t in COLUMNS}
    for table, values in rows:
        by_input[table].setdefault(values[0], []).append(values)
    for table, groups in by_input.items():
        (root / table).mkdir(parents=True, exist_ok=True)
        order = sorted(groups, reverse=reverse_files)
        for n, input_index in enumerate(order):
            names = [name for name, _ in COLUMNS[table]]
            columns = list(zip(*groups[input_index], strict=True))
            data = pa.table(dict(zip(names, columns, strict=True)), schema=arrow_schema(table))
            pq.write_table(data, root / table / f"part-{n:05d}.parquet")
        (root / table / "_SUCCESS").write_text("")
    return root


def ledger_contents(led) -> tuple[list[dict], dict, list[tuple]]:
    findings = sorted((f["id"], f["type"], f["statements"]) for f in led.iter_findings())
    return list(led.iter_statements()), led.counts(), findings


@pytest.fixture(scope="module")
def demo_rows():
    return list(extract_partition(enumerate(resolve_inputs(str(DEMO)))))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    with open_ledger(tmp_path_factory.mktemp("ingest") / "ledger.db") as led:
        ingest([str(DEMO)], led)
        return ledger_contents(led)


@pytest.mark.parametrize("reverse_files", [False, True], ids=["files-in-order", "files-out-of-order"])
def test_partition_then_load_gives_the_ingest_ledger(tmp_path, demo_rows, ingested, reverse_files):
    root = write_ledger(tmp_path / "ledger.parquet", demo_rows, reverse_files)
    with open_ledger(tmp_path / "loaded.db") as led:
        report = load(root, led)
        assert report.duplicates == 1  # the demo's wire story, stored once with statements
        statements, counts, findings = ledger_contents(led)
    assert counts == ingested[1]
    assert statements == ingested[0]
    assert findings == ingested[2]
    assert len(statements) > 20


def test_loading_twice_changes_nothing(tmp_path, demo_rows):
    root = write_ledger(tmp_path / "ledger.parquet", demo_rows)
    with open_ledger(tmp_path / "loaded.db") as led:
        load(root, led)
        before = ledger_contents(led)
        again = load(root, led)
        assert (again.new, again.statements, again.already_present) == (0, 0, before[1]["articles"])
        assert ledger_contents(led) == before


def test_rows_carry_flat_speaker_columns(demo_rows):
    names = [name for name, _ in COLUMNS["statements"]]
    rows = [dict(zip(names, values, strict=True)) for table, values in demo_rows if table == "statements"]
    marsh = [r for r in rows if r["speaker_name"] == "Helen Marsh"]
    assert marsh and all(r["speaker_kind"] == "person" and r["speaker_anonymous"] is False for r in marsh)
    assert any(r["speaker_anonymous"] for r in rows)  # the demo's unnamed aides and officials
    assert all(r["id"].startswith("s_") and r["end"] > r["start"] for r in rows)


def test_load_refuses_what_is_not_a_parquet_ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as led:
        with pytest.raises(ParquetLedgerError, match="no such folder"):
            load(tmp_path / "missing.parquet", led)
        (tmp_path / "empty.parquet").mkdir()
        with pytest.raises(ParquetLedgerError, match="no articles/ folder"):
            load(tmp_path / "empty.parquet", led)
        (tmp_path / "other.parquet" / "articles").mkdir(parents=True)
        pq.write_table(pa.table({"id": ["a"]}), tmp_path / "other.parquet" / "articles" / "part-0.parquet")
        with pytest.raises(ParquetLedgerError, match="missing columns .*content_hash"):
            load(tmp_path / "other.parquet", led)
        (tmp_path / "other.parquet" / "articles" / "part-0.parquet").write_bytes(b"not parquet at all")
        with pytest.raises(ParquetLedgerError, match="not a readable Parquet file"):
            load(tmp_path / "other.parquet", led)
        assert led.counts()["articles"] == 0


def test_statement_without_its_article_is_reported(tmp_path, demo_rows):
    first_article = next(values for table, values in demo_rows if table == "articles")
    rows = [(t, v) for t, v in demo_rows if not (t == "articles" and v == first_article)]
    items = list(read_extracted(write_ledger(tmp_path / "ledger.parquet", rows)))
    orphans = [i for i in items if isinstance(i, Problem)]
    assert orphans and all(p.reason == "statement without its article in the Parquet ledger" for p in orphans)
    assert first_article[2] not in {i[0].id for i in items if not isinstance(i, Problem)}


def test_extraction_failure_costs_only_that_article(monkeypatch):
    def extract_many(articles, nlp=None, batch_size=32):
        for a in articles:
            if a.id == "bad":
                raise RuntimeError("tagger broke")
            yield a, []

    monkeypatch.setattr(onrecord.extract, "extract_many", extract_many)
    articles = [Article(id=i, text=f"Text of {i}.") for i in ("one", "bad", "three")]
    results = list(extract_safely(articles, nlp=object()))
    assert [a.id for a, _ in results] == ["one", "bad", "three"]
    assert results[0][1] == [] and results[2][1] == []
    assert results[1][1] == Problem("bad", "extraction failed: RuntimeError: tagger broke")
