"""A patient's record for the care team: operation, days since, and the check-in timeline."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.web.browser import log_in
from tests.web.clinic_support import (
    EMERGENCY,
    SOON,
    audit_rows,
    main_text,
    minutes,
    outsider,
    send,
)
from tests.web.seed import NOW, Cast


def test_the_patient_page_shows_the_operation_and_the_timeline_newest_first(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    first = send(engine, cast.alice, NOW - minutes(60 * 24), leg_pain=7, **SOON)
    latest = send(
        engine,
        cast.alice,
        NOW,
        **EMERGENCY,
        medications=[
            {"name": "Pregabalin", "class": "gabapentinoid", "dose_mg": 75, "doses_per_day": 2}
        ],
        side_effects=["dizziness"],
    )
    log_in(client, cast.carol.email)
    page = client.get(f"/clinic/patients/{cast.alice.patient_id}")

    assert page.status_code == 200
    html = main_text(page.text)
    assert "<h1>Alice</h1>" in html
    assert "Discectomy, on Mar 2, 2026" in html
    assert "18 days (week 3)" in html
    assert html.index("Mar 20, 2026") < html.index("Mar 19, 2026")
    assert "Pregabalin (gabapentinoid), 75 mg, 2 a day" in html
    assert "Side effects: dizziness" in html
    assert "Cauda equina: saddle numbness (emergency)" in html
    assert "Screen: unsure weakness (soon)" in html
    assert f'<a href="/clinic/alerts/{latest.alert_id}">Alert {latest.alert_id}</a>: open' in html
    assert first.alert_id is None
    assert "<td>7 / 2</td>" in html


def test_opening_a_patient_is_audited_against_them(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.carol.email)
    client.get(f"/clinic/patients/{cast.bob.patient_id}")
    assert audit_rows(engine)[-1] == (
        cast.carol.user_id,
        cast.bob.patient_id,
        "read",
        "patient_record",
        str(cast.bob.patient_id),
    )


def test_another_clinics_patient_is_not_found(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.carol.email)
    page = client.get(f"/clinic/patients/{cast.dave.patient_id}")
    assert page.status_code == 404
    assert "Dave" not in page.text


def test_another_clinics_clinician_cannot_open_this_clinics_patient(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, outsider(engine, cast).email)
    page = client.get(f"/clinic/patients/{cast.alice.patient_id}")
    assert page.status_code == 404
    assert "Alice" not in page.text
