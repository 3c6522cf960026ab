"""Real receivers on 127.0.0.1 for the worker to deliver to: a webhook endpoint and a mail server.

Both record what arrived so tests can count deliveries per idempotency key, the way a
real receiver drops repeats of an at-least-once delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.support.postgres import free_port

# Long enough for any test step, short enough that a forgotten hold cannot hang the suite.
_HOLD_LIMIT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Post:
    """One request as the webhook receiver saw it."""

    path: str
    headers: dict[str, str]
    body: bytes


def signature_is_valid(secret: str, header: str, body: bytes) -> bool:
    """The receiver's check of `X-Rootwise-Signature`, written from its specification."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), fields["v1"])


class WebhookReceiver:
    """An HTTP server in a thread that records every POST and answers `status`.

    With `hold_from=n`, the n-th request and those after it are recorded at once but
    answered only after `release()`: the sender is then stuck mid-request, for as long as
    a test needs (to kill it there, or to make it time out).
    """

    def __init__(self, *, status: int = 200, hold_from: int | None = None) -> None:
        self.status = status
        self.posts: list[Post] = []
        self._hold_from = hold_from
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _WebhookHandler)
        self._server.receiver = self
        # A short poll keeps shutdown quick; the default half second adds up over the suite.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def keys(self) -> Counter[str]:
        """How many times each idempotency key arrived."""
        with self._lock:
            return Counter(post.headers["Idempotency-Key"] for post in self.posts)

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.posts) < count:
            assert time.monotonic() < deadline, f"{len(self.posts)} of {count} requests arrived"
            time.sleep(0.01)

    def release(self) -> None:
        self._released.set()

    def record(self, post: Post) -> None:
        with self._lock:
            self.posts.append(post)
            number = len(self.posts)
        if self._hold_from is not None and number >= self._hold_from:
            self._released.wait(_HOLD_LIMIT_SECONDS)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    receiver: WebhookReceiver

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A sender that died or gave up mid-request (what some tests do on purpose) leaves
        # the answer nowhere to go; anything else is a bug in this receiver and is shown.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _WebhookHandler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        post = Post(
            path=self.path, headers=dict(self.headers.items()), body=self.rfile.read(length)
        )
        receiver = self.server.receiver
        receiver.record(post)
        self.send_response(receiver.status)
        if 300 <= receiver.status < 400:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests look at `posts`, not at an access log."""


class MailReceiver:
    """An SMTP server (aiosmtpd) that keeps every email it accepts, or refuses recipients."""

    def __init__(self, *, port: int | None = None, refuse_recipients: bool = False) -> None:
        self.port = port or free_port()
        self.messages: list[EmailMessage] = []
        self._refuse_recipients = refuse_recipients
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def keys(self) -> Counter[str]:
        return Counter(str(m["X-Rootwise-Idempotency-Key"]) for m in self.messages)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self._refuse_recipients:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"

    def __enter__(self) -> Self:
        self._controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._controller.stop()
