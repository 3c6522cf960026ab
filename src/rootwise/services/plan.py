"""The patient's plan: home care, today's walking goal and the exercises for this stage.

One read transaction loads the signed-in patient and their check-ins of the last 14
days, the clinical core works out the plan, and the read is audited in that transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.clinical import model
from rootwise.clinical.exercises import (
    Exercise,
    Upcoming,
    WalkingTarget,
    daily_walking_minutes,
    days_done,
    programme,
    programme_note_wording,
    upcoming,
    walking_plan,
)
from rootwise.clinical.homecare import HomeCareAdvice, home_care, home_care_context
from rootwise.clinical.model import (
    Change,
    CheckIn,
    Condition,
    ExerciseKind,
    PainQuality,
    Procedure,
    WoundSign,
)
from rootwise.clinical.wording import Wording
from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.store import tables

RECENT: Final = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class PlanView:
    """What the plan page shows. Before surgery, the plan is the one for its first day."""

    today: date
    surgery_date: date
    procedure: Procedure
    day_after_surgery: int  # negative before the surgery
    home_care: tuple[HomeCareAdvice, ...]
    walking: WalkingTarget
    exercises: tuple[Exercise, ...]
    upcoming: tuple[Upcoming, ...]
    note: Wording | None  # why some exercises are not open yet
    # Days in the last 14 with each kind of exercise logged in a check-in.
    days_done: dict[ExerciseKind, int]


def patient_plan(sessions: sessionmaker[Session], who: Principal, *, now: datetime) -> PlanView:
    """The signed-in patient's plan for today, from their surgery and recent check-ins.

    Clearance for physical therapy is not recorded yet, so it counts as not known: the
    exercises open by the day after surgery.
    """
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        patient = session.get(tables.Patient, patient_id)
        if patient is None:
            raise NotFound("patient")
        today = now.astimezone(ZoneInfo(patient.time_zone)).date()
        recent = _recent_checkins(session, patient_id, since=now - RECENT)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="plan",
            patient_ids=[patient_id],
        )
        procedure = Procedure(patient.procedure)
        conditions = frozenset(Condition(c) for c in patient.conditions)
        surgery_date = patient.surgery_date
    days = (today - surgery_date).days
    day = max(days, 0)
    cleared = None
    context = home_care_context(
        day_after_surgery=day, procedure=procedure, conditions=conditions, recent=recent
    )
    return PlanView(
        today=today,
        surgery_date=surgery_date,
        procedure=procedure,
        day_after_surgery=days,
        home_care=home_care(context),
        walking=walking_plan(day, daily_walking_minutes(recent)),
        exercises=programme(day, procedure, cleared),
        upcoming=upcoming(day, procedure, cleared),
        note=programme_note_wording(day, procedure, cleared),
        days_done=days_done(recent),
    )


def _recent_checkins(session: Session, patient_id: int, *, since: datetime) -> tuple[CheckIn, ...]:
    rows = session.scalars(
        select(tables.CheckIn)
        .where(tables.CheckIn.patient_id == patient_id, tables.CheckIn.recorded_at >= since)
        .order_by(tables.CheckIn.recorded_at)
    )
    return tuple(_plan_checkin(row.local_recorded_at, row.answers) for row in rows)


def _plan_checkin(recorded_at: datetime, answers: dict[str, Any]) -> CheckIn:
    """The answers the plan reads, from a check-in stored as validated (wire format)."""
    numbness = answers.get("numbness")
    qualities = answers.get("pain_qualities")
    wound = answers.get("wound")
    exercises = answers.get("exercises")
    return CheckIn(
        recorded_at=recorded_at,
        walking_minutes=answers.get("walking_minutes"),
        numbness=None if numbness is None else Change(numbness),
        pain_qualities=None if qualities is None else frozenset(map(PainQuality, qualities)),
        wound=None if wound is None else frozenset(map(WoundSign, wound)),
        exercises=None
        if exercises is None
        else tuple(model.Exercise(ExerciseKind(e["kind"]), e.get("minutes")) for e in exercises),
    )
