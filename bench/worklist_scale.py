"""The care team's worklist at scale, and the notification worker's delivery rate.

A clinic of 10,000 patients with a year of daily check-ins each (3.65 million rows,
loaded in bulk), plus a realistic open set: alerts, `soon` reviews and missed check-in
items. The worklist is timed as the page's poll calls it (`services.worklist.worklist`,
one audited read); its ceiling is the least an audited request does on the same
database, one audit insert. The worker delivers webhooks to a local sink; its ceiling is
the same signed POSTs sent directly, with no outbox.

    .venv/bin/python bench/worklist_scale.py [--databases sqlite,postgresql] [--patients 10000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import Engine, insert, select, text

from rootwise.notify import deliver_due
from rootwise.notify.message import Message
from rootwise.notify.webhook import post_webhook
from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.enrolment import ClinicDetails, add_contact, create_clinic
from rootwise.services.worklist import worklist
from rootwise.store import tables
from rootwise.store.database import Sessions, make_engine, make_sessions
from rootwise.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support import postgres  # noqa: E402

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
DAYS = 365
SECRET = "s" * 40


def load(engine: Engine, patients: int) -> Principal:
    """The clinic, its patients and their year of check-ins; the clinician who reads it."""
    sessions = make_sessions(engine)
    with sessions.begin() as session:
        clinic = create_clinic(
            session, ClinicDetails("Scale clinic", "555-0100", "555-0199"), now=NOW
        )
        clinician = tables.User(
            clinic_id=clinic.id,
            email="c@scale",
            password_hash="x",
            role="clinician",
            display_name="Clinician",
            is_active=True,
            created_at=NOW,
        )
        session.add(clinician)
        session.flush()
        session.execute(
            insert(tables.Patient),
            [
                {
                    "clinic_id": clinic.id,
                    "display_name": f"Scale patient {n}",
                    "procedure": "discectomy",
                    "surgery_date": (NOW - timedelta(days=DAYS)).date(),
                    "levels": [],
                    "conditions": [],
                    "time_zone": "America/New_York",
                    "language": "en",
                    "created_at": NOW,
                }
                for n in range(patients)
            ],
        )
        principal = Principal(clinician.id, "clinician", clinic.id, None, "Clinician")
    ids = [row[0] for row in engine.connect().execute(select(tables.Patient.id))]
    _bulk_checkins(engine, ids)
    _open_work(engine, clinic_id=principal.clinic_id, patient_ids=ids)
    return principal


def _checkin_rows(patient_ids: list[int], *, sqlite: bool) -> Iterator[tuple[object, ...]]:
    start = NOW - timedelta(days=DAYS)
    for patient_id in patient_ids:
        for day in range(DAYS):
            at = start + timedelta(days=day, hours=(patient_id % 12))
            pain = max(0, 8 - day // 20)
            # Built by hand: json.dumps per row would double the load time.
            answers = f'{{"recorded_at": "{at.isoformat()}", "leg_pain": {pain}}}'
            # SQLite gets the text form SQLAlchemy stores for naive UTC datetimes.
            stamp = f"{at:%Y-%m-%d %H:%M:%S}.000000" if sqlite else at
            yield (patient_id, stamp, -300, stamp, answers, pain, 2, None, None)


def _bulk_checkins(engine: Engine, patient_ids: list[int]) -> None:
    columns = (
        "patient_id, recorded_at, utc_offset_minutes, received_at, answers, leg_pain, "
        "back_pain, temperature_value, temperature_unit"
    )
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            # The engine leaves BEGIN to SQLAlchemy, so a raw connection autocommits each
            # row unless told otherwise.
            cursor.execute("BEGIN")
            cursor.executemany(
                f"INSERT INTO checkins ({columns}) VALUES (?,?,?,?,?,?,?,?,?)",
                _checkin_rows(patient_ids, sqlite=True),
            )
        else:
            with cursor.copy(f"COPY checkins ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in _checkin_rows(patient_ids, sqlite=False):
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _open_work(engine: Engine, *, clinic_id: int, patient_ids: list[int]) -> None:
    """40 open alerts, 300 open reviews and 150 missed check-in items, as a busy day has."""
    with engine.begin() as connection:
        latest = connection.execute(
            select(tables.CheckIn.id, tables.CheckIn.patient_id)
            .where(tables.CheckIn.recorded_at >= NOW - timedelta(days=1))
            .limit(340)
        ).all()
        for n, (checkin_id, patient_id) in enumerate(latest):
            level = "emergency" if n < 10 else "same_day" if n < 40 else "soon"
            finding = {"rule": "infection.fever", "level": level}
            assessment_id = connection.execute(
                insert(tables.Assessment).returning(tables.Assessment.id),
                {
                    "checkin_id": checkin_id,
                    "level": level,
                    "complete": True,
                    "result": {"level": level, "findings": [finding]},
                    "engine_version": "bench",
                    "rules_version": "bench",
                    "created_at": NOW,
                },
            ).scalar_one()
            if level == "soon":
                connection.execute(
                    insert(tables.WorklistItem),
                    {
                        "clinic_id": clinic_id,
                        "patient_id": patient_id,
                        "assessment_id": assessment_id,
                        "kind": "checkin_review",
                        "reason": "infection.fever",
                        "status": "open",
                        "created_at": NOW,
                        "due_by": NOW + timedelta(days=3),
                    },
                )
            else:
                connection.execute(
                    insert(tables.Alert),
                    {
                        "clinic_id": clinic_id,
                        "patient_id": patient_id,
                        "assessment_id": assessment_id,
                        "level": level,
                        "status": "open",
                        "created_at": NOW,
                        "due_by": NOW + timedelta(minutes=15 * (n + 1)),
                    },
                )
        connection.execute(
            insert(tables.WorklistItem),
            [
                {
                    "clinic_id": clinic_id,
                    "patient_id": patient_id,
                    "kind": "missed_checkins",
                    "reason": "No check-in for 3 days",
                    "status": "open",
                    "created_at": NOW,
                    "due_by": NOW + timedelta(days=1),
                }
                for patient_id in patient_ids[-150:]
            ],
        )


def percentiles(run: Callable[[], object], times: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds over `times` calls, after two warm-up calls."""
    run()
    run()
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    taken.sort()
    return statistics.median(taken), taken[int(0.95 * len(taken)) - 1]


