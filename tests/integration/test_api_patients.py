"""`GET /api/v1/patients/{id}`: a clinician's summary of one patient of their own clinic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from tests.integration.harness import Auth, Database, audit_trail
from tests.integration.world import EMERGENCY, NOW, body

URL = "/api/v1/patients"


def post_checkin(client: TestClient, headers: dict[str, str], payload: bytes) -> int:
    response = client.post(
        "/api/v1/checkins",
        content=payload,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    checkin_id: int = response.json()["id"]
    return checkin_id


def test_a_clinician_reads_the_summary_of_a_patient_of_their_clinic(
    db: Database, client: TestClient, auth: Auth
) -> None:
    alice = db.world.alice
    older = post_checkin(client, auth(alice), body(NOW - timedelta(days=1), leg_pain=5))
    newer = post_checkin(client, auth(alice), body(**EMERGENCY))

    response = client.get(f"{URL}/{alice.patient_id}", headers=auth(db.world.carol))

    assert response.status_code == 200
    summary = response.json()
    assert (summary["id"], summary["display_name"]) == (alice.patient_id, "Alice")
    assert summary["surgery"] == {
        "procedure": "discectomy",
        "date": "2026-10-01",
        "levels": ["L4-L5"],
        "durotomy": None,
    }
    assert summary["days_since_surgery"] == 19
    assert summary["open_alerts"] == 1
    assert [c["id"] for c in summary["recent_checkins"]] == [newer, older]
    assert summary["recent_checkins"][0]["assessment"]["level"] == "emergency"


def test_reading_a_summary_is_written_to_the_audit_log(
    db: Database, client: TestClient, auth: Auth
) -> None:
    carol, bob = db.world.carol, db.world.bob

    client.get(f"{URL}/{bob.patient_id}", headers=auth(carol))

    assert audit_trail(db) == [("read", "patient", carol.user_id, bob.patient_id)]


def test_another_clinics_patient_is_a_404_and_nothing_is_read(
    db: Database, client: TestClient, auth: Auth
) -> None:
    response = client.get(f"{URL}/{db.world.alice.patient_id}", headers=auth(db.world.dave))

    assert response.status_code == 404
    assert audit_trail(db) == []


def test_a_patient_that_does_not_exist_is_the_same_404(
    db: Database, client: TestClient, auth: Auth
) -> None:
    missing = client.get(f"{URL}/4242", headers=auth(db.world.carol))
    elsewhere = client.get(f"{URL}/{db.world.erin.patient_id}", headers=auth(db.world.carol))

    assert (missing.status_code, elsewhere.status_code) == (404, 404)
    assert missing.json() == elsewhere.json()


@pytest.mark.parametrize("whose", ["own", "another-patients"])
def test_a_patient_cannot_read_a_summary_not_even_their_own(
    db: Database, client: TestClient, auth: Auth, whose: str
) -> None:
    alice = db.world.alice
    target = alice if whose == "own" else db.world.bob

    response = client.get(f"{URL}/{target.patient_id}", headers=auth(alice))

    assert response.status_code == 403
    assert audit_trail(db) == []


@pytest.mark.parametrize(
    "patient_id",
    [
        pytest.param(2**31, id="beyond-a-postgresql-integer"),
        pytest.param(2**63, id="beyond-a-64-bit-integer"),
    ],
)
def test_an_id_too_large_to_store_is_a_client_error_not_a_crash(
    db: Database,
    lenient_client: TestClient,
    auth: Auth,
    patient_id: int,
) -> None:
    response = lenient_client.get(f"{URL}/{patient_id}", headers=auth(db.world.carol))

    assert response.status_code == 422
