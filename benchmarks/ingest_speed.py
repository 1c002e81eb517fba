"""Ingest speed against the bare spaCy parse, peak memory, and ingest cost as the ledger grows.

    .venv/bin/python benchmarks/ingest_speed.py [--corpus articles.jsonl] [--small 100 --large 10000]

The corpus defaults to PolNeAR dev (written from ../shared by its own script) and falls back to
the demo corpus. Each measured path runs in a fresh subprocess so peak memory (max RSS) is its own.
Figures print as a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def corpus_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    out = Path(tempfile.gettempdir()) / "onrecord-bench-dev.jsonl"
    script = SHARED / "score_polnear.py"
    if script.exists():
        if not out.exists():
            subprocess.run(
                [sys.executable, str(script), "articles", "dev", str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return out
    return ROOT / "demo" / "articles"


def texts_of(path: Path) -> list[str]:
    from onrecord.sources import read_inputs

    return [a.text for a in read_inputs([path]) if hasattr(a, "text")]


def child(mode: str, path: str, db: str | None = None) -> None:
    """One measured path, run in its own process; prints a JSON line."""
    from onrecord.extract import load_nlp

    nlp = load_nlp()
    texts = texts_of(Path(path))
    list(nlp.pipe(texts[:2]))  # warm-up outside the clock
    t = time.perf_counter()
    if mode == "bare":
        tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
        extra = {}
    elif mode == "bare-full":
        import spacy

        from onrecord.extract.nlp import DEFAULT_MODEL

        full = spacy.load(DEFAULT_MODEL)
        t = time.perf_counter()
        tokens = sum(len(d) for d in full.pipe(texts, batch_size=32))
        extra = {}
    else:
        from onrecord.pipeline import ingest
        from onrecord.store import open_ledger

        ledger = open_ledger(db)
        report = ingest([path], ledger, nlp=nlp, findings=mode == "ingest")
        ledger.close()
        tokens = sum(len(nlp.tokenizer(x)) for x in texts)  # not timed: counted for tokens/s only
        extra = {"statements": report.statements}
        t_end = t + report.seconds
    elapsed = (t_end if mode.startswith("ingest") else time.perf_counter()) - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "mode": mode,
                "articles": len(texts),
                "tokens": tokens,
                "seconds": elapsed,
                "peak_mb": peak_mb,
                **extra,
            }
        )
    )


def run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def growth(small: int, large: int, sample: int = 30) -> list[dict]:
    """Store-side cost of one more article with `small` vs `large` articles already in the ledger.

    Synthetic articles (distinct text, three statements each, shared and new speakers) fill the
    ledger; extraction is left out so the figure isolates what grows with the ledger.
    """
    from onrecord.model import Article, Speaker, Statement
    from onrecord.store import open_ledger

    def article(i: int) -> tuple[Article, list[Statement]]:
        text = (
            f"Story {i}. Councillor Pat Doe{i % 500} said the levy {i} would pass. "
            f"“We have the votes for plan {i},” Doe{i % 500} said. Residents in ward {i} disagreed."
        )
        a = Article(
            id=f"a{i}",
            text=text,
            title=f"Story {i}",
            outlet=f"Outlet {i % 7}",
            published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        sp = Speaker(
            name=f"Pat Doe{i % 500}", role="Councillor", forms=[f"Pat Doe{i % 500}", f"Doe{i % 500}"]
        )
        sts = [
            Statement(a.id, f"the levy {i} would pass", "indirect", 30, 50, sp, cue="said"),
            Statement(a.id, f"We have the votes for plan {i},", "direct", 60, 90, sp, cue="said"),
            Statement(
                a.id,
                f"Residents in ward {i} disagreed",
                "indirect",
                100,
                130,
                Speaker(name="residents", anonymous=True, kind="anonymous"),
            ),
        ]
        return a, sts

    rows = []
    for size in (small, large):
        with tempfile.TemporaryDirectory() as tmp:
            ledger = open_ledger(os.path.join(tmp, "g.db"))
            for i in range(size):
                a, sts = article(i)
                ledger.add_article(a, sts)
            t = time.perf_counter()
            for i in range(size, size + sample):
                a, sts = article(i)
                if not ledger.has_content(a.content_hash) and not ledger.find_wire_duplicate(a):
                    ledger.add_article(a, sts)
            per = (time.perf_counter() - t) / sample
            ledger.close()
        rows.append({"ledger_articles": size, "ms_per_article": per * 1000})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus")
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--large", type=int, default=10_000)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    path = corpus_path(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        bare = run_child("bare", str(path))
        full = run_child("bare-full", str(path))
        stmts = run_child("ingest-statements", str(path), os.path.join(tmp, "statements.db"))
        end = run_child("ingest", str(path), os.path.join(tmp, "bench.db"))
    print(f"corpus: {path} ({end['articles']} articles, {end['tokens']} tokens)\n")
    print("| path | articles/s | tokens/s | seconds | peak MB |")
    print("| --- | --- | --- | --- | --- |")
    for name, r in (
        ("spaCy parse, pipeline as onrecord loads it", bare),
        ("spaCy parse, full en_core_web_sm", full),
        ("onrecord ingest, statements only (read, extract, store)", stmts),
        ("onrecord ingest with positions and findings", end),
    ):
        print(
            f"| {name} | {r['articles'] / r['seconds']:.1f} | {r['tokens'] / r['seconds']:.0f} | "
            f"{r['seconds']:.1f} | {r['peak_mb']:.0f} |"
        )
    print(
        f"\nstatements only / bare parse: {stmts['seconds'] / bare['seconds']:.2f}x; with findings / bare "
        f"parse: {end['seconds'] / bare['seconds']:.2f}x; statements: {end['statements']}"
    )
    print("\n| articles already in the ledger | store cost per new article (ms) |")
    print("| --- | --- |")
    for r in growth(args.small, args.large):
        print(f"| {r['ledger_articles']:,} | {r['ms_per_article']:.2f} |")


if __name__ == "__main__":
    main()
