"""`GET /api/v1/alerts` and `POST /api/v1/alerts/{id}/acknowledge`: the care team's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from rootwise.services.checkins import submit_checkin
from rootwise.settings import Settings
from rootwise.store import tables
from tests.integration.harness import Auth, Clock, Database, audit_trail
from tests.integration.world import (
    EMERGENCY,
    NEW_YORK,
    SAME_DAY,
    Persona,
    body,
    row_counts,
)

URL = "/api/v1/alerts"
LONDON = ZoneInfo("Europe/London")


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, 20, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Raised:
    """An alert raised by posting a check-in at a given moment."""

    id: int
    patient_id: int
    level: str
    created_at: datetime


@pytest.fixture
def queue(db: Database, settings: Settings) -> dict[str, Raised]:
    """Alerts raised by check-ins over one morning, in both clinics.

    Submitted through the service, each with the clock at its own moment (the HTTP route
    is covered in test_api_checkins); the ids come from the database.
    """
    world = db.world

    def raise_alert(who: Persona, when: datetime, answers: dict[str, Any]) -> Raised:
        assert who.patient_id is not None
        zone = LONDON if who.clinic_id == world.clinic_b else NEW_YORK
        receipt = submit_checkin(
            db.sessions,
            patient_id=who.patient_id,
            user_id=who.user_id,
            body=body(when, zone=zone, **answers),
            now=when,
            settings=settings,
        )
        with db.sessions() as session:
            alert_id = session.scalars(
                select(tables.Alert.id)
                .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
                .where(tables.Assessment.checkin_id == receipt.checkin_id)
            ).one()
        return Raised(alert_id, who.patient_id, receipt.level, when)

    return {
        "alice-same-day": raise_alert(world.alice, at(6), SAME_DAY),
        "bob-same-day": raise_alert(world.bob, at(7), SAME_DAY),
        "erin-emergency": raise_alert(world.erin, at(8), EMERGENCY),
        "alice-emergency": raise_alert(world.alice, at(9), EMERGENCY),
        "bob-emergency": raise_alert(world.bob, at(9, 50), EMERGENCY),
    }


# --- GET /alerts -----------------------------------------------------------------------


def test_open_alerts_come_emergencies_first_then_by_deadline_and_only_from_the_own_clinic(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    response = client.get(URL, params={"status": "open"}, headers=auth(db.world.carol))

    assert response.status_code == 200
    # Bob's same-day alert (due 11:00) comes after both emergencies, though it is older
    # than Bob's emergency (due 10:05); Erin's belongs to clinic B.
    assert [a["id"] for a in response.json()] == [
        queue["alice-emergency"].id,
        queue["bob-emergency"].id,
        queue["alice-same-day"].id,
        queue["bob-same-day"].id,
    ]
    assert [a["due_by"] for a in response.json()] == [
        "2026-10-20T09:15:00+00:00",
        "2026-10-20T10:05:00+00:00",
        "2026-10-20T10:00:00+00:00",
        "2026-10-20T11:00:00+00:00",
    ]


def test_each_alert_names_its_patient_level_times_and_findings(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    (alert,) = [
        a
        for a in client.get(URL, headers=auth(db.world.carol)).json()
        if a["id"] == queue["alice-emergency"].id
    ]

    assert {"id", "patient_id", "level", "created_at", "due_by", "findings"} <= set(alert)
    assert alert["patient_id"] == db.world.alice.patient_id
    assert alert["level"] == "emergency"
    assert alert["created_at"] == "2026-10-20T09:00:00+00:00"
    assert [f["rule"] for f in alert["findings"]] == ["cauda_equina.saddle_numbness"]


def test_another_clinics_clinician_sees_only_their_own_alerts(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    listed = client.get(URL, params={"status": "open"}, headers=auth(db.world.dave)).json()

    assert [a["id"] for a in listed] == [queue["erin-emergency"].id]


def test_a_patient_cannot_list_alerts(db: Database, client: TestClient, auth: Auth) -> None:
    assert client.get(URL, headers=auth(db.world.alice)).status_code == 403


def test_an_unknown_status_is_a_422(db: Database, client: TestClient, auth: Auth) -> None:
    response = client.get(URL, params={"status": "lost"}, headers=auth(db.world.carol))

    assert response.status_code == 422


def test_with_no_alerts_the_list_is_empty(db: Database, client: TestClient, auth: Auth) -> None:
    assert client.get(URL, headers=auth(db.world.carol)).json() == []


def test_listing_alerts_writes_one_audit_row_per_patient_shown(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    before = len(audit_trail(db))
    carol = db.world.carol

    client.get(URL, headers=auth(carol))

    assert sorted(audit_trail(db)[before:], key=str) == [
        ("read", "alerts", carol.user_id, db.world.alice.patient_id),
        ("read", "alerts", carol.user_id, db.world.bob.patient_id),
    ]


# --- POST /alerts/{id}/acknowledge -----------------------------------------------------


def stored_alert(db: Database, alert_id: int) -> tables.Alert:
    with db.sessions() as session:
        return session.scalars(select(tables.Alert).where(tables.Alert.id == alert_id)).one()


def test_acknowledging_records_who_and_when_and_takes_it_off_the_open_list(
    db: Database, client: TestClient, auth: Auth, clock: Clock, queue: dict[str, Raised]
) -> None:
    carol = db.world.carol
    alert_id = queue["alice-emergency"].id
    clock.now = at(13, 37)  # the app's clock only ever moves on

    response = client.post(f"{URL}/{alert_id}/acknowledge", headers=auth(carol))

    assert response.status_code == 200
    answer = response.json()
    assert (answer["id"], answer["status"]) == (alert_id, "acknowledged")
    assert answer["acknowledged_by"] == carol.user_id
    assert answer["acknowledged_at"] == "2026-10-20T13:37:00+00:00"
    assert [f["rule"] for f in answer["findings"]] == ["cauda_equina.saddle_numbness"]
    row = stored_alert(db, alert_id)
    assert (row.status, row.acknowledged_by_id, row.acknowledged_at) == (
        "acknowledged",
        carol.user_id,
        at(13, 37),
    )
    still_open = [a["id"] for a in client.get(URL, headers=auth(carol)).json()]
    assert alert_id not in still_open
    assert len(still_open) == 3
    seen = client.get(URL, params={"status": "acknowledged"}, headers=auth(carol)).json()
    assert [a["id"] for a in seen] == [alert_id]


def test_acknowledging_is_written_to_the_audit_log(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    carol = db.world.carol
    before = len(audit_trail(db))

    client.post(f"{URL}/{queue['bob-same-day'].id}/acknowledge", headers=auth(carol))

    assert audit_trail(db)[before:] == [
        ("acknowledge", "alert", carol.user_id, db.world.bob.patient_id)
    ]


def test_acknowledging_twice_keeps_the_first_acknowledgement(
    db: Database, client: TestClient, auth: Auth, clock: Clock, queue: dict[str, Raised]
) -> None:
    carol = auth(db.world.carol)
    alert_id = queue["bob-emergency"].id
    clock.now = at(13, 40)
    first = client.post(f"{URL}/{alert_id}/acknowledge", headers=carol).json()
    trail = audit_trail(db)

    clock.now = at(14, 10)
    again = client.post(f"{URL}/{alert_id}/acknowledge", headers=carol)

    assert again.status_code == 200
    assert again.json()["acknowledged_at"] == first["acknowledged_at"]
    assert stored_alert(db, alert_id).acknowledged_at == at(13, 40)
    assert audit_trail(db) == trail


def test_another_clinics_clinician_gets_a_404_and_the_alert_stays_open(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    alert_id = queue["alice-emergency"].id
    trail = audit_trail(db)

    response = client.post(f"{URL}/{alert_id}/acknowledge", headers=auth(db.world.dave))

    assert response.status_code == 404
    row = stored_alert(db, alert_id)
    assert (row.status, row.acknowledged_by_id, row.acknowledged_at) == ("open", None, None)
    assert audit_trail(db) == trail


def test_a_patient_cannot_acknowledge_even_their_own_alert(
    db: Database, client: TestClient, auth: Auth, queue: dict[str, Raised]
) -> None:
    alert_id = queue["alice-emergency"].id

    response = client.post(f"{URL}/{alert_id}/acknowledge", headers=auth(db.world.alice))

    assert response.status_code == 403
    assert stored_alert(db, alert_id).status == "open"


def test_acknowledging_an_alert_that_does_not_exist_is_a_404(
    db: Database, client: TestClient, auth: Auth
) -> None:
    response = client.post(f"{URL}/4242/acknowledge", headers=auth(db.world.carol))

    assert response.status_code == 404
    assert row_counts(db.engine)["audit_log"] == 0


@pytest.mark.parametrize(
    "alert_id",
    [
        pytest.param(2**31, id="beyond-a-postgresql-integer"),
        pytest.param(2**63, id="beyond-a-64-bit-integer"),
    ],
)
def test_acknowledging_an_id_too_large_to_store_is_a_client_error_not_a_crash(
    db: Database,
    lenient_client: TestClient,
    auth: Auth,
    alert_id: int,
) -> None:
    response = lenient_client.post(f"{URL}/{alert_id}/acknowledge", headers=auth(db.world.carol))

    assert response.status_code == 422
