"""The ledger in one SQLite file: WAL so readers (the web UI) never block an ingest."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from onrecord.store.ledger import LedgerError
from onrecord.store.people_io import Ledger

HERE = Path(__file__).parent
MIN_SQLITE = (3, 35)


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


class SQLiteLedger(Ledger):
    def __init__(self, path: Path | str):
        self.path = path
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise LedgerError(
                f"SQLite {sqlite3.sqlite_version} is too old: the ledger needs 3.35 or later (RETURNING)"
            )
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as e:
            raise LedgerError(f"{path}: cannot be opened as an onrecord ledger ({e})") from e
        self._conn.row_factory = _dict_row
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            # index pages stay in memory as the ledger grows, so a lookup's cost stays flat
            self._conn.execute("PRAGMA cache_size = -32768")
            self._conn.execute("PRAGMA mmap_size = 268435456")
            # checkpoint (copy WAL pages into the file, with fsync) every ~40 MB rather than ~4 MB
            self._conn.execute("PRAGMA wal_autocheckpoint = 10000")
            # one transaction, so two processes opening a new ledger at once do not interleave the DDL
            schema = (HERE / "schema.sql").read_text() + (HERE / "search_sqlite.sql").read_text()
            self._conn.executescript(f"BEGIN IMMEDIATE;\n{schema}\nCOMMIT;")
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise LedgerError(f"{path}: cannot be opened as an onrecord ledger ({e})") from e

    def _execute(self, sql: str, params: Sequence = ()):
        return self._conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def _transaction(self):
        if self._conn.in_transaction:  # nested: part of the enclosing article's transaction
            yield
            return
        # IMMEDIATE takes the write lock first, so two writers queue instead of deadlocking
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[dict]:
        yield from self._conn.execute(sql, tuple(params))

    def search(self, query: str, limit: int = 50) -> list[dict]:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        match = " ".join('"' + w + '"' for w in words)  # quoted: user text is never FTS syntax
        rows = self._all(
            "SELECT v.* FROM statement_search f JOIN statement_view v ON v.id = f.statement_id "
            "WHERE statement_search MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit),
        )
        return [{**r, "anonymous": bool(r["anonymous"])} for r in rows]

    def close(self) -> None:
        self._conn.close()
