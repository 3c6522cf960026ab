"""A patient who stops checking in appears on the care team's worklist, once, until they return.

"Three calendar days" are whole days on the patient's own clock: a patient whose last
check-in was on Monday is flagged as Friday begins where they live.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from rootwise.notify.reminders import MissedCheckins, flag_missed_checkins
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from tests.notify.support import Outbox
from tests.notify.test_reminders import KOLKATA, SECOND, check_in, enrol, utc

SETTINGS = Settings()
MONDAY_EVENING = utc(2026, 10, 12, 23, 0)  # Monday 12 October, 19:00 EDT
FRIDAY_MIDNIGHT = utc(2026, 10, 16, 4, 0)  # Friday 16 October, 00:00 EDT


def flag(db: Outbox, now: datetime, settings: Settings = SETTINGS) -> MissedCheckins:
    return flag_missed_checkins(db.sessions, now=now, settings=settings)


def items(db: Outbox) -> list[tables.WorklistItem]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(tables.WorklistItem)
                .where(tables.WorklistItem.kind == "missed_checkins")
                .order_by(tables.WorklistItem.id)
            )
        )


@pytest.fixture
def db(sqlite_outbox: Outbox) -> Outbox:
    return sqlite_outbox


def test_a_patient_silent_for_three_whole_local_days_gets_a_worklist_item(db: Outbox) -> None:
    pat = enrol(db, "pat")
    check_in(db, pat, MONDAY_EVENING)

    assert flag(db, FRIDAY_MIDNIGHT - SECOND) == MissedCheckins(flagged=[], closed=[])
    assert flag(db, FRIDAY_MIDNIGHT) == MissedCheckins(flagged=[pat.patient_id], closed=[])

    (item,) = items(db)
    assert (item.patient_id, item.clinic_id, item.status) == (
        pat.patient_id,
        db.seeded.clinic,
        "open",
    )
    assert item.reason.startswith("No check-in since Monday 12 October 2026")
    assert (item.created_at, item.due_by) == (
        FRIDAY_MIDNIGHT,
        FRIDAY_MIDNIGHT + timedelta(hours=24),
    )


def test_the_item_is_not_opened_twice_while_it_is_open(db: Outbox) -> None:
    pat = enrol(db, "pat")
    check_in(db, pat, MONDAY_EVENING)

    flagged = [flag(db, FRIDAY_MIDNIGHT + timedelta(hours=6 * n)).flagged for n in range(20)]

    assert flagged == [[pat.patient_id]] + [[]] * 19
    assert len(items(db)) == 1


def test_checking_in_again_closes_the_item_and_a_new_silence_opens_a_new_one(
    db: Outbox,
) -> None:
    pat = enrol(db, "pat")
    check_in(db, pat, MONDAY_EVENING)
    flag(db, FRIDAY_MIDNIGHT)
    back = utc(2026, 10, 17, 14, 0)  # Saturday, 10:00 EDT
    check_in(db, pat, back)

    assert flag(db, back + timedelta(minutes=1)) == MissedCheckins(
        flagged=[], closed=[pat.patient_id]
    )
    (item,) = items(db)
    assert (item.status, item.note, item.closed_at) == (
        "done",
        "checked in again",
        back + timedelta(minutes=1),
    )

    # Silent again from Saturday: flagged as Wednesday begins.
    assert flag(db, utc(2026, 10, 21, 3, 59, 59)).flagged == []
    assert flag(db, utc(2026, 10, 21, 4, 0)).flagged == [pat.patient_id]
    assert [i.status for i in items(db)] == ["done", "open"]
    assert items(db)[1].reason.startswith("No check-in since Saturday 17 October 2026")


def test_a_patient_who_never_checked_in_is_not_flagged(db: Outbox) -> None:
    enrol(db, "pat")

    assert flag(db, FRIDAY_MIDNIGHT + timedelta(days=30)).flagged == []


def test_the_days_are_counted_on_the_patients_clock_in_kolkata(db: Outbox) -> None:
    anjali = enrol(db, "anjali", zone=KOLKATA)
    check_in(db, anjali, utc(2026, 10, 12, 17, 0))  # Monday, 22:30 IST

    # Friday begins in Kolkata at 18:30 UTC on Thursday.
    assert flag(db, utc(2026, 10, 15, 18, 29, 59)).flagged == []
    assert flag(db, utc(2026, 10, 15, 18, 30)).flagged == [anjali.patient_id]


def test_patients_past_twelve_months_after_surgery_are_not_followed_up(db: Outbox) -> None:
    pat = enrol(db, "pat", surgery=date(2025, 10, 1))
    check_in(db, pat, utc(2026, 9, 28, 14, 0))

    assert flag(db, utc(2026, 10, 2, 4, 0)).flagged == []


def test_the_number_of_days_is_a_setting(db: Outbox) -> None:
    pat = enrol(db, "pat")
    check_in(db, pat, MONDAY_EVENING)
    week = Settings(missed_checkin_days=7)

    assert flag(db, FRIDAY_MIDNIGHT, week).flagged == []
    assert flag(db, utc(2026, 10, 20, 4, 0), week).flagged == [pat.patient_id]


def test_two_passes_at_once_open_one_item_per_patient(outbox: Outbox) -> None:
    patients = [enrol(outbox, f"patient{n}") for n in range(10)]
    for n, pat in enumerate(patients):
        check_in(outbox, pat, MONDAY_EVENING + timedelta(minutes=n))
    flagged: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work() -> None:
        engine = make_engine(outbox.url)
        try:
            sessions = make_sessions(engine)
            start.wait()
            for _ in range(3):
                flagged.extend(
                    flag_missed_checkins(sessions, now=FRIDAY_MIDNIGHT, settings=SETTINGS).flagged
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(flagged) == [pat.patient_id for pat in patients]
    assert sorted(item.patient_id for item in items(outbox)) == [p.patient_id for p in patients]


def test_a_check_in_that_raced_the_item_being_opened_still_closes_it(db: Outbox) -> None:
    """Received a moment before the item was written, so not "after" it, but recorded on
    a day the item counts as missed: the item is closed all the same."""
    pat = enrol(db, "pat")
    check_in(db, pat, MONDAY_EVENING)
    flag(db, FRIDAY_MIDNIGHT)
    check_in(db, pat, FRIDAY_MIDNIGHT - SECOND)

    assert flag(db, FRIDAY_MIDNIGHT + SECOND).closed == [pat.patient_id]
