"""The recovery review: each patient's trend, kept on the patient, and off-track items.

Alice had surgery on 1 October (a discectomy: the default band's 80th percentile is 5/10
at 6 weeks, 4/10 from 3 months). Her check-ins are written straight into the table here,
one a day at 09:00 New York time, so that weeks of history cost milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select, update

from rootwise.clinical.model import Procedure
from rootwise.services.enrolment import PatientDetails, enrol_patient
from rootwise.services.recovery import (
    OFF_TRACK,
    expected_band,
    refresh_cohort_bands,
    review_recovery,
)
from rootwise.settings import Settings
from rootwise.store import tables
from tests.integration.harness import Database
from tests.integration.world import NEW_YORK, SURGERY_DAY, checkin

SETTINGS = Settings()
# Nine whole weeks after surgery (Monday 7 December), 10:00 in New York.
WEEK_9 = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def daily_pain(db: Database, values: Sequence[int], *, first_day: int = 0) -> None:
    """One check-in a day from `first_day` after surgery, with these leg-pain scores."""
    alice = db.world.alice
    rows = []
    for offset, pain in enumerate(values):
        day = SURGERY_DAY + timedelta(days=first_day + offset)
        at = datetime.combine(day, time(9), NEW_YORK)
        rows.append(
            {
                "patient_id": alice.patient_id,
                "recorded_at": at,
                "utc_offset_minutes": int(at.utcoffset().total_seconds() // 60),  # type: ignore[union-attr]
                "received_at": at,
                "answers": checkin(at, leg_pain=pain),
                "leg_pain": pain,
                "back_pain": 2,
            }
        )
    with db.sessions.begin() as session:
        session.execute(insert(tables.CheckIn), rows)


def weeks(*medians: int) -> list[int]:
    """A week of identical days per median."""
    return [value for value in medians for _ in range(7)]


def off_track_items(db: Database) -> list[tables.WorklistItem]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(tables.WorklistItem)
                .where(tables.WorklistItem.kind == OFF_TRACK)
                .order_by(tables.WorklistItem.id)
            )
        )


def alice_trend(db: Database) -> tuple[str | None, str | None]:
    with db.sessions() as session:
        patient = session.get(tables.Patient, db.world.alice.patient_id)
        assert patient is not None
        return patient.recovery_trend, patient.recovery_reason


def test_leg_pain_above_the_band_after_six_weeks_opens_one_review_item(db: Database) -> None:
    daily_pain(db, weeks(8, 7, 7, 6, 6, 6, 6, 6, 6))

    done = review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)

    (item,) = off_track_items(db)
    assert done.opened == [db.world.alice.patient_id]
    assert item.status == "open"
    assert item.reason.startswith("Slower than expected: leg pain median 6 in week 8 and 6 in")
    assert alice_trend(db)[0] == "slower"
    # Reviewed within 3 working days, like any `soon` item.
    assert timedelta(days=3) <= item.due_by - WEEK_9 <= timedelta(days=5)


def test_a_typical_recovery_opens_nothing(db: Database) -> None:
    daily_pain(db, weeks(7, 4, 3, 3, 2, 2, 2, 1, 1))

    review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)

    assert off_track_items(db) == []
    assert alice_trend(db)[0] == "on_track"


def test_a_second_review_keeps_the_one_item_and_rereads_no_one(db: Database) -> None:
    daily_pain(db, weeks(8, 7, 7, 6, 6, 6, 6, 6, 6))
    review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)

    again = review_recovery(db.sessions, now=WEEK_9 + timedelta(hours=1), settings=SETTINGS)

    assert again.reviewed == 0
    assert len(off_track_items(db)) == 1


def test_the_item_closes_itself_once_leg_pain_is_back_in_the_band(db: Database) -> None:
    daily_pain(db, weeks(8, 7, 7, 6, 6, 6, 6, 6, 6))
    review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)

    daily_pain(db, weeks(2, 2), first_day=63)
    done = review_recovery(db.sessions, now=WEEK_9 + timedelta(days=14), settings=SETTINGS)

    (item,) = off_track_items(db)
    assert done.closed == [db.world.alice.patient_id]
    assert (item.status, item.closed_by_id) == ("done", None)
    assert "Back on the expected course" in (item.note or "")


def test_an_item_a_clinician_closed_is_not_reopened_for_the_same_reason_within_a_week(
    db: Database,
) -> None:
    daily_pain(db, weeks(8, 7, 7, 6, 6, 6, 6, 6, 6))
    review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)
    with db.sessions.begin() as session:
        session.execute(
            update(tables.WorklistItem).values(
                status="done", closed_by_id=db.world.carol.user_id, closed_at=WEEK_9
            )
        )

    daily_pain(db, [6], first_day=63)
    review_recovery(db.sessions, now=WEEK_9 + timedelta(days=1), settings=SETTINGS)

    assert [item.status for item in off_track_items(db)] == ["done"]


def test_a_patient_with_two_weeks_of_check_ins_is_too_early_to_tell(db: Database) -> None:
    daily_pain(db, [8, 7, 7])

    review_recovery(db.sessions, now=WEEK_9, settings=SETTINGS)

    assert alice_trend(db)[0] == "too_few_data"
    assert off_track_items(db) == []


@pytest.mark.parametrize("stopped_after_weeks", [5])
def test_pain_stuck_at_six_from_week_four_is_a_plateau(
    db: Database, stopped_after_weeks: int
) -> None:
    daily_pain(db, weeks(8, 6, 6, 6, 6, 6)[: stopped_after_weeks * 7 + 7])

    review_recovery(db.sessions, now=WEEK_9 - timedelta(days=21), settings=SETTINGS)

    (item,) = off_track_items(db)
    assert item.reason.startswith("Plateau:")


def test_a_clinic_with_enough_patients_of_its_own_gets_its_own_band(db: Database) -> None:
    settings = Settings(cohort_min_patients=20)
    rows = []
    with db.sessions.begin() as session:
        for n in range(20):
            patient = enrol_patient(
                session,
                clinic_id=db.world.clinic_a,
                details=PatientDetails(
                    display_name=f"Cohort {n}",
                    procedure="discectomy",
                    surgery_date=SURGERY_DAY,
                    time_zone="America/New_York",
                ),
                now=WEEK_9,
            )
            for day in range(21):
                at = datetime.combine(SURGERY_DAY + timedelta(days=day), time(9), NEW_YORK)
                # Half the clinic at 2/10 and half at 6/10 in week 0, one point less a week.
                pain = (2 if n % 2 else 6) - day // 7
                rows.append(
                    {
                        "patient_id": patient.id,
                        "recorded_at": at,
                        "utc_offset_minutes": -240,
                        "received_at": at,
                        "answers": checkin(at, leg_pain=pain),
                        "leg_pain": pain,
                    }
                )
        session.execute(insert(tables.CheckIn), rows)

    kept = refresh_cohort_bands(db.sessions, now=WEEK_9, settings=settings)

    assert kept == 1
    with db.sessions() as session:
        band = expected_band(session, db.world.clinic_a, Procedure.DISCECTOMY, settings)
        fusion = expected_band(session, db.world.clinic_a, Procedure.FUSION, settings)
    assert [p.week for p in band.points] == [0, 1, 2]
    assert band.at(0).median == 4
    assert "20 patients" in band.basis
    # Too few fusions of its own: that group keeps the default band.
    assert fusion.source.startswith("[BASS2011]")
