"""A patient's record as the care team reads it: the operation and a check-in timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
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

# Enough for two months of daily check-ins; older ones stay in the API and exports.
TIMELINE_LIMIT = 60


@dataclass(frozen=True, slots=True)
class MedicationTaken:
    name: str
    drug_class: str
    dose_mg: float | None
    doses_per_day: int | None


@dataclass(frozen=True, slots=True)
class FindingMark:
    rule: str
    level: str


@dataclass(frozen=True, slots=True)
class AlertMark:
    id: int
    status: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One check-in with what was reported, what the assessment found, and its alert."""

    checkin_id: int
    # In the offset the patient's phone used, as they experienced it.
    recorded_at: datetime
    leg_pain: int | None
    back_pain: int | None
    level: str
    medications: tuple[MedicationTaken, ...]
    side_effects: tuple[str, ...]
    findings: tuple[FindingMark, ...]
    alert: AlertMark | None


@dataclass(frozen=True, slots=True)
class PatientRecord:
    id: int
    display_name: str
    birth_year: int | None
    procedure: str
    surgery_date: date
    levels: tuple[str, ...]
    durotomy: bool | None
    conditions: tuple[str, ...]
    nsaid_restricted_until: date | None
    # Today on the patient's own calendar.
    today: date
    entries: tuple[TimelineEntry, ...]
    recovery: RecoveryView
    next_steps: NextSteps

    @property
    def days_since_surgery(self) -> int:
        return (self.today - self.surgery_date).days


def patient_record(
    sessions: sessionmaker[Session],
    who: Principal,
    patient_id: int,
    *,
    now: datetime,
    settings: Settings,
) -> PatientRecord:
    """A patient of `who`'s clinic with their latest check-ins, newest first; NotFound
    for any other clinic's patient. The read is audited."""
    with sessions.begin() as session:
        patient = session.scalar(
            select(tables.Patient).where(
                tables.Patient.id == patient_id, tables.Patient.clinic_id == who.clinic_id
            )
        )
        if patient is None:
            raise NotFound(f"patient {patient_id}")
        entries = _timeline(session, patient_id)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="patient_record",
            resource_id=str(patient_id),
            patient_ids=[patient_id],
        )
        return PatientRecord(
            id=patient.id,
            display_name=patient.display_name,
            birth_year=patient.birth_year,
            procedure=patient.procedure,
            surgery_date=patient.surgery_date,
            levels=tuple(patient.levels),
            durotomy=patient.durotomy,
            conditions=tuple(patient.conditions),
            nsaid_restricted_until=patient.nsaid_restricted_until,
            today=now.astimezone(ZoneInfo(patient.time_zone)).date(),
            entries=entries,
            recovery=recovery_view(session, patient, now=now, settings=settings),
            next_steps=next_steps(session, patient, now=now),
        )


def _timeline(session: Session, patient_id: int) -> tuple[TimelineEntry, ...]:
    # The (patient_id, recorded_at) index gives the newest rows first; the alert, if any,
    # hangs off the assessment (one alert per assessment at most).
    rows = session.execute(
        select(tables.CheckIn, tables.Assessment.level, tables.Assessment.result, tables.Alert)
        .join(tables.Assessment, tables.Assessment.checkin_id == tables.CheckIn.id)
        .outerjoin(tables.Alert, tables.Alert.assessment_id == tables.Assessment.id)
        .where(tables.CheckIn.patient_id == patient_id)
        .order_by(tables.CheckIn.recorded_at.desc(), tables.CheckIn.id.desc())
        .limit(TIMELINE_LIMIT)
    )
    return tuple(_entry(checkin, level, result, alert) for checkin, level, result, alert in rows)


def _entry(
    checkin: tables.CheckIn, level: str, result: Mapping[str, Any], alert: tables.Alert | None
) -> TimelineEntry:
    answers = checkin.answers
    return TimelineEntry(
        checkin_id=checkin.id,
        recorded_at=checkin.local_recorded_at,
        leg_pain=checkin.leg_pain,
        back_pain=checkin.back_pain,
        level=level,
        medications=tuple(
            MedicationTaken(
                name=str(m["name"]),
                drug_class=str(m["class"]),
                dose_mg=m.get("dose_mg"),
                doses_per_day=m.get("doses_per_day"),
            )
            for m in answers.get("medications") or ()
        ),
        side_effects=tuple(str(s) for s in answers.get("side_effects") or ()),
        findings=tuple(
            FindingMark(rule=str(f["rule"]), level=str(f["level"]))
            for f in result.get("findings") or ()
        ),
        alert=AlertMark(alert.id, alert.status) if alert is not None else None,
    )
