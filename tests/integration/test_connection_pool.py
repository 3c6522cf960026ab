"""PostgreSQL connections are opened once and kept, not reopened for each burst of requests."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from rootwise.store.database import POSTGRES_CONNECTIONS
from tests.integration.harness import Database


def _backends_of_a_burst(db: Database) -> set[int]:
    """The server processes that served a burst where every connection is in use at once."""
    everyone_connected = threading.Barrier(POSTGRES_CONNECTIONS)

    def one_request(_: int) -> int:
        with db.sessions() as session:
            backend = session.scalar(text("SELECT pg_backend_pid()"))
            everyone_connected.wait(timeout=30)
        assert isinstance(backend, int)
        return backend

    with ThreadPoolExecutor(POSTGRES_CONNECTIONS) as pool:
        return set(pool.map(one_request, range(POSTGRES_CONNECTIONS)))


def test_the_connections_of_one_burst_serve_the_next(postgres_db: Database) -> None:
    first = _backends_of_a_burst(postgres_db)
    second = _backends_of_a_burst(postgres_db)

    assert len(first) == POSTGRES_CONNECTIONS
    assert second == first
