"""Next steps from a patient's own records: suggestions, medication checks, what helps.

Alice had a discectomy on 1 October; her check-ins go through `submit_checkin`, so the
assessments beside them are the ones Rootwise would have stored.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from rootwise.services.checkins import submit_checkin
from rootwise.services.next_steps import next_steps
from rootwise.settings import Settings
from rootwise.store import tables
from tests.integration.harness import Database
from tests.integration.world import NEW_YORK, SURGERY_DAY, body

SETTINGS = Settings()


def check_in(db: Database, day: int, **answers: object) -> None:
    alice = db.world.alice
    assert alice.patient_id is not None
    at = datetime.combine(SURGERY_DAY + timedelta(days=day), time(9), NEW_YORK)
    submit_checkin(
        db.sessions,
        patient_id=alice.patient_id,
        user_id=alice.user_id,
        body=body(at, **answers),
        now=at,
        settings=SETTINGS,
    )


def steps_on(db: Database, day: int):
    now = datetime.combine(SURGERY_DAY + timedelta(days=day), time(12), NEW_YORK)
    with db.sessions() as session:
        patient = session.get(tables.Patient, db.world.alice.patient_id)
        assert patient is not None
        return next_steps(session, patient, now=now)


def test_burning_leg_pain_without_a_nerve_medicine_suggests_discussing_one(db: Database) -> None:
    for day in range(20, 27):
        check_in(db, day, leg_pain=6, pain_qualities=["burning", "electric"])

    found = steps_on(db, 26)

    (modulator,) = [s for s in found.suggestions if s.id == "nerve_modulator"]
    assert "burning" in modulator.because
    assert {"CG173", "NG59", "MATHIESON2017"} <= set(modulator.sources)


def test_a_nerve_medicine_already_taken_is_not_suggested_again(db: Database) -> None:
    pregabalin = [{"name": "pregabalin", "class": "gabapentinoid", "dose_mg": 75}]
    for day in range(20, 27):
        check_in(db, day, leg_pain=6, pain_qualities=["burning"], medications=pregabalin)

    found = steps_on(db, 26)

    assert "nerve_modulator" not in [s.id for s in found.suggestions]


def test_the_latest_medication_checks_are_listed_for_the_clinician(db: Database) -> None:
    opioid = [{"name": "oxycodone", "class": "opioid", "dose_mg": 5}]
    check_in(db, 45, medications=opioid)

    found = steps_on(db, 45)

    assert [f["rule"] for f in found.medication_checks] == ["medication.opioid_beyond_6_weeks"]


def test_ice_that_lowers_next_day_pain_shows_as_helping(db: Database) -> None:
    for day in range(1, 29):
        iced_yesterday = day % 2 == 0
        check_in(
            db,
            day,
            leg_pain=3 if iced_yesterday else 6,
            modalities=[{"kind": "ice", "minutes": 20}] if day % 2 else [],
        )

    found = steps_on(db, 28)

    (ice,) = [h for h in found.helps if h.exposure == "modality:ice"]
    assert ice.verdict == "seems_to_help"
    assert ice.difference is not None
    assert ice.difference < -2
