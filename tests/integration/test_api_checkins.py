"""`POST /api/v1/checkins` and `GET /api/v1/checkins`, as spec/api.md states them."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from tests.integration.harness import Auth, Clock, Database, audit_trail
from tests.integration.world import (
    ALL_CLEAR,
    EMERGENCY,
    NOW,
    SOON,
    body,
    checkin,
    row_counts,
)

URL = "/api/v1/checkins"
LONDON = ZoneInfo("Europe/London")


def send(client: TestClient, headers: dict[str, str], payload: dict[str, Any] | bytes) -> Any:
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post(
        URL, content=content, headers={**headers, "Content-Type": "application/json"}
    )


# --- POST ------------------------------------------------------------------------------


def test_a_patient_posts_a_check_in_and_gets_201_with_its_id_time_and_assessment(
    db: Database, client: TestClient, auth: Auth
) -> None:
    response = send(client, auth(db.world.alice), body(**EMERGENCY))

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert set(answer) == {"id", "recorded_at", "assessment"}
    assert answer["recorded_at"] == "2026-10-20T09:30:00-04:00"
    assessment = answer["assessment"]
    assert set(assessment) == {"level", "complete", "findings", "advice", "engine"}
    assert (assessment["level"], assessment["complete"]) == ("emergency", True)
    assert [f["rule"] for f in assessment["findings"]] == ["cauda_equina.saddle_numbness"]
    assert "911" in assessment["advice"]["patient"]
    assert row_counts(db.engine)["checkins"] == 1


def test_the_emergency_number_in_the_advice_is_the_patients_clinics(
    db: Database, client: TestClient, auth: Auth
) -> None:
    response = send(client, auth(db.world.erin), body(zone=LONDON, **EMERGENCY))

    assert "999" in response.json()["assessment"]["advice"]["patient"]


def test_an_unanswered_red_flag_question_is_never_routine(
    db: Database, client: TestClient, auth: Auth
) -> None:
    answers = checkin()
    del answers["bladder"]

    assessment = send(client, auth(db.world.alice), answers).json()["assessment"]

    assert assessment["complete"] is False
    assert assessment["level"] != "routine"


BAD_INPUT = {
    "pain-above-10": (checkin(leg_pain=11), ["body", "leg_pain"], "must be 0-10, got 11"),
    "pain-as-text": (checkin(back_pain="7"), ["body", "back_pain"], None),
    "implausible-temperature": (
        checkin(temperature={"value": 60, "unit": "C"}),
        ["body", "temperature", "value"],
        None,
    ),
    "unknown-field": (checkin(favourite_colour="blue"), ["body", "favourite_colour"], None),
    "no-recorded-at": (dict(ALL_CLEAR), ["body", "recorded_at"], None),
    "recorded-in-the-future": (
        checkin(NOW + timedelta(minutes=6)),
        ["body", "recorded_at"],
        "is more than 5 minutes in the future",
    ),
    "not-an-object": ([checkin()], None, None),
}


@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_a_422_naming_the_field_and_stores_nothing(
    db: Database, client: TestClient, auth: Auth, case: tuple[Any, list[str] | None, str | None]
) -> None:
    payload, loc, msg = case
    before = row_counts(db.engine)

    response = send(client, auth(db.world.alice), payload)

    assert response.status_code == 422
    problems = response.json()["detail"]
    assert problems
    if loc is not None:
        assert [p["loc"] for p in problems] == [loc]
    if msg is not None:
        assert problems[0]["msg"] == msg
    assert response.json()["message"]
    assert row_counts(db.engine) == before


def test_every_problem_in_a_check_in_is_named(db: Database, client: TestClient, auth: Auth) -> None:
    response = send(client, auth(db.world.alice), checkin(leg_pain=11, mood="grim"))

    assert response.status_code == 422
    assert sorted(p["loc"][-1] for p in response.json()["detail"]) == ["leg_pain", "mood"]


def test_a_body_that_is_not_json_is_a_422(db: Database, client: TestClient, auth: Auth) -> None:
    response = send(client, auth(db.world.alice), b"leg_pain=3")

    assert response.status_code == 422
    assert row_counts(db.engine)["checkins"] == 0


def test_the_future_is_judged_by_the_apps_clock(
    db: Database, client: TestClient, auth: Auth, clock: Clock
) -> None:
    tomorrow = NOW + timedelta(days=1)
    assert send(client, auth(db.world.alice), body(tomorrow)).status_code == 422

    clock.advance(timedelta(days=1))

    assert send(client, auth(db.world.alice), body(tomorrow)).status_code == 201


@pytest.mark.parametrize("field", ["note", "medication-name"])
def test_a_nul_character_in_a_text_answer_is_refused_on_every_database(
    db: Database, lenient_client: TestClient, auth: Auth, field: str
) -> None:
    answers = (
        checkin(note="sore\x00today")
        if field == "note"
        else checkin(medications=[{"name": "para\x00cetamol", "class": "acetaminophen"}])
    )
    before = row_counts(db.engine)

    response = send(lenient_client, auth(db.world.alice), answers)

    assert response.status_code == 422
    assert row_counts(db.engine) == before


def test_a_clinician_cannot_post_a_check_in(db: Database, client: TestClient, auth: Auth) -> None:
    response = send(client, auth(db.world.carol), body())

    assert response.status_code == 403
    assert row_counts(db.engine)["checkins"] == 0


def test_posting_a_check_in_is_written_to_the_audit_log(
    db: Database, client: TestClient, auth: Auth
) -> None:
    alice = db.world.alice

    send(client, auth(alice), body(**SOON))

    assert audit_trail(db) == [("create", "checkin", alice.user_id, alice.patient_id)]


# --- GET -------------------------------------------------------------------------------


def test_a_patient_lists_only_their_own_check_ins_newest_first(
    db: Database, client: TestClient, auth: Auth
) -> None:
    alice, bob = auth(db.world.alice), auth(db.world.bob)
    # Sent out of order; one from a trip to London, in the offset the phone used there.
    sent = [
        send(client, alice, body(NOW - timedelta(days=1), leg_pain=4)).json(),
        send(client, alice, body(NOW - timedelta(days=3), zone=LONDON, leg_pain=6)).json(),
        send(client, alice, body(NOW, leg_pain=2)).json(),
    ]
    bobs = send(client, bob, body(NOW - timedelta(hours=1))).json()

    listed = client.get(URL, headers=alice)

    assert listed.status_code == 200
    newest_first = [sent[2], sent[0], sent[1]]
    assert [c["id"] for c in listed.json()] == [c["id"] for c in newest_first]
    assert [c["recorded_at"] for c in listed.json()] == [
        "2026-10-20T09:30:00-04:00",
        "2026-10-19T09:30:00-04:00",
        "2026-10-17T14:30:00+01:00",
    ]
    assert listed.json()[0] == sent[2]
    assert [c["id"] for c in client.get(URL, headers=bob).json()] == [bobs["id"]]


def test_a_patient_with_no_check_ins_gets_an_empty_list(
    db: Database, client: TestClient, auth: Auth
) -> None:
    send(client, auth(db.world.bob), body())

    assert client.get(URL, headers=auth(db.world.alice)).json() == []


def test_the_list_can_be_limited(db: Database, client: TestClient, auth: Auth) -> None:
    alice = auth(db.world.alice)
    for days_ago in (2, 1, 0):
        send(client, alice, body(NOW - timedelta(days=days_ago)))

    listed = client.get(URL, params={"limit": 2}, headers=alice).json()

    assert [c["recorded_at"][:10] for c in listed] == ["2026-10-20", "2026-10-19"]


def test_a_clinician_cannot_list_check_ins_as_a_patient(
    db: Database, client: TestClient, auth: Auth
) -> None:
    assert client.get(URL, headers=auth(db.world.carol)).status_code == 403


def test_listing_check_ins_is_written_to_the_audit_log(
    db: Database, client: TestClient, auth: Auth
) -> None:
    alice = db.world.alice

    client.get(URL, headers=auth(alice))

    assert audit_trail(db) == [("read", "checkins", alice.user_id, alice.patient_id)]
