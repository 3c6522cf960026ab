"""Alerts nobody acknowledges go up the clinic's contact tiers, once per step, and are logged.

Alerts are raised through the real check-in service; the clock is a parameter throughout.
Clinic A tells its desk at once (tier 0), its on-call email and pager at the deadline
(tier 1) and its head of service after a further window (tier 2). Clinic B's on-call
contact must never hear of clinic A's alerts.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select

from rootwise.notify import run_worker
from rootwise.notify.escalation import EscalationStep, escalate_overdue, escalation_history
from rootwise.notify.worker import CareTasks
from rootwise.services.accounts import Principal
from rootwise.services.alerts import acknowledge_alert
from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import add_contact
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from tests.integration.world import EMERGENCY, NOW, SAME_DAY, body
from tests.notify.receivers import WebhookReceiver
from tests.notify.support import SECRET, Outbox

SETTINGS = Settings(webhook_secret=SECRET)
SECOND = timedelta(seconds=1)
# The acknowledge window of each level, which is also the default wait between tiers.
WINDOW = {"emergency": timedelta(minutes=15), "same_day": timedelta(hours=4)}
ANSWERS = {"emergency": EMERGENCY, "same_day": SAME_DAY}


@dataclass(frozen=True, slots=True)
class Contacts:
    desk: int
    on_call_email: int
    on_call_pager: int
    head: int
    other_clinic_on_call: int


def add_contacts(db: Outbox, pager: str = "https://pager.clinic-a.example.org/hook") -> Contacts:
    seeded = db.seeded
    with db.sessions.begin() as session:

        def contact(name: str, channel: str, address: str, tier: int, clinic: int = 0) -> int:
            return add_contact(
                session,
                clinic_id=clinic or seeded.clinic,
                name=name,
                channel=channel,
                address=address,
                tier=tier,
            ).id

        return Contacts(
            desk=contact("Spine desk", "email", "desk@clinic-a.example.org", 0),
            on_call_email=contact("On call", "email", "on-call@clinic-a.example.org", 1),
            on_call_pager=contact("On-call pager", "webhook", pager, 1),
            head=contact("Head of service", "email", "head@clinic-a.example.org", 2),
            other_clinic_on_call=contact(
                "Clinic B on call", "email", "on-call@clinic-b.example.org", 1, seeded.other_clinic
            ),
        )


def raise_alert(db: Outbox, level: str = "emergency", at: datetime = NOW) -> int:
    """A check-in of `level` from the seeded patient at `at`; the id of its alert."""
    submit_checkin(
        db.sessions,
        patient_id=db.seeded.patient,
        user_id=db.seeded.user,
        body=body(at, **ANSWERS[level]),
        now=at,
        settings=SETTINGS,
    )
    with db.sessions() as session:
        alert_id = session.scalar(select(tables.Alert.id).order_by(tables.Alert.id.desc()))
    assert alert_id is not None
    return alert_id


def escalate(db: Outbox, at: datetime, settings: Settings = SETTINGS) -> list[EscalationStep]:
    return escalate_overdue(db.sessions, now=at, settings=settings)


def tiers_told(db: Outbox, alert_id: int) -> dict[str, int]:
    """Outbox rows of the alert as {idempotency key: tier}, from the key's suffix."""
    with db.sessions() as session:
        keys = session.scalars(
            select(tables.OutboxMessage.idempotency_key).where(
                tables.OutboxMessage.alert_id == alert_id
            )
        )
        return {key: int(key.rsplit("-", 1)[1]) for key in keys}


def clinician(db: Outbox) -> Principal:
    # Added directly: hashing a password (argon2) would cost more than the test.
    with db.sessions.begin() as session:
        user = tables.User(
            clinic_id=db.seeded.clinic,
            email="carol@clinic-a.example.org",
            password_hash="never used: Carol does not log in here",
            role="clinician",
            display_name="Carol",
            is_active=True,
            created_at=NOW,
        )
        session.add(user)
        session.flush()
    return Principal(
        user_id=user.id,
        role="clinician",
        clinic_id=db.seeded.clinic,
        patient_id=None,
        display_name="Carol",
    )


@pytest.fixture
def db(sqlite_outbox: Outbox) -> Outbox:
    return sqlite_outbox


# --- Tier 1 at the deadline, tier 2 a window later -----------------------------------------


