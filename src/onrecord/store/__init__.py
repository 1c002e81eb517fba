"""The ledger: SQLite by default, PostgreSQL when given a postgresql:// URL."""

from __future__ import annotations

from pathlib import Path

from onrecord.store.ledger import LedgerError
from onrecord.store.people_io import Ledger

DEFAULT_DB = "onrecord.db"

__all__ = ["DEFAULT_DB", "Ledger", "LedgerError", "open_ledger"]


def open_ledger(url: str | Path | None = None) -> Ledger:
    """None or a path -> SQLite file (created if missing); 'sqlite:///path' too;
    'postgresql://...' or 'postgres://...' -> PostgreSQL."""
    target = str(url) if url is not None else DEFAULT_DB
    if not target.strip():
        raise LedgerError("empty ledger location: give a file path or a postgresql:// URL")
    if target.startswith(("postgresql://", "postgres://")):
        from onrecord.store.postgres import PostgresLedger

        return PostgresLedger(target)
    from onrecord.store.sqlite import SQLiteLedger

    return SQLiteLedger(target.removeprefix("sqlite:///"))
