"""`rootwise worker`: the notification worker as its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from rootwise.store.database import make_engine
from rootwise.store.migrate import upgrade

ROOTWISE = Path(sys.executable).with_name("rootwise")


def _environment(database: Path) -> dict[str, str]:
    return {**os.environ, "ROOTWISE_DATABASE_URL": f"sqlite:///{database}"}


def test_the_worker_starts_on_a_migrated_database_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    database = tmp_path / "rootwise.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()
    worker = subprocess.Popen(
        [str(ROOTWISE), "worker"],
        env=_environment(database),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    first_line = worker.stdout.readline()
    worker.send_signal(signal.SIGTERM)
    _, errors = worker.communicate(timeout=60)
    assert "delivering notifications" in first_line
    assert worker.returncode == 0
    assert "Traceback" not in errors


def test_the_worker_refuses_an_unmigrated_database_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(ROOTWISE), "worker"],
        env=_environment(tmp_path / "empty.sqlite3"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "run `rootwise db upgrade` first" in done.stderr
    assert done.stderr.count("\n") == 1