@pytest.mark.parametrize("level", ["emergency", "same_day"])
def test_an_open_alert_goes_to_tier_1_one_second_after_its_deadline_and_not_before(
    db: Outbox, level: str
) -> None:
    contacts = add_contacts(db)
    alert = raise_alert(db, level)
    due_by = NOW + WINDOW[level]

    assert escalate(db, NOW) == []
    assert escalate(db, due_by) == []
    assert escalation_history(db.sessions, alert) == []

    steps = escalate(db, due_by + SECOND)

    assert steps == [EscalationStep(alert, 1, due_by + SECOND, notified=2, note=None)]
    assert escalation_history(db.sessions, alert) == steps
    assert tiers_told(db, alert) == {
        f"alert-{alert}-contact-{contacts.desk}-tier-0": 0,
        f"alert-{alert}-contact-{contacts.on_call_email}-tier-1": 1,
        f"alert-{alert}-contact-{contacts.on_call_pager}-tier-1": 1,
    }


@pytest.mark.parametrize("level", ["emergency", "same_day"])
def test_an_alert_still_open_a_further_window_after_tier_1_goes_to_tier_2_and_no_further(
    db: Outbox, level: str
) -> None:
    contacts = add_contacts(db)
    alert = raise_alert(db, level)
    tier_1_at = NOW + WINDOW[level] + timedelta(minutes=3)
    escalate(db, tier_1_at)

    assert escalate(db, tier_1_at + WINDOW[level]) == []
    (step,) = escalate(db, tier_1_at + WINDOW[level] + SECOND)
    assert escalate(db, tier_1_at + timedelta(days=30)) == []

    assert (step.tier, step.escalated_at, step.notified) == (
        2,
        tier_1_at + WINDOW[level] + SECOND,
        1,
    )
    assert [(s.tier, s.escalated_at) for s in escalation_history(db.sessions, alert)] == [
        (1, tier_1_at),
        (2, tier_1_at + WINDOW[level] + SECOND),
    ]
    assert Counter(tiers_told(db, alert).values()) == {0: 1, 1: 2, 2: 1}
    assert f"alert-{alert}-contact-{contacts.head}-tier-2" in tiers_told(db, alert)


def test_the_wait_before_tier_2_is_a_setting(db: Outbox) -> None:
    add_contacts(db)
    alert = raise_alert(db, "same_day")
    tier_1_at = NOW + WINDOW["same_day"] + SECOND
    quicker = Settings(webhook_secret=SECRET, same_day_escalation_hours=1)
    escalate(db, tier_1_at, quicker)

    (step,) = escalate(db, tier_1_at + timedelta(hours=1, seconds=1), quicker)

    assert (step.alert_id, step.tier) == (alert, 2)


def test_the_escalation_messages_name_the_alert_and_tier_and_carry_no_patient_details(
    db: Outbox,
) -> None:
    contacts = add_contacts(db)
    alert = raise_alert(db)
    escalate(db, NOW + WINDOW["emergency"] + SECOND)

    with db.sessions() as session:
        pager = session.scalars(
            select(tables.OutboxMessage).where(
                tables.OutboxMessage.idempotency_key
                == f"alert-{alert}-contact-{contacts.on_call_pager}-tier-1"
            )
        ).one()
    assert (pager.channel, pager.recipient, pager.status) == (
        "webhook",
        "https://pager.clinic-a.example.org/hook",
        "pending",
    )
    assert pager.next_attempt_at == NOW + WINDOW["emergency"] + SECOND
    assert f"alert {alert} NOT acknowledged" in pager.subject
    assert pager.body["escalation_tier"] == 1
    assert pager.body["rules"] == ["cauda_equina.saddle_numbness"]
    assert "Pat" not in str(pager.body)


# --- What never escalates, and what is escalated only once ---------------------------------


@pytest.mark.parametrize("when", ["before the deadline", "after tier 1"])
def test_an_acknowledged_alert_never_escalates_again(db: Outbox, when: str) -> None:
    add_contacts(db)
    alert = raise_alert(db)
    if when == "after tier 1":
        escalate(db, NOW + WINDOW["emergency"] + SECOND)
    acknowledge_alert(db.sessions, clinician(db), alert, now=NOW + WINDOW["emergency"])
    before = tiers_told(db, alert)

    for minutes in (16, 31, 60, 60 * 24):
        assert escalate(db, NOW + timedelta(minutes=minutes)) == []

    assert tiers_told(db, alert) == before
    assert len(escalation_history(db.sessions, alert)) == (1 if when == "after tier 1" else 0)


def test_a_resolved_alert_never_escalates(db: Outbox) -> None:
    add_contacts(db)
    alert = raise_alert(db)
    with db.sessions.begin() as session:
        row = session.get_one(tables.Alert, alert)
        row.status, row.resolved_at = "resolved", NOW + timedelta(minutes=5)

    assert escalate(db, NOW + timedelta(hours=2)) == []
    assert escalation_history(db.sessions, alert) == []


