"""`onrecord spark`: extract a list of inputs on Spark and write a Parquet ledger.

In the style of Common Crawl's cc-pyspark: the driver only lists input paths; `mapPartitions`
hands each executor a slice of them, which it reads and extracts itself. Output rows are
persisted once and split into the tables of `onrecord.parquet`, one Parquet file per partition,
in input order.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from dataclasses import dataclass, field

from onrecord.parquet import COLUMNS
from onrecord.sources import WarcCounts
from onrecord.spark.partition import extract_partition


class SparkUnavailable(RuntimeError):
    """pyspark (or the Java it needs) is missing; the message says how to get it."""


@dataclass
class SparkReport:
    inputs: int = 0
    articles: int = 0
    statements: int = 0
    problems: int = 0
    warc: WarcCounts = field(default_factory=WarcCounts)
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        text = (
            f"{self.inputs} inputs: {self.articles} articles, {self.statements} statements, "
            f"{self.problems} problems in {self.seconds:.1f} s ({self.articles_per_second:.1f} articles/s)"
        )
        return text + (f"; WARC: {self.warc.summary()}" if self.warc.records else "")


def run_spark(
    inputs: list[str],
    out: str,
    master: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
    spark=None,
) -> SparkReport:
    """Extract `inputs` (paths from `resolve_inputs`) into the Parquet ledger `out`.

    `master` is a Spark master URL (`local[4]`, `spark://host:7077`, `yarn`); without one, the
    session spark-submit configured, else local mode on all cores. Pass `spark` to reuse a session.
    """
    if not inputs:
        raise ValueError("no input files to read")
    if "://" not in out and os.path.exists(out) and os.listdir(out) and not overwrite:
        raise FileExistsError(f"{out} already exists and is not empty; remove it or choose another --out")
    started = time.monotonic()
    own = spark is None
    spark = spark or spark_session(master)
    try:
        report = _run(spark, inputs, out, partitions or len(inputs), overwrite)
    finally:
        if own:
            spark.stop()
    report.seconds = time.monotonic() - started
    return report


def spark_session(master: str | None = None):
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise SparkUnavailable("pyspark is not installed: pip install 'onrecord[spark]'") from e
    # executors run this same interpreter (and so find onrecord) unless the cluster says otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # pyspark's check, on creating a DataFrame, that pandas is older than 3: not used here
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    builder = (
        SparkSession.builder.appName("onrecord")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master:
        builder = builder.master(master)
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # no Java, or a master that does not answer
        raise SparkUnavailable(f"cannot start Spark: {type(e).__name__}: {str(e).splitlines()[0]}") from e
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _run(spark, inputs: list[str], out: str, partitions: int, overwrite: bool) -> SparkReport:
    from pyspark import StorageLevel

    numbered = list(enumerate(inputs))
    rows = spark.sparkContext.parallelize(numbered, min(partitions, len(numbered)))
    tagged = rows.mapPartitions(extract_partition).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table in COLUMNS:
            values = tagged.filter(lambda row, t=table: row[0] == t).map(lambda row: row[1])
            frame = spark.createDataFrame(values, _spark_schema(table))
            frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(
                f"{out.rstrip('/')}/{table}"
            )
        tally = tagged.map(lambda row: row[0]).countByValue()
        warc = WarcCounts()
        for row in tagged.filter(lambda row: row[0] == "counts").map(lambda row: row[1]).collect():
            warc.add(WarcCounts(*row[2:]))
    finally:
        tagged.unpersist()
    return SparkReport(
        inputs=len(inputs),
        articles=tally.get("articles", 0),
        statements=tally.get("statements", 0),
        problems=tally.get("problems", 0),
        warc=warc,
    )


def _spark_schema(table: str):
    from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType, StructField, StructType

    types = {
        "string": StringType(),
        "long": LongType(),
        "bool": BooleanType(),
        "strings": ArrayType(StringType()),
    }
    return StructType([StructField(name, types[kind], nullable=True) for name, kind in COLUMNS[table]])
