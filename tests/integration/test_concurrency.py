"""Many patients checking in at the same moment: every check-in is stored, none is lost.

SQLite has one writer at a time: writers queue (an in-process lock, then BEGIN IMMEDIATE
and the busy timeout between processes) while WAL lets readers carry on.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rootwise.services import checkins, enrolment
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.web.app import create_app
from tests.integration.harness import SECRET_KEY, Database, meet_at_write, runtime
from tests.integration.world import EMERGENCY, NOW, SURGERY_DAY, Persona, body, row_counts

PATIENTS = 8


def enrol_more_patients(db: Database, count: int) -> list[Persona]:
    """Patients of clinic A with log-ins (no password: their tokens are issued directly)."""
    made = []
    with db.sessions.begin() as session:
        for n in range(count):
            name = f"patient{n}"
            user = tables.User(
                clinic_id=db.world.clinic_a,
                email=f"{name}@patients.example.org",
                password_hash="!",  # matches no password
                role="patient",
                display_name=name,
                is_active=True,
                created_at=NOW,
            )
            session.add(user)
            session.flush()
            patient = enrolment.enrol_patient(
                session,
                clinic_id=db.world.clinic_a,
                user_id=user.id,
                details=enrolment.PatientDetails(
                    display_name=name, procedure="laminectomy", surgery_date=SURGERY_DAY
                ),
                now=NOW,
            )
            made.append(Persona(name, user.email, "patient", user.id, user.clinic_id, patient.id))
    return made


def post_all_at_once(apps: list[FastAPI], patients: list[Persona]) -> list[httpx.Response]:
    def send(n: int) -> httpx.Response:
        app = apps[n % len(apps)]
        token = runtime(app).tokens.issue(patients[n].principal)
        # Each check-in a minute apart, so every one is different.
        payload = body(NOW - timedelta(minutes=n), **EMERGENCY)
        return TestClient(app).post(
            "/api/v1/checkins",
            content=payload,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )

    with ThreadPoolExecutor(len(patients)) as pool:
        return list(pool.map(send, range(len(patients))))


def assert_nothing_lost(db: Database, responses: list[httpx.Response], patients: int) -> None:
    assert [r.status_code for r in responses] == [201] * patients, [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == patients
    counts = row_counts(db.engine)
    assert (counts["checkins"], counts["assessments"], counts["alerts"]) == (patients,) * 3
    assert (counts["outbox"], counts["audit_log"]) == (2 * patients, patients)


@pytest.fixture
def patients(db: Database) -> list[Persona]:
    return [db.world.alice, db.world.bob, *enrol_more_patients(db, PATIENTS - 2)]


def test_eight_patients_checking_in_at_once_are_all_stored(
    db: Database, app: FastAPI, patients: list[Persona], monkeypatch: pytest.MonkeyPatch
) -> None:
    barrier = meet_at_write(monkeypatch, [app], PATIENTS)

    responses = post_all_at_once([app], patients)

    assert not barrier.broken
    assert_nothing_lost(db, responses, PATIENTS)


@pytest.fixture
def two_apps_on_one_sqlite_file(sqlite_db: Database) -> Iterator[list[FastAPI]]:
    """Two app instances on one file, as two processes would be: no lock in common."""
    settings = Settings(database_url=sqlite_db.url, secret_key=SECRET_KEY)
    apps = [create_app(settings, clock=lambda: NOW) for _ in range(2)]
    # Both apps include the same module-level router, and FastAPI builds a route's
    # parameters on its first request under a lock of each app's own: two apps doing so
    # at once in two threads trip over each other. One request each, first, avoids that.
    for app in apps:
        assert TestClient(app).get("/api/v1/checkins").status_code == 401
    yield apps
    for app in apps:
        runtime(app).engine.dispose()


def test_two_app_instances_writing_to_one_sqlite_file_at_once_lose_nothing(
    sqlite_db: Database,
    two_apps_on_one_sqlite_file: list[FastAPI],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everyone = [sqlite_db.world.alice, sqlite_db.world.bob]
    everyone += enrol_more_patients(sqlite_db, PATIENTS - 2)
    barrier = meet_at_write(monkeypatch, two_apps_on_one_sqlite_file, PATIENTS)

    responses = post_all_at_once(two_apps_on_one_sqlite_file, everyone)

    assert not barrier.broken
    assert_nothing_lost(sqlite_db, responses, PATIENTS)


def test_check_ins_of_one_patient_arriving_together_each_see_those_before_them(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in is assessed with its history read in its own write transaction.

    So when a patient's check-ins arrive together, none is assessed without the ones
    stored just before it (a run of bad days must not go unseen because two were sent at
    once).
    """
    app = create_app(Settings(database_url=db.url, secret_key=SECRET_KEY), clock=lambda: NOW)
    seen: list[int] = []
    read_history = checkins.history_since

    def history_noted(*args: Any, **kwargs: Any) -> Any:
        history = read_history(*args, **kwargs)
        seen.append(len(history))
        return history

    monkeypatch.setattr(checkins, "history_since", history_noted)
    barrier = meet_at_write(monkeypatch, [app], PATIENTS)
    try:
        responses = post_all_at_once([app], [db.world.alice] * PATIENTS)
    finally:
        runtime(app).engine.dispose()

    assert not barrier.broken
    assert [r.status_code for r in responses] == [201] * PATIENTS
    assert sorted(seen) == list(range(PATIENTS))
