"""Pairwise grouping evaluation on PolNeAR dev statements labelled by hand with their proposition.

Usage:
  .venv/bin/python benchmarks/stance/eval_grouping.py [--data polnear_dev_labels.jsonl]

Gold: two labelled statements belong together iff they carry the same `proposition`. Every pair of
statements is scored, and a backend's pairwise precision, recall and F1 say how well it puts statements
on the same proposition together (and keeps others apart). Backends:
  lexical   `assign_positions` reads the statement in its sentence and article, as the ingest does;
            two statements go together iff both get a position with the same `prop_key`.
  minilm    two statements go together iff the cosine of their MiniLM vectors is at least t. The best t
            is tuned on these same statements, so its figure is optimistic.
  minilm+proposition-text  each statement goes to the gold proposition whose text is nearest, if the
            cosine is at least t, else to none. Unlike the others it is told the candidate propositions.
Texts are read from ../shared/polnear/dev/text at run time; without them the evaluation skips.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from eval_polnear import labelled, read_position

HERE = Path(__file__).resolve().parent
THRESHOLDS = [0.4, 0.5, 0.6, 0.7]
PROPOSITION_THRESHOLDS = [0.0, 0.2, 0.3, 0.4, 0.5]


def pairwise(gold: list[str], same) -> dict:
    """Precision, recall and F1 over all pairs; `same(i, j)` says whether the backend joins i and j."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        g, p = gold[i] == gold[j], bool(same(i, j))
        tp, fp, fn = tp + (g and p), fp + (p and not g), fn + (g and not p)
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * prec * rec / max(1e-12, prec + rec)
    return {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3), "pairs_joined": tp + fp}


def lexical_keys(rows: list[dict], nlp) -> list[str | None]:
    """The prop_key `assign_positions` gives each statement, read as the ingest reads it."""
    found = [read_position(row, nlp) for row in rows]
    return [p.prop_key if p else None for p in found]


def best_threshold(gold: list[str], lo: float, hi: float, make_same) -> tuple[float, dict]:
    """The threshold on a 0.01 grid with the highest pairwise F1 (tuned on the test data itself)."""
    grid = [round(lo + k / 100, 2) for k in range(round((hi - lo) * 100) + 1)]
    scored = [(t, pairwise(gold, make_same(t))) for t in grid]
    return max(scored, key=lambda ts: ts[1]["f1"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE / "polnear_dev_labels.jsonl"))
    ap.add_argument(
        "--encoder", help="local all-MiniLM-L6-v2 folder (default: ONRECORD_ENCODER or the package)"
    )
    args = ap.parse_args()
    nlp, rows = labelled(args.data)
    if rows is None:
        return nlp
    gold = [r["proposition"] for r in rows]
    n_pairs = len(rows) * (len(rows) - 1) // 2
    gold_pairs = sum(gold[i] == gold[j] for i, j in combinations(range(len(gold)), 2))
    join_all = pairwise(gold, lambda i, j: True)["f1"]  # the baseline that puts everything together
    head = {"n": len(rows), "pairs": n_pairs, "gold_same_pairs": gold_pairs, "propositions": len(set(gold))}
    print(json.dumps({**head, "join_all_f1": join_all}))

    keys = lexical_keys(rows, nlp)
    lexical = pairwise(gold, lambda i, j: keys[i] is not None and keys[i] == keys[j])
    lexical.update(
        backend="lexical",
        with_position=sum(k is not None for k in keys),
        distinct_keys=len(set(keys) - {None}),
        top_keys=Counter(k for k in keys if k).most_common(6),
    )
    print(json.dumps(lexical))

    try:
        from onrecord.positions.embed import MiniLMEncoder, similarity
    except ImportError as e:  # numpy itself missing: the encoder reports the rest as RuntimeError
        print(f"skipped minilm: {e}", file=sys.stderr)
        return 0
    try:
        encoder = MiniLMEncoder(args.encoder)
    except RuntimeError as e:
        print(f"skipped minilm: {e}", file=sys.stderr)
        return 0
    vecs = encoder.encode([r["text"] for r in rows])
    sim = similarity(vecs, vecs)
    for t in THRESHOLDS:
        res = pairwise(gold, lambda i, j, t=t: sim[i, j] >= t)
        print(json.dumps({"backend": "minilm", "threshold": t, **res}))
    t, res = best_threshold(gold, 0.1, 0.95, lambda t: lambda i, j: sim[i, j] >= t)
    print(json.dumps({"backend": "minilm", "threshold": t, "tuned_on_test_data": True, **res}))

    props = sorted(set(gold))
    to_prop = similarity(vecs, encoder.encode(props))
    nearest, best_sim = to_prop.argmax(1), to_prop.max(1)

    def assigned(t: float) -> list[str | None]:
        return [props[k] if s >= t else None for k, s in zip(nearest, best_sim, strict=True)]

    def report(t: float, **extra) -> None:
        got = assigned(t)
        res = pairwise(gold, lambda i, j: got[i] is not None and got[i] == got[j])
        acc = sum(a == g for a, g in zip(got, gold, strict=True)) / len(gold)
        out = {"backend": "minilm+proposition-text", "threshold": t, "accuracy": round(acc, 3)}
        print(json.dumps({**out, "assigned": sum(a is not None for a in got), **res, **extra}))

    for t in PROPOSITION_THRESHOLDS:
        report(t)
    t, _ = best_threshold(gold, 0.0, 0.7, lambda t: lambda i, j, got=assigned(t): got[i] and got[i] == got[j])
    report(t, tuned_on_test_data=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
