"""An `Idempotency-Key` makes a retried check-in safe: one row, the same answer."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rootwise.services import checkins
from rootwise.services.checkins import Receipt, submit_checkin
from rootwise.settings import Settings
from rootwise.web.app import create_app
from tests.integration.harness import SECRET_KEY, Auth, Database, meet_at_write, runtime
from tests.integration.world import EMERGENCY, NOW, SOON, Persona, body, checkin, row_counts

URL = "/api/v1/checkins"


def post(
    client: TestClient, headers: dict[str, str], payload: bytes, key: str | None
) -> httpx.Response:
    extra = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        URL,
        content=payload,
        headers={**headers, **extra, "Content-Type": "application/json"},
    )


def test_the_same_key_and_body_twice_give_the_same_receipt_and_store_once(
    db: Database, settings: Settings
) -> None:
    alice = db.world.alice
    assert alice.patient_id is not None

    def send() -> Receipt:
        return submit_checkin(
            db.sessions,
            patient_id=alice.patient_id or 0,
            user_id=alice.user_id,
            body=body(**EMERGENCY),
            now=NOW,
            settings=settings,
            idempotency_key="morning-checkin",
        )

    first = send()
    counts = row_counts(db.engine)
    second = send()

    assert second == first
    assert row_counts(db.engine) == counts
    assert counts["checkins"] == counts["alerts"] == counts["idempotency_keys"] == 1


def test_a_repeated_post_with_the_same_key_gets_the_same_201_and_stores_once(
    db: Database, client: TestClient, auth: Auth
) -> None:
    headers = auth(db.world.alice)
    first = post(client, headers, body(**EMERGENCY), "retry-me")
    counts = row_counts(db.engine)

    again = post(client, headers, body(**EMERGENCY), "retry-me")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert row_counts(db.engine) == counts
    assert (counts["checkins"], counts["alerts"], counts["outbox"]) == (1, 1, 2)


def test_the_same_key_with_a_different_body_is_a_409_and_stores_nothing_more(
    db: Database, client: TestClient, auth: Auth
) -> None:
    headers = auth(db.world.alice)
    assert post(client, headers, body(**EMERGENCY), "one-key").status_code == 201
    counts = row_counts(db.engine)

    conflict = post(client, headers, body(**SOON), "one-key")

    assert conflict.status_code == 409
    assert "Idempotency-Key" in conflict.json()["detail"]
    assert row_counts(db.engine) == counts


def test_without_a_key_every_post_is_a_new_check_in(
    db: Database, client: TestClient, auth: Auth
) -> None:
    headers = auth(db.world.alice)

    ids = {post(client, headers, body(), None).json()["id"] for _ in range(2)}

    assert len(ids) == 2
    assert row_counts(db.engine)["idempotency_keys"] == 0


def test_two_patients_may_use_the_same_key_without_meeting(
    db: Database, client: TestClient, auth: Auth
) -> None:
    alices = post(client, auth(db.world.alice), body(), "2026-10-20")
    bobs = post(client, auth(db.world.bob), body(), "2026-10-20")

    assert (alices.status_code, bobs.status_code) == (201, 201)
    assert alices.json()["id"] != bobs.json()["id"]
    assert row_counts(db.engine)["checkins"] == 2


def test_a_key_first_sent_with_a_refused_check_in_can_be_used_again(
    db: Database, client: TestClient, auth: Auth
) -> None:
    headers = auth(db.world.alice)
    refused = post(client, headers, json.dumps(checkin(leg_pain=11)).encode(), "fix-and-resend")

    accepted = post(client, headers, body(), "fix-and-resend")

    assert (refused.status_code, accepted.status_code) == (422, 201)
    assert row_counts(db.engine)["checkins"] == 1


# --- Racing requests with one key ---------------------------------------------------

RACERS = 6


def _make_racers_meet_before(
    monkeypatch: pytest.MonkeyPatch, step: str, racers: int
) -> threading.Barrier:
    """Every racing request waits for the others, then does `step` of submit_checkin."""
    barrier = threading.Barrier(racers, timeout=20)
    original = getattr(checkins, step)

    def wait_then_step(*args: Any, **kwargs: Any) -> Any:
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(checkins, step, wait_then_step)
    return barrier


def _race(app: FastAPI, persona: Persona, payloads: list[bytes]) -> list[httpx.Response]:
    token = runtime(app).tokens.issue(persona.principal)
    headers = {"Authorization": f"Bearer {token}"}

    def send(payload: bytes) -> httpx.Response:
        # One client per thread, as separate retries from a phone would be.
        return post(TestClient(app), headers, payload, "raced-key")

    with ThreadPoolExecutor(len(payloads)) as pool:
        return list(pool.map(send, payloads))


def test_racing_posts_with_one_key_store_one_check_in_and_all_get_its_id(
    db: Database, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    barrier = meet_at_write(monkeypatch, [app], RACERS)

    responses = _race(app, db.world.alice, [body(**EMERGENCY)] * RACERS)

    assert not barrier.broken
    assert [r.status_code for r in responses] == [201] * RACERS
    assert len({json.dumps(r.json(), sort_keys=True) for r in responses}) == 1
    counts = row_counts(db.engine)
    assert (counts["checkins"], counts["assessments"], counts["alerts"]) == (1, 1, 1)
    assert (counts["outbox"], counts["audit_log"], counts["idempotency_keys"]) == (2, 1, 1)


def test_racing_posts_with_one_key_but_different_bodies_store_one_and_refuse_the_other(
    db: Database, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    meet_at_write(monkeypatch, [app], 2)

    responses = _race(app, db.world.alice, [body(**EMERGENCY), body(**SOON)])

    assert sorted(r.status_code for r in responses) == [201, 409]
    assert row_counts(db.engine)["checkins"] == 1


def test_racing_posts_that_all_missed_the_key_store_one_check_in_on_postgresql(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL every racer may look for the key before any has stored it.

    They then take turns on the patient's row; the unique (user, key) index turns all
    but the first away, and each of them answers as the first did.
    """
    settings = Settings(database_url=postgres_db.url, secret_key=SECRET_KEY)
    app = create_app(settings, clock=lambda: NOW)
    barrier = _make_racers_meet_before(monkeypatch, "_assess", RACERS)
    try:
        responses = _race(app, postgres_db.world.alice, [body(**EMERGENCY)] * RACERS)
    finally:
        runtime(app).engine.dispose()

    assert not barrier.broken
    assert [r.status_code for r in responses] == [201] * RACERS
    assert len({json.dumps(r.json(), sort_keys=True) for r in responses}) == 1
    counts = row_counts(postgres_db.engine)
    assert (counts["checkins"], counts["assessments"], counts["alerts"]) == (1, 1, 1)
    assert (counts["outbox"], counts["audit_log"], counts["idempotency_keys"]) == (2, 1, 1)
