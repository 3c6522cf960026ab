"""What a channel is handed to deliver, and what it raises when the receiver says no."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Message:
    """An outbox message claimed by this worker, detached from any database session.

    `attempts` counts this attempt too, and names the claim: only the worker holding the
    latest claim may record a failure (see `outbox`).
    """

    id: int
    channel: str
    recipient: str
    subject: str
    body: dict[str, Any]
    idempotency_key: str
    attempts: int


class DeliveryFailed(Exception):
    """The receiver did not take the message (refused, unreachable, an error status)."""
