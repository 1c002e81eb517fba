"""Load on the web server over loopback: N concurrent clients for a bounded time against a ledger of
synthetic statements; requests/s and p50/p99 latency per endpoint group, and every error counted.

    .venv/bin/python benchmarks/web_load.py [--statements 100000] [--clients 50] [--seconds 30]

The ledger is built by direct inserts (the FTS index fills through the schema's triggers), kept in
--db and reused when it already holds that many statements. The server runs in its own process, as
`onrecord serve` would; exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from onrecord.store import open_ledger

WORDS = ("budget tax toll bridge school water library pier ferry road housing police park transit rent clinic "
         "grant bond levy fare port harbor farm dam wage pension tariff permit zoning audit fund plan vote").split()  # fmt: skip
FIRST = "Ada Ben Cleo Dana Eli Fay Gus Hana Ivo Jade Kai Lena Milo Nia Omar Pia Quin Rosa Sam Tia".split()
LAST = (
    "Quill Okoro Marsh Pike Vale Stone Reyes Brook Hale Kerr Lund Moss Nash Orr Price Rowe Shaw Tate".split()
)
STANCES = ("for", "against", "open", "none")
SYLLABLES = "ba ko ri mu te sa lo ve ni da gu pe zo fi ra".split()
# a news-like vocabulary: a few thousand words, used with Zipf frequencies (word k about 1/k as often)
VOCAB = list(WORDS) + sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[:4000]
ZIPF = [1 / (k + 1) for k in range(len(VOCAB))]
QUERY_WORDS = VOCAB[20:2000]  # what people search for: content words, not the commonest few


def build(db: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    cum = list(itertools.accumulate(ZIPF))
    people = [
        (f"p_bench{i:05d}", f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST) % len(LAST)]} {i}")
        for i in range(500)
    ]
    topics = [f"{a} {b}" for a in WORDS[:10] for b in WORDS[10:15]]
    per_article = 10
    with open_ledger(db) as led, led._transaction():
        led._executemany(
            "INSERT INTO people (id, name, kind, anonymous, name_key, surname_key, created_at) VALUES (?, ?, 'person', 0, ?, ?, '2025-01-01')",
            [(pid, name, name.lower(), name.split()[1][:4].lower()) for pid, name in people],
        )
        led._executemany(
            "INSERT INTO person_forms (person_id, form, norm) VALUES (?, ?, ?)",
            [(pid, name, name.lower()) for pid, name in people],
        )
        articles, statements = [], []
        for a in range(n // per_article):
            day = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            aid = f"bench-{a:06d}"
            parts, at = [], 0
            for k in range(per_article):
                pid, name = rng.choice(people)
                words = " ".join(rng.choices(VOCAB, cum_weights=cum, k=12))
                sentence = f'"{words}," {name} said. '
                start = at + 1
                statements.append((f"s_bench{a:06d}{k:02d}", aid, pid, name, words, "direct", start, start + len(words),
                                   "said", day, "day", sentence.strip(), rng.choice(topics), rng.choice(STANCES), day))  # fmt: skip
                parts.append(sentence)
                at += len(sentence)
            text = "".join(parts)
            articles.append((aid, f"Bench story {a}", "Bench Times", day, f"https://bench.example/{a}", "bench",
                             f"hash{a}", text, "2025-01-01T00:00:00"))  # fmt: skip
        led._executemany(
            "INSERT INTO articles (id, title, outlet, published, url, source, content_hash, text, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            articles,
        )
        led._executemany(
            'INSERT INTO statements (id, article_id, person_id, speaker_name, text, kind, start, "end", cue, date, '
            "date_precision, sentence, topic, stance, effective_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            statements,
        )
        findings = [(f"f_bench{i}", "reversal", rng.choice(topics), json.dumps([s[0] for s in rng.sample(statements, 2)]),
                     "Synthetic finding for the benchmark.", "clear", "2025-01-01") for i in range(300)]  # fmt: skip
        led._executemany(
            "INSERT INTO findings (id, type, topic, statements, explanation, grade, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            findings,
        )


def serve(db: str, port: int) -> None:
    import logging

    import uvicorn

    from onrecord.web import create_app

    logging.getLogger("onrecord.web").setLevel(logging.CRITICAL)
    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="error", access_log=False)


def groups(rng: random.Random) -> dict:
    people = [f"p_bench{i:05d}" for i in range(500)]
    return {
        "person page (HTML)": lambda: f"/people/{rng.choice(people)}",
        "person (JSON)": lambda: f"/api/people/{rng.choice(people)}",
        "search page (HTML)": lambda: f"/search?q={rng.choice(QUERY_WORDS)}",
        "search (JSON)": lambda: (
            f"/api/search?q={rng.choice(QUERY_WORDS)}+{rng.choice(QUERY_WORDS)}&page={rng.randint(1, 3)}"
        ),
        "JSON lists": lambda: rng.choice(
            [
                f"/api/people?page={rng.randint(1, 10)}",
                f"/api/articles?page={rng.randint(1, 100)}",
                f"/api/findings?page={rng.randint(1, 6)}",
                "/api/topics",
                f"/api/search?speaker={rng.choice(people)}",
            ]
        ),  # fmt: skip
    }


async def hammer(base: str, make_url, clients: int, seconds: float) -> tuple[list[float], int, list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def one_client():
            while time.perf_counter() < deadline:
                url = make_url()
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {url}")
                except httpx.HTTPError as e:
                    errors.append(f"{type(e).__name__} {url}")
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies, len(latencies), errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0, help="total, shared between the endpoint groups")
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-web-load.db")
    args = ap.parse_args()

    with open_ledger(args.db) as led:
        have = led.counts()["statements"]
        built = led._scalar("SELECT COUNT(*) FROM statements WHERE text LIKE ?", (f"%{VOCAB[-1]}%",))
    if have != args.statements or not built:  # not this size, or built by an older version of this script
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(args.db, args.statements)
        print(
            f"built {args.statements:,} statements in {time.perf_counter() - t0:.1f} s ({args.db})",
            file=sys.stderr,
        )

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = multiprocessing.get_context("spawn").Process(
        target=serve, args=(str(args.db), port), daemon=True
    )
    server.start()
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/summary", timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        rng = random.Random(1)
        plan = groups(rng)
        per_group = args.seconds / len(plan)
        print(
            f"\n{args.clients} clients, {per_group:.0f} s per group, {args.statements:,} statements, loopback\n"
        )
        print(f"{'endpoint':<22}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
        failed = 0
        for name, make_url in plan.items():
            lat, count, errors = asyncio.run(hammer(base, make_url, args.clients, per_group))
            failed += len(errors)
            p50 = statistics.median(lat) * 1000
            p99 = statistics.quantiles(lat, n=100)[98] * 1000 if len(lat) >= 100 else max(lat) * 1000
            print(f"{name:<22}{count:>10}{len(errors):>8}{count / per_group:>9.1f}{p50:>9.1f}{p99:>9.1f}")
            for e in errors[:3]:
                print(f"    error: {e}", file=sys.stderr)
        return 1 if failed else 0
    finally:
        server.terminate()
        server.join(10)


if __name__ == "__main__":
    sys.exit(main())
