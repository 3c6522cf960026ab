"""Page tests run the whole app in process, against a fresh copy of a seeded database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from textstat.backend.counts import _count_syllables

from rootwise.settings import Settings
from rootwise.store.database import make_engine
from rootwise.web.app import create_app
from tests.web import seed

SECRET = "test-secret-key-that-is-long-enough-0123456789"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, seed.Cast]:
    path = tmp_path_factory.mktemp("template") / "rootwise.sqlite3"
    return path, seed.build(path)


@pytest.fixture
def cast(built: tuple[Path, seed.Cast]) -> seed.Cast:
    return built[1]


@pytest.fixture
def database_url(built: tuple[Path, seed.Cast], tmp_path: Path) -> str:
    return seed.copy(built[0], tmp_path / "rootwise.sqlite3")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """Direct access to the test's database, to check what was (not) stored."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@contextmanager
def running(database_url: str, clock: Callable[[], datetime]) -> Iterator[TestClient]:
    """A client of a new app on `database_url`, not following redirects."""
    app = create_app(Settings(database_url=database_url, secret_key=SECRET), clock=clock)
    with TestClient(app, follow_redirects=False) as client:
        yield client
    app.state.runtime.engine.dispose()


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """A browser for the app, whose clock stands still at `seed.NOW`."""
    with running(database_url, lambda: seed.NOW) as client:
        yield client


@pytest.fixture
def syllables_from_pyphen() -> Iterator[None]:
    """Offline, repeatable reading grades: textstat's dictionary download is not possible
    here, so it counts syllables with pyphen (see tests/unit/clinical/test_plain_language.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        yield
