"""A small clinic for page tests: two patients, a clinician, and a patient elsewhere.

Built once by running the migrations and the enrolment service, then copied for each
test, so every test starts from the same fresh database and none shares state.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rootwise.services.enrolment import (
    ClinicDetails,
    PatientDetails,
    create_clinic,
    create_user,
    enrol_patient,
)
from rootwise.store.database import make_engine, make_sessions
from rootwise.store.migrate import upgrade

PASSWORD = "correct horse battery"
NOW = datetime(2026, 3, 20, 14, 0, tzinfo=UTC)  # 10:00 in New York
SURGERY = date(2026, 3, 2)

CLINIC = ClinicDetails(
    name="Riverside Spine",
    phone="(555) 010-0100",
    on_call_phone="(555) 010-0199",
    emergency_number="911",
)
OTHER_CLINIC = ClinicDetails(
    name="Hilltop Spine",
    phone="020 7946 0000",
    on_call_phone="020 7946 0001",
    emergency_number="999",
    time_zone="Europe/London",
)


@dataclass(frozen=True, slots=True)
class Person:
    email: str
    user_id: int
    patient_id: int | None


@dataclass(frozen=True, slots=True)
class Cast:
    alice: Person  # a patient, after a discectomy
    bob: Person  # another patient of the same clinic
    carol: Person  # a clinician of the same clinic
    dave: Person  # a patient of another clinic


def build(path: Path, *, surgery: date = SURGERY) -> Cast:
    """A migrated SQLite database at `path` holding the cast, all operated on `surgery`."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with make_sessions(engine).begin() as session:
        home = create_clinic(session, CLINIC, now=NOW)
        away = create_clinic(session, OTHER_CLINIC, now=NOW)

        def patient(clinic_id: int, email: str, name: str, zone: str, procedure: str) -> Person:
            user = create_user(
                session,
                clinic_id=clinic_id,
                email=email,
                password=PASSWORD,
                role="patient",
                display_name=name,
                now=NOW,
            )
            row = enrol_patient(
                session,
                clinic_id=clinic_id,
                details=PatientDetails(
                    display_name=name, procedure=procedure, surgery_date=surgery, time_zone=zone
                ),
                now=NOW,
                user_id=user.id,
            )
            return Person(email, user.id, row.id)

        alice = patient(home.id, "alice@example.org", "Alice", "America/New_York", "discectomy")
        bob = patient(home.id, "bob@example.org", "Bob", "America/New_York", "fusion")
        dave = patient(away.id, "dave@example.org", "Dave", "Europe/London", "laminectomy")
        carol = create_user(
            session,
            clinic_id=home.id,
            email="carol@example.org",
            password=PASSWORD,
            role="clinician",
            display_name="Dr Carol",
            now=NOW,
        )
    engine.dispose()  # closes the WAL, so the file alone is the whole database
    return Cast(alice=alice, bob=bob, carol=Person(carol.email, carol.id, None), dave=dave)


def copy(template: Path, target: Path) -> str:
    """A fresh copy of the built database; returns its URL."""
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
