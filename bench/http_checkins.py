"""Check-in submissions over HTTP at 50 concurrent clients, on SQLite and PostgreSQL.

Each figure is set against a ceiling measured in the same run on the same stack: a bare
endpoint that inserts one row (bench/http_app.py). Throughput comes from wrk in a closed
loop (50 connections, as fast as the server answers), in interleaved pairs of runs (the
ceiling, then the check-ins) so that a neighbour's burst on this shared machine lands on
one pair rather than on one side; the ratio reported is the median of the pairs'.
Latency comes from an open-loop probe where 50 clients send at a fixed total rate and
each request is timed from when it was due, so a slow server cannot hide its queueing.

    .venv/bin/python bench/http_checkins.py [--databases sqlite,postgresql] [--pairs 5]
        [--seconds 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from rootwise.services.accounts import Principal, hash_password
from rootwise.services.enrolment import ClinicDetails, add_contact, create_clinic
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from rootwise.store.migrate import upgrade
from rootwise.web.tokens import Tokens

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support import postgres  # noqa: E402

CLIENTS = 50
PATIENTS = 500
HISTORY_DAYS = 30


def checkin_body(at: datetime, leg_pain: int) -> dict[str, object]:
    """A fully answered, uneventful check-in."""
    return {
        "recorded_at": at.isoformat(),
        "leg_pain": leg_pain,
        "back_pain": 2,
        "leg_pain_side": "left",
        "pain_qualities": ["tingling", "aching"],
        "numbness": "better",
        "weakness": "none",
        "bladder": "normal",
        "bowel": "normal",
        "saddle_numbness": "no",
        "temperature": {"value": 36.9, "unit": "C"},
        "chills": False,
        "wound": [],
        "calf_pain_or_swelling": False,
        "chest_pain_or_breathless": False,
        "headache_when_upright": False,
        "walking_minutes": 30,
        "medications": [{"name": "gabapentin", "class": "gabapentinoid", "dose_mg": 300}],
        "side_effects": [],
        "exercises": [{"kind": "walking", "minutes": 30}],
    }


def stored_checkin(patient_id: int, at: datetime, leg_pain: int) -> dict[str, object]:
    """A check-in row as `submit_checkin` stores it: the answers, and the columns copied
    out of them for history (the temperature and the medicines as well as the pain)."""
    answers = checkin_body(at, leg_pain)
    temperature = answers["temperature"]
    assert isinstance(temperature, dict)
    return {
        "patient_id": patient_id,
        "recorded_at": at,
        "utc_offset_minutes": 0,
        "received_at": at,
        "answers": answers,
        "leg_pain": leg_pain,
        "back_pain": answers["back_pain"],
        "temperature_value": temperature["value"],
        "temperature_unit": temperature["unit"],
        "medications": answers["medications"],
    }


def seed(url: str, now: datetime, secret: str) -> list[str]:
    """A migrated database with PATIENTS patients and 30 days of history each; their tokens."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessions(engine)
    surgery = (now - timedelta(days=HISTORY_DAYS + 5)).date()
    password = hash_password(secrets.token_urlsafe(12))
    with sessions.begin() as session:
        clinic = create_clinic(
            session, ClinicDetails("Bench clinic", "555-0100", "555-0199"), now=now
        )
        add_contact(session, clinic_id=clinic.id, name="Team", channel="email", address="t@x")
        session.execute(
            insert(tables.User),
            [
                {
                    "clinic_id": clinic.id,
                    "email": f"p{i}@bench",
                    "password_hash": password,
                    "role": "patient",
                    "display_name": f"Bench {i}",
                    "is_active": True,
                    "created_at": now,
                }
                for i in range(PATIENTS)
            ],
        )
        users = session.execute(select(tables.User.id, tables.User.display_name)).all()
        session.execute(
            insert(tables.Patient),
            [
                {
                    "clinic_id": clinic.id,
                    "user_id": user_id,
                    "display_name": name,
                    "procedure": "discectomy",
                    "surgery_date": surgery,
                    "levels": ["L4-L5"],
                    "conditions": [],
                    "time_zone": "America/New_York",
                    "language": "en",
                    "created_at": now,
                }
                for user_id, name in users
            ],
        )
        patients = session.execute(select(tables.Patient.id, tables.Patient.user_id)).all()
        session.execute(
            insert(tables.CheckIn),
            [
                stored_checkin(patient_id, now - timedelta(days=day), max(1, 7 - (30 - day) // 5))
                for patient_id, _ in patients
                for day in range(HISTORY_DAYS, 0, -1)
            ],
        )
        clinic_id = clinic.id
    engine.dispose()
    tokens = Tokens(secret, max_age_seconds=3600, clock=lambda: datetime.now(UTC))
    return [
        tokens.issue(Principal(user_id, "patient", clinic_id, patient_id, "Bench"))
        for patient_id, user_id in patients
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str, secret: str) -> Iterator[int]:
    """uvicorn with one worker, as `rootwise serve` runs it, on a free loopback port."""
    port = free_port()
    env = {**os.environ, "ROOTWISE_DATABASE_URL": url, "ROOTWISE_SECRET_KEY": secret}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(ROOT / "bench"),
            "http_app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def wrk(port: int, path: str, tokens_file: Path, body_file: Path, seconds: int) -> float:
    """Requests per second over `seconds`, 50 connections on two threads; errors fail."""
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CLIENTS}",
            f"-d{seconds}s",
            "-s",
            str(ROOT / "bench/wrk_post.lua"),
            f"http://127.0.0.1:{port}",
            "--",
            str(tokens_file),
            str(body_file),
            path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in done.stdout or "Socket errors" in done.stdout:
        raise RuntimeError(f"wrk saw failures on {path}:\n{done.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    assert match, done.stdout
    return float(match.group(1))


async def open_loop(
    port: int, path: str, tokens: list[str], body: bytes, *, rate: float, seconds: float
) -> list[float]:
    """Latencies (ms) of requests sent at `rate`/s by 50 keep-alive clients, timed from due."""
    interval = CLIENTS / rate
    latencies: list[float] = []
    start = time.perf_counter() + 0.2

    async def client(n: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        due = start + interval * n / CLIENTS
        sent = 0
        while due < start + seconds:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            token = tokens[(n + sent * CLIENTS) % len(tokens)]
            writer.write(
                f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = re.search(rb"content-length: (\d+)", head.lower())
            assert length is not None, head
            await reader.readexactly(int(length.group(1)))
            if not head.startswith(b"HTTP/1.1 201"):
                raise RuntimeError(head.decode())
            latencies.append((time.perf_counter() - due) * 1000)
            sent += 1
            due += interval
        writer.close()

    await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    return sorted(latencies)


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def measure(name: str, url: str, pairs: int, seconds: int) -> None:
    now = datetime.now(UTC)
    secret = secrets.token_urlsafe(48)
    tokens = seed(url, now, secret)
    with tempfile.TemporaryDirectory() as tmp:
        tokens_file, body_file = Path(tmp, "tokens"), Path(tmp, "body.json")
        tokens_file.write_text("\n".join(tokens) + "\n")
        body = json.dumps(checkin_body(now - timedelta(minutes=1), 2)).encode()
        body_file.write_bytes(body)
        with serving(url, secret) as port:
            for path in ("/bench/insert", "/api/v1/checkins"):  # warm-up
                wrk(port, path, tokens_file, body_file, 2)
            runs = [
                (
                    wrk(port, "/bench/insert", tokens_file, body_file, seconds),
                    wrk(port, "/api/v1/checkins", tokens_file, body_file, seconds),
                )
                for _ in range(pairs)
            ]
            ceiling = statistics.median(c for c, _ in runs)
            checkins = statistics.median(k for _, k in runs)
            ratios = sorted(k / c for c, k in runs)
            rate = round(checkins * 0.5)
            probe_seconds = max(10, seconds)
            probe = asyncio.run(
                open_loop(port, "/api/v1/checkins", tokens, body, rate=rate, seconds=probe_seconds)
            )
            floor = asyncio.run(
                open_loop(port, "/bench/insert", tokens, body, rate=rate, seconds=probe_seconds)
            )
    print(f"\n## {name}")
    print(f"{pairs} pairs of {seconds} s runs, medians:")
    print(f"bare one-row insert (ceiling): {ceiling:8.0f} req/s")
    print(f"check-in submission:           {checkins:8.0f} req/s")
    print(
        f"ratio, median of the pairs:    {statistics.median(ratios):8.2f}"
        f"   (pairs from {ratios[0]:.2f} to {ratios[-1]:.2f}; target >= 0.50)"
    )
    print(f"open loop, 50 clients at {rate} req/s in total (half the check-in throughput):")
    print(
        f"  check-in  p50 {percentile(probe, 50):6.1f} ms   p99 {percentile(probe, 99):6.1f} ms"
        f"   ({len(probe)} requests; target p99 < 50 ms)"
    )
    print(f"  insert    p50 {percentile(floor, 50):6.1f} ms   p99 {percentile(floor, 99):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=4)
    args = parser.parse_args()
    print(
        f"# check-ins over HTTP, {date.today()}, {os.cpu_count()} cores, "
        f"{PATIENTS} patients x {HISTORY_DAYS} days of history"
    )
    for name in args.databases.split(","):
        if name == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                measure("SQLite (WAL)", f"sqlite:///{tmp}/bench.sqlite3", args.pairs, args.seconds)
        else:
            server = postgres.start()
            try:
                measure(
                    "PostgreSQL (fsync off, as in the tests)",
                    server.url(),
                    args.pairs,
                    args.seconds,
                )
            finally:
                server.stop()


if __name__ == "__main__":
    main()
