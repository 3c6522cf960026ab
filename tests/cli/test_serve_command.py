"""`rootwise serve` and `rootwise db upgrade`, as `make run` and deployments call them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from rootwise.cli import app
from rootwise.demo import DEMO_LOGINS, DEMO_PASSWORD
from rootwise.demo.clinic import open_demo_clinic
from rootwise.services.enrolment import ClinicDetails, create_clinic
from rootwise.store.database import make_engine, make_sessions
from rootwise.store.migrate import pending, upgrade
from tests.support import postgres

ROOTWISE = Path(sys.executable).with_name("rootwise")
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
# Loading the demo takes about 5 s on a 2-core machine; leave room for a busy one.
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def wait_until_up(process: subprocess.Popen[str], client: httpx.Client, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"rootwise serve exited with {process.returncode}")
        try:
            if client.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"rootwise serve did not answer within {START_TIMEOUT_S} s")


def invoke(*args: str, database: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"ROOTWISE_DATABASE_URL": database})


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stands in for uvicorn: records what would have been served, returns at once."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    return calls


# --- The real thing: a server process with the demo clinic -------------------------------


def test_serve_demo_loads_the_demo_prints_the_log_ins_and_answers_until_stopped(
    tmp_path: Path,
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ROOTWISE_DATABASE_URL": sqlite_url(tmp_path / "demo.sqlite3")}
    env.pop("ROOTWISE_SECRET_KEY", None)
    command = [str(ROOTWISE), "serve", "--demo", "--port", str(port)]
    with (
        subprocess.Popen(
            command,
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as process,
        httpx.Client(base_url=base, trust_env=False, timeout=5) as client,
    ):
        try:
            wait_until_up(process, client, "/openapi.json")
            token = client.post(
                "/api/v1/auth/token",
                data={"username": "patient@demo.rootwise.org", "password": DEMO_PASSWORD},
            )
            openapi = client.get("/openapi.json")
        finally:
            # What Ctrl+C sends under `make run`; uvicorn shuts down gracefully on it.
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=30)

    assert process.returncode == 0, err
    assert "Finished server process" in err
    assert "Traceback" not in err
    assert token.status_code == 200
    assert token.json()["token_type"] == "bearer"
    assert "/api/v1/checkins" in openapi.json()["paths"]
    assert "patient@demo.rootwise.org" in out
    assert "clinician@demo.rootwise.org" in out
    assert DEMO_PASSWORD in out
    assert f"http://127.0.0.1:{port}/" in out
    assert not (tmp_path / "rootwise.sqlite3").exists()


# --- serve, without a network --------------------------------------------------------------


def test_serve_migrates_an_empty_sqlite_database_first(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    url = sqlite_url(tmp_path / "new.sqlite3")

    result = invoke("serve", "--port", "8123", database=url)

    assert result.exit_code == 0, result.stderr
    assert "migrated from empty to revision" in result.stdout
    assert served == [{"host": "127.0.0.1", "port": 8123}]
    engine = make_engine(url)
    assert not pending(engine)
    engine.dispose()


def test_serve_demo_leaves_a_database_with_other_data_alone_and_says_so(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    engine = make_engine(url)
    upgrade(engine)
    with make_sessions(engine).begin() as session:
        create_clinic(session, ClinicDetails("Real Spine Clinic", "1", "2"), now=NOW)
    engine.dispose()

    result = invoke("serve", "--demo", database=url)

    assert result.exit_code == 0, result.stderr
    assert "already has data" in result.stdout
    assert DEMO_PASSWORD not in result.stdout
    assert len(served) == 1


def test_serve_demo_on_a_demo_database_does_not_load_again_and_prints_the_log_ins(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    url = sqlite_url(tmp_path / "demo.sqlite3")
    engine = make_engine(url)
    upgrade(engine)
    with make_sessions(engine).begin() as session:
        open_demo_clinic(session, now=NOW)
    engine.dispose()

    result = invoke("serve", "--demo", database=url)

    assert result.exit_code == 0, result.stderr
    assert "already holds the demo clinic" in result.stdout
    assert all(login.email in result.stdout for login in DEMO_LOGINS)
    assert len(served) == 1


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"ROOTWISE_DATABASE_URL": "not a url"}, "ROOTWISE_DATABASE_URL"),
        ({"ROOTWISE_TOKEN_HOURS": "0"}, "ROOTWISE_TOKEN_HOURS"),
    ],
)
def test_serve_with_bad_configuration_exits_2_with_one_line(
    env: dict[str, str], field: str, served: list[dict[str, Any]]
) -> None:
    result = CliRunner().invoke(app, ["serve"], env=env)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(field)
    assert result.stderr.count("\n") == 1
    assert served == []


def test_serve_with_an_unreachable_database_exits_2_with_one_line(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    url = sqlite_url(tmp_path / "no-such-folder" / "rootwise.sqlite3")

    result = invoke("serve", database=url)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"database {url}: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert served == []


# --- db upgrade ----------------------------------------------------------------------------


def test_db_upgrade_migrates_an_empty_database_and_says_so(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "empty.sqlite3")

    first = invoke("db", "upgrade", database=url)
    second = invoke("db", "upgrade", database=url)

    assert (first.exit_code, second.exit_code) == (0, 0)
    assert "upgraded from an empty database to revision" in first.stdout
    assert "nothing to do" in second.stdout
    engine = make_engine(url)
    assert not pending(engine)
    engine.dispose()


# --- PostgreSQL: migrated explicitly, never on start ---------------------------------------


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bin_dir = postgres.find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found: install Debian's postgresql package")
    server = postgres.start(bin_dir)
    yield server.url()
    server.stop()


def test_serve_refuses_a_postgresql_database_with_pending_migrations_until_db_upgrade(
    postgres_url: str, served: list[dict[str, Any]]
) -> None:
    refused = invoke("serve", database=postgres_url)
    upgraded = invoke("db", "upgrade", database=postgres_url)
    started = invoke("serve", database=postgres_url)

    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1
    assert "run `rootwise db upgrade`" in refused.stderr
    assert upgraded.exit_code == 0
    assert "upgraded from an empty database to revision" in upgraded.stdout
    assert started.exit_code == 0, started.stderr
    assert len(served) == 1
