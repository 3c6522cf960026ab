"""Failed log-ins: when the next try must wait, and for how long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rootwise.services.login_attempts import LoginAttempts, LoginLimits, TooManyLogIns

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
PHONE, ELSEWHERE = "198.51.100.7", "203.0.113.9"
ALICE = "alice@patients.example.org"
LIMITS = LoginLimits(per_account_and_address=3, per_address=5, window=timedelta(minutes=15))


def fail(attempts: LoginAttempts, times: int, *, email: str = ALICE, address: str = PHONE) -> None:
    for n in range(times):
        attempts.failed(email, address, NOW + timedelta(seconds=n))


def test_tries_up_to_the_limit_are_not_held_back() -> None:
    attempts = LoginAttempts(LIMITS)
    fail(attempts, 2)

    attempts.check(ALICE, PHONE, NOW + timedelta(minutes=1))


def test_the_try_after_the_limit_waits_until_the_first_failure_ages_out() -> None:
    attempts = LoginAttempts(LIMITS)
    fail(attempts, 3)

    with pytest.raises(TooManyLogIns) as refused:
        attempts.check(ALICE, PHONE, NOW + timedelta(minutes=5))

    assert refused.value.retry_after == timedelta(minutes=10)
    assert refused.value.minutes == 10
    attempts.check(ALICE, PHONE, NOW + timedelta(minutes=15))


def test_the_e_mail_counts_without_regard_to_case_or_spaces() -> None:
    attempts = LoginAttempts(LIMITS)
    fail(attempts, 3, email=f"  {ALICE.upper()}")

    with pytest.raises(TooManyLogIns):
        attempts.check(ALICE, PHONE, NOW + timedelta(minutes=1))


def test_failures_from_elsewhere_never_lock_the_patient_out_of_their_phone() -> None:
    attempts = LoginAttempts(LIMITS)
    fail(attempts, 3, address=ELSEWHERE)

    attempts.check(ALICE, PHONE, NOW + timedelta(minutes=1))


def test_one_address_trying_many_accounts_is_held_back() -> None:
    attempts = LoginAttempts(LIMITS)
    for n in range(5):
        attempts.failed(f"guess{n}@example.org", ELSEWHERE, NOW)

    with pytest.raises(TooManyLogIns):
        attempts.check("someone.else@example.org", ELSEWHERE, NOW + timedelta(minutes=1))


def test_logging_in_forgets_the_accounts_failures_from_that_address() -> None:
    attempts = LoginAttempts(LIMITS)
    fail(attempts, 2)
    attempts.succeeded(ALICE, PHONE)
    fail(attempts, 2)

    attempts.check(ALICE, PHONE, NOW + timedelta(minutes=1))


def test_a_wait_of_seconds_is_told_as_one_minute() -> None:
    assert TooManyLogIns(timedelta(seconds=5)).minutes == 1
    assert TooManyLogIns(timedelta(seconds=61)).minutes == 2
