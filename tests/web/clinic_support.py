"""What the clinician page tests add to the seeded clinic: more staff, check-ins sent at
chosen moments through the real service, missed check-ins flagged by the real worker
task, and reads of what was stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from rootwise.notify.reminders import flag_missed_checkins
from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import PatientDetails, create_user, enrol_patient
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_sessions
from tests.web.seed import NOW, PASSWORD, SURGERY, Cast, Person

NEW_YORK = ZoneInfo("America/New_York")
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
# One answer changed from the all-clear screen for each level that reaches the care team.
EMERGENCY = {"saddle_numbness": "yes"}
SAME_DAY = {"bladder": "unsure"}
SOON = {"weakness": "unsure"}


@dataclass(frozen=True, slots=True)
class Sent:
    checkin_id: int
    alert_id: int | None


def clinic_of(engine: Engine, person: Person) -> int:
    with engine.connect() as connection:
        clinic_id = connection.scalar(
            select(tables.User.clinic_id).where(tables.User.id == person.user_id)
        )
    assert clinic_id is not None
    return clinic_id


def add_staff(engine: Engine, *, clinic_id: int, email: str, role: str, name: str) -> Person:
    """A clinician or admin who can log in with the seed's password."""
    with make_sessions(engine).begin() as session:
        user = create_user(
            session,
            clinic_id=clinic_id,
            email=email,
            password=PASSWORD,
            role=role,
            display_name=name,
            now=NOW,
        )
        return Person(email, user.id, None)


def outsider(engine: Engine, cast: Cast) -> Person:
    """A clinician of the other clinic, Dave's: the outsider to Alice and Bob's."""
    return add_staff(
        engine,
        clinic_id=clinic_of(engine, cast.dave),
        email="olivia@hilltop.example.org",
        role="clinician",
        name="Dr Olivia",
    )


def admin(engine: Engine, cast: Cast) -> Person:
    """An admin of Alice and Bob's clinic."""
    return add_staff(
        engine,
        clinic_id=clinic_of(engine, cast.alice),
        email="adam@riverside.example.org",
        role="admin",
        name="Adam Admin",
    )


def add_patient(
    engine: Engine,
    *,
    clinic_id: int,
    name: str,
    zone: str = "America/New_York",
    surgery: date = SURGERY,
) -> Person:
    """A patient without a log-in (their check-ins are sent through the service)."""
    with make_sessions(engine).begin() as session:
        row = enrol_patient(
            session,
            clinic_id=clinic_id,
            details=PatientDetails(
                display_name=name, procedure="fusion", surgery_date=surgery, time_zone=zone
            ),
            now=NOW,
        )
        return Person(f"{name.lower()}@example.org", 0, row.id)


def send(engine: Engine, patient: Person, at: datetime, **changes: Any) -> Sent:
    """A check-in recorded and received at `at`, through the same service as the API."""
    assert patient.patient_id is not None
    body = {"recorded_at": at.astimezone(NEW_YORK).isoformat(), **ALL_CLEAR, **changes}
    receipt = submit_checkin(
        make_sessions(engine),
        patient_id=patient.patient_id,
        user_id=patient.user_id or _any_user(engine),
        body=json.dumps(body).encode(),
        now=at,
        settings=Settings(database_url="sqlite://"),
    )
    with engine.connect() as connection:
        alert_id = connection.scalar(
            select(tables.Alert.id)
            .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
            .where(tables.Assessment.checkin_id == receipt.checkin_id)
        )
    return Sent(receipt.checkin_id, alert_id)


def flag_missed(engine: Engine, now: datetime = NOW) -> list[int]:
    """Run the worker's missed check-in pass as of `now`, with the default settings; the
    ids of the patients it opened an item for. The worklist lists only what this opens."""
    return flag_missed_checkins(
        make_sessions(engine), now=now, settings=Settings(database_url="sqlite://")
    ).flagged


def _any_user(engine: Engine) -> int:
    with engine.connect() as connection:
        user_id = connection.scalar(select(tables.User.id).order_by(tables.User.id).limit(1))
    assert user_id is not None
    return user_id


def alert_row(engine: Engine, alert_id: int) -> tables.Alert:
    with engine.connect() as connection:
        row = connection.execute(select(tables.Alert).where(tables.Alert.id == alert_id)).one()
    return tables.Alert(**row._mapping)


def audit_rows(engine: Engine) -> list[tuple[int | None, int | None, str, str, str | None]]:
    """(user, patient, action, resource, resource id) of every audit entry, in order."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                tables.AuditEntry.user_id,
                tables.AuditEntry.patient_id,
                tables.AuditEntry.action,
                tables.AuditEntry.resource,
                tables.AuditEntry.resource_id,
            ).order_by(tables.AuditEntry.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def main_text(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]
