"""The people and clinics every integration test starts with, and check-ins to send.

Two clinics: A (New York) with patients alice and bob and clinician carol; B (London)
with patient erin and clinician dave, the outsider for clinic A. Clinic A tells two
tier-0 contacts at once and keeps one tier-1 contact for escalation; clinic B has its
own tier-0 contact, which clinic A's alerts must never reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from rootwise.services import enrolment
from rootwise.services.accounts import Principal
from rootwise.store import tables

# A Tuesday, day 19 after surgery; 09:30 in New York.
NOW = datetime(2026, 10, 20, 13, 30, tzinfo=UTC)
SURGERY_DAY = date(2026, 10, 1)
PASSWORD = "correct horse battery staple"
NEW_YORK = ZoneInfo("America/New_York")


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    email: str
    role: str
    user_id: int
    clinic_id: int
    patient_id: int | None

    @property
    def principal(self) -> Principal:
        return Principal(
            user_id=self.user_id,
            role=self.role,
            clinic_id=self.clinic_id,
            patient_id=self.patient_id,
            display_name=self.name.title(),
        )


@dataclass(frozen=True, slots=True)
class World:
    clinic_a: int
    clinic_b: int
    alice: Persona
    bob: Persona
    carol: Persona
    dave: Persona
    erin: Persona
    tier0_contacts_a: tuple[int, ...]


def seed(session: Session) -> World:
    """Enrol the two clinics and their people through the enrolment service."""
    clinic_a = enrolment.create_clinic(
        session,
        enrolment.ClinicDetails(
            name="Clinic A", phone="+1 212 555 0100", on_call_phone="+1 212 555 0199"
        ),
        now=NOW,
    )
    clinic_b = enrolment.create_clinic(
        session,
        enrolment.ClinicDetails(
            name="Clinic B",
            phone="+44 20 7946 0000",
            on_call_phone="+44 20 7946 0999",
            emergency_number="999",
            time_zone="Europe/London",
        ),
        now=NOW,
    )

    def staff(name: str, clinic: tables.Clinic) -> Persona:
        user = enrolment.create_user(
            session,
            clinic_id=clinic.id,
            email=f"{name}@clinic-{clinic.id}.example.org",
            password=PASSWORD,
            role="clinician",
            display_name=name.title(),
            now=NOW,
        )
        return Persona(name, user.email, "clinician", user.id, clinic.id, None)

    def patient(name: str, clinic: tables.Clinic) -> Persona:
        user = enrolment.create_user(
            session,
            clinic_id=clinic.id,
            email=f"{name}@patients.example.org",
            password=PASSWORD,
            role="patient",
            display_name=name.title(),
            now=NOW,
        )
        row = enrolment.enrol_patient(
            session,
            clinic_id=clinic.id,
            user_id=user.id,
            details=enrolment.PatientDetails(
                display_name=name.title(),
                procedure="discectomy",
                surgery_date=SURGERY_DAY,
                levels=("L4-L5",),
                birth_year=1970,
                time_zone=clinic.time_zone,
            ),
            now=NOW,
        )
        return Persona(name, user.email, "patient", user.id, clinic.id, row.id)

    world = World(
        clinic_a=clinic_a.id,
        clinic_b=clinic_b.id,
        alice=patient("alice", clinic_a),
        bob=patient("bob", clinic_a),
        carol=staff("carol", clinic_a),
        dave=staff("dave", clinic_b),
        erin=patient("erin", clinic_b),
        tier0_contacts_a=tuple(
            enrolment.add_contact(
                session, clinic_id=clinic_a.id, name=name, channel=channel, address=address
            ).id
            for name, channel, address in (
                ("Spine desk", "email", "spine-desk@clinic-a.example.org"),
                ("On-call pager", "webhook", "https://pager.clinic-a.example.org/hook"),
            )
        ),
    )
    enrolment.add_contact(
        session,
        clinic_id=clinic_a.id,
        name="Head of service",
        channel="email",
        address="head@clinic-a.example.org",
        tier=1,
    )
    enrolment.add_contact(
        session,
        clinic_id=clinic_b.id,
        name="Clinic B desk",
        channel="email",
        address="desk@clinic-b.example.org",
    )
    return world


# --- Check-ins -------------------------------------------------------------------------

# Every red-flag question answered reassuringly, with mild pain: a routine check-in.
ALL_CLEAR: dict[str, Any] = {
    "leg_pain": 3,
    "back_pain": 2,
    "numbness": "none",
    "weakness": "none",
    "bladder": "normal",
    "bowel": "normal",
    "saddle_numbness": "no",
    "chills": False,
    "wound": [],
    "calf_pain_or_swelling": False,
    "chest_pain_or_breathless": False,
    "headache_when_upright": False,
}
# One answer changed from the all-clear screen, for each level of triage.
EMERGENCY: dict[str, Any] = {"saddle_numbness": "yes"}
SAME_DAY: dict[str, Any] = {"bladder": "unsure"}
SOON: dict[str, Any] = {"weakness": "unsure"}


def checkin(at: datetime = NOW, zone: ZoneInfo = NEW_YORK, **changes: Any) -> dict[str, Any]:
    """An all-clear check-in recorded at `at`, written in the patient's local offset."""
    return {"recorded_at": at.astimezone(zone).isoformat(), **ALL_CLEAR, **changes}


def body(at: datetime = NOW, zone: ZoneInfo = NEW_YORK, **changes: Any) -> bytes:
    """`checkin(...)` as the bytes a phone sends."""
    return json.dumps(checkin(at, zone, **changes)).encode()


# --- Looking at what was stored --------------------------------------------------------


def row_counts(engine: Engine) -> dict[str, int]:
    """How many rows every table of the schema holds."""
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in tables.Base.metadata.sorted_tables
        }
