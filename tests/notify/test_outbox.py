"""Claiming due messages under a lease and recording outcomes, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from rootwise.notify.outbox import (
    claim_due,
    dead_letters,
    record_dead,
    record_retry,
    record_sent,
)
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from tests.integration.world import NOW
from tests.notify.support import Outbox

LEASE = timedelta(minutes=5)


def test_a_claim_leases_the_longest_due_messages_and_counts_the_attempt(outbox: Outbox) -> None:
    later, earliest, early = (outbox.add(due=NOW - timedelta(minutes=m))[0] for m in (1, 30, 10))
    claimed = claim_due(outbox.sessions, now=NOW, batch=2, lease=LEASE)
    assert [m.idempotency_key for m in claimed] == [earliest, early]
    assert [m.attempts for m in claimed] == [1, 1]
    for key in (earliest, early):
        row = outbox.row(key)
        assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1, NOW + LEASE)
    assert outbox.row(later).attempts == 0


def test_messages_not_yet_due_or_no_longer_pending_are_not_claimed(outbox: Outbox) -> None:
    outbox.add(due=NOW + timedelta(seconds=1))
    sent, dead = outbox.add(2)
    with outbox.sessions.begin() as session:
        for key, status in ((sent, "sent"), (dead, "dead")):
            session.execute(
                update(tables.OutboxMessage)
                .where(tables.OutboxMessage.idempotency_key == key)
                .values(status=status)
            )
    assert claim_due(outbox.sessions, now=NOW, batch=10, lease=LEASE) == []


def test_a_claimed_message_is_claimed_again_only_once_its_lease_runs_out(outbox: Outbox) -> None:
    (key,) = outbox.add()
    claim_due(outbox.sessions, now=NOW, batch=10, lease=LEASE)
    assert (
        claim_due(outbox.sessions, now=NOW + LEASE - timedelta(seconds=1), batch=10, lease=LEASE)
        == []
    )
    (again,) = claim_due(outbox.sessions, now=NOW + LEASE, batch=10, lease=LEASE)
    assert (again.idempotency_key, again.attempts) == (key, 2)


def test_a_retry_is_scheduled_with_the_error(outbox: Outbox) -> None:
    (key,) = outbox.add()
    (message,) = claim_due(outbox.sessions, now=NOW, batch=1, lease=LEASE)
    with outbox.sessions.begin() as session:
        record_retry(session, message, error="HTTP 503", retry_at=NOW + timedelta(seconds=42))
    row = outbox.row(key)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "HTTP 503")
    assert row.next_attempt_at == NOW + timedelta(seconds=42)


def test_a_failure_reported_after_the_lease_ran_out_leaves_the_newer_claim_alone(
    outbox: Outbox,
) -> None:
    (key,) = outbox.add()
    (stale,) = claim_due(outbox.sessions, now=NOW, batch=1, lease=LEASE)
    (current,) = claim_due(outbox.sessions, now=NOW + LEASE, batch=1, lease=LEASE)
    with outbox.sessions.begin() as session:
        record_dead(session, stale, error="late news")
        record_retry(session, stale, error="late news", retry_at=NOW)
    row = outbox.row(key)
    assert (row.status, row.attempts, row.last_error) == ("pending", 2, None)
    assert row.next_attempt_at == NOW + 2 * LEASE
    with outbox.sessions.begin() as session:
        record_sent(session, current, now=NOW + LEASE)
    assert outbox.row(key).status == "sent"


def test_a_success_reported_after_the_lease_ran_out_still_counts(outbox: Outbox) -> None:
    (key,) = outbox.add()
    (stale,) = claim_due(outbox.sessions, now=NOW, batch=1, lease=LEASE)
    (current,) = claim_due(outbox.sessions, now=NOW + LEASE, batch=1, lease=LEASE)
    with outbox.sessions.begin() as session:
        record_sent(session, stale, now=NOW + LEASE)
        # The newer claim failed meanwhile: the message did arrive, so it stays sent.
        record_retry(session, current, error="HTTP 500", retry_at=NOW)
    row = outbox.row(key)
    assert (row.status, row.sent_at) == ("sent", NOW + LEASE)


def test_dead_letters_lists_the_clinics_dead_messages_and_no_other_clinics(
    outbox: Outbox,
) -> None:
    mine, alive = outbox.add(2)
    (theirs,) = outbox.add(clinic=outbox.seeded.other_clinic)
    for message in claim_due(outbox.sessions, now=NOW, batch=10, lease=LEASE):
        if message.idempotency_key != alive:
            with outbox.sessions.begin() as session:
                record_dead(session, message, error="HTTP 410 Gone")
    (letter,) = dead_letters(outbox.sessions, outbox.seeded.clinic)
    assert (letter.id, letter.attempts, letter.last_error) == (
        outbox.row(mine).id,
        1,
        "HTTP 410 Gone",
    )
    assert [d.id for d in dead_letters(outbox.sessions, outbox.seeded.other_clinic)] == [
        outbox.row(theirs).id
    ]


def test_rows_another_worker_is_claiming_are_skipped_not_waited_for(pg_outbox: Outbox) -> None:
    first, second, third = pg_outbox.add(3)
    # With a lock timeout, waiting for the other worker would fail the test, not hang it.
    impatient = make_engine(pg_outbox.url, connect_args={"options": "-c lock_timeout=2000"})
    try:
        with pg_outbox.engine.connect() as other_worker:
            other_worker.execute(
                select(tables.OutboxMessage.id)
                .where(tables.OutboxMessage.idempotency_key.in_([first, second]))
                .with_for_update()
            )
            claimed = claim_due(make_sessions(impatient), now=NOW, batch=10, lease=LEASE)
            other_worker.rollback()
    finally:
        impatient.dispose()
    assert [m.idempotency_key for m in claimed] == [third]
    assert [row.attempts for row in pg_outbox.rows()] == [0, 0, 1]
