"""Loading the demo clinic: people first, then every check-in through the real service.

Each check-in goes through `submit_checkin` with the clock set to its own time, in time
order across patients, so assessments, alerts, worklist items, outbox rows and the audit
log are exactly what Rootwise would have stored had these patients used it.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.clinical.model import Procedure
from rootwise.demo.clinic import DEMO_CLINIC, Staff, open_demo_clinic
from rootwise.demo.cohort import COHORT, DEMO_PATIENT
from rootwise.demo.journeys import Journey, Visit, plan_journey
from rootwise.demo.questionnaires import plan_responses
from rootwise.demo.status import DemoStatus, demo_status
from rootwise.demo.traits import NSAID_RESTRICTION_DAYS
from rootwise.services.alerts import acknowledge_alert, list_alerts
from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import PatientDetails, enrol_patient
from rootwise.services.questionnaires import record_response
from rootwise.services.recovery import review_recovery
from rootwise.settings import Settings
from rootwise.store import tables

# The clinic exists from well before the earliest operation in the cohort.
_CLINIC_OPENED_DAYS_AGO = 365


class DatabaseNotEmpty(Exception):
    """The demo is only loaded into a database without any clinic; nothing was changed."""


def load_demo(sessions: sessionmaker[Session], *, now: datetime, settings: Settings) -> DemoStatus:
    """Load the demo clinic, as of `now`, into an empty database, all or nothing.

    Raises `DatabaseNotEmpty` when the database already has a clinic.
    """
    with sessions() as outer:
        # One transaction for the whole load; every service call below commits to a
        # savepoint inside it. A failure halfway leaves the database empty (so the next
        # `--demo` start tries again), and SQLite's write lock, taken at the start, keeps
        # a second loader waiting until this one is done, when it finds the clinic.
        steps = sessionmaker(
            bind=outer.connection(),
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )
        tz = ZoneInfo(DEMO_CLINIC.time_zone)
        journeys = [plan_journey(p, now=now, tz=tz) for p in (DEMO_PATIENT, *COHORT)]
        with steps.begin() as session:
            if session.scalar(select(tables.Clinic.id).limit(1)) is not None:
                raise DatabaseNotEmpty
            staff = open_demo_clinic(session, now=now - timedelta(days=_CLINIC_OPENED_DAYS_AGO))
            patient_ids = [_enrol(session, staff, journey, tz) for journey in journeys]
        visits = sorted(
            (
                (visit, patient_id, journey.persona is DEMO_PATIENT)
                for journey, patient_id in zip(journeys, patient_ids, strict=True)
                for visit in journey.visits
            ),
            key=lambda item: item[0].recorded_at,
        )
        for visit, patient_id, own_login in visits:
            user_id = staff.patient_user_id if own_login else staff.loader_user_id
            _submit(
                steps, visit, patient_id=patient_id, user_id=user_id, staff=staff, settings=settings
            )
        for journey, patient_id in zip(journeys, patient_ids, strict=True):
            own_login = journey.persona is DEMO_PATIENT
            for response in plan_responses(journey, tz=tz):
                # Entered as the clinic's paper forms are, so that the licensed
                # questionnaires (ODI, DN4-interview) have scores without their wording.
                record_response(
                    steps,
                    patient_id=patient_id,
                    user_id=staff.patient_user_id if own_login else staff.loader_user_id,
                    timepoint=response.timepoint.value,
                    key=response.key,
                    answers=response.answers,
                    now=response.authored_at,
                    settings=settings,
                    on_paper=True,
                )
        # The review the worker runs every hour, so the off-track patients are listed.
        review_recovery(steps, now=now, settings=settings)
        status = demo_status(steps)
        outer.commit()
    assert status is not None  # the clinic was created above
    return status


def _enrol(session: Session, staff: Staff, journey: Journey, tz: ZoneInfo) -> int:
    persona = journey.persona
    fusion = persona.procedure is Procedure.FUSION
    # Enrolled at the pre-operative visit, the day before surgery.
    enrolled = datetime.combine(journey.surgery_date - timedelta(days=1), time(10), tz)
    patient = enrol_patient(
        session,
        clinic_id=staff.clinic_id,
        details=PatientDetails(
            display_name=persona.name,
            procedure=persona.procedure.value,
            surgery_date=journey.surgery_date,
            levels=persona.levels,
            durotomy=persona.durotomy,
            conditions=tuple(c.value for c in persona.conditions),
            birth_year=journey.traits.birth_year,
            nsaid_restricted_until=(
                journey.surgery_date + timedelta(days=NSAID_RESTRICTION_DAYS) if fusion else None
            ),
            time_zone=DEMO_CLINIC.time_zone,
            language=persona.language,
        ),
        now=enrolled,
        user_id=staff.patient_user_id if persona is DEMO_PATIENT else None,
    )
    return patient.id


def _submit(
    sessions: sessionmaker[Session],
    visit: Visit,
    *,
    patient_id: int,
    user_id: int,
    staff: Staff,
    settings: Settings,
) -> None:
    submit_checkin(
        sessions,
        patient_id=patient_id,
        user_id=user_id,
        body=json.dumps(visit.body).encode(),
        now=visit.recorded_at,
        settings=settings,
    )
    if visit.acknowledged_after is None:
        return
    # The clinician opens the list of open alerts and acknowledges this patient's, as the
    # app has them do, so the audit log shows both.
    seen = visit.recorded_at + visit.acknowledged_after
    for alert in list_alerts(sessions, staff.clinician, status="open", now=seen):
        if alert["patient_id"] == patient_id:
            acknowledge_alert(sessions, staff.clinician, alert["id"], now=seen)
