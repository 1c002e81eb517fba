"""Lists as CSV downloads: every row the list's filters select, streamed page by page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from fastapi.responses import StreamingResponse

CHUNK = 1000
MAX_ROWS = 200_000  # one download; narrow the filters for more

COLUMNS = {
    "statements": "id effective_date date speaker speaker_role kind text topic stance cue venue outlet title url "
    "article_id start end person_id".split(),
    "people": "id name kind anonymous roles statements first_date last_date forms".split(),
    "topics": "topic statements".split(),
    "findings": "id type topic grade explanation statements created".split(),
    "articles": "id title outlet published url duplicate_of statements ingested_at".split(),
}


def cell(value) -> str:
    """A spreadsheet shows text, never runs it: cells that would start a formula get a quote mark."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


def csv_response(kind: str, fetch: Callable[[int, int], list[dict]], filename: str) -> CSVResponse:
    """`fetch(limit, offset)` gives rows; each chunk is its own query, so the download never holds
    the whole list and each step may run on another worker thread."""
    columns = COLUMNS[kind]

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        for offset in range(0, MAX_ROWS, CHUNK):
            batch = fetch(CHUNK, offset)
            for row in batch:
                writer.writerow([cell(row.get(c)) for c in columns])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
            if len(batch) < CHUNK:
                return

    return CSVResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
