"""The outbox table as a work queue: claim due messages under a lease, record outcomes.

A claim is a lease rather than a lock held while delivering: the claiming transaction
counts the attempt and moves `next_attempt_at` to the end of the lease, then commits, so
no transaction stays open while a slow receiver answers. A worker that dies before
recording an outcome leaves its messages pending; when the lease runs out they are due
again and the next pass sends them. Nothing is lost; a message may arrive twice, which
its idempotency key lets the receiver notice.

The attempt count doubles as the claim's generation. A worker whose lease ran out while
it was still delivering may no longer record a failure (a newer claim owns the message),
but a success is recorded whoever learnt of it: the message did arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Update, select, update
from sqlalchemy.orm import Session, sessionmaker

from rootwise.notify.message import Message
from rootwise.store.tables import OutboxMessage

# Enough to tell what went wrong, short enough that a chatty server cannot bloat the row.
_ERROR_CHARS = 1000


def claim_due(
    sessions: sessionmaker[Session], *, now: datetime, batch: int, lease: timedelta
) -> list[Message]:
    """Lease up to `batch` due messages, longest due first, to this worker until `now + lease`.

    `sessions` must come from `store.database.make_sessions`, whose write transactions
    take SQLite's write lock at BEGIN: claims are then serialised across processes.
    """
    due = (
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        # The (status, next_attempt_at) index serves both the filter and this order.
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
        # PostgreSQL: rows another worker is claiming right now are passed over rather
        # than waited for, and a row it has just leased is no longer due when re-checked.
        # SQLite has no row locks and SQLAlchemy leaves the clause out there.
        .with_for_update(skip_locked=True)
    )
    with sessions.begin() as session:
        rows = session.scalars(due).all()
        claimed = [_message(row, attempts=row.attempts + 1) for row in rows]
        if rows:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_([row.id for row in rows]))
                .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=now + lease)
                .execution_options(synchronize_session=False)
            )
    return claimed


def record_sent(session: Session, message: Message, *, now: datetime) -> None:
    """The receiver took `message`. True even if this worker's lease has run out meanwhile."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status != "sent")
        .values(status="sent", sent_at=now)
    )


def record_retry(session: Session, message: Message, *, error: str, retry_at: datetime) -> None:
    """`message` failed; try it again from `retry_at`, unless a newer claim owns it."""
    session.execute(
        _if_still_claimed(message).values(next_attempt_at=retry_at, last_error=error[:_ERROR_CHARS])
    )


def record_dead(session: Session, message: Message, *, error: str) -> None:
    """`message` failed its last attempt: dead-letter it, unless a newer claim owns it."""
    session.execute(
        _if_still_claimed(message).values(status="dead", last_error=error[:_ERROR_CHARS])
    )


def _if_still_claimed(message: Message) -> Update:
    return update(OutboxMessage).where(
        OutboxMessage.id == message.id,
        OutboxMessage.status == "pending",
        OutboxMessage.attempts == message.attempts,
    )


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A notification Rootwise gave up on, for the clinic's admins to follow up by hand."""

    id: int
    alert_id: int | None
    channel: str
    recipient: str
    subject: str
    attempts: int
    last_error: str | None
    created_at: datetime


def dead_letters(sessions: sessionmaker[Session], clinic_id: int) -> list[DeadLetter]:
    """The clinic's dead-lettered notifications, newest first."""
    with sessions() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.clinic_id == clinic_id, OutboxMessage.status == "dead")
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        )
        return [
            DeadLetter(
                id=row.id,
                alert_id=row.alert_id,
                channel=row.channel,
                recipient=row.recipient,
                subject=row.subject,
                attempts=row.attempts,
                last_error=row.last_error,
                created_at=row.created_at,
            )
            for row in rows
        ]


def _message(row: OutboxMessage, *, attempts: int) -> Message:
    return Message(
        id=row.id,
        channel=row.channel,
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
        idempotency_key=row.idempotency_key,
        attempts=attempts,
    )
