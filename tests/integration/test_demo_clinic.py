"""The demo clinic, loaded through the real services into a fresh SQLite database.

Loading takes seconds, so one module-wide database is loaded once and the tests only read
it (apart from the one that tries to load it a second time, which must change nothing).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.demo import (
    DEMO_CLINIC,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DatabaseNotEmpty,
    DemoStatus,
    demo_status,
    load_demo,
)
from rootwise.demo.cohort import COHORT, DEMO_PATIENT, Course
from rootwise.demo.journeys import plan_journey
from rootwise.services.accounts import Principal, authenticate
from rootwise.services.alerts import list_alerts
from rootwise.services.enrolment import ClinicDetails, create_clinic
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_engine, make_sessions
from rootwise.store.migrate import upgrade

# Mid-afternoon in New York; the demo is laid out backwards from this moment.
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
TODAY = NOW.astimezone(ZoneInfo(DEMO_CLINIC.time_zone)).date()
PROCEDURES = {"discectomy", "laminectomy", "laminotomy", "foraminotomy", "fusion"}


def migrated_sessions(path: Path) -> tuple[sessionmaker[Session], Any]:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return make_sessions(engine), engine


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[sessionmaker[Session], DemoStatus]]:
    sessions, engine = migrated_sessions(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    status = load_demo(sessions, now=NOW, settings=Settings(database_url=str(engine.url)))
    yield sessions, status
    engine.dispose()


@pytest.fixture(scope="module")
def sessions(loaded: tuple[sessionmaker[Session], DemoStatus]) -> sessionmaker[Session]:
    return loaded[0]


@pytest.fixture(scope="module")
def clinician(sessions: sessionmaker[Session]) -> Principal:
    who = authenticate(sessions, "clinician@demo.rootwise.org", DEMO_PASSWORD)
    assert who is not None
    return who


def rows(sessions: sessionmaker[Session], statement: Any) -> list[Any]:
    with sessions() as session:
        return list(session.execute(statement).all())


def scalars(sessions: sessionmaker[Session], statement: Any) -> list[Any]:
    with sessions() as session:
        return list(session.scalars(statement).all())


def count(sessions: sessionmaker[Session], table: Any) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def checkins_with_days(sessions: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    """(patient, day after surgery, answers) for every stored check-in."""
    found = rows(
        sessions,
        select(
            tables.Patient,
            tables.CheckIn.recorded_at,
            tables.CheckIn.utc_offset_minutes,
            tables.CheckIn.answers,
        ).join(tables.CheckIn, tables.CheckIn.patient_id == tables.Patient.id),
    )
    return [
        (patient, (_local_date(at, offset) - patient.surgery_date).days, answers)
        for patient, at, offset, answers in found
    ]


def _local_date(at: datetime, offset_minutes: int) -> date:
    return (at + timedelta(minutes=offset_minutes)).date()


# --- Log-ins and the clinic ----------------------------------------------------------------


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.role)
def test_each_demo_log_in_authenticates_with_the_demo_password(
    sessions: sessionmaker[Session], login: Any
) -> None:
    who = authenticate(sessions, login.email, DEMO_PASSWORD)

    assert who is not None
    assert (who.role, who.display_name) == (login.role, login.display_name)
    assert (who.patient_id is not None) == (login.role == "patient")


def test_the_loader_account_cannot_log_in(sessions: sessionmaker[Session]) -> None:
    [loader] = scalars(sessions, select(tables.User).where(tables.User.is_active.is_(False)))

    assert loader.role == "admin"
    assert authenticate(sessions, loader.email, DEMO_PASSWORD) is None


def test_the_clinic_is_marked_as_the_demo_and_has_its_contacts(
    sessions: sessionmaker[Session],
) -> None:
    [clinic] = scalars(sessions, select(tables.Clinic))
    contacts = rows(
        sessions, select(tables.NotificationContact.channel, tables.NotificationContact.tier)
    )

    assert clinic.name == "Rootwise Demo Spine Clinic"
    assert (clinic.emergency_number, clinic.time_zone) == ("911", "America/New_York")
    assert clinic.phone
    assert clinic.on_call_phone
    assert {("email", 0), ("webhook", 0)} <= {tuple(c) for c in contacts}


# --- Patients and their histories --------------------------------------------------------


def test_about_forty_synthetic_patients_are_at_different_stages_after_different_operations(
    sessions: sessionmaker[Session],
) -> None:
    patients = scalars(sessions, select(tables.Patient))
    days = sorted((TODAY - p.surgery_date).days for p in patients)

    assert 38 <= len(patients) <= 45
    assert {p.procedure for p in patients} >= PROCEDURES | {"disc_replacement"}
    assert days[0] <= 2
    assert days[-1] >= 170
    assert all("Demo" in p.display_name for p in patients)


def test_the_demo_patient_is_three_weeks_after_an_l4_l5_discectomy_and_improving(
    sessions: sessionmaker[Session],
) -> None:
    history = sorted(
        (day, answers["leg_pain"])
        for patient, day, answers in checkins_with_days(sessions)
        if patient.user_id is not None
    )
    [patient] = scalars(sessions, select(tables.Patient).where(tables.Patient.user_id.is_not(None)))

    assert (patient.procedure, patient.levels) == ("discectomy", ["L4-L5"])
    assert 19 <= (TODAY - patient.surgery_date).days <= 23
    assert len(history) >= 14
    assert history[0][1] > history[-1][1]


def test_a_few_synthetic_patients_read_spanish_and_the_log_in_patient_reads_english(
    sessions: sessionmaker[Session],
) -> None:
    patients = scalars(sessions, select(tables.Patient))
    spanish = [p for p in patients if p.language == "es"]
    days = sorted((TODAY - p.surgery_date).days for p in spanish)

    assert {p.language for p in patients} == {"en", "es"}
    assert 3 <= len(spanish) <= len(patients) // 4
    assert all(p.user_id is None for p in spanish)  # never the demo log-in patient
    assert days[0] <= 14  # early in recovery, and months after it
    assert days[-1] >= 90
    [own] = [p for p in patients if p.user_id is not None]
    assert own.language == "en"


def test_every_check_in_has_an_assessment(sessions: sessionmaker[Session]) -> None:
    missing = scalars(
        sessions,
        select(tables.CheckIn.id)
        .outerjoin(tables.Assessment, tables.Assessment.checkin_id == tables.CheckIn.id)
        .where(tables.Assessment.id.is_(None)),
    )

    assert count(sessions, tables.CheckIn) > 500
    assert missing == []


def test_every_stored_check_in_satisfies_the_contract_schema(
    sessions: sessionmaker[Session],
) -> None:
    schema = json.loads(
        resources.files("rootwise.contract").joinpath("assessment-request.schema.json").read_text()
    )
    validator = Draft202012Validator({"$ref": "#/$defs/checkin", "$defs": schema["$defs"]})

    problems = [
        error.message
        for answers in scalars(sessions, select(tables.CheckIn.answers))
        for error in validator.iter_errors(answers)
    ]

    assert problems == []


def test_leg_pain_falls_by_about_half_in_two_weeks_and_to_three_or_less_by_week_six(
    sessions: sessionmaker[Session],
) -> None:
    by_week: dict[int, list[int]] = {}
    for patient, day, answers in checkins_with_days(sessions):
        if patient.procedure != "fusion" and answers["leg_pain"] is not None:
            by_week.setdefault(day // 7, []).append(answers["leg_pain"])

    first_days = statistics.median(by_week[0])
    assert first_days >= 5
    assert statistics.median(by_week[2]) <= first_days * 0.75
    assert statistics.median(by_week[6] + by_week[7]) <= 3


def test_the_painful_side_is_given_exactly_when_there_is_leg_pain(
    sessions: sessionmaker[Session],
) -> None:
    answers = scalars(sessions, select(tables.CheckIn.answers))

    assert all((a["leg_pain"] > 0) == (a["leg_pain_side"] != "none") for a in answers)


def test_no_fusion_patient_takes_an_nsaid_in_the_restriction_window_but_the_one_on_purpose(
    sessions: sessionmaker[Session],
) -> None:
    on_nsaid_too_early = {
        patient.display_name
        for patient, day, answers in checkins_with_days(sessions)
        if patient.nsaid_restricted_until is not None
        and patient.surgery_date + timedelta(days=day) <= patient.nsaid_restricted_until
        and any(m["class"] == "nsaid" for m in answers["medications"])
    }

    assert on_nsaid_too_early == {p.name for p in COHORT if p.nsaid_in_window}


def test_opioids_are_stopped_within_the_first_two_weeks(sessions: sessionmaker[Session]) -> None:
    late_opioid_days = [
        day
        for _, day, answers in checkins_with_days(sessions)
        if any(m["class"] == "opioid" for m in answers["medications"]) and day > 14
    ]

    assert late_opioid_days == []


# --- What the care team sees -----------------------------------------------------------------


def test_one_emergency_and_two_same_day_alerts_are_open_most_urgent_first(
    sessions: sessionmaker[Session], clinician: Principal
) -> None:
    open_alerts = list_alerts(sessions, clinician, status="open", now=NOW)
    rules = [{f["rule"] for f in alert["findings"]} for alert in open_alerts]

    assert [alert["level"] for alert in open_alerts] == ["emergency", "same_day", "same_day"]
    assert "cauda_equina.saddle_numbness" in rules[0]
    assert {"infection.fever", "wound.pus_or_opening"} <= rules[1] | rules[2]
    [fever] = [
        f["evidence"] for a in open_alerts for f in a["findings"] if f["rule"] == "infection.fever"
    ]
    assert (fever["temperature_c"], fever["day_after_surgery"]) == (38.6, 6)


def test_the_old_calf_pain_alert_was_acknowledged_by_the_clinician(
    sessions: sessionmaker[Session], clinician: Principal
) -> None:
    [alert] = list_alerts(sessions, clinician, status="acknowledged", now=NOW)

    assert alert["acknowledged_by"] == clinician.user_id
    assert [f["rule"] for f in alert["findings"]] == ["vte.calf"]


def test_the_open_worklist_holds_a_few_soon_items(sessions: sessionmaker[Session]) -> None:
    reasons = set(
        scalars(
            sessions,
            select(tables.WorklistItem.reason).where(
                tables.WorklistItem.status == "open",
                tables.WorklistItem.kind == "checkin_review",
            ),
        )
    )

    assert reasons == {
        "pain.leg_rebound",
        "numbness.new_or_worse",
        "pain.leg_uncontrolled",
        "medication.dizziness_or_drowsiness",
        # The medication checks: one item each, however many check-ins repeat them.
        "medication.nsaid_in_restriction_window",
        "medication.nsaid_with_bleeding_or_kidney_risk; "
        "medication.gabapentinoid_with_kidney_disease",
    }


def test_the_slow_and_stuck_recoveries_are_listed_as_off_track(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        off_track: dict[str, str] = {}
        for name, reason in session.execute(
            select(tables.Patient.display_name, tables.WorklistItem.reason)
            .join(tables.Patient, tables.Patient.id == tables.WorklistItem.patient_id)
            .where(tables.WorklistItem.kind == "off_track", tables.WorklistItem.status == "open")
        ):
            off_track[name] = reason

    # Every patient past week 5 whose course was scripted slow or stuck, and nobody else.
    expected = {p.name for p in COHORT if p.course in (Course.SLOW, Course.PLATEAU) and p.day >= 35}
    assert set(off_track) == expected
    assert all(r.startswith(("Slower than expected:", "Plateau:")) for r in off_track.values())


def test_every_patient_past_two_weeks_has_scored_questionnaires(
    sessions: sessionmaker[Session],
) -> None:
    answered: dict[str, set[str]] = {}
    with sessions() as session:
        for name, timepoint in session.execute(
            select(tables.Patient.display_name, tables.QuestionnaireResponse.timepoint).join(
                tables.Patient, tables.Patient.id == tables.QuestionnaireResponse.patient_id
            )
        ):
            answered.setdefault(name, set()).add(timepoint)

    for persona in COHORT:
        assert "baseline" in answered[persona.name]
        if persona.day >= 15:
            assert "2_weeks" in answered[persona.name], persona.name
    # The patient who logs in still has their 2-week questionnaires to try.
    assert answered[DEMO_PATIENT.name] == {"baseline"}


def test_each_alert_has_a_notification_waiting_for_each_first_tier_contact(
    sessions: sessionmaker[Session],
) -> None:
    assert count(sessions, tables.OutboxMessage) == 2 * count(sessions, tables.Alert)


# --- Loading -------------------------------------------------------------------------------


def test_the_load_reports_what_it_loaded(
    loaded: tuple[sessionmaker[Session], DemoStatus],
) -> None:
    sessions, status = loaded

    assert status == demo_status(sessions)
    assert status.open_alerts == {"emergency": 1, "same_day": 2}
    assert status.acknowledged_alerts == 1
    # Six check-ins to review and six recoveries off their expected course.
    assert status.open_worklist_items == 12


def test_loading_again_is_refused_and_changes_nothing(
    loaded: tuple[sessionmaker[Session], DemoStatus],
) -> None:
    sessions, status = loaded

    with pytest.raises(DatabaseNotEmpty):
        load_demo(sessions, now=NOW + timedelta(hours=1), settings=Settings())

    assert demo_status(sessions) == status


def test_a_database_with_any_other_clinic_gets_no_demo(tmp_path: Path) -> None:
    sessions, engine = migrated_sessions(tmp_path / "other.sqlite3")
    with sessions.begin() as session:
        create_clinic(session, ClinicDetails("Real Spine Clinic", "1", "2"), now=NOW)

    with pytest.raises(DatabaseNotEmpty):
        load_demo(sessions, now=NOW, settings=Settings())

    assert demo_status(sessions) is None
    assert count(sessions, tables.User) == 0
    engine.dispose()


def test_the_histories_are_the_same_every_time_whenever_they_are_loaded() -> None:
    tz = ZoneInfo(DEMO_CLINIC.time_zone)
    later = NOW + timedelta(days=100, hours=7)

    for persona in (DEMO_PATIENT, *COHORT):
        first = plan_journey(persona, now=NOW, tz=tz)
        again = plan_journey(persona, now=NOW, tz=tz)
        moved = plan_journey(persona, now=later, tz=tz)
        assert first == again
        assert [strip_time(v.body) for v in first.visits] == [
            strip_time(v.body) for v in moved.visits
        ]


def strip_time(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key != "recorded_at"}
