"""Real databases for the notification tests: an SQLite file and a throwaway PostgreSQL.

Each backend is migrated and seeded once per session into a template, and every test
gets its own copy, so tests share no outbox rows.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from rootwise.store.database import make_engine
from tests.notify.support import Outbox, Seeded, prepare
from tests.support import postgres

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.Server]:
    if postgres.find_bin_dir() is None:
        pytest.skip(
            "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb): "
            "install Debian's postgresql package to run the PostgreSQL tests"
        )
    server = postgres.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_admin(pg_server: postgres.Server) -> Iterator[Engine]:
    """Creates and drops databases, which cannot happen inside a transaction."""
    engine = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_server: postgres.Server, pg_admin: Engine) -> tuple[str, Seeded]:
    name = "notify_template"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name, prepare(pg_server.url(name))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seeded]:
    path = tmp_path_factory.mktemp("notify-template") / "rootwise.sqlite3"
    return path, prepare(f"sqlite:///{path}")


@pytest.fixture
def sqlite_outbox(sqlite_template: tuple[Path, Seeded], tmp_path: Path) -> Iterator[Outbox]:
    template, seeded = sqlite_template
    path = tmp_path / "rootwise.sqlite3"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    outbox = Outbox("sqlite", url, make_engine(url), seeded)
    yield outbox
    outbox.engine.dispose()


@pytest.fixture
def pg_outbox(
    pg_server: postgres.Server, pg_admin: Engine, pg_template: tuple[str, Seeded]
) -> Iterator[Outbox]:
    template, seeded = pg_template
    name = f"notify_{os.getpid()}_{next(_names)}"
    with pg_admin.connect() as connection:
        connection.execute(
            text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        )
    url = pg_server.url(name)
    outbox = Outbox("postgresql", url, make_engine(url), seeded)
    yield outbox
    outbox.engine.dispose()
    with pg_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite_outbox", "pg_outbox"], ids=["sqlite", "postgresql"])
def outbox(request: pytest.FixtureRequest) -> Outbox:
    """A database of this test's own, on each backend in turn."""
    found: Outbox = request.getfixturevalue(request.param)
    return found
