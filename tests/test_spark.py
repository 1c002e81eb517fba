"""`onrecord spark` in local mode on WARC files built here from our own pages, and the demo corpus
(plus ../shared seeds when present): Spark + load gives the ledger ingest gives, and the Parquet
reads in DuckDB and pandas without onrecord."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warc_helpers import warc_response

from onrecord.parquet import COLUMNS, load, read_counts
from onrecord.pipeline import ingest
from onrecord.spark.inputs import resolve_inputs
from onrecord.spark.job import run_spark
from onrecord.spark.partition import extract_partition
from onrecord.store import open_ledger

# pyspark's own check, on creating a DataFrame, that pandas is older than 3; onrecord does not use it
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds" / "articles.jsonl"

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>News | Sport | Weather</nav><article><h1>{title}</h1><p>{body}</p>
<p>Residents can read the full plan at the town hall, where copies will be kept until the vote
at the end of the month, and can send written comments to the clerk's office before then.</p>
</article></body></html>"""
STORIES = {
    "ferry": '"The ferry will run every hour from June," Lena Ortiz, the harbor master, said on Monday. '
    "She said the town had bought a second boat to keep the service going in the summer months.",
    "rink": 'Parks director Sam Okafor said the ice rink would "stay open until the end of March" this '
    "winter. He told the council that the new cooling system had cut the rink's power bill by a third.",
    "trail": '"We expect the trail to be finished by autumn," county engineer Maya Brandt told reporters. '
    "The trail will link the two villages along the old railway line that closed in the 1960s.",
}
FRENCH = (
    "<html lang='fr'><head><title>Pont</title></head><body><article><p>La maire Claire Dubois a dit lundi "
    "que le conseil votera la semaine prochaine sur le budget du pont et sur les travaux du port.</p>"
    "</article></body></html>"
)


def page(name: str) -> bytes:
    return PAGE.format(title=f"The {name} plan", body=STORIES[name]).encode()


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> Path:
    """A gzip WARC with two pages, an image, a French page and a damaged record; a plain one with one page."""
    folder = tmp_path_factory.mktemp("warcs")
    damaged = bytearray(warc_response("https://town.example/lost", page("ferry"), "text/html", gz=True))
    damaged[20:60] = b"\x00" * 40  # inside the deflate stream
    parts = [
        warc_response("https://town.example/ferry", page("ferry"), "text/html; charset=utf-8", gz=True),
        warc_response(
            "https://town.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", gz=True
        ),
        warc_response("https://ville.example/pont", FRENCH.encode(), "text/html", gz=True),
        bytes(damaged),
        warc_response("https://town.example/rink", page("rink"), "text/html", gz=True),
    ]
    (folder / "crawl-00001.warc.gz").write_bytes(b"".join(parts))
    (folder / "crawl-00002.warc").write_bytes(
        warc_response("https://town.example/trail", page("trail"), "text/html", gz=False)
    )
    return folder


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is the optional onrecord[spark] extra")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (apt-get install default-jre-headless)")
    from onrecord.spark.job import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


def contents(db: Path) -> tuple[list[dict], dict, list[tuple]]:
    with open_ledger(db) as led:
        findings = sorted((f["id"], f["type"], f["statements"]) for f in led.iter_findings())
        return list(led.iter_statements()), led.counts(), findings


def ingest_into(db: Path, paths: list[str]) -> tuple[list[dict], dict]:
    with open_ledger(db) as led:
        ingest(paths, led)
    return contents(db)


def spark_into(spark, db: Path, out: Path, inputs: list[str]):
    report = run_spark(inputs, str(out), spark=spark)
    with open_ledger(db) as led:
        load(out, led)
    return report, contents(db)


# -- without Spark ------------------------------------------------------------------------------
def test_inputs_from_glob_folder_and_listing(tmp_path, warcs):
    assert resolve_inputs(str(warcs / "*.warc*")) == [
        str(warcs / "crawl-00001.warc.gz"),
        str(warcs / "crawl-00002.warc"),
    ]
    listing = tmp_path / "warc-paths.txt"
    listing.write_text(
        f"# two crawls\n{warcs}/crawl-00002.warc\nsub/crawl-9.warc.gz\nhttps://data.example/c.warc.gz\n"
    )
    assert resolve_inputs(str(listing)) == [
        str(warcs / "crawl-00002.warc"),
        str(tmp_path / "sub" / "crawl-9.warc.gz"),
        "https://data.example/c.warc.gz",
    ]
    article = tmp_path / "notes.txt"
    article.write_text("The mayor said the bridge would open in May.\n")
    assert resolve_inputs(str(article)) == [str(article)]  # an article, not a listing
    assert resolve_inputs(str(DEMO))[0] == str(DEMO / "articles.jsonl")


