"""The delivery worker: passes over the outbox until it is told to stop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from rootwise.notify.backoff import RetryPolicy
from rootwise.notify.channels import Sender, make_channels
from rootwise.notify.escalation import escalate_overdue
from rootwise.notify.message import DeliveryFailed, Message
from rootwise.notify.outbox import claim_due, record_dead, record_retry, record_sent
from rootwise.notify.reminders import flag_missed_checkins, send_due_reminders
from rootwise.settings import Settings

log = logging.getLogger(__name__)

# The policy the settings' defaults give, for passes run without settings (tests, scripts).
DEFAULT_RETRY = RetryPolicy()


@dataclass(frozen=True, slots=True)
class Counts:
    """What one pass did with the messages it claimed."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.retrying + self.dead


def deliver_due(
    sessions: sessionmaker[Session],
    channels: Mapping[str, Sender],
    *,
    now: datetime,
    batch: int,
    lease: timedelta,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Counts:
    """One pass: claim up to `batch` due messages, deliver each, record each outcome.

    Delivery happens outside any transaction. Each outcome is committed as soon as it is
    known, so a worker that dies mid-batch repeats only the messages it had not finished.
    """
    sent = retrying = dead = 0
    for message in claim_due(sessions, now=now, batch=batch, lease=lease):
        error = _deliver(channels, message)
        with sessions.begin() as session:
            if error is None:
                record_sent(session, message, now=now)
                sent += 1
            elif retry.exhausted(message.attempts):
                log.error(
                    "outbox %s dead after %s attempts: %s", message.id, message.attempts, error
                )
                record_dead(session, message, error=error)
                dead += 1
            else:
                retry_at = now + retry.delay(message.attempts)
                record_retry(session, message, error=error, retry_at=retry_at)
                retrying += 1
    return Counts(sent=sent, retrying=retrying, dead=dead)


def _deliver(channels: Mapping[str, Sender], message: Message) -> str | None:
    """None when the receiver took `message`, otherwise why it did not."""
    send = channels.get(message.channel)
    if send is None:
        return f"no sender for channel {message.channel!r}"
    try:
        send(message)
    except DeliveryFailed as exc:
        log.warning("outbox %s attempt %s failed: %s", message.id, message.attempts, exc)
        return str(exc)
    except Exception as exc:
        # A bug in one sender must not hold up the rest of the batch; the message is
        # retried and, if the bug persists, reaches the dead letters with this error.
        log.exception("outbox %s attempt %s raised", message.id, message.attempts)
        return f"unexpected error: {exc!r}"
    return None


Task = Callable[..., object]


@dataclass(frozen=True, slots=True)
class Periodic:
    """A care task run on the first pass of each period (periods count from the epoch)."""

    every: timedelta
    task: Task


# Reminders and missed check-ins look at every patient (tens of milliseconds at 10,000),
# so they run once a minute: reminder times are whole minutes and every local day starts
# on one, so neither is later than a pass.
_EVERY_MINUTE = (
    Periodic(timedelta(minutes=1), send_due_reminders),
    Periodic(timedelta(minutes=1), flag_missed_checkins),
)


# A periodic task that failed is tried again this long after, within its period or
# beyond it: soon enough that an hourly review is not an hour late for a brief database
# outage, seldom enough that a lasting fault does not fill the log on every pass.
RETRY_FAILED_TASK_AFTER = timedelta(seconds=30)


class CareTasks:
    """The worker's timed tasks, each its own short write transaction.

    Escalation looks only at open, overdue alerts, so it runs on every pass: no alert is
    escalated more than a pass late. The periodic tasks (the minute ones here, and any the
    caller adds, such as the hourly recovery review) run once in each of their periods;
    one that fails runs again `RETRY_FAILED_TASK_AFTER` later, until it succeeds. A task
    that fails does not stop the others.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: Settings,
        periodic: Sequence[Periodic] = (),
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._periodic = (*_EVERY_MINUTE, *periodic)
        self._done_period: dict[int, int] = {}
        self._retry_at: dict[int, datetime] = {}

    def run(self, now: datetime) -> None:
        self._attempt(escalate_overdue, now)  # on every pass: nothing to remember
        for index, periodic in enumerate(self._periodic):
            period = int(now.timestamp() // periodic.every.total_seconds())
            if self._done_period.get(index) == period or now < self._retry_at.get(index, now):
                continue
            if self._attempt(periodic.task, now):
                self._done_period[index] = period
                self._retry_at.pop(index, None)
            else:
                self._retry_at[index] = now + RETRY_FAILED_TASK_AFTER

    def _attempt(self, task: Task, now: datetime) -> bool:
        """Run `task`; False, with the error logged, when it failed."""
        try:
            task(self._sessions, now=now, settings=self._settings)
        except Exception:
            log.exception("%s failed; it will be tried again", _name(task))
            return False
        return True


def _name(task: Task) -> str:
    return getattr(task, "__name__", repr(task))


def utc_now() -> datetime:
    return datetime.now(UTC)


def run_worker(
    sessions: sessionmaker[Session],
    settings: Settings,
    *,
    stop: threading.Event,
    clock: Callable[[], datetime] = utc_now,
    periodic: Sequence[Periodic] = (),
) -> None:
    """Deliver the outbox until `stop` is set, finishing the pass under way; between
    passes, run the care tasks (`periodic` adds to them).

    For `rootwise worker` and the in-process worker of `rootwise serve`; any number may
    run against one PostgreSQL database. `sessions` comes from `make_sessions`.
    """
    channels = make_channels(settings, clock=clock)
    retry = RetryPolicy(
        max_attempts=settings.outbox_max_attempts,
        base=timedelta(seconds=settings.outbox_backoff_base_seconds),
        cap=timedelta(seconds=settings.outbox_backoff_cap_seconds),
    )
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    if settings.webhook_secret is None:
        log.warning("ROOTWISE_WEBHOOK_SECRET is not set: webhook notifications will fail")
    care = CareTasks(sessions, settings, periodic)
    while not stop.is_set():
        try:
            counts = deliver_due(
                sessions,
                channels,
                now=clock(),
                batch=settings.outbox_batch_size,
                lease=lease,
                retry=retry,
            )
        except Exception:
            # The database may be restarting or briefly unreachable. Keep the loop alive:
            # a worker that quietly stopped would leave alerts undelivered. Messages
            # claimed by the failed pass are sent again once their lease runs out.
            log.exception("outbox pass failed; trying again shortly")
            counts = Counts()
        # After delivery, so what a task enqueues goes out on the next pass, a poll away.
        care.run(clock())
        # A full batch suggests more are due: carry on at once rather than sleep.
        if counts.claimed < settings.outbox_batch_size:
            stop.wait(settings.outbox_poll_seconds)
