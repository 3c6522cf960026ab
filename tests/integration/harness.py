"""What integration tests hold in their hands: a database, the app's clock, a log-in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.store import tables
from rootwise.store.database import make_sessions
from rootwise.web.runtime import Runtime
from tests.integration.world import Persona, World

SECRET_KEY = "x" * 40

# Bearer headers for a persona.
Auth = Callable[[Persona], dict[str, str]]


@dataclass(frozen=True)
class Database:
    """A migrated, seeded database of one test, with an engine for looking inside."""

    backend: str
    url: str
    world: World
    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sessions", make_sessions(self.engine))


class Clock:
    """The app's clock: fixed, moved on only when a test says so."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def runtime(application: FastAPI) -> Runtime:
    value: Runtime = application.state.runtime
    return value


def meet_at_write(
    monkeypatch: pytest.MonkeyPatch, apps: list[FastAPI], parties: int
) -> threading.Barrier:
    """Hold each request at the start of its write transaction until `parties` are there.

    From there they contend as real ones would: on PostgreSQL their transactions overlap;
    on SQLite they take turns within an app, and between apps (as between processes)
    wait in SQLite's busy handler for the write lock.
    """
    barrier = threading.Barrier(parties, timeout=30)
    for application in apps:
        sessions = runtime(application).sessions
        begin = sessions.begin

        def begin_together(
            begin: Callable[[], AbstractContextManager[Session]] = begin,
        ) -> AbstractContextManager[Session]:
            barrier.wait()
            return begin()

        monkeypatch.setattr(sessions, "begin", begin_together)
    return barrier


def login(client: TestClient, email: str, password: str) -> dict[str, str]:
    """Bearer headers from a real log-in through `POST /api/v1/auth/token`."""
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def audit_trail(database: Database) -> list[tuple[str, str, int | None, int | None]]:
    """Every audit row as (action, resource, user, patient), oldest first."""
    with database.sessions() as session:
        rows = session.scalars(select(tables.AuditEntry).order_by(tables.AuditEntry.id))
        return [(r.action, r.resource, r.user_id, r.patient_id) for r in rows]
