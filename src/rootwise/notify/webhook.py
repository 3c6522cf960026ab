"""A webhook POST, signed with HMAC-SHA256 so the receiver can tell it came from Rootwise.

The signature header is `X-Rootwise-Signature: t=<unix seconds>,v1=<hex>`, where the hex
is HMAC-SHA256 under the shared secret of `f"{t}.{raw body}"`. Signing the time lets a
receiver refuse old requests replayed by someone who recorded one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from rootwise.notify.message import DeliveryFailed, Message

SIGNATURE_HEADER = "X-Rootwise-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class _NoRedirects(HTTPRedirectHandler):
    # urllib would follow a redirect of a POST as a GET without the body, and report the
    # GET's success as ours: a redirect is an error status here instead.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = build_opener(_NoRedirects)


def post_webhook(
    secret: str | None, timeout: float, clock: Callable[[], datetime], message: Message
) -> None:
    """POST `message` as signed JSON; raise `DeliveryFailed` unless the answer is 2xx."""
    if secret is None:
        raise DeliveryFailed("ROOTWISE_WEBHOOK_SECRET is not set; webhooks are never sent unsigned")
    if urlsplit(message.recipient).scheme not in ("http", "https"):
        raise DeliveryFailed("a webhook address must be an http:// or https:// URL")
    raw = payload(message)
    request = Request(
        message.recipient,
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Rootwise-Notify",
            IDEMPOTENCY_HEADER: message.idempotency_key,
            SIGNATURE_HEADER: signature(secret, int(clock().timestamp()), raw),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
    except HTTPError as exc:
        exc.close()
        raise DeliveryFailed(f"HTTP {exc.code} {exc.reason}") from exc
    except (URLError, OSError) as exc:
        raise DeliveryFailed(f"webhook unreachable: {getattr(exc, 'reason', exc)}") from exc
    if not 200 <= status < 300:
        raise DeliveryFailed(f"HTTP {status}")


def payload(message: Message) -> bytes:
    """The JSON body: the key, the subject and the outbox body (ids, level, rules, due_by)."""
    document = {
        "idempotency_key": message.idempotency_key,
        "subject": message.subject,
        "body": message.body,
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: int, raw_body: bytes) -> str:
    """The `X-Rootwise-Signature` value for `raw_body` sent at `timestamp`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw_body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
