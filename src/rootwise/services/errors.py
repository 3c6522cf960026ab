"""Failures a service reports to its caller, who turns them into a status or a message."""

from __future__ import annotations


class NotFound(Exception):
    """The thing does not exist, or the caller may not know that it does."""


class IdempotencyConflict(Exception):
    """An `Idempotency-Key` was used again with a different request."""
