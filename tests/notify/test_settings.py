"""Notification settings refuse combinations that would be unsafe or make no sense."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rootwise.settings import Settings


def test_an_smtp_login_is_refused_unless_the_connection_is_encrypted() -> None:
    with pytest.raises(ValidationError, match="ROOTWISE_SMTP_STARTTLS"):
        Settings(smtp_username="rootwise", smtp_password="secret")
    assert Settings(smtp_username="rootwise", smtp_starttls=True).smtp_username == "rootwise"


def test_a_short_webhook_secret_is_refused() -> None:
    with pytest.raises(ValidationError, match="webhook_secret"):
        Settings(webhook_secret="too short")


def test_a_backoff_cap_below_the_base_is_refused() -> None:
    with pytest.raises(ValidationError, match="outbox_backoff_cap_seconds"):
        Settings(outbox_backoff_base_seconds=60, outbox_backoff_cap_seconds=30)
