"""What comes next for one patient: stepped-care suggestions, home care as it applies
now, the medication checks of the latest check-in, and what seems to help them, all
from their own records.

The pathway (`clinical.pathway`) and the n-of-1 comparison (`clinical.helps`) are pure;
this module gathers their inputs from the stored check-ins, questionnaire scores and
the latest recovery review. What has been tried is read from the check-ins: a medicine
class or home exercise counts from the first to the last day it was listed. Home
core-stabilisation or nerve-gliding exercise stands for physical therapy, the closest
thing the check-in records. Facts only a clinician can enter (relief from diagnostic
blocks, a correctable cause excluded, clearance for therapy) are not recorded yet, so
the suggestions that need them say what is missing instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from rootwise.clinical.helps import HelpEstimate, day_records, what_helps
from rootwise.clinical.homecare import HomeCareAdvice, home_care, home_care_context
from rootwise.clinical.model import CheckIn, Condition, ExerciseKind, PainQuality, Procedure
from rootwise.clinical.pathway import (
    PHYSICAL_THERAPY,
    PathwayContext,
    Suggestion,
    exercise,
    medication,
    suggest,
)
from rootwise.contract.request import parse_checkin
from rootwise.store import tables

# Check-ins read for the comparison and for what was tried: the comparison looks at the
# last four weeks, and a trial of a medicine is judged over weeks, not a year.
_LOOK_BACK = timedelta(days=120)
_RECENT_DAYS = 14
_THERAPY = (ExerciseKind.CORE_STABILIZATION, ExerciseKind.NERVE_GLIDE)


@dataclass(frozen=True, slots=True)
class NextSteps:
    """The stepped-care suggestions, the latest medication checks and what seems to help."""

    suggestions: tuple[Suggestion, ...]
    home_care: tuple[HomeCareAdvice, ...]
    # The medication findings of the latest check-in's assessment, as stored.
    medication_checks: tuple[dict[str, Any], ...]
    helps: tuple[HelpEstimate, ...]


def next_steps(session: Session, patient: tables.Patient, *, now: datetime) -> NextSteps:
    """The patient's next steps as of `now`, read in the caller's transaction.

    The caller checks access and audits the read.
    """
    today = now.astimezone(ZoneInfo(patient.time_zone)).date()
    checkins = _checkins(session, patient, now=now)
    context = PathwayContext(
        day_after_surgery=(today - patient.surgery_date).days,
        procedure=Procedure(patient.procedure),
        pain_qualities=_recent_qualities(checkins, today),
        dn4_interview=_latest_dn4(session, patient.id),
        leg_pain_median=_recent_median(checkins, today, "leg_pain"),
        back_pain_median=_recent_median(checkins, today, "back_pain"),
        leg_pain_side=next((c.leg_pain_side for c in reversed(checkins) if c.leg_pain_side), None),
        trend=patient.recovery_trend,
        tried=_tried(checkins),
        new_deficit=any(
            c.weakness_is_new_or_worse for c in checkins if _days_ago(c, today) < _RECENT_DAYS
        ),
        conditions=frozenset(Condition(c) for c in patient.conditions),
    )
    after_surgery = context.day_after_surgery >= 0
    recent = [c for c in checkins if _days_ago(c, today) < _RECENT_DAYS]
    care = home_care_context(
        day_after_surgery=context.day_after_surgery,
        procedure=context.procedure,
        conditions=context.conditions,
        recent=recent,
    )
    return NextSteps(
        suggestions=suggest(context) if after_surgery else (),
        home_care=home_care(care) if after_surgery else (),
        medication_checks=_latest_medication_checks(session, patient.id),
        helps=what_helps(day_records(checkins), today=today),
    )


def _checkins(session: Session, patient: tables.Patient, *, now: datetime) -> list[CheckIn]:
    stored = session.scalars(
        select(tables.CheckIn.answers)
        .where(
            tables.CheckIn.patient_id == patient.id,
            tables.CheckIn.recorded_at >= now - _LOOK_BACK,
        )
        .order_by(tables.CheckIn.recorded_at)
    )
    # Each was validated when it arrived; reading it back through the contract gives the
    # core's own values (and refuses nothing that was stored).
    return [
        parse_checkin(json.dumps(answers), now=now, surgery_date=patient.surgery_date)
        for answers in stored
    ]


def _days_ago(checkin: CheckIn, today: date) -> int:
    return (today - checkin.local_date).days


def _recent_qualities(checkins: Sequence[CheckIn], today: date) -> frozenset[PainQuality]:
    return frozenset(
        quality
        for c in checkins
        if _days_ago(c, today) < _RECENT_DAYS
        for quality in c.pain_qualities or ()
    )


def _recent_median(checkins: Sequence[CheckIn], today: date, field: str) -> float | None:
    """The median of each day's worst score over the last 7 days."""
    worst: dict[date, int] = {}
    for c in checkins:
        value = getattr(c, field)
        if value is not None and _days_ago(c, today) < 7:
            worst[c.local_date] = max(value, worst.get(c.local_date, value))
    return float(median(worst.values())) if worst else None


def _tried(checkins: Sequence[CheckIn]) -> dict[str, int]:
    """Days from the first to the last day each medicine class or exercise was listed."""
    spans: dict[str, tuple[date, date]] = {}

    def seen(key: str, day: date) -> None:
        first, last = spans.get(key, (day, day))
        spans[key] = (min(first, day), max(last, day))

    for c in checkins:
        for drug_class in c.medication_classes():
            seen(medication(drug_class), c.local_date)
        for done in c.exercises or ():
            seen(exercise(done.kind), c.local_date)
            if done.kind in _THERAPY:
                seen(PHYSICAL_THERAPY, c.local_date)
    return {key: (last - first).days + 1 for key, (first, last) in spans.items()}


def _latest_dn4(session: Session, patient_id: int) -> int | None:
    score = session.scalar(
        select(tables.QuestionnaireResponse.score)
        .where(
            tables.QuestionnaireResponse.patient_id == patient_id,
            tables.QuestionnaireResponse.questionnaire == "dn4",
            tables.QuestionnaireResponse.score.is_not(None),
        )
        .order_by(tables.QuestionnaireResponse.authored_at.desc())
        .limit(1)
    )
    return None if score is None else int(score)


def _latest_medication_checks(session: Session, patient_id: int) -> tuple[dict[str, Any], ...]:
    findings = session.scalar(
        select(tables.Assessment.result["findings"])
        .join(tables.CheckIn, tables.CheckIn.id == tables.Assessment.checkin_id)
        .where(tables.CheckIn.patient_id == patient_id)
        .order_by(tables.CheckIn.recorded_at.desc())
        .limit(1)
    )
    return tuple(f for f in findings or () if str(f["rule"]).startswith("medication."))
