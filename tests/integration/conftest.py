"""Real databases for integration tests: an SQLite file and a throwaway PostgreSQL server.

The schema is only ever built by the Alembic migrations. Each backend is migrated and
seeded (`world.seed`) once per session, so the argon2 hashing of the personas' passwords
is paid once. Then every test starts from exactly that state:

- SQLite: a copy of the seeded file, in the test's own `tmp_path`.
- PostgreSQL: one migrated database for the session, put back to the seeded rows before
  each test (delete everything, insert the seed rows again, reset the id sequences).
  That takes about 15 ms, where `CREATE DATABASE … TEMPLATE` takes 100-400 ms because it
  checkpoints the whole cluster.

Tests that need an empty database (the migration tests) get a new one of their own.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, insert, select, text

from rootwise.settings import Settings
from rootwise.store import migrate, tables
from rootwise.store.database import make_engine, make_sessions
from rootwise.web.app import create_app
from tests.integration.harness import SECRET_KEY, Auth, Clock, Database, runtime
from tests.integration.world import NOW, Persona, World, seed
from tests.support import postgres

BACKENDS = ("sqlite", "postgresql")
_numbers = itertools.count(1)


def _migrate_and_seed(url: str) -> World:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with make_sessions(engine).begin() as session:
            return seed(session)
    finally:
        engine.dispose()


# --- PostgreSQL: one server, one seeded database, reset before every test --------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.Server]:
    bin_dir = postgres.find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb): "
            "install Debian's postgresql package to run the PostgreSQL tests"
        )
    server = postgres.start(bin_dir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_admin(postgres_server: postgres.Server) -> Iterator[Engine]:
    """Creates databases (CREATE DATABASE cannot run inside a transaction)."""
    engine = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@dataclass(frozen=True)
class _Seeded:
    """The session's seeded PostgreSQL database, and how to put it back as it was."""

    url: str
    world: World
    engine: Engine
    rows: dict[str, list[dict[str, Any]]]

    def reset(self) -> None:
        ordered = tables.Base.metadata.sorted_tables
        with self.engine.begin() as connection:
            # A connection a failed test left open must not hang the whole run.
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            for table in reversed(ordered):
                connection.execute(table.delete())
            for table in ordered:
                if self.rows[table.name]:
                    connection.execute(insert(table), self.rows[table.name])
                # The next id is one past the largest, as SQLite would give.
                connection.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                    ),
                    {"table": table.name},
                )


@pytest.fixture(scope="session")
def postgres_seeded(
    postgres_server: postgres.Server,
    postgres_admin: Engine,
    sqlite_seeded: tuple[Path, World],
) -> Iterator[_Seeded]:
    """The PostgreSQL database, migrated, holding the same seed rows as the SQLite one.

    The rows are copied from the seeded SQLite file rather than enrolled again, which
    would hash every persona's password a second time (argon2, ~0.15 s each).
    """
    name = "rootwise_test"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.url(name)
    engine = make_engine(url)
    migrate.upgrade(engine)
    seeded_file, world = sqlite_seeded
    seeded = _Seeded(url, world, engine, _rows(f"sqlite:///{seeded_file}"))
    seeded.reset()
    assert _rows(url) == seeded.rows
    yield seeded
    engine.dispose()


def _rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: [
                    dict(row._mapping)
                    for row in connection.execute(select(table).order_by(*table.primary_key))
                ]
                for table in tables.Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


@pytest.fixture
def new_postgres_database(
    postgres_server: postgres.Server, postgres_admin: Engine
) -> Iterator[Callable[[], str]]:
    """Makes empty databases on the session server, dropped after the test."""
    made: list[str] = []

    def create() -> str:
        name = f"empty_{next(_numbers)}"
        with postgres_admin.connect() as connection:
            # Copying the (empty) template's files beats WAL-logging them block by block.
            connection.execute(text(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY'))
        made.append(name)
        return postgres_server.url(name)

    yield create
    with postgres_admin.connect() as connection:
        for name in made:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- SQLite: a seeded file, copied for every test --------------------------------------


@pytest.fixture(scope="session")
def sqlite_seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("sqlite-seeded") / "rootwise.sqlite3"
    world = _migrate_and_seed(f"sqlite:///{path}")
    # Closing the last connection checkpoints the WAL into the main file and removes it.
    assert not path.with_name(path.name + "-wal").exists()
    return path, world


# --- One database per test ---------------------------------------------------------------


def _sqlite_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    seeded, world = request.getfixturevalue("sqlite_seeded")
    path = tmp_path / "rootwise.sqlite3"
    shutil.copyfile(seeded, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    yield Database("sqlite", url, world, engine)
    engine.dispose()


def _postgres_database(request: pytest.FixtureRequest) -> Iterator[Database]:
    seeded: _Seeded = request.getfixturevalue("postgres_seeded")
    seeded.reset()
    engine = make_engine(seeded.url)
    yield Database("postgresql", seeded.url, seeded.world, engine)
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database holding only the seeded world, on each backend in turn."""
    if request.param == "sqlite":
        yield from _sqlite_database(request, tmp_path)
    else:
        yield from _postgres_database(request)


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """As `db`, on SQLite only."""
    yield from _sqlite_database(request, tmp_path)


@pytest.fixture
def postgres_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """As `db`, on PostgreSQL only (for what SQLite's single writer cannot show)."""
    yield from _postgres_database(request)


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables at all, for running the migrations from nothing."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    create: Callable[[], str] = request.getfixturevalue("new_postgres_database")
    return create()


# --- The web app ---------------------------------------------------------------------------


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def settings(db: Database) -> Settings:
    return Settings(database_url=db.url, secret_key=SECRET_KEY)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=clock)
    yield application
    runtime(application).engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def lenient_client(app: FastAPI) -> Iterator[TestClient]:
    """A client that gets a server error as a 500, as a real one would."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth(app: FastAPI) -> Auth:
    """Bearer headers for a persona, signed by the app's own token issuer.

    Logging in through the API costs an argon2 verification (~0.15 s); the log-in route
    has its own tests, which also check that its token names the same principal.
    """

    def headers(persona: Persona) -> dict[str, str]:
        token = runtime(app).tokens.issue(persona.principal)
        return {"Authorization": f"Bearer {token}"}

    return headers
