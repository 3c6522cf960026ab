"""What the care team and the patient see of a patient's record."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.store import tables


def checkin_json(checkin: tables.CheckIn, assessment: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": checkin.id,
        "recorded_at": checkin.local_recorded_at.isoformat(),
        "assessment": assessment,
    }


def own_checkins(
    sessions: sessionmaker[Session], who: Principal, *, now: datetime, limit: int = 100
) -> list[dict[str, Any]]:
    """The signed-in patient's check-ins, newest first."""
    if who.patient_id is None:
        raise NotFound("patient")
    with sessions.begin() as session:
        result = _recent_checkins(session, who.patient_id, limit)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="checkins",
            patient_ids=[who.patient_id],
        )
        return result


def patient_summary(
    sessions: sessionmaker[Session], who: Principal, patient_id: int, *, now: datetime
) -> dict[str, Any]:
    """A clinician's summary of one patient of their own clinic; NotFound for any other."""
    with sessions.begin() as session:
        patient = session.scalar(
            select(tables.Patient).where(
                tables.Patient.id == patient_id, tables.Patient.clinic_id == who.clinic_id
            )
        )
        if patient is None:
            raise NotFound(f"patient {patient_id}")
        open_alerts = session.scalar(
            select(func.count()).where(
                tables.Alert.patient_id == patient_id, tables.Alert.status == "open"
            )
        )
        today = now.astimezone(ZoneInfo(patient.time_zone)).date()
        summary = {
            "id": patient.id,
            "display_name": patient.display_name,
            "birth_year": patient.birth_year,
            "surgery": {
                "procedure": patient.procedure,
                "date": patient.surgery_date.isoformat(),
                "levels": patient.levels,
                "durotomy": patient.durotomy,
            },
            "days_since_surgery": (today - patient.surgery_date).days,
            "conditions": patient.conditions,
            "nsaid_restricted_until": (
                patient.nsaid_restricted_until.isoformat()
                if patient.nsaid_restricted_until
                else None
            ),
            "time_zone": patient.time_zone,
            "language": patient.language,
            "open_alerts": open_alerts,
            "recent_checkins": _recent_checkins(session, patient_id, 14),
        }
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="patient",
            resource_id=str(patient_id),
            patient_ids=[patient_id],
        )
        return summary


def _recent_checkins(session: Session, patient_id: int, limit: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(tables.CheckIn, tables.Assessment.result)
        .join(tables.Assessment, tables.Assessment.checkin_id == tables.CheckIn.id)
        .where(tables.CheckIn.patient_id == patient_id)
        .order_by(tables.CheckIn.recorded_at.desc(), tables.CheckIn.id.desc())
        .limit(limit)
    ).all()
    return [checkin_json(checkin, result) for checkin, result in rows]
