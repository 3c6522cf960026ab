"""The registry of delivery channels: one sender for each value of `outbox.channel`.

A sender returns when the receiver took the message and raises `DeliveryFailed` when it
did not; the worker retries failures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from rootwise.notify.message import Message
from rootwise.notify.smtp import SmtpRelay, send_email
from rootwise.notify.webhook import post_webhook
from rootwise.settings import Settings

Sender = Callable[[Message], None]


def make_channels(settings: Settings, *, clock: Callable[[], datetime]) -> dict[str, Sender]:
    """The senders configured by `settings`; `clock` dates emails and webhook signatures."""
    relay = SmtpRelay(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.smtp_sender,
        starttls=settings.smtp_starttls,
        username=settings.smtp_username,
        password=settings.smtp_password,
        timeout=settings.notify_timeout_seconds,
    )
    return {
        "email": partial(send_email, relay, clock),
        "webhook": partial(
            post_webhook, settings.webhook_secret, settings.notify_timeout_seconds, clock
        ),
    }
