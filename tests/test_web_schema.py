"""Schemathesis over the OpenAPI schema: generated requests, valid and invalid, never get a server
error, and responses match the status codes and content types the schema declares."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, status_code_conformance

from onrecord.store import open_ledger
from onrecord.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from ledgers import small_ledger  # noqa: E402


def build_schema():
    """Loaded at import, as schemathesis parametrizes at collection (its lazy fixture loader does not
    run on pytest 9); the ledger is a few rows in a temporary folder, removed at exit."""
    folder = tempfile.mkdtemp(prefix="onrecord-schema-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = Path(folder) / "web.db"
    with open_ledger(db) as led:
        small_ledger(led)
    app = create_app(db, token="schema-token", max_upload_bytes=100_000)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = build_schema()


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_generated_requests(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, content_type_conformance])


def test_schema_lists_every_api_view():
    paths = set(schema.raw_schema["paths"])
    assert {"/api/summary", "/api/people", "/api/people/{pid}", "/api/topics", "/api/topics/{key}", "/api/findings",
            "/api/findings/{fid}", "/api/articles", "/api/articles/{aid}", "/api/search", "/api/search.csv",
            "/api/jobs/{job_id}"} <= paths  # fmt: skip
    assert "post" in schema.raw_schema["paths"]["/api/articles"]
