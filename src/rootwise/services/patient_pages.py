"""What the patient's own pages show: home, one check-in's result, and history.

Each function is one transaction over the signed-in patient's own rows, and every read of
patient data leaves an audit entry in that same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.services.next_steps import NextSteps, next_steps
from rootwise.services.recovery import RecoveryView, recovery_view
from rootwise.settings import Settings
from rootwise.store import tables


@dataclass(frozen=True, slots=True)
class ClinicContacts:
    """The numbers a patient may need to call, as their clinic set them."""

    name: str
    phone: str
    on_call_phone: str
    emergency_number: str


@dataclass(frozen=True, slots=True)
class CheckinLine:
    """One check-in as a list shows it; `recorded_at` is in the patient's own offset."""

    id: int
    recorded_at: datetime
    leg_pain: int | None
    back_pain: int | None
    level: str


@dataclass(frozen=True, slots=True)
class HomeSummary:
    """The patient's day at a glance."""

    display_name: str
    procedure: str
    surgery_date: date
    today: date
    # Today's check-ins (the patient's calendar day), newest first.
    checkins_today: tuple[CheckinLine, ...]
    recovery: RecoveryView
    next_steps: NextSteps

    @property
    def days_since_surgery(self) -> int:
        return (self.today - self.surgery_date).days


@dataclass(frozen=True, slots=True)
class CheckinResult:
    """One stored check-in with its assessment (the wire form of `spec/api.md`)."""

    checkin: CheckinLine
    assessment: dict[str, Any]
    surgery_date: date


def patient_time_zone(sessions: sessionmaker[Session], who: Principal) -> str:
    """The IANA time zone of the signed-in patient, which dates their check-ins."""
    with sessions() as session:
        zone = session.scalar(
            select(tables.Patient.time_zone).where(tables.Patient.id == who.own_patient_id())
        )
    if zone is None:
        raise NotFound("patient")
    return zone


def home_summary(
    sessions: sessionmaker[Session], who: Principal, *, now: datetime, settings: Settings
) -> HomeSummary:
    """The signed-in patient's surgery, today's date for them and today's check-ins."""
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        patient = session.get(tables.Patient, patient_id)
        if patient is None:
            raise NotFound("patient")
        today = now.astimezone(ZoneInfo(patient.time_zone)).date()
        # A check-in from "today" can be at most a day and a half away in UTC, whatever
        # offsets the phone used; the exact day is decided on each row's own offset.
        recent = _lines(session, patient_id, since=now - timedelta(hours=50), limit=50)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="home",
            patient_ids=[patient_id],
        )
        return HomeSummary(
            display_name=patient.display_name,
            procedure=patient.procedure,
            surgery_date=patient.surgery_date,
            today=today,
            checkins_today=tuple(c for c in recent if c.recorded_at.date() == today),
            recovery=recovery_view(session, patient, now=now, settings=settings),
            next_steps=next_steps(session, patient, now=now),
        )


def checkin_result(
    sessions: sessionmaker[Session], who: Principal, checkin_id: int, *, now: datetime
) -> CheckinResult:
    """One of the signed-in patient's own check-ins; NotFound for anyone else's."""
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        row = session.execute(
            select(tables.CheckIn, tables.Assessment, tables.Patient.surgery_date)
            .join(tables.Assessment, tables.Assessment.checkin_id == tables.CheckIn.id)
            .join(tables.Patient, tables.Patient.id == tables.CheckIn.patient_id)
            .where(tables.CheckIn.id == checkin_id, tables.CheckIn.patient_id == patient_id)
        ).one_or_none()
        if row is None:
            raise NotFound(f"check-in {checkin_id}")
        checkin, assessment, surgery_date = row
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="checkin",
            resource_id=str(checkin_id),
            patient_ids=[patient_id],
        )
        return CheckinResult(
            checkin=_line(checkin, assessment.level),
            assessment=assessment.result,
            surgery_date=surgery_date,
        )


def checkin_history(
    sessions: sessionmaker[Session], who: Principal, *, now: datetime, limit: int = 100
) -> tuple[CheckinLine, ...]:
    """The signed-in patient's latest check-ins, newest first."""
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        lines = _lines(session, patient_id, since=None, limit=limit)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="checkins",
            patient_ids=[patient_id],
        )
        return lines


@dataclass(frozen=True, slots=True)
class EarlierSubmission:
    """The check-in an earlier submission with the same idempotency key stored."""

    checkin_id: int
    answers: dict[str, Any]


def earlier_submission(
    sessions: sessionmaker[Session], who: Principal, key: str
) -> EarlierSubmission | None:
    """What an earlier submission of the signed-in patient with this key stored, if any."""
    patient_id = who.own_patient_id()
    with sessions() as session:
        response = session.scalar(
            select(tables.IdempotencyRecord.response).where(
                tables.IdempotencyRecord.user_id == who.user_id,
                tables.IdempotencyRecord.key == key,
            )
        )
        checkin_id = response.get("checkin_id") if response else None
        if not isinstance(checkin_id, int):
            return None
        answers = session.scalar(
            select(tables.CheckIn.answers).where(
                tables.CheckIn.id == checkin_id, tables.CheckIn.patient_id == patient_id
            )
        )
    return None if answers is None else EarlierSubmission(checkin_id, answers)


def _lines(
    session: Session, patient_id: int, *, since: datetime | None, limit: int
) -> tuple[CheckinLine, ...]:
    query = (
        select(tables.CheckIn, tables.Assessment.level)
        .join(tables.Assessment, tables.Assessment.checkin_id == tables.CheckIn.id)
        .where(tables.CheckIn.patient_id == patient_id)
        .order_by(tables.CheckIn.recorded_at.desc(), tables.CheckIn.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(tables.CheckIn.recorded_at >= since)
    return tuple(_line(checkin, level) for checkin, level in session.execute(query))


def _line(checkin: tables.CheckIn, level: str) -> CheckinLine:
    return CheckinLine(
        id=checkin.id,
        recorded_at=checkin.local_recorded_at,
        leg_pain=checkin.leg_pain,
        back_pain=checkin.back_pain,
        level=level,
    )
