"""Webhooks: signed JSON POSTs that succeed only on a 2xx answer from the receiver."""

from __future__ import annotations

import json

import pytest

from rootwise.notify.message import DeliveryFailed, Message
from rootwise.notify.webhook import payload, post_webhook, signature
from tests.integration.world import NOW
from tests.notify.receivers import WebhookReceiver, signature_is_valid
from tests.notify.support import SECRET
from tests.support.postgres import free_port


def message(recipient: str) -> Message:
    return Message(
        id=1,
        channel="webhook",
        recipient=recipient,
        subject="Rootwise emergency alert 7",
        body={"alert_id": 7, "level": "emergency", "rules": ["cauda_equina.saddle_numbness"]},
        idempotency_key="alert-7-contact-2-tier-0",
        attempts=1,
    )


def post(recipient: str, *, secret: str | None = SECRET, timeout: float = 5.0) -> None:
    post_webhook(secret, timeout, lambda: NOW, message(recipient))


def test_the_signature_is_hmac_sha256_of_the_time_a_dot_and_the_body() -> None:
    # Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    assert signature("key", 1_700_000_000, b'{"a":1}') == (
        "t=1700000000,v1=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03"
    )


def test_a_receiver_can_verify_a_signed_post_and_read_the_message() -> None:
    with WebhookReceiver() as receiver:
        post(receiver.url)
    (received,) = receiver.posts
    assert signature_is_valid(SECRET, received.headers["X-Rootwise-Signature"], received.body)
    assert received.headers["X-Rootwise-Signature"].startswith(f"t={int(NOW.timestamp())},")
    assert received.headers["Idempotency-Key"] == "alert-7-contact-2-tier-0"
    assert received.headers["Content-Type"] == "application/json"
    assert json.loads(received.body) == {
        "idempotency_key": "alert-7-contact-2-tier-0",
        "subject": "Rootwise emergency alert 7",
        "body": {"alert_id": 7, "level": "emergency", "rules": ["cauda_equina.saddle_numbness"]},
    }


def test_a_signature_does_not_verify_for_a_changed_body_or_another_secret() -> None:
    raw = payload(message("http://example.invalid/"))
    header = signature(SECRET, 1_700_000_000, raw)
    assert signature_is_valid(SECRET, header, raw)
    assert not signature_is_valid(SECRET, header, raw.replace(b"emergency", b"routine"))
    assert not signature_is_valid("another secret of enough length 0123", header, raw)


def test_without_a_secret_nothing_is_sent() -> None:
    with WebhookReceiver() as receiver, pytest.raises(DeliveryFailed, match="never sent unsigned"):
        post(receiver.url, secret=None)
    assert receiver.posts == []


@pytest.mark.parametrize("status", [400, 404, 500, 503])
def test_an_error_status_is_a_failure(status: int) -> None:
    with (
        WebhookReceiver(status=status) as receiver,
        pytest.raises(DeliveryFailed, match=f"HTTP {status}"),
    ):
        post(receiver.url)
    assert len(receiver.posts) == 1


def test_a_redirect_is_a_failure_and_is_not_followed() -> None:
    with WebhookReceiver(status=302) as receiver, pytest.raises(DeliveryFailed, match="HTTP 302"):
        post(receiver.url)
    assert [p.path for p in receiver.posts] == ["/hook"]


def test_a_refused_connection_is_a_failure() -> None:
    with pytest.raises(DeliveryFailed, match="unreachable"):
        post(f"http://127.0.0.1:{free_port()}/hook")


def test_a_receiver_slower_than_the_timeout_is_a_failure() -> None:
    with WebhookReceiver(hold_from=1) as receiver, pytest.raises(DeliveryFailed, match="timed out"):
        post(receiver.url, timeout=0.2)


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/hook", "hook"])
def test_only_http_addresses_are_posted_to(address: str) -> None:
    with pytest.raises(DeliveryFailed, match="http"):
        post(address)
