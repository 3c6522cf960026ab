"""What a browser does with our pages, done by hand: read the hidden fields, post forms."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response

from tests.web.seed import PASSWORD


def hidden(html: str, name: str) -> str:
    """The value of the hidden input `name` in `html`."""
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden {name} in the page"
    return found.group(1)


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    """Open the log-in page and send it; returns the answer to the POST."""
    page = client.get("/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": hidden(page.text, "csrf_token")},
    )


def send_checkin(client: TestClient, answers: dict[str, str | list[str]]) -> Response:
    """Open the check-in form and send it with `answers` (form field -> value)."""
    page = client.get("/checkin")
    assert page.status_code == 200, page.text
    data = {
        "csrf_token": hidden(page.text, "csrf_token"),
        "idempotency_key": hidden(page.text, "idempotency_key"),
        **answers,
    }
    return client.post("/checkin", data=data)
