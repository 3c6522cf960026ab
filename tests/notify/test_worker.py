"""Worker passes against real receivers: delivery, retries with backoff, dead letters."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from rootwise.notify import Counts, dead_letters, deliver_due, run_worker
from rootwise.notify.backoff import RetryPolicy
from rootwise.notify.channels import Sender, make_channels
from rootwise.notify.message import Message
from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import add_contact
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from tests.integration.world import NOW, body
from tests.notify.receivers import MailReceiver, WebhookReceiver, signature_is_valid
from tests.notify.support import SECRET, Outbox, prepare
from tests.support.postgres import free_port

LEASE = timedelta(minutes=5)
# Draws of one half: every wait is half its ceiling, base * 2**attempts / 2.
RETRY = RetryPolicy(
    max_attempts=3, base=timedelta(seconds=30), cap=timedelta(hours=1), random=lambda: 0.5
)


def settings(**changes: object) -> Settings:
    return Settings.model_validate({"webhook_secret": SECRET, "smtp_host": "127.0.0.1", **changes})


def channels(**changes: object) -> dict[str, Sender]:
    return make_channels(settings(**changes), clock=lambda: NOW)


def deliver(outbox: Outbox, senders: dict[str, Sender], now: datetime = NOW) -> Counts:
    return deliver_due(outbox.sessions, senders, now=now, batch=10, lease=LEASE, retry=RETRY)


def test_an_emergency_check_in_reaches_a_real_mail_server_and_a_real_webhook(
    outbox: Outbox,
) -> None:
    seeded = outbox.seeded
    with MailReceiver() as mail, WebhookReceiver() as hook:
        with outbox.sessions.begin() as session:
            for channel, address in (
                ("email", "spine-desk@clinic-a.example.org"),
                ("webhook", hook.url),
            ):
                add_contact(
                    session, clinic_id=seeded.clinic, name=channel, channel=channel, address=address
                )
        submit_checkin(
            outbox.sessions,
            patient_id=seeded.patient,
            user_id=seeded.user,
            body=body(saddle_numbness="yes"),
            now=NOW,
            settings=settings(),
        )
        counts = deliver(outbox, channels(smtp_port=mail.port))

    assert counts == Counts(sent=2)
    email_row, webhook_row = sorted(outbox.rows(), key=lambda row: row.channel)
    assert [(r.status, r.sent_at) for r in (email_row, webhook_row)] == [("sent", NOW)] * 2

    (email,) = mail.messages
    assert email["X-Rootwise-Idempotency-Key"] == email_row.idempotency_key
    assert email["Subject"] == email_row.subject
    assert "emergency alert" in email["Subject"]
    assert "cauda_equina.saddle_numbness" in email.get_content()

    (post,) = hook.posts
    assert signature_is_valid(SECRET, post.headers["X-Rootwise-Signature"], post.body)
    assert post.headers["Idempotency-Key"] == webhook_row.idempotency_key
    document = json.loads(post.body)
    assert document["body"]["level"] == "emergency"
    assert "cauda_equina.saddle_numbness" in document["body"]["rules"]

    # Neither channel carries the patient's name.
    assert "Pat" not in email.as_string()
    assert b"Pat" not in post.body


def test_a_mail_server_that_was_down_gets_each_message_once_it_is_back(outbox: Outbox) -> None:
    port = free_port()
    keys = outbox.add(3, channel="email", recipient="spine-desk@clinic-a.example.org")
    senders = channels(smtp_port=port)

    assert deliver(outbox, senders) == Counts(retrying=3)
    for key in keys:
        row = outbox.row(key)
        assert (row.status, row.attempts) == ("pending", 1)
        # The first failure waits half of 30 s * 2**1.
        assert row.next_attempt_at == NOW + timedelta(seconds=30)
        assert row.last_error is not None
        assert "Connection refused" in row.last_error

    with MailReceiver(port=port) as mail:
        assert deliver(outbox, senders, NOW + timedelta(seconds=29)) == Counts()
        assert deliver(outbox, senders, NOW + timedelta(seconds=30)) == Counts(sent=3)
        assert deliver(outbox, senders, NOW + timedelta(hours=1)) == Counts()
    assert mail.keys() == dict.fromkeys(keys, 1)
    assert outbox.statuses() == {"sent": 3}


def test_after_its_last_attempt_a_message_is_dead_and_listed_for_the_clinic(
    outbox: Outbox,
) -> None:
    with WebhookReceiver(status=503) as hook:
        (key,) = outbox.add(recipient=hook.url)
        senders = channels()
        assert deliver(outbox, senders) == Counts(retrying=1)
        assert deliver(outbox, senders, NOW + timedelta(seconds=30)) == Counts(retrying=1)
        # Third and last attempt: the wait would have been 60 s, the message is given up.
        assert deliver(outbox, senders, NOW + timedelta(seconds=90)) == Counts(dead=1)
        assert deliver(outbox, senders, NOW + timedelta(days=1)) == Counts()
    assert hook.keys() == {key: 3}

    row = outbox.row(key)
    assert (row.status, row.attempts, row.sent_at) == ("dead", 3, None)
    (letter,) = dead_letters(outbox.sessions, outbox.seeded.clinic)
    assert (letter.id, letter.attempts) == (row.id, 3)
    assert letter.last_error == "HTTP 503 Service Unavailable"
    assert dead_letters(outbox.sessions, outbox.seeded.other_clinic) == []


def test_a_sender_that_raises_unexpectedly_fails_its_message_and_not_the_batch(
    sqlite_outbox: Outbox,
) -> None:
    (broken,) = sqlite_outbox.add(channel="webhook")
    (fine,) = sqlite_outbox.add(channel="email")
    delivered: list[str] = []

    def crash(message: Message) -> None:
        raise RuntimeError("a bug in the sender")

    senders = {"webhook": crash, "email": lambda message: delivered.append(message.idempotency_key)}
    assert deliver(sqlite_outbox, senders) == Counts(sent=1, retrying=1)
    assert delivered == [fine]
    assert sqlite_outbox.row(broken).last_error == (
        "unexpected error: RuntimeError('a bug in the sender')"
    )


def test_a_message_for_a_channel_without_a_sender_is_retried_with_the_reason(
    sqlite_outbox: Outbox,
) -> None:
    (key,) = sqlite_outbox.add(channel="webhook")
    assert deliver(sqlite_outbox, {}) == Counts(retrying=1)
    assert sqlite_outbox.row(key).last_error == "no sender for channel 'webhook'"


def test_there_is_a_sender_for_every_channel_an_outbox_row_may_name() -> None:
    assert set(channels()) == set(tables.CHANNELS)


@contextmanager
def running_worker(outbox_sessions: object, config: Settings) -> Iterator[None]:
    """`run_worker` in a thread on the fixed clock, stopped and joined on the way out."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker,
        args=(outbox_sessions, config),
        kwargs={"stop": stop, "clock": lambda: NOW},
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the worker did not stop"


def wait_until(condition: object, timeout: float = 10.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def test_the_worker_delivers_every_due_message_until_it_is_stopped(outbox: Outbox) -> None:
    with WebhookReceiver() as hook:
        keys = outbox.add(5, recipient=hook.url)
        config = settings(outbox_batch_size=2, outbox_poll_seconds=0.05)
        with running_worker(outbox.sessions, config):
            wait_until(lambda: outbox.statuses() == {"sent": 5})
    assert hook.keys() == dict.fromkeys(keys, 1)


def test_the_worker_outlives_a_database_that_is_not_ready_and_delivers_once_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'late.sqlite3'}"
    engine = make_engine(url)
    config = settings(outbox_poll_seconds=0.05)
    with WebhookReceiver() as hook, running_worker(make_sessions(engine), config):
        wait_until(lambda: "outbox pass failed" in caplog.text)
        late = Outbox("sqlite", url, make_engine(url), prepare(url))
        (key,) = late.add(recipient=hook.url)
        hook.wait_for(1)
    late.engine.dispose()
    engine.dispose()
    assert hook.keys() == {key: 1}
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
