"""Cost of adding one more article's findings as the ledger grows: 1k and 100k synthetic statements.

Usage: .venv/bin/python benchmarks/findings_scale.py [--sizes 1000 100000] [--articles 50]

The ledger is modelled by `MemoryIndex` (bucket lookups like the SQL ledger's indexed queries).
Synthetic claims: people and propositions drawn with a Zipf-like skew (a few hot topics and talkative
people, a long tail), stances and dates at random. The figure that matters is milliseconds per new
article at each size: it depends on the touched buckets' sizes, not on the number of statements.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from onrecord.findings import MemoryIndex
from onrecord.findings.claims import Claim

STANCES = ("for", "against", "open")
SIDES = [f"side{i} administration" for i in range(20)]


SKEW = {"zipf": True}


def zipf_pick(rng: random.Random, n: int) -> int:
    """Rank r drawn with probability ~ 1/r: the top item gets about 1/ln(n) of all draws
    (uniform with --uniform, where every bucket keeps the same expected size)."""
    if not SKEW["zipf"]:
        return rng.randrange(n)
    return min(n - 1, int(n ** rng.random()) - 1)


def claim(rng: random.Random, i: int, article: str, n_people: int, n_props: int) -> Claim:
    person = zipf_pick(rng, n_people)
    prop = zipf_pick(rng, n_props)
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Claim(
        statement_id=f"s{i}", article_id=article, person=f"p{person}", speaker=f"Person {person}",
        role="Secretary", anonymous=False, side=SIDES[person % len(SIDES)], side_kind="administration",
        prop_key=f"prop{prop}|X", label=f"proposition {prop}", stance=rng.choice(STANCES),
        stance_words=["w"], date=day, date_precision="day", start=i % 1000, end=i % 1000 + 10, text="...",
    )  # fmt: skip


def build(size: int, rng: random.Random) -> MemoryIndex:
    """Fill the index directly (no detection): the benchmark times only the new articles."""
    index = MemoryIndex()
    n_people, n_props = max(50, size // 20), max(20, size // 50)
    for i in range(size):
        c = claim(rng, i, f"a{i // 10}", n_people, n_props)
        index.store([c])
    index.shape = (n_people, n_props)
    return index


def run(size: int, articles: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    index = build(size, rng)
    n_people, n_props = index.shape
    times, touched = [], []
    for k in range(articles):
        batch = [claim(rng, size + k * 10 + j, f"new{k}", n_people, n_props) for j in range(10)]
        touched.append(
            sum(
                len(index.by_person(c.person, c.prop_key))
                + len(index.by_side(c.side, c.prop_key, c.date[:8] + "01", c.date))
                for c in batch
            )
        )
        t = time.perf_counter()
        index.add(batch)
        times.append((time.perf_counter() - t) * 1000)
    return {
        "statements": size,
        "ms_per_article_median": round(statistics.median(times), 2),
        "ms_per_article_p90": round(sorted(times)[int(0.9 * len(times))], 2),
        "claims_looked_up_median": statistics.median(touched),
        "findings": len(index.findings),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--uniform", action="store_true", help="people and propositions drawn uniformly")
    args = ap.parse_args()
    SKEW["zipf"] = not args.uniform
    for size in args.sizes:
        print(run(size, args.articles))


if __name__ == "__main__":
    main()
