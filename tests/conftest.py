"""Shared fixtures: ledgers on SQLite, and on PostgreSQL when a server answers."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from onrecord.store import open_ledger

# what .ci/postgres.sh sets up; ONRECORD_TEST_PG overrides it
LOCAL_PG = "postgresql://onrecord:onrecord@localhost:5432/onrecord_test"


@pytest.fixture
def ledger(tmp_path):
    """A fresh SQLite ledger in a temporary folder."""
    with open_ledger(tmp_path / "ledger.db") as led:
        yield led


@pytest.fixture(scope="session")
def pg_server():
    """URL of a PostgreSQL server the tests may create databases on; skips when none answers."""
    import psycopg

    url = os.environ.get("ONRECORD_TEST_PG")
    try:
        psycopg.connect(url or LOCAL_PG, connect_timeout=3).close()
    except psycopg.Error:
        if url:
            raise  # asked for explicitly: a broken server is a failure, not a skip
        pytest.skip(
            f"no PostgreSQL: ONRECORD_TEST_PG is unset and {LOCAL_PG} does not answer (.ci/postgres.sh starts one)"
        )
    return url or LOCAL_PG


@pytest.fixture
def pg_url(pg_server):
    """A throwaway schema on that server, first on the search path, dropped afterwards (fast, and
    never touches existing data)."""
    import psycopg

    name = "onrecord_t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    parts = urlsplit(pg_server)
    query = "&".join(q for q in (parts.query, f"options=-csearch_path%3D{name}") if q)
    yield urlunsplit(parts._replace(query=query))
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request, tmp_path):
    """The same test on both backends: a SQLite path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def any_ledger(ledger_url):
    with open_ledger(ledger_url) as led:
        yield led
