"""One alert's page: its findings and their basis, acknowledging and resolving it."""

from __future__ import annotations

from html import escape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from rootwise.clinical.rules import RULES
from rootwise.clinical.sources import SOURCES
from rootwise.notify.escalation import escalate_overdue
from rootwise.settings import Settings
from rootwise.store.database import make_sessions
from tests.web.browser import hidden, log_in
from tests.web.clinic_support import (
    EMERGENCY,
    Sent,
    alert_row,
    audit_rows,
    main_text,
    minutes,
    outsider,
    send,
)
from tests.web.conftest import running
from tests.web.seed import NOW, Cast


@pytest.fixture
def alert(cast: Cast, engine: Engine) -> Sent:
    """Alice reported saddle numbness at NOW, with fever and on pregabalin."""
    return send(
        engine,
        cast.alice,
        NOW,
        **EMERGENCY,
        temperature={"value": 38.6, "unit": "C"},
        medications=[{"name": "Pregabalin", "class": "gabapentinoid", "dose_mg": 75}],
    )


def carol_opens(client: TestClient, cast: Cast, alert: Sent) -> str:
    log_in(client, cast.carol.email)
    page = client.get(f"/clinic/alerts/{alert.alert_id}")
    assert page.status_code == 200, page.text
    return page.text


def test_the_alert_page_shows_each_finding_with_its_evidence_threshold_note_and_sources(
    client: TestClient, cast: Cast, alert: Sent
) -> None:
    html = main_text(carol_opens(client, cast, alert))
    assert f"alert {alert.alert_id}: Alice</h1>" in html
    assert '<strong id="alert-status">Open</strong>' in html
    assert "Mar 20, 2026</span>, 10:15 AM" in html  # acknowledge by, clinic time
    assert '(<span class="deadline">15 min left</span>)' in html

    assert "Cauda equina: saddle numbness" in html
    assert "<li>Saddle numbness: yes</li>" in html
    assert "saddle_numbness is yes" in html  # fires when
    assert "suspected cauda equina syndrome" in html  # clinician note
    assert f"[GIRFT-CES] {SOURCES['GIRFT-CES']}" in html

    assert "Infection: fever" in html
    assert "38.3" in html  # the fever threshold in force, in "fires when"


def test_the_alert_page_shows_what_the_patient_was_told(
    client: TestClient, cast: Cast, alert: Sent
) -> None:
    html = main_text(carol_opens(client, cast, alert))
    told = html[html.index("What Alice was told") :]
    assert "Call 911 now" in told
    assert "Numbness around your bottom" in told
    fever = RULES["infection.fever"].patient_text(Settings(database_url="sqlite://").thresholds())
    assert told.index("Other things from your answers") < told.index(escape(fever))


