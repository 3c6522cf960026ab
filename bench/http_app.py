"""The app under load: Rootwise as deployed, plus a bare one-row insert endpoint.

The extra endpoint is the ceiling: the same FastAPI, thread pool, SQLAlchemy session and
database, doing the least a write request can do. It exists only in this bench module.
"""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import insert

from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.web.app import create_app
from rootwise.web.deps import RuntimeDep

# Built once, as the check-in's statements are: a statement built per request would put
# its construction and cache-key work on the ceiling's side.
_INSERT_ONE = insert(tables.AuditEntry.__table__)


def build() -> FastAPI:
    app = create_app(Settings())

    @app.post("/bench/insert", status_code=201)
    def insert_one(runtime: RuntimeDep) -> dict[str, Any]:
        with runtime.sessions.begin() as session:
            session.execute(
                _INSERT_ONE, {"at": datetime.now(UTC), "action": "bench", "resource": "bench"}
            )
        return {"ok": True}

    # Matched first, as the check-in route nearly is (the API router comes before the
    # pages): otherwise every ceiling request would walk the whole route table first.
    app.router.routes.insert(0, app.router.routes.pop())
    return app


app = build()
gc.freeze()  # as `rootwise serve` does once the app is built
