"""Instructions per check-in and per bare insert, counted by valgrind (callgrind).

Timings on these shared machines move by a third from one run to the next; instruction
counts do not move at all, so they show whether a change to the check-in path made it
cheaper. Each operation is counted in-process on SQLite, with the same seeded database
as bench/http_checkins.py: a run of 50 and a run of 300 operations after a warm-up, and
the difference divided by 250, so start-up and imports cancel out. Each is counted twice:
as the service call (the ceiling is the bare insert of bench/http_app.py without HTTP
around it), and as a whole request through the app of bench/http_app.py, handed to it
as uvicorn hands it over (ASGI), one after another, without sockets.

    .venv/bin/python bench/checkin_instructions.py        (needs valgrind: Debian package)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select
from starlette.types import ASGIApp, Message

from rootwise.services.accounts import Principal
from rootwise.services.checkins import submit_checkin
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions

WARM_UP = 20
SHORT, LONG = 50, 300
_INSERT_ONE = insert(tables.AuditEntry.__table__)


KINDS = ("insert", "checkin", "request-insert", "request-checkin")
PATHS = {"request-insert": "/bench/insert", "request-checkin": "/api/v1/checkins"}
SECRET = "bench-secret-" + "x" * 32  # settings ask for 32 characters at least


def run(kind: str, count: int, database: Path, body: bytes) -> None:
    """`count` operations of `kind` after a warm-up, on a copy of the seeded database."""
    if kind in PATHS:
        asyncio.run(_requests(PATHS[kind], count, database, body))
        return
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


async def _requests(path: str, count: int, database: Path, body: bytes) -> None:
    """POST `body` to `path` through the ASGI app, each time as another patient."""
    os.environ["ROOTWISE_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ROOTWISE_SECRET_KEY"] = SECRET
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from http_app import app  # noqa: PLC0415

    runtime = app.state.runtime
    with runtime.sessions() as session:
        patients = session.execute(
            select(tables.Patient.id, tables.Patient.user_id, tables.Patient.clinic_id)
        ).all()
    tokens = [
        runtime.tokens.issue(Principal(user_id, "patient", clinic_id, patient_id, "Bench"))
        for patient_id, user_id, clinic_id in patients
    ]
    for n in range(WARM_UP + count):
        status = await _post(app, path, tokens[n % len(tokens)], body)
        assert status == 201, status


async def _post(app: ASGIApp, path: str, token: str, body: bytes) -> int:
    """One POST with its whole body, as an ASGI server delivers it; the response status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }
    delivered = asyncio.Event()
    statuses: list[int] = []

    async def receive() -> Message:
        if delivered.is_set():  # the body is whole: nothing more arrives
            await asyncio.Event().wait()
        delivered.set()
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)
    return statuses[0]


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
    parser.add_argument(
        "--requests-only", action="store_true", help="count only the whole requests"
    )
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
        seed(f"sqlite:///{seeded}", now, SECRET)
        body_file = tmp / "body.json"
        body_file.write_text(json.dumps(checkin_body(now - timedelta(minutes=1), 2)))
        kinds = [k for k in KINDS if k in PATHS or not args.requests_only]
        per_operation = {
            kind: (
                counted(kind, LONG, seeded, body_file, tmp)
                - counted(kind, SHORT, seeded, body_file, tmp)
            )
            / (LONG - SHORT)
            for kind in kinds
        }
    print("# instructions per operation, in-process on SQLite (valgrind --tool=callgrind)")
    for prefix, label in (("", "service call"), ("request-", "whole request (ASGI)")):
        if f"{prefix}checkin" not in per_operation:
            continue
        ceiling = per_operation[f"{prefix}insert"]
        checkin = per_operation[f"{prefix}checkin"]
        print(f"## {label}")
        print(f"bare one-row insert (ceiling): {ceiling / 1e6:6.2f} M")
        print(f"check-in submission:           {checkin / 1e6:6.2f} M")
        print(f"ratio:                         {ceiling / checkin:6.2f}")


if __name__ == "__main__":
    main()
