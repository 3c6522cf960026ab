"""Failed log-ins slow the next ones down, so a password cannot be found by guessing.

Counted per e-mail address and client address together, and per client address alone:
someone guessing from elsewhere never locks a patient out of their own phone, and one
address cannot try password after password across many accounts. Kept in the memory of
the process: with several server processes each counts its own, which multiplies the
limits by their number and still leaves guessing hopeless.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from rootwise.services.accounts import Principal, authenticate, normalized_email


@dataclass(frozen=True, slots=True)
class LoginLimits:
    """How many failures are allowed within `window` before the next try must wait."""

    per_account_and_address: int = 5
    per_address: int = 30
    window: timedelta = timedelta(minutes=15)


class TooManyLogIns(Exception):
    """Too many recent failures: the next try may come after `retry_after`."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(f"too many failed log-ins; try again in {retry_after}")
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        """The wait in whole minutes, rounded up, as a person is told it."""
        return max(1, -(-int(self.retry_after.total_seconds()) // 60))


# Beyond this many keys, expired ones are swept before another is added, so addresses
# that stopped trying do not pile up.
_SWEEP_ABOVE = 10_000


class LoginAttempts:
    """The failed log-ins of the last window, by account and address and by address."""

    def __init__(self, limits: LoginLimits | None = None) -> None:
        self.limits = limits or LoginLimits()
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str] | str, deque[datetime]] = {}

    def check(self, email: str, address: str, now: datetime) -> None:
        """Raise `TooManyLogIns` when a try from `address` for `email` must wait."""
        limits = self.limits
        with self._lock:
            waits = [
                self._wait(key, limit, now)
                for key, limit in (
                    ((normalized_email(email), address), limits.per_account_and_address),
                    (address, limits.per_address),
                )
            ]
        longest = max((w for w in waits if w is not None), default=None)
        if longest is not None:
            raise TooManyLogIns(longest)

    def failed(self, email: str, address: str, now: datetime) -> None:
        """Count a failed try."""
        with self._lock:
            if len(self._failures) > _SWEEP_ABOVE:
                self._sweep(now)
            for key in ((normalized_email(email), address), address):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, email: str, address: str) -> None:
        """Forget this account's failures from this address: the person knows it."""
        with self._lock:
            self._failures.pop((normalized_email(email), address), None)

    def _wait(self, key: tuple[str, str] | str, limit: int, now: datetime) -> timedelta | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.limits.window:
            failures.popleft()
        if len(failures) < limit:
            return None
        # The try may come once enough of the counted failures have aged out.
        return failures[-limit] + self.limits.window - now

    def _sweep(self, now: datetime) -> None:
        oldest = now - self.limits.window
        for key in [k for k, f in self._failures.items() if not f or f[-1] <= oldest]:
            del self._failures[key]


def try_log_in(
    sessions: sessionmaker[Session],
    attempts: LoginAttempts,
    *,
    email: str,
    password: str,
    address: str,
    now: datetime,
) -> Principal | None:
    """The user these details belong to, or None; `TooManyLogIns` when it must wait.

    A try that must wait is not checked at all: not against the password, and not
    counted again.
    """
    attempts.check(email, address, now)
    who = authenticate(sessions, email, password)
    if who is None:
        attempts.failed(email, address, now)
    else:
        attempts.succeeded(email, address)
    return who
