"""Assess one check-in: run every rule, take the highest level, explain the result."""

from __future__ import annotations

from dataclasses import dataclass

from rootwise.clinical.advice import clinician_headline, patient_headline
from rootwise.clinical.model import AssessmentRequest, CheckIn, EarlierCheckIn, Level, highest
from rootwise.clinical.rule import Finding, Situation
from rootwise.clinical.rulebook import rules_version
from rootwise.clinical.rules import RULES
from rootwise.clinical.rules.screening import unanswered_red_flags
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass(frozen=True, slots=True)
class Assessment:
    """The triage result. `findings` run from the highest level down."""

    level: Level
    complete: bool
    findings: tuple[Finding, ...]
    patient_advice: str
    clinician_advice: str
    rules_version: str


def assess(
    request: AssessmentRequest,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    emergency_number: str = "911",
) -> Assessment:
    """Triage one check-in in the light of the patient's context and earlier check-ins."""
    situation = Situation(
        patient=request.patient,
        checkin=request.checkin,
        history=_earlier(request.checkin, request.history),
        thresholds=thresholds,
    )
    fired = [f for r in RULES.values() if (f := r.evaluate(situation)) is not None]
    # Stable sort: within a level, findings keep the rule book's clinical order.
    findings = tuple(sorted(fired, key=lambda f: -f.level.rank))
    level = highest([f.level for f in findings])
    headline = patient_headline(
        level,
        emergency_number=emergency_number,
        surgery_date=request.patient.surgery.date,
    )
    return Assessment(
        level=level,
        complete=not unanswered_red_flags(request.checkin),
        findings=findings,
        # Only the findings that set the level speak to the patient: a calmer line from a
        # lower finding beside "call 911 now" could be the one a frightened reader follows.
        patient_advice=_join(headline, *(f.patient_advice for f in findings if f.level is level)),
        clinician_advice=_join(
            clinician_headline(level), *(f"{f.rule}: {f.clinician_note}" for f in findings)
        ),
        rules_version=rules_version(thresholds),
    )


def _earlier(checkin: CheckIn, history: tuple[EarlierCheckIn, ...]) -> tuple[EarlierCheckIn, ...]:
    """Earlier check-ins, oldest first; anything at or after this one is not history."""
    return tuple(
        sorted(
            (c for c in history if c.recorded_at < checkin.recorded_at),
            key=lambda c: c.recorded_at,
        )
    )


def _join(*parts: str) -> str:
    return " ".join(dict.fromkeys(parts))
