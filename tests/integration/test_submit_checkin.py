"""`submit_checkin` stores a check-in with everything it causes in one transaction, or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from rootwise.contract.errors import InputError
from rootwise.services.checkins import Receipt, submit_checkin
from rootwise.settings import Settings
from rootwise.store import tables
from tests.integration.harness import Database
from tests.integration.world import (
    EMERGENCY,
    NOW,
    SAME_DAY,
    SOON,
    Persona,
    body,
    checkin,
    row_counts,
)


def submit(
    db: Database,
    settings: Settings,
    payload: bytes,
    *,
    who: Persona | None = None,
    now: datetime = NOW,
    key: str | None = None,
) -> Receipt:
    who = who or db.world.alice
    assert who.patient_id is not None
    return submit_checkin(
        db.sessions,
        patient_id=who.patient_id,
        user_id=who.user_id,
        body=payload,
        now=now,
        settings=settings,
        idempotency_key=key,
    )


def added(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """The rows each table gained, leaving out tables that gained none."""
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


def only(db: Database, table: type[tables.Base]) -> Any:
    with db.sessions() as session:
        (row,) = session.scalars(select(table)).all()
        return row


# --- What each level of triage stores ---------------------------------------------------


def test_an_emergency_check_in_stores_one_of_everything_and_a_message_per_tier0_contact(
    db: Database, settings: Settings
) -> None:
    before = row_counts(db.engine)
    payload = body(**EMERGENCY)

    receipt = submit(db, settings, payload)

    assert added(before, row_counts(db.engine)) == {
        "checkins": 1,
        "assessments": 1,
        "alerts": 1,
        "outbox": 2,
        "audit_log": 1,
    }
    alice = db.world.alice
    stored = only(db, tables.CheckIn)
    assert (stored.id, stored.patient_id) == (receipt.checkin_id, alice.patient_id)
    assert stored.recorded_at == NOW
    assert stored.recorded_at.tzinfo is UTC
    assert stored.utc_offset_minutes == -240
    assert stored.received_at == NOW
    assert stored.answers == json.loads(payload)

    assessment = only(db, tables.Assessment)
    assert assessment.checkin_id == stored.id
    assert assessment.level == "emergency"
    assert assessment.complete is True
    assert assessment.result == receipt.body["assessment"]

    alert = only(db, tables.Alert)
    assert alert.assessment_id == assessment.id
    assert (alert.clinic_id, alert.patient_id) == (db.world.clinic_a, alice.patient_id)
    assert (alert.level, alert.status) == ("emergency", "open")
    assert alert.created_at == NOW
    assert alert.due_by == NOW + timedelta(minutes=15)
    assert alert.acknowledged_by_id is None

    with db.sessions() as session:
        messages = session.scalars(select(tables.OutboxMessage).order_by("id")).all()
        contacts = session.scalars(
            select(tables.NotificationContact).where(
                tables.NotificationContact.id.in_(db.world.tier0_contacts_a)
            )
        ).all()
    assert sorted(m.recipient for m in messages) == sorted(c.address for c in contacts)
    assert {m.alert_id for m in messages} == {alert.id}
    assert {m.status for m in messages} == {"pending"}
    assert {m.next_attempt_at for m in messages} == {NOW}
    assert len({m.idempotency_key for m in messages}) == 2
    for message in messages:
        assert message.body["rules"] == ["cauda_equina.saddle_numbness"]
        # Identifiers and rule ids only: never the patient's name or answers.
        assert "Alice" not in json.dumps(message.body) + message.subject

    audit = only(db, tables.AuditEntry)
    assert (audit.action, audit.resource, audit.resource_id) == (
        "create",
        "checkin",
        str(stored.id),
    )
    assert (audit.user_id, audit.patient_id, audit.at) == (alice.user_id, alice.patient_id, NOW)


def test_a_same_day_check_in_raises_an_alert_due_within_four_hours(
    db: Database, settings: Settings
) -> None:
    before = row_counts(db.engine)

    receipt = submit(db, settings, body(**SAME_DAY))

    assert receipt.level == "same_day"
    assert added(before, row_counts(db.engine)) == {
        "checkins": 1,
        "assessments": 1,
        "alerts": 1,
        "outbox": 2,
        "audit_log": 1,
    }
    alert = only(db, tables.Alert)
    assert (alert.level, alert.status) == ("same_day", "open")
    assert alert.due_by == NOW + timedelta(hours=4)


# Clinic A works on New York time; `now` is when the check-in arrives.
FRIDAY_EVENING = datetime(2026, 10, 23, 22, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("now", "due_by"),
    [
        pytest.param(NOW, datetime(2026, 10, 23, 13, 30, tzinfo=UTC), id="tuesday-to-friday"),
        # Already Saturday in UTC, still Friday in New York: Mon, Tue, Wed are counted.
        pytest.param(
            FRIDAY_EVENING,
            datetime(2026, 10, 28, 22, 0, tzinfo=ZoneInfo("America/New_York")),
            id="friday-evening-crosses-the-weekend",
        ),
        # The clocks go back on Sunday 1 November: due at 22:00 on the new offset.
        pytest.param(
            FRIDAY_EVENING + timedelta(days=7),
            datetime(2026, 11, 4, 22, 0, tzinfo=ZoneInfo("America/New_York")),
            id="friday-evening-before-the-clocks-go-back",
        ),
    ],
)
def test_a_soon_check_in_puts_an_item_on_the_worklist_due_in_three_working_days(
    db: Database, settings: Settings, now: datetime, due_by: datetime
) -> None:
    before = row_counts(db.engine)

    receipt = submit(db, settings, body(now, **SOON), now=now)

    assert receipt.level == "soon"
    assert added(before, row_counts(db.engine)) == {
        "checkins": 1,
        "assessments": 1,
        "worklist_items": 1,
        "audit_log": 1,
    }
    item = only(db, tables.WorklistItem)
    assert (item.clinic_id, item.patient_id) == (db.world.clinic_a, db.world.alice.patient_id)
    assert (item.kind, item.status) == ("checkin_review", "open")
    assert item.reason == "screen.unsure_weakness"
    assert item.created_at == now
    assert item.due_by == due_by


def test_a_routine_check_in_stores_neither_an_alert_nor_a_worklist_item(
    db: Database, settings: Settings
) -> None:
    before = row_counts(db.engine)

    receipt = submit(db, settings, body())

    assert receipt.level == "routine"
    assert receipt.body["assessment"]["findings"] == []
    assert added(before, row_counts(db.engine)) == {
        "checkins": 1,
        "assessments": 1,
        "audit_log": 1,
    }


def test_the_receipt_is_what_the_api_promises(db: Database, settings: Settings) -> None:
    receipt = submit(db, settings, body(**EMERGENCY))

    assert set(receipt.body) == {"id", "recorded_at", "assessment"}
    assert receipt.body["id"] == receipt.checkin_id
    # In the offset the phone used.
    assert receipt.body["recorded_at"] == "2026-10-20T09:30:00-04:00"
    assert receipt.body["assessment"]["level"] == "emergency"


# --- Refused input stores nothing ---------------------------------------------------------

BAD_CHECKINS = {
    "pain-out-of-range": (json.dumps(checkin(leg_pain=11)).encode(), "leg_pain"),
    "unknown-field": (json.dumps(checkin(favourite_colour="blue")).encode(), "favourite_colour"),
    "not-json": (b'{"recorded_at": ', "input"),
    "recorded-in-the-future": (body(NOW + timedelta(minutes=6)), "recorded_at"),
    "recorded-before-surgery": (
        body(datetime(2026, 9, 30, 12, 0, tzinfo=UTC), **EMERGENCY),
        "recorded_at",
    ),
    "repeated-key": (
        body(**EMERGENCY).replace(
            b'"saddle_numbness": "yes"', b'"saddle_numbness": "yes", "saddle_numbness": null'
        ),
        "saddle_numbness",
    ),
}


@pytest.mark.parametrize(("payload", "field"), BAD_CHECKINS.values(), ids=BAD_CHECKINS.keys())
def test_a_refused_check_in_stores_nothing_in_any_table(
    db: Database, settings: Settings, payload: bytes, field: str
) -> None:
    before = row_counts(db.engine)

    with pytest.raises(InputError) as refused:
        submit(db, settings, payload, key="refused-once")

    assert refused.value.field == field
    assert row_counts(db.engine) == before


# --- A failure part-way leaves nothing behind ------------------------------------------


class Boom(RuntimeError):
    """Raised on purpose, part-way through the transaction."""


Failure = Callable[[Database], AbstractContextManager[None]]


def _fail_on_insert(table: str, *, when: str) -> Failure:
    """The database itself refuses a row of `table`, before (or just after) it is written.

    A trigger, so the failure comes from the database whichever way a statement is sent
    (`store.direct` runs some on the driver). On PostgreSQL the check-in, its assessment
    and its audit row are one statement.
    """
    message = f"boom: {when} inserting into {table}"

    @contextmanager
    def armed(db: Database) -> Iterator[None]:
        if db.backend == "sqlite":
            arm = [
                f"CREATE TRIGGER boom {when.upper()} INSERT ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ]
            disarm = ["DROP TRIGGER boom"]
        else:
            arm = [
                "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$",
                f"CREATE TRIGGER boom {when.upper()} INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION boom()",
            ]
            disarm = [f"DROP TRIGGER boom ON {table}", "DROP FUNCTION boom()"]
        with db.engine.begin() as connection:
            for statement in arm:
                connection.exec_driver_sql(statement)
        try:
            yield
        finally:
            with db.engine.begin() as connection:
                for statement in disarm:
                    connection.exec_driver_sql(statement)

    return armed


@contextmanager
def _fail_at_commit(db: Database) -> Iterator[None]:
    def boom(_session: Session) -> None:
        raise Boom("boom: at commit")

    event.listen(db.sessions, "before_commit", boom)
    try:
        yield
    finally:
        event.remove(db.sessions, "before_commit", boom)


FAILURES = {
    "after-the-assessment-is-written": _fail_on_insert("assessments", when="after"),
    "inserting-the-alert": _fail_on_insert("alerts", when="before"),
    "inserting-the-outbox-messages": _fail_on_insert("outbox", when="before"),
    "after-the-outbox-messages-are-written": _fail_on_insert("outbox", when="after"),
    "inserting-the-audit-row": _fail_on_insert("audit_log", when="before"),
    "inserting-the-idempotency-record": _fail_on_insert("idempotency_keys", when="before"),
    "at-commit": _fail_at_commit,
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_failure_part_way_through_leaves_nothing_behind(
    db: Database, settings: Settings, failure: Failure
) -> None:
    before = row_counts(db.engine)

    with failure(db), pytest.raises((Boom, DBAPIError), match="boom"):
        submit(db, settings, body(**EMERGENCY), key="first-try")

    assert row_counts(db.engine) == before
    # Nothing half-done blocks the retry: the same key now stores everything.
    receipt = submit(db, settings, body(**EMERGENCY), key="first-try")
    assert receipt.level == "emergency"
    assert added(before, row_counts(db.engine)) == {
        "checkins": 1,
        "assessments": 1,
        "alerts": 1,
        "outbox": 2,
        "audit_log": 1,
        "idempotency_keys": 1,
    }


# --- History comes from the database ------------------------------------------------------


def rules(receipt: Receipt) -> list[str]:
    return [f["rule"] for f in receipt.body["assessment"]["findings"]]


def test_three_days_of_severe_leg_pain_make_the_third_check_in_soon_through_stored_history(
    db: Database, settings: Settings
) -> None:
    days = [NOW - timedelta(days=2), NOW - timedelta(days=1), NOW]

    first, second, third = (submit(db, settings, body(at, leg_pain=8), now=at) for at in days)

    assert "pain.leg_uncontrolled" not in rules(first) + rules(second)
    assert third.level == "soon"
    (finding,) = third.body["assessment"]["findings"]
    assert finding["rule"] == "pain.leg_uncontrolled"
    assert finding["evidence"] == {
        "days": 3,
        "since": "2026-10-18",
        "leg_pain_by_day": [8, 8, 8],
    }
    item = only(db, tables.WorklistItem)
    assert item.reason == "pain.leg_uncontrolled"


def test_a_day_without_severe_pain_breaks_the_run(db: Database, settings: Settings) -> None:
    # 7 is below the severe threshold, and too small a dip to count as an improvement.
    days = [(NOW - timedelta(days=2), 8), (NOW - timedelta(days=1), 7), (NOW, 8)]

    receipts = [submit(db, settings, body(at, leg_pain=pain), now=at) for at, pain in days]

    assert receipts[-1].level == "routine"
    assert rules(receipts[-1]) == []


def test_another_patients_check_ins_are_not_this_patients_history(
    db: Database, settings: Settings
) -> None:
    bob = db.world.bob
    for days_ago in (2, 1):
        at = NOW - timedelta(days=days_ago)
        submit(db, settings, body(at, leg_pain=8), who=bob, now=at)

    alices = submit(db, settings, body(leg_pain=8))

    assert "pain.leg_uncontrolled" not in rules(alices)


def test_days_are_counted_on_the_patients_own_calendar_not_in_utc(
    db: Database, settings: Settings
) -> None:
    new_york = ZoneInfo("America/New_York")
    # Local days 18, 19, 20 October; in UTC the second is already the 20th.
    moments = [
        datetime(2026, 10, 18, 8, 0, tzinfo=new_york),
        datetime(2026, 10, 19, 21, 30, tzinfo=new_york),
        datetime(2026, 10, 20, 9, 0, tzinfo=new_york),
    ]

    *_, third = (submit(db, settings, body(at, leg_pain=9), now=at) for at in moments)

    assert rules(third) == ["pain.leg_uncontrolled"]
    assert third.body["assessment"]["findings"][0]["evidence"]["since"] == "2026-10-18"


METHOCARBAMOL = [{"name": "methocarbamol", "class": "muscle_relaxant", "dose_mg": 750}]


def test_a_muscle_relaxant_listed_for_over_three_weeks_is_found_through_stored_history(
    db: Database, settings: Settings
) -> None:
    # Alice had surgery on 1 October; NOW is day 19, so the run starts just before it.
    start = NOW - timedelta(days=18)
    days = [start + timedelta(days=n) for n in range(0, 19, 3)]

    receipts = [submit(db, settings, body(at, medications=METHOCARBAMOL), now=at) for at in days]
    late = NOW + timedelta(days=4)
    last = submit(db, settings, body(late, medications=METHOCARBAMOL), now=late)

    assert all("medication.muscle_relaxant_beyond_3_weeks" not in rules(r) for r in receipts)
    assert "medication.muscle_relaxant_beyond_3_weeks" in rules(last)


def test_a_soon_finding_that_repeats_stays_one_review_item_until_it_is_closed(
    db: Database, settings: Settings
) -> None:
    days = [NOW - timedelta(days=2), NOW - timedelta(days=1), NOW]

    for at in days:
        submit(db, settings, body(at, side_effects=["swelling_legs"]), now=at)

    item = only(db, tables.WorklistItem)
    assert item.reason == "medication.leg_swelling"