def test_acknowledging_records_who_and_when_and_is_shown_on_the_page(
    database_url: str, cast: Cast, engine: Engine, alert: Sent
) -> None:
    with running(database_url, lambda: NOW + minutes(4)) as client:
        token = hidden(carol_opens(client, cast, alert), "csrf_token")
        answer = client.post(
            f"/clinic/alerts/{alert.alert_id}/acknowledge", data={"csrf_token": token}
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/clinic/alerts/{alert.alert_id}"
        html = main_text(client.get(answer.headers["location"]).text)

    assert '<strong id="alert-status">Acknowledged</strong>' in html
    assert "<dt>Acknowledged</dt><dd>by Dr Carol, " in html
    assert "10:04 AM" in html
    assert ">Acknowledge</button>" not in html
    assert ">Resolve with this note</button>" in html
    stored = alert_row(engine, alert.alert_id or 0)
    assert (stored.status, stored.acknowledged_by_id) == ("acknowledged", cast.carol.user_id)
    assert (
        cast.carol.user_id,
        cast.alice.patient_id,
        "acknowledge",
        "alert",
        str(alert.alert_id),
    ) in audit_rows(engine)


def test_resolving_needs_a_note_and_changes_nothing_without_one(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    token = hidden(carol_opens(client, cast, alert), "csrf_token")
    answer = client.post(
        f"/clinic/alerts/{alert.alert_id}/resolve", data={"csrf_token": token, "note": "   "}
    )
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in answer.text
    assert "Write what was done" in answer.text
    assert alert_row(engine, alert.alert_id or 0).status == "open"
    assert not [row for row in audit_rows(engine) if row[2] == "resolve"]


def test_resolving_with_a_note_records_it_and_shows_who_when_and_what(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    token = hidden(carol_opens(client, cast, alert), "csrf_token")
    note = "Called Alice; she is on her way to A&E.\nMRI booked."
    answer = client.post(
        f"/clinic/alerts/{alert.alert_id}/resolve", data={"csrf_token": token, "note": note}
    )
    assert answer.status_code == 303
    html = main_text(client.get(answer.headers["location"]).text)

    assert '<strong id="alert-status">Resolved</strong>' in html
    assert "<dt>Resolved</dt><dd>by Dr Carol, " in html
    assert "Called Alice; she is on her way to A&amp;E.\nMRI booked." in html
    assert "Act on this alert" not in html
    stored = alert_row(engine, alert.alert_id or 0)
    assert (stored.status, stored.resolved_by_id, stored.resolution_note) == (
        "resolved",
        cast.carol.user_id,
        note,
    )
    assert stored.resolved_at == NOW
    resolved = [row for row in audit_rows(engine) if row[2] == "resolve"]
    assert resolved == [
        (cast.carol.user_id, cast.alice.patient_id, "resolve", "alert", str(alert.alert_id))
    ]


def test_a_resolved_alert_cannot_be_resolved_again(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    token = hidden(carol_opens(client, cast, alert), "csrf_token")
    path = f"/clinic/alerts/{alert.alert_id}/resolve"
    client.post(path, data={"csrf_token": token, "note": "First note"})
    again = client.post(path, data={"csrf_token": token, "note": "Second note"})
    assert again.status_code == 409
    assert "resolved this alert already" in again.text
    assert alert_row(engine, alert.alert_id or 0).resolution_note == "First note"


@pytest.mark.parametrize("action", ["acknowledge", "resolve"])
def test_a_form_without_its_token_changes_nothing(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent, action: str
) -> None:
    carol_opens(client, cast, alert)
    answer = client.post(
        f"/clinic/alerts/{alert.alert_id}/{action}", data={"csrf_token": "x", "note": "n"}
    )
    assert answer.status_code == 403
    assert alert_row(engine, alert.alert_id or 0).status == "open"


def test_opening_an_alert_is_audited_against_its_patient(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    carol_opens(client, cast, alert)
    assert audit_rows(engine)[-1] == (
        cast.carol.user_id,
        cast.alice.patient_id,
        "read",
        "alert",
        str(alert.alert_id),
    )


def test_another_clinics_clinician_can_neither_see_nor_act_on_the_alert(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    log_in(client, outsider(engine, cast).email)
    token = hidden(client.get("/clinic").text, "csrf_token")
    base = f"/clinic/alerts/{alert.alert_id}"

    assert client.get(base).status_code == 404
    assert client.post(f"{base}/acknowledge", data={"csrf_token": token}).status_code == 404
    resolve = client.post(f"{base}/resolve", data={"csrf_token": token, "note": "mine"})
    assert resolve.status_code == 404
    assert "Alice" not in resolve.text
    assert alert_row(engine, alert.alert_id or 0).status == "open"


@pytest.mark.parametrize("alert_id", ["999", "0", "abc", "99999999999", "1e3"])
def test_an_alert_that_does_not_exist_is_not_found(
    client: TestClient, cast: Cast, alert_id: str
) -> None:
    log_in(client, cast.carol.email)
    assert client.get(f"/clinic/alerts/{alert_id}").status_code == 404


def test_each_escalation_step_is_shown_on_the_alert_page(
    client: TestClient, cast: Cast, engine: Engine, alert: Sent
) -> None:
    # Nobody acknowledged within 15 minutes: the worker's pass escalates to tier 1.
    escalate_overdue(
        make_sessions(engine), now=NOW + minutes(16), settings=Settings(database_url="sqlite://")
    )
    html = main_text(carol_opens(client, cast, alert))
    assert "Escalated to tier 1" in html
    assert "Escalated to tier 2" not in html
