"""The web UI and HTTP API over a ledger: `onrecord serve`.

`create_app(db_url, token=None)` builds the FastAPI app; `serve(db, host, port, token)` runs it.
"""

from __future__ import annotations

from onrecord.web.app import ServeRefused, create_app, serve

__all__ = ["ServeRefused", "create_app", "serve"]
