"""Stance evaluation: macro-F1 per backend on labelled statements.

Usage:
  .venv/bin/python benchmarks/stance/eval_stance.py [--data FILE.jsonl] [--chat-url URL --model NAME]

Data: one JSON object a line with `text`, `topic`, `stance` (for/against/open/indifferent/none).
`sentences.jsonl` beside this file holds sentences written for this project (no article text is
copied). Files labelled from PolNeAR or other corpora stay outside the repository; pass them with
--data. The lexical backend reads each sentence alone; a chat backend gets the same sentence and topic.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("for", "against", "open", "indifferent", "none")


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict]:
    per = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        if tp + fp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def evaluate(backend, rows: list[dict]) -> dict:
    pred = [backend.stance(r["text"], r.get("topic"))[0] for r in rows]
    gold = [r["stance"] for r in rows]
    f1, per = macro_f1(gold, pred)
    errors = [(r["text"], r["stance"], p) for r, p in zip(rows, pred, strict=True) if p != r["stance"]]
    return {
        "backend": backend.name,
        "n": len(rows),
        "macro_f1": round(f1, 3),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(rows)), 3),
        "per_label_f1": per,
        "confusions": Counter(f"{g}->{p}" for _, g, p in errors).most_common(6),
    }


def main() -> int:
    from onrecord.positions.backends import ChatStance, EmbeddingStance, LexicalStance

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE / "sentences.jsonl"))
    ap.add_argument("--chat-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1")
    ap.add_argument("--model", default="llama3.1")
    ap.add_argument("--embed", action="store_true", help="also the embed backend (needs the embed extra)")
    args = ap.parse_args()
    try:
        rows = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    except (OSError, ValueError) as e:
        print(f"cannot read {args.data}: {e}", file=sys.stderr)
        return 2
    backends = [LexicalStance()]
    if args.embed:
        backends.append(EmbeddingStance())
    if args.chat_url:
        backends.append(ChatStance(args.chat_url, args.model, fallback=LexicalStance()))
    for b in backends:
        print(json.dumps(evaluate(b, rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
