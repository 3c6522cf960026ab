"""Email over SMTP: a plain-text note that tells the clinician to open Rootwise.

The note carries ids, the level, rule ids and the deadline, never the patient's name or
answers: email crosses systems Rootwise does not control, and the clinician reads the
details after logging in.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from rootwise.notify.message import DeliveryFailed, Message

IDEMPOTENCY_HEADER = "X-Rootwise-Idempotency-Key"


@dataclass(frozen=True, slots=True)
class SmtpRelay:
    """Where email is handed over, and how."""

    host: str
    port: int
    sender: str
    starttls: bool
    username: str | None
    password: str | None
    timeout: float


def send_email(relay: SmtpRelay, clock: Callable[[], datetime], message: Message) -> None:
    """Hand `message` to the relay, or raise `DeliveryFailed` saying why it would not take it."""
    email = compose(message, sender=relay.sender, now=clock())
    try:
        with smtplib.SMTP(relay.host, relay.port, timeout=relay.timeout) as smtp:
            if relay.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if relay.username is not None:
                smtp.login(relay.username, relay.password or "")
            smtp.send_message(email)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(f"SMTP {relay.host}:{relay.port}: {exc}") from exc


def compose(message: Message, *, sender: str, now: datetime) -> EmailMessage:
    """The email for `message`; every attempt at one message gets the same Message-ID."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id(message.idempotency_key, sender)
    email[IDEMPOTENCY_HEADER] = message.idempotency_key
    email.set_content(_text(message.body))
    return email


def message_id(idempotency_key: str, sender: str) -> str:
    """A Message-ID made from the key, so mail systems that drop repeats drop ours.

    Hashed because a key may hold characters a Message-ID may not.
    """
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "rootwise.invalid"
    return f"<{digest}@{domain}>"


def _text(body: dict[str, Any]) -> str:
    # Reminders to patients carry their own wording; everything else is an alert notice.
    if "text" in body:
        return str(body["text"]) + "\n"
    level = str(body.get("level", "")).replace("_", " ")
    kind = f"{level} alert" if level else "alert"
    lines = [f"A Rootwise {kind} is waiting for your care team.", ""]
    if "alert_id" in body:
        lines.append(f"Alert: {body['alert_id']}")
    if "due_by" in body:
        due_by = datetime.fromisoformat(body["due_by"]).astimezone(UTC)
        lines.append(f"Acknowledge by: {due_by:%Y-%m-%d %H:%M} UTC")
    if body.get("rules"):
        lines.append("Findings: " + ", ".join(body["rules"]))
    lines += [
        "",
        "Log in to Rootwise to read the check-in and acknowledge the alert.",
        "This email leaves out patient details on purpose.",
    ]
    return "\n".join(lines) + "\n"
