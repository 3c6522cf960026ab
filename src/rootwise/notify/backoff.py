"""How long to wait before retrying a delivery: exponential backoff with full jitter.

The wait is a uniform draw between zero and `base * 2**attempts` (capped). The draw
spreads out the retries of many messages that failed together, say while the mail
relay was down, so they do not all come back in one burst when it returns.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

# Past this many doublings any sensible cap applies; stopping here keeps the float finite.
_MAX_DOUBLINGS = 64


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to try a failed message again, and when to give up on it."""

    max_attempts: int = 8
    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(minutes=30)
    # A draw in [0, 1); tests pass a constant.
    random: Callable[[], float] = random.random

    def delay(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt."""
        ceiling = min(
            self.cap.total_seconds(),
            self.base.total_seconds() * 2.0 ** min(attempts, _MAX_DOUBLINGS),
        )
        return timedelta(seconds=ceiling * self.random())

    def exhausted(self, attempts: int) -> bool:
        """True when `attempts` attempts were all there was to make."""
        return attempts >= self.max_attempts
