"""Email: a plain note with the idempotency key, handed to a real SMTP server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rootwise.notify.message import DeliveryFailed, Message
from rootwise.notify.smtp import SmtpRelay, compose, send_email
from tests.integration.world import NOW
from tests.notify.receivers import MailReceiver
from tests.support.postgres import free_port

ALERT_BODY = {
    "alert_id": 7,
    "patient_id": 4242,
    "level": "same_day",
    "due_by": "2026-10-20T17:30:00+00:00",
    "rules": ["bladder.unsure"],
}


def message(attempts: int = 1) -> Message:
    return Message(
        id=1,
        channel="email",
        recipient="spine-desk@clinic-a.example.org",
        subject="Rootwise same day alert 7: acknowledge by 17:30 UTC",
        body=ALERT_BODY,
        idempotency_key="alert-7-contact-1-tier-0",
        attempts=attempts,
    )


def relay(port: int) -> SmtpRelay:
    return SmtpRelay(
        host="127.0.0.1",
        port=port,
        sender="alerts@rootwise.example.org",
        starttls=False,
        username=None,
        password=None,
        timeout=5.0,
    )


def test_the_email_gives_the_alert_its_level_and_deadline_and_asks_to_open_rootwise() -> None:
    text = compose(message(), sender="alerts@rootwise.example.org", now=NOW).get_content()
    assert text == (
        "A Rootwise same day alert is waiting for your care team.\n"
        "\n"
        "Alert: 7\n"
        "Acknowledge by: 2026-10-20 17:30 UTC\n"
        "Findings: bladder.unsure\n"
        "\n"
        "Log in to Rootwise to read the check-in and acknowledge the alert.\n"
        "This email leaves out patient details on purpose.\n"
    )
    assert "4242" not in text


def test_every_attempt_at_one_message_has_the_same_message_id_and_key() -> None:
    first, second = (
        compose(message(attempts), sender="alerts@rootwise.example.org", now=NOW)
        for attempts in (1, 2)
    )
    assert first["Message-ID"] == second["Message-ID"]
    assert str(first["Message-ID"]).endswith("@rootwise.example.org>")
    assert first["X-Rootwise-Idempotency-Key"] == "alert-7-contact-1-tier-0"


def test_a_real_mail_server_receives_the_email_with_its_idempotency_key() -> None:
    with MailReceiver() as server:
        send_email(relay(server.port), lambda: NOW, message())
    (email,) = server.messages
    assert email["To"] == "spine-desk@clinic-a.example.org"
    assert email["From"] == "alerts@rootwise.example.org"
    assert email["Subject"] == "Rootwise same day alert 7: acknowledge by 17:30 UTC"
    assert email["X-Rootwise-Idempotency-Key"] == "alert-7-contact-1-tier-0"
    assert email.get_content_type() == "text/plain"


def test_a_mail_server_that_is_down_is_a_failure() -> None:
    with pytest.raises(DeliveryFailed, match="Connection refused"):
        send_email(relay(free_port()), lambda: NOW, message())


def test_a_mail_server_that_refuses_the_recipient_is_a_failure() -> None:
    with (
        MailReceiver(refuse_recipients=True) as server,
        pytest.raises(DeliveryFailed, match="No such mailbox"),
    ):
        send_email(relay(server.port), lambda: NOW, message())
    assert server.messages == []


def test_a_reminder_carries_its_own_wording_not_the_alert_notice() -> None:
    reminder = replace(message(), body={"text": "Time for your daily check-in in Rootwise."})
    text = compose(reminder, sender="alerts@rootwise.example.org", now=NOW).get_content()
    assert text == "Time for your daily check-in in Rootwise.\n"
