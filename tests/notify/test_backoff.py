"""The wait before a retry: exponential, capped, and a random share of the ceiling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rootwise.notify.backoff import RetryPolicy
from rootwise.notify.worker import DEFAULT_RETRY
from rootwise.settings import Settings

BASE = timedelta(seconds=10)
CAP = timedelta(minutes=5)


def policy(draw: float) -> RetryPolicy:
    return RetryPolicy(max_attempts=8, base=BASE, cap=CAP, random=lambda: draw)


@pytest.mark.parametrize(
    ("attempts", "ceiling_seconds"), [(1, 20), (2, 40), (3, 80), (4, 160), (5, 300), (6, 300)]
)
def test_the_ceiling_doubles_with_each_attempt_until_the_cap(
    attempts: int, ceiling_seconds: int
) -> None:
    assert policy(0.5).delay(attempts) == timedelta(seconds=ceiling_seconds / 2)


def test_a_draw_of_zero_retries_at_once_and_a_draw_near_one_waits_the_whole_ceiling() -> None:
    assert policy(0.0).delay(3) == timedelta(0)
    assert policy(0.999999).delay(3) == timedelta(seconds=80 * 0.999999)


def test_an_enormous_attempt_count_still_waits_no_more_than_the_cap() -> None:
    assert policy(0.999999).delay(10_000) == CAP * 0.999999


@given(attempts=st.integers(min_value=0, max_value=500), draw=st.floats(0, 1, exclude_max=True))
def test_every_wait_lies_between_zero_and_the_capped_ceiling(attempts: int, draw: float) -> None:
    # From 5 attempts on, 10 s * 2**attempts passes the 5-minute cap.
    ceiling = min(CAP, BASE * 2 ** min(attempts, 5))
    assert timedelta(0) <= policy(draw).delay(attempts) <= ceiling


def test_the_policy_gives_up_once_the_last_attempt_has_failed() -> None:
    assert not policy(0.5).exhausted(7)
    assert policy(0.5).exhausted(8)


def test_the_default_policy_is_the_one_the_default_settings_give() -> None:
    settings = Settings()
    assert DEFAULT_RETRY.max_attempts == settings.outbox_max_attempts
    assert DEFAULT_RETRY.base == timedelta(seconds=settings.outbox_backoff_base_seconds)
    assert DEFAULT_RETRY.cap == timedelta(seconds=settings.outbox_backoff_cap_seconds)
