"""A small clinic for page tests: two patients, a clinician, and a patient elsewhere.

Built once by running the migrations and the enrolment service, then copied for each
test, so every test starts from the same fresh database and none shares state.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import (
    ClinicDetails,
    PatientDetails,
    create_clinic,
    create_user,
    enrol_patient,
)
from rootwise.services.questionnaires import record_response
from rootwise.settings import Settings
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


def recovery_history(engine: Engine, person: Person) -> None:
    """Seventeen days of check-ins since surgery and two sets of questionnaires for
    `person` (of the home clinic, in New York), so their home page has a pain chart, score
    charts and findings in "what seems to help you".

    Ice on odd days, and leg pain lower on the days after (ice seems to help); ibuprofen on
    even days, with higher pain after (seems worse, a medicine); acetaminophen every third
    day and walks on two days in four (no clear difference). Questionnaires are entered as
    the clinic's paper forms: before surgery and at 2 weeks, ODI falling by more than its
    important-improvement mark.
    """
    assert person.patient_id is not None
    sessions = make_sessions(engine)
    settings = Settings()
    new_york = ZoneInfo(CLINIC.time_zone)
    for day in range(1, 18):
        at = datetime.combine(SURGERY + timedelta(days=day), time(9), new_york)
        medicines = (
            [{"name": "ibuprofen", "class": "nsaid", "dose_mg": 400}] if day % 2 == 0 else []
        )
        if day % 3 == 0:
            medicines.append({"name": "acetaminophen", "class": "acetaminophen", "dose_mg": 500})
        checkin = {
            "recorded_at": at.isoformat(),
            "leg_pain": (3 if day % 2 == 0 else 6) + (day % 5 == 0),
            "back_pain": 2 + day % 3,
            "modalities": [{"kind": "ice", "minutes": 20}] if day % 2 else [],
            "medications": medicines,
            "exercises": [],
            "walking_minutes": 20 if day % 4 in (0, 1) else 0,
        }
        submit_checkin(
            sessions,
            patient_id=person.patient_id,
            user_id=person.user_id,
            body=json.dumps(checkin).encode(),
            now=at,
            settings=settings,
        )

    forms: dict[str, tuple[date, dict[str, dict[str, int | bool]]]] = {
        "baseline": (
            SURGERY - timedelta(days=3),
            {"nrs-leg": {"nrs.1": 8}, "odi": _odi(3, 3, 3, 2, 2, 2, 2, 2, 2, 2), "dn4": _dn4(5)},
        ),
        "2_weeks": (
            SURGERY + timedelta(days=13),
            {"nrs-leg": {"nrs.1": 4}, "odi": _odi(2, 2, 1, 1, 1, 1, 1, 1, 1, 1), "dn4": _dn4(2)},
        ),
    }
    for timepoint, (answered_on, keys) in forms.items():
        at = datetime.combine(answered_on, time(19), new_york)
        for key, answers in keys.items():
            record_response(
                sessions,
                patient_id=person.patient_id,
                user_id=person.user_id,
                timepoint=timepoint,
                key=key,
                answers=answers,
                now=at,
                settings=settings,
                on_paper=True,
            )


def _odi(*sections: int) -> dict[str, int | bool]:
    """Oswestry answers, each section 0-5."""
    return {f"odi.{n}": value for n, value in enumerate(sections, start=1)}


def _dn4(signs: int) -> dict[str, int | bool]:
    """DN4-interview answers with the first `signs` of its 7 signs present."""
    return {f"dn4.{n}": n <= signs for n in range(1, 8)}
