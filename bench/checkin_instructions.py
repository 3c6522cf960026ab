"""Instructions per check-in and per bare insert, counted by valgrind (callgrind).

Timings on these shared machines move by a third from one run to the next; instruction
counts do not move at all, so they show whether a change to the check-in path made it
cheaper. Each operation is counted in-process on SQLite, with the same seeded database
as bench/http_checkins.py: a run of 50 and a run of 300 operations after a warm-up, and
the difference divided by 250, so start-up and imports cancel out. The ceiling is the
bare insert of bench/http_app.py without HTTP around it.

    .venv/bin/python bench/checkin_instructions.py        (needs valgrind: Debian package)
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from rootwise.services.checkins import submit_checkin
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions

WARM_UP = 20
SHORT, LONG = 50, 300
_INSERT_ONE = insert(tables.AuditEntry.__table__)


def run(kind: str, count: int, database: Path, body: bytes) -> None:
    """`count` operations of `kind` after a warm-up, on a copy of the seeded database."""
    engine = make_engine(f"sqlite:///{database}")
    sessions = make_sessions(engine)
    with sessions() as session:
        patients = session.execute(select(tables.Patient.id, tables.Patient.user_id)).all()
    settings = Settings()
    now = datetime.fromisoformat(json.loads(body)["recorded_at"]) + timedelta(minutes=1)
    for n in range(WARM_UP + count):
        if kind == "checkin":
            patient_id, user_id = patients[n % len(patients)]
            submit_checkin(
                sessions,
                patient_id=patient_id,
                user_id=user_id,
                body=body,
                now=now,
                settings=settings,
            )
        else:
            with sessions.begin() as session:
                session.execute(_INSERT_ONE, {"at": now, "action": "bench", "resource": "bench"})


def counted(kind: str, count: int, seeded: Path, body_file: Path, tmp: Path) -> int:
    """Instructions that a whole run of `count` operations took, start-up included."""
    database = tmp / f"{kind}-{count}.sqlite3"
    shutil.copy(seeded, database)
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--run",
            kind,
            str(count),
            str(database),
            str(body_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    assert match, done.stderr
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", nargs=4, metavar=("KIND", "COUNT", "DATABASE", "BODY"))
    args = parser.parse_args()
    if args.run:
        kind, count, database, body_file = args.run
        run(kind, int(count), Path(database), Path(body_file).read_bytes())
        return
    # Only here, not in the counted runs: it brings the web stack with it.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from http_checkins import checkin_body, seed  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        seeded = tmp / "seeded.sqlite3"
        now = datetime.now(UTC)
        seed(f"sqlite:///{seeded}", now, "bench-secret")
        body_file = tmp / "body.json"
        body_file.write_text(json.dumps(checkin_body(now - timedelta(minutes=1), 2)))
        per_operation = {
            kind: (
                counted(kind, LONG, seeded, body_file, tmp)
                - counted(kind, SHORT, seeded, body_file, tmp)
            )
            / (LONG - SHORT)
            for kind in ("insert", "checkin")
        }
    ceiling, checkin = per_operation["insert"], per_operation["checkin"]
    print("# instructions per operation, in-process on SQLite (valgrind --tool=callgrind)")
    print(f"bare one-row insert (ceiling): {ceiling / 1e6:6.2f} M")
    print(f"check-in submission:           {checkin / 1e6:6.2f} M")
    print(f"ratio:                         {ceiling / checkin:6.2f}")


if __name__ == "__main__":
    main()