def measure_worklist(name: str, url: str, patients: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    who = load(engine, patients)
    loaded = time.perf_counter() - started
    sessions = make_sessions(engine)
    rows = (
        engine.connect()
        .execute(select(tables.CheckIn.id).order_by(tables.CheckIn.id.desc()).limit(1))
        .scalar()
    )

    def audited_insert() -> None:
        with sessions.begin() as session:
            audit.record(
                session,
                at=NOW,
                user_id=who.user_id,
                action="read",
                resource="bench",
                patient_ids=[None],
            )

    shown = worklist(sessions, who, now=NOW)
    floor50, floor95 = percentiles(audited_insert, 200)
    p50, p95 = percentiles(lambda: worklist(sessions, who, now=NOW), 200)
    engine.dispose()
    print(
        f"\n## worklist, {name}: {patients:,} patients, {rows:,} check-ins "
        f"(loaded in {loaded:.0f} s)"
    )
    print(
        f"open alerts {len(shown.alerts)}, reviews {len(shown.reviews)}, missed {len(shown.missed)}"
    )
    print(f"one audited insert (ceiling): p50 {floor50:6.2f} ms  p95 {floor95:6.2f} ms")
    print(
        f"worklist:                     p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
        f"  (target p95 < 150 ms; ceiling/worklist p95 = {floor95 / p95:.2f})"
    )


@contextmanager
def sink() -> Iterator[str]:
    """A local webhook receiver that takes every POST."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()


def measure_worker(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, sink() as url:
        engine = make_engine(f"sqlite:///{tmp}/worker.sqlite3")
        upgrade(engine)
        sessions: Sessions = make_sessions(engine)
        with sessions.begin() as session:
            clinic = create_clinic(session, ClinicDetails("Worker", "1", "2"), now=NOW)
            add_contact(session, clinic_id=clinic.id, name="Pager", channel="webhook", address=url)
            session.execute(
                insert(tables.OutboxMessage),
                [
                    {
                        "clinic_id": clinic.id,
                        "channel": "webhook",
                        "recipient": url,
                        "subject": f"alert {n}",
                        "body": {"alert_id": n},
                        "idempotency_key": f"k{n}",
                        "status": "pending",
                        "attempts": 0,
                        "next_attempt_at": NOW,
                        "created_at": NOW,
                    }
                    for n in range(count)
                ],
            )

        def send(message: Message) -> None:
            post_webhook(SECRET, 5.0, lambda: NOW, message)

        started = time.perf_counter()
        while deliver_due(
            sessions, {"webhook": send}, now=NOW, batch=50, lease=timedelta(minutes=5)
        ).sent:
            pass
        through_outbox = time.perf_counter() - started
        with sessions() as session:
            sent = session.scalar(
                select(text("count(*)"))
                .select_from(tables.OutboxMessage)
                .where(tables.OutboxMessage.status == "sent")
            )
        direct = [
            Message(
                id=n,
                channel="webhook",
                recipient=url,
                subject="s",
                body={},
                idempotency_key=f"d{n}",
                attempts=1,
            )
            for n in range(count)
        ]
        started = time.perf_counter()
        for message in direct:
            send(message)
        ceiling = time.perf_counter() - started
        engine.dispose()
    print(f"\n## notification worker, SQLite, {count} webhooks to a local sink")
    print(f"signed POSTs sent directly (ceiling): {count / ceiling:7.0f} messages/s")
    print(
        f"through the outbox (claim, send, record): {count / through_outbox:7.0f} messages/s"
        f"  ratio {ceiling / through_outbox:.2f}  ({sent} sent)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=2_000)
    args = parser.parse_args()
    # The run's own date; NOW is the synthetic clinic's clock.
    print(f"# worklist at scale and worker delivery, {date.today()}")
    for name in args.databases.split(","):
        if name == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                measure_worklist("SQLite (WAL)", f"sqlite:///{tmp}/scale.sqlite3", args.patients)
        else:
            server = postgres.start()
            try:
                measure_worklist("PostgreSQL", server.url(), args.patients)
            finally:
                server.stop()
    measure_worker(args.messages)


if __name__ == "__main__":
    main()
