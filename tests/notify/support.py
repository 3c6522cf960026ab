"""A migrated database for the notification tests, with ways to fill and read its outbox."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from rootwise.services import enrolment
from rootwise.store import migrate, tables
from rootwise.store.database import Sessions, make_engine, make_sessions
from tests.integration.world import NOW

SECRET = "webhook-secret-for-tests-only-0123456789"
# An address nothing listens on (the discard port); messages that must not be sent use it.
NOWHERE = "http://127.0.0.1:9/hook"

_keys = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Seeded:
    """What every notification test database starts with."""

    clinic: int
    other_clinic: int
    patient: int
    user: int


def prepare(url: str) -> Seeded:
    """Migrate the database at `url` and add two clinics, a patient and a user."""
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with make_sessions(engine).begin() as session:
            return _seed(session)
    finally:
        engine.dispose()


def _seed(session: Session) -> Seeded:
    clinic, other = (
        enrolment.create_clinic(
            session, enrolment.ClinicDetails(name=name, phone="1", on_call_phone="2"), now=NOW
        )
        for name in ("Clinic A", "Clinic B")
    )
    user = enrolment.create_user(
        session,
        clinic_id=clinic.id,
        email="patient@notify.example.org",
        password="not used by these tests",
        role="patient",
        display_name="Pat",
        now=NOW,
    )
    patient = enrolment.enrol_patient(
        session,
        clinic_id=clinic.id,
        user_id=user.id,
        details=enrolment.PatientDetails(
            display_name="Pat Example", procedure="discectomy", surgery_date=date(2026, 10, 1)
        ),
        now=NOW,
    )
    # These tests are about alert delivery; a reminder due on the real clock must not
    # slip into a worker's pass and change what the receivers count.
    patient.reminders_enabled = False
    return Seeded(clinic=clinic.id, other_clinic=other.id, patient=patient.id, user=user.id)


@dataclass
class Outbox:
    """One test's database: its engine, sessions, seeded ids and outbox helpers."""

    backend: str
    url: str
    engine: Engine
    seeded: Seeded
    sessions: Sessions = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = make_sessions(self.engine)

    def add(
        self,
        count: int = 1,
        *,
        channel: str = "webhook",
        recipient: str = NOWHERE,
        due: datetime = NOW,
        clinic: int | None = None,
    ) -> list[str]:
        """Add `count` pending alert messages due at `due`; their idempotency keys."""
        keys = [f"test-message-{next(_keys)}" for _ in range(count)]
        rows: list[dict[str, Any]] = [
            {
                "clinic_id": clinic or self.seeded.clinic,
                "channel": channel,
                "recipient": recipient,
                "subject": "Rootwise emergency alert",
                "body": {"level": "emergency", "rules": ["cauda_equina.saddle_numbness"]},
                "idempotency_key": key,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": due,
                "created_at": NOW,
            }
            for key in keys
        ]
        with self.sessions.begin() as session:
            session.execute(insert(tables.OutboxMessage), rows)
        return keys

    def rows(self) -> list[tables.OutboxMessage]:
        with self.sessions() as session:
            return list(session.scalars(select(tables.OutboxMessage).order_by("id")))

    def row(self, key: str) -> tables.OutboxMessage:
        with self.sessions() as session:
            return session.scalars(
                select(tables.OutboxMessage).where(tables.OutboxMessage.idempotency_key == key)
            ).one()

    def statuses(self) -> Counter[str]:
        return Counter(row.status for row in self.rows())
