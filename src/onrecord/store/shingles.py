"""Fingerprints that recognise the same wire story run by another outlet.

Word 5-grams survive the small edits outlets make (a dateline, a changed word, a trimmed last
paragraph): each edit loses only the few 5-grams around it. Keeping the 5-grams whose hash is
0 mod 4 samples every article the same way, so overlap between two samples estimates the overlap
between the texts at a quarter of the storage.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

WIDTH = 5
SAMPLE = 4
MIN_SHINGLES = 8  # below this a text is too short to call a duplicate on overlap
THRESHOLD = 0.8  # share of the smaller article's shingles found in one stored article

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)  # the same text is looked up (find_wire_duplicate), then stored (add_article)
def shingles(text: str) -> tuple[int, ...]:
    """Sorted signed 64-bit hashes (they fit SQLite INTEGER and PostgreSQL BIGINT), the same on
    every machine and run."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    out = set()
    for i in range(len(words) - WIDTH + 1):
        digest = hashlib.blake2b(" ".join(words[i : i + WIDTH]).encode("utf-8"), digest_size=8).digest()
        h = int.from_bytes(digest, "big", signed=True)
        if h % SAMPLE == 0:
            out.add(h)
    return tuple(sorted(out))


def best_duplicate(own: int, shared: dict[str, int], sizes: dict[str, int]) -> str | None:
    """The stored article holding most of the smaller text's shingles, if it passes THRESHOLD."""
    best, best_ratio = None, 0.0
    for article_id, n in shared.items():
        smaller = min(own, sizes.get(article_id, 0))
        if smaller < MIN_SHINGLES:
            continue
        ratio = n / smaller
        if ratio > best_ratio or (ratio == best_ratio and best is not None and article_id < best):
            best, best_ratio = article_id, ratio
    return best if best_ratio >= THRESHOLD else None
