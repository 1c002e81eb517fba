"""Articles per second through `onrecord ingest`, and through `onrecord spark` in local[1] and local[2],
on the same articles; the figures docs/spark.md's CC-NEWS estimate is built from.

    .venv/bin/python benchmarks/spark_bench.py [--corpus a.jsonl ...] [--shards 8] [--modes ingest,local[1],local[2]]

The corpus defaults to PolNeAR train + dev (all 924 articles ../shared has, written by its own
script). It is split into `--shards` JSONL files, as a crawl comes in many WARC files, so Spark has
tasks to spread. Each mode runs in a fresh subprocess and is timed as a user would see it: model
and Spark start-up included. `load` (Parquet into SQLite) is timed apart. Prints a Markdown table
and writes the figures as JSON (`--json`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def default_corpus() -> list[Path]:
    script = SHARED / "score_polnear.py"
    if not script.exists():
        sys.exit("no ../shared/score_polnear.py: pass --corpus with article JSONL files")
    paths = []
    for split in ("train", "dev"):
        out = Path(tempfile.gettempdir()) / f"onrecord-polnear-{split}.jsonl"
        if not out.exists():
            subprocess.run(
                [sys.executable, str(script), "articles", split, str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        paths.append(out)
    return paths


def shard(corpus: list[Path], shards: int, folder: Path) -> list[str]:
    lines = [line for p in corpus for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = []
    for n in range(shards):
        part = folder / f"shard-{n:03d}.jsonl"
        part.write_text("".join(line + "\n" for line in lines[n::shards]), encoding="utf-8")
        names.append(str(part))
    return names


def child(mode: str, inputs: list[str], work: str) -> dict:
    """One mode in this (fresh) process."""
    from onrecord.store import open_ledger

    started = time.perf_counter()
    if mode == "ingest":
        from onrecord.pipeline import ingest

        with open_ledger(Path(work) / "ingest.db") as led:
            report = ingest(inputs, led)
        return {
            "articles": report.read,
            "statements": report.statements,
            "seconds": time.perf_counter() - started,
        }
    from onrecord.parquet import load
    from onrecord.spark.job import run_spark

    out = Path(work) / "ledger.parquet"
    report = run_spark(inputs, str(out), master=mode)
    seconds = time.perf_counter() - started
    t = time.perf_counter()
    with open_ledger(Path(work) / "spark.db") as led:
        loaded = load(out, led)
    return {
        "articles": report.articles,
        "statements": report.statements,
        "seconds": seconds,
        "load_seconds": time.perf_counter() - t,
        "loaded_statements": loaded.statements,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--corpus", nargs="*", type=Path, help="article JSONL files (default: PolNeAR train + dev)"
    )
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--modes", default="ingest,local[1],local[2]")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "WORK"), help=argparse.SUPPRESS)
    ap.add_argument("--inputs", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.inputs, args.child[1])))
        return

    corpus = args.corpus or default_corpus()
    rows = []
    with tempfile.TemporaryDirectory(prefix="onrecord-spark-bench-") as tmp:
        inputs = shard(corpus, args.shards, Path(tmp))
        for mode in args.modes.split(","):
            work = Path(tmp) / mode.replace("[", "-").replace("]", "")
            work.mkdir()
            done = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(work), "--inputs", *inputs],
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            if done.returncode != 0:
                sys.exit(f"{mode} failed:\n{done.stderr[-3000:]}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            figures["mode"] = mode
            figures["articles_per_second"] = figures["articles"] / figures["seconds"]
            rows.append(figures)
            print(f"{mode}: {figures}", file=sys.stderr)
    print(
        f"{rows[0]['articles']} articles in {args.shards} JSONL shards, {os.cpu_count()} CPUs on this machine\n"
    )
    print("| path | seconds | articles/s | statements | load into SQLite (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        load = f"{r['load_seconds']:.1f}" if "load_seconds" in r else ""
        print(
            f"| {r['mode']} | {r['seconds']:.1f} | {r['articles_per_second']:.2f} | {r['statements']} | {load} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