def test_repeated_passes_take_each_step_once(db: Outbox) -> None:
    add_contacts(db)
    alert = raise_alert(db)

    steps = [
        step
        for minute in range(120)
        for step in escalate(db, NOW + timedelta(minutes=minute, seconds=30))
    ]

    assert [(s.alert_id, s.tier) for s in steps] == [(alert, 1), (alert, 2)]
    assert Counter(tiers_told(db, alert).values()) == {0: 1, 1: 2, 2: 1}


def test_a_tier_without_contacts_is_still_recorded_with_a_note_and_tier_2_follows(
    db: Outbox,
) -> None:
    alert = raise_alert(db)  # Clinic A has no contacts at all.
    tier_1_at = NOW + WINDOW["emergency"] + SECOND

    (step,) = escalate(db, tier_1_at)
    escalate(db, tier_1_at + WINDOW["emergency"] + SECOND)

    assert (step.tier, step.notified) == (1, 0)
    assert step.note == "no tier-1 contacts for this clinic: nobody was notified"
    assert [(s.tier, s.notified) for s in escalation_history(db.sessions, alert)] == [
        (1, 0),
        (2, 0),
    ]
    assert tiers_told(db, alert) == {}


def test_another_clinics_contacts_never_hear_of_the_alert(db: Outbox) -> None:
    add_contacts(db)
    raise_alert(db)
    for minutes in (16, 32):
        escalate(db, NOW + timedelta(minutes=minutes))

    with db.sessions() as session:
        recipients = set(session.scalars(select(tables.OutboxMessage.recipient)))
    assert "on-call@clinic-b.example.org" not in recipients
    assert "head@clinic-a.example.org" in recipients


# --- Two workers at once -------------------------------------------------------------------


def test_two_passes_at_once_escalate_each_alert_once(outbox: Outbox) -> None:
    """On PostgreSQL the second pass skips the rows the first has locked; on SQLite they
    queue for the write lock. Either way no step and no message is doubled."""
    add_contacts(outbox)
    alerts = [raise_alert(outbox, at=NOW + timedelta(seconds=n)) for n in range(12)]
    late = NOW + timedelta(hours=1)
    taken: list[list[EscalationStep]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(worker: int) -> None:
        # Each worker has its own engine, as a separate process would.
        engine = make_engine(outbox.url)
        try:
            sessions = make_sessions(engine)
            start.wait()
            for _ in range(3):
                taken[worker] += escalate_overdue(sessions, now=late, settings=SETTINGS)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    # The first window after tier 1 has not passed at `late`: every alert reached tier 1.
    assert sorted((s.alert_id, s.tier) for s in taken[0] + taken[1]) == [(a, 1) for a in alerts]
    with outbox.sessions() as session:
        rows = session.scalars(select(tables.AlertEscalation)).all()
        tier_1_messages = session.scalars(
            select(tables.OutboxMessage.idempotency_key).where(
                tables.OutboxMessage.idempotency_key.endswith("-tier-1")
            )
        ).all()
    assert sorted((row.alert_id, row.tier) for row in rows) == [(a, 1) for a in alerts]
    assert len(tier_1_messages) == len(set(tier_1_messages)) == 2 * len(alerts)


# --- In the worker -------------------------------------------------------------------------


def test_the_workers_care_tasks_escalate_on_every_pass_not_once_a_minute(db: Outbox) -> None:
    add_contacts(db)
    alert = raise_alert(db)
    care = CareTasks(db.sessions, SETTINGS)
    due_by = NOW + WINDOW["emergency"]

    care.run(due_by)
    care.run(due_by + SECOND)

    assert [s.tier for s in escalation_history(db.sessions, alert)] == [1]


def test_the_worker_escalates_an_overdue_alert_and_delivers_it_to_the_on_call_pager(
    db: Outbox,
) -> None:
    with WebhookReceiver() as hook:
        contacts = add_contacts(db, pager=hook.url)
        alert = raise_alert(db)
        with db.sessions.begin() as session:
            # Leave only the pager, so nothing waits on a mail server that is not there.
            session.execute(delete(tables.OutboxMessage))
            session.execute(
                delete(tables.NotificationContact).where(
                    tables.NotificationContact.channel == "email"
                )
            )
        stop = threading.Event()
        late = NOW + timedelta(minutes=16)
        config = Settings(webhook_secret=SECRET, outbox_poll_seconds=0.05)
        worker = threading.Thread(
            target=run_worker,
            args=(db.sessions, config),
            kwargs={"stop": stop, "clock": lambda: late},
        )
        worker.start()
        try:
            hook.wait_for(1)
        finally:
            stop.set()
            worker.join(timeout=5)

    assert hook.keys() == {f"alert-{alert}-contact-{contacts.on_call_pager}-tier-1": 1}