def test_partition_skips_and_counts_what_is_not_an_english_page(warcs):
    inputs = resolve_inputs(str(warcs / "*.warc*"))
    rows = list(extract_partition(enumerate(inputs)))
    names = {t: [n for n, _ in COLUMNS[t]] for t in COLUMNS}
    by = {t: [dict(zip(names[t], v, strict=True)) for tt, v in rows if tt == t] for t in COLUMNS}
    assert [a["url"] for a in by["articles"]] == [
        "https://town.example/ferry",
        "https://town.example/rink",
        "https://town.example/trail",
    ]
    first, second = by["counts"]
    assert (first["articles"], first["non_html"], first["non_english"], first["corrupt"]) == (2, 1, 1, 1)
    assert (second["articles"], second["corrupt"]) == (1, 0)
    reasons = [p["reason"] for p in by["problems"]]
    assert any(r.startswith("corrupt WARC record at byte") for r in reasons)
    assert any("1 non-HTML, 1 non-English, 1 corrupt" in r for r in reasons)
    speakers = {s["speaker_name"] for s in by["statements"]}
    for who in ("Lena Ortiz", "Sam Okafor", "Maya Brandt"):
        assert any(who in name for name in speakers), (who, speakers)


def test_missing_input_is_a_problem_not_a_crash(tmp_path):
    rows = list(extract_partition([(0, str(tmp_path / "gone.warc.gz")), (1, str(tmp_path / "gone.jsonl"))]))
    problems = [v for t, v in rows if t == "problems"]
    assert [p[0] for p in problems] == [0, 1] and all(
        "No such file" in p[3] or "no such" in p[3] for p in problems
    )


def test_refuses_an_existing_output_and_no_inputs(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "articles").mkdir()
    with pytest.raises(FileExistsError, match="already exists"):
        run_spark(["x.warc.gz"], str(tmp_path / "out"))
    with pytest.raises(ValueError, match="no input files"):
        run_spark([], str(tmp_path / "new"))


# -- on Spark, local[2] -------------------------------------------------------------------------
@pytest.mark.spark
def test_spark_on_warcs_matches_ingest(spark, warcs, tmp_path):
    inputs = resolve_inputs(str(warcs / "*.warc*"))
    out = tmp_path / "ledger.parquet"
    report, loaded = spark_into(spark, tmp_path / "spark.db", out, inputs)
    assert (report.inputs, report.articles) == (2, 3)
    assert (report.warc.records, report.warc.non_html, report.warc.non_english, report.warc.corrupt) == (
        5,
        1,
        1,
        1,
    )
    assert read_counts(out).articles == 3
    assert loaded == ingest_into(tmp_path / "ingest.db", inputs)
    assert len(loaded[0]) >= 3


@pytest.mark.spark
def test_spark_matches_ingest_on_demo_and_seeds(spark, tmp_path):
    inputs = resolve_inputs(str(DEMO)) + ([str(SEEDS)] if SEEDS.exists() else [])
    report, loaded = spark_into(spark, tmp_path / "spark.db", tmp_path / "ledger.parquet", inputs)
    expected = ingest_into(tmp_path / "ingest.db", inputs)
    assert report.articles == 8 + (2 if SEEDS.exists() else 0)
    assert loaded[1] == expected[1]
    assert loaded[0] == expected[0]  # same ids, spans, kinds, speakers, dates, people
    assert loaded[2] == expected[2] and expected[2]  # and the same findings
    if SEEDS.exists():
        seed_ids = {json.loads(line)["id"] for line in SEEDS.read_text().splitlines() if line.strip()}
        assert any(s["article_id"] in seed_ids for s in loaded[0])


READER = """
import json, sys
sys.modules["onrecord"] = None  # any import of onrecord would fail here
import duckdb, pandas
root = sys.argv[1]
con = duckdb.connect()
top = con.execute(
    f"SELECT speaker_name, count(*) AS n FROM read_parquet('{root}/statements/*.parquet') "
    "GROUP BY speaker_name ORDER BY n DESC, speaker_name LIMIT 1"
).fetchone()
joined = con.execute(
    f"SELECT count(*) FROM read_parquet('{root}/statements/*.parquet') s "
    f"JOIN read_parquet('{root}/articles/*.parquet') a ON a.id = s.article_id"
).fetchone()[0]
frame = pandas.read_parquet(f"{root}/statements")
print(json.dumps({
    "top": list(top), "joined": joined, "rows": len(frame),
    "dtypes": {c: str(t) for c, t in frame.dtypes.items()},
    "forms": [list(f) for f in frame["speaker_forms"] if len(f)][:1],
    "articles": len(pandas.read_parquet(f"{root}/articles")),
    "onrecord_loaded": any(m.startswith("onrecord") and sys.modules[m] is not None for m in sys.modules),
}))
"""


@pytest.mark.spark
def test_parquet_reads_in_duckdb_and_pandas_without_onrecord(spark, warcs, tmp_path):
    out = tmp_path / "ledger.parquet"
    report = run_spark(resolve_inputs(str(warcs / "*.warc*")), str(out), spark=spark)
    done = subprocess.run(
        [sys.executable, "-I", "-c", READER, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["onrecord_loaded"] is False
    assert got["rows"] == got["joined"] == report.statements > 0
    assert got["articles"] == 3
    assert got["dtypes"]["start"] == "int64" and got["dtypes"]["speaker_anonymous"] == "bool"
    assert isinstance(got["forms"][0], list) and got["forms"][0]
