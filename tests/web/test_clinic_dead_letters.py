"""Notifications given up on, listed for the clinic's admins only."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from rootwise.store import tables
from rootwise.store.database import make_sessions
from tests.web.browser import log_in
from tests.web.clinic_support import admin, clinic_of, main_text
from tests.web.seed import NOW, Cast


def dead_letter(engine: Engine, clinic_id: int, recipient: str) -> None:
    with make_sessions(engine).begin() as session:
        session.add(
            tables.OutboxMessage(
                clinic_id=clinic_id,
                channel="webhook",
                recipient=recipient,
                subject="Rootwise emergency alert 7: acknowledge by 14:15 UTC",
                body={},
                idempotency_key=f"dead-{recipient}",
                status="dead",
                attempts=8,
                next_attempt_at=NOW,
                last_error="HTTP 503 from the receiver",
                created_at=NOW,
            )
        )


def test_an_admin_sees_the_clinics_dead_letters_with_channel_recipient_and_last_error(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    dead_letter(engine, clinic_of(engine, cast.alice), "https://pager.riverside.example/hook")
    dead_letter(engine, clinic_of(engine, cast.dave), "https://pager.hilltop.example/hook")
    log_in(client, admin(engine, cast).email)

    page = client.get("/clinic/dead-letters")

    assert page.status_code == 200
    html = main_text(page.text)
    assert "Rootwise emergency alert 7: acknowledge by 14:15 UTC" in html
    assert "<td>webhook</td>" in html
    assert "https://pager.riverside.example/hook" in html
    assert "<td>8</td>" in html
    assert "HTTP 503 from the receiver" in html
    assert "hilltop" not in html
    assert 'href="/clinic/dead-letters" aria-current="page"' in page.text


def test_an_admin_with_nothing_undelivered_is_told_so(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, admin(engine, cast).email)
    assert "Every notification has been delivered" in client.get("/clinic/dead-letters").text


def test_a_clinician_may_not_see_dead_letters(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.carol.email)
    page = client.get("/clinic/dead-letters")
    assert page.status_code == 403
    assert "for the clinic’s administrators" in page.text


def test_a_patient_is_sent_home_from_dead_letters(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    assert client.get("/clinic/dead-letters").headers["location"] == "/"
