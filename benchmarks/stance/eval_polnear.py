"""Stance evaluation on PolNeAR dev statements labelled by hand for a few propositions.

Usage:
  .venv/bin/python benchmarks/stance/eval_polnear.py [--db LEDGER.db] [--chat-url URL --model NAME]

`polnear_dev_labels.jsonl` beside this file holds only references and labels (article id, span,
proposition, stance), never article text: the text is read from ../shared/polnear/dev/text at run
time, so the evaluation skips when ../shared is absent. Each span is read two ways: `lexical` reads
the span alone, as eval_stance.py does; `reader` runs `assign_positions` on the span inside its
sentence and counts a statement it gives no position as `none`. Neither is told the proposition, so
a stance called toward another subject of the sentence still counts against it. With --db (a ledger
of PolNeAR dev from `onrecord ingest`) it also scores the stance the ingest stored (`ledger`, which
reads the whole article, so "it"/"he would do it" can borrow a neighbour's subject) and reports
grouping recall: the share of each proposition's labelled statements the system put under that
proposition's most common topic.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eval_stance import macro_f1

HERE = Path(__file__).resolve().parent
TEXTS = HERE.parents[1].parent / "shared" / "polnear" / "dev" / "text"
WINDOW = 800  # characters parsed either side of a span to find its sentence


class ReaderStance:
    """The ingest's own reading: the statement located in its sentence, its proposition found by the reader."""

    name = "reader"

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def stance(self, row: dict) -> str:
        found = read_position(row, self.nlp)
        return found.stance if found else "none"


def read_position(row: dict, nlp):
    """The position `assign_positions` gives a labelled statement located in its sentence and
    article, as the ingest reads it; None when it takes none."""
    from onrecord.model import Speaker, Statement
    from onrecord.positions import assign_positions

    st = Statement(
        row["article_id"], row["text"], "indirect", row["start"], row["end"], Speaker("speaker"),
        sentence=row["sentence"], sentence_start=row["sentence_start"],
    )  # fmt: skip
    found = assign_positions([st], nlp=nlp, article_text=row["article"])
    return found[0] if found else None


def sentence_of(nlp, article: str, start: int, end: int) -> tuple[str, int]:
    """The sentences the span overlaps, so a reader sees the clause around a partial quote."""
    lo = max(0, start - WINDOW)
    doc = nlp(article[lo : min(len(article), end + WINDOW)])
    sents = [s for s in doc.sents if s.start_char + lo < end and s.end_char + lo > start]
    if not sents:
        return article[start:end], start
    s0, s1 = sents[0].start_char + lo, sents[-1].end_char + lo
    return article[min(s0, start) : max(s1, end)], min(s0, start)


def load_rows(path: Path, nlp) -> list[dict]:
    rows, articles = [], {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        aid = row["article_id"]
        if aid not in articles:
            articles[aid] = (TEXTS / f"{aid}.txt").read_text(encoding="utf-8")
        article = articles[aid]
        if not 0 <= row["start"] < row["end"] <= len(article):
            raise ValueError(f"line {n}: span {row['start']}-{row['end']} is outside {aid}")
        row["text"], row["article"] = article[row["start"] : row["end"]], article
        row["sentence"], row["sentence_start"] = sentence_of(nlp, article, row["start"], row["end"])
        rows.append(row)
    return rows


def labelled(data: str):
    """(nlp, rows) of the labelled statements; (exit code, None) when they cannot be had: 0 when
    ../shared is absent (the evaluation skips), 2 when the labels cannot be read."""
    if not TEXTS.is_dir():
        print(f"skipped: PolNeAR dev texts not found at {TEXTS}", file=sys.stderr)
        return 0, None
    from onrecord.positions import load_position_nlp

    nlp = load_position_nlp()
    try:
        return nlp, load_rows(Path(data), nlp)
    except (OSError, ValueError, KeyError) as e:
        print(f"cannot read {data}: {e}", file=sys.stderr)
        return 2, None


def evaluate(name: str, gold_rows: list[dict], pred: list[str]) -> dict:
    gold = [r["stance"] for r in gold_rows]
    f1, per = macro_f1(gold, pred)
    by_prop: dict[str, list[bool]] = defaultdict(list)
    for r, p in zip(gold_rows, pred, strict=True):
        by_prop[r["proposition"]].append(r["stance"] == p)
    return {
        "backend": name,
        "n": len(gold_rows),
        "macro_f1": round(f1, 3),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold)), 3),
        "per_label_f1": per,
        "gold_counts": dict(Counter(gold)),
        "pred_counts": dict(Counter(pred)),
        "accuracy_by_proposition": {k: round(sum(v) / len(v), 3) for k, v in by_prop.items()},
        "confusions": Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True) if g != p).most_common(8),
    }


def ledger_positions(db: str, rows: list[dict]) -> list[tuple[str | None, str]]:
    """(topic, stance) the ingest stored for each labelled span; a span it did not extract reads as none."""
    con = sqlite3.connect(db)
    out = []
    for r in rows:
        hit = con.execute(
            'SELECT topic, stance FROM statements WHERE article_id = ? AND start = ? AND "end" = ?',
            (r["article_id"], r["start"], r["end"]),
        ).fetchone()
        out.append((hit[0], hit[1] or "none") if hit else (None, "none"))
    return out


def grouping_recall(rows: list[dict], stored: list[tuple[str | None, str]]) -> dict:
    """Per proposition: labelled statements under its most common system topic / all labelled ones."""
    topics: dict[str, list[str | None]] = defaultdict(list)
    for r, (topic, _) in zip(rows, stored, strict=True):
        topics[r["proposition"]].append(topic)
    out, grouped, total = {}, 0, 0
    for prop, ts in topics.items():
        top = Counter(t for t in ts if t).most_common(1)
        best = top[0][1] if top else 0
        out[prop] = {"n": len(ts), "topic": top[0][0] if top else None, "recall": round(best / len(ts), 3)}
        grouped, total = grouped + best, total + len(ts)
    return {"grouping_recall": round(grouped / max(1, total), 3), "by_proposition": out}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE / "polnear_dev_labels.jsonl"))
    ap.add_argument("--db", help="ledger of PolNeAR dev, for grouping recall")
    ap.add_argument("--chat-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1")
    ap.add_argument("--model", default="llama3.1")
    ap.add_argument("--embed", action="store_true", help="also the embed backend (needs the embed extra)")
    args = ap.parse_args()
    nlp, rows = labelled(args.data)
    if rows is None:
        return nlp
    from onrecord.positions.backends import ChatStance, EmbeddingStance, LexicalStance

    lexical = LexicalStance(nlp)
    print(
        json.dumps(evaluate("lexical", rows, [lexical.stance(r["text"], r["proposition"])[0] for r in rows]))
    )
    reader = ReaderStance(nlp)
    print(json.dumps(evaluate("reader", rows, [reader.stance(r) for r in rows])))
    if args.embed:
        embed = EmbeddingStance(fallback=lexical)
        print(
            json.dumps(
                evaluate(embed.name, rows, [embed.stance(r["text"], r["proposition"])[0] for r in rows])
            )
        )
    if args.chat_url:
        chat = ChatStance(args.chat_url, args.model, fallback=lexical)
        pred = [chat.stance(r["text"], r["proposition"])[0] for r in rows]
        print(json.dumps(evaluate(chat.name, rows, pred)))
    if args.db:
        stored = ledger_positions(args.db, rows)
        print(json.dumps(evaluate("ledger", rows, [st for _, st in stored])))
        print(json.dumps(grouping_recall(rows, stored)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
