"""The care team's alerts: listing them most urgent first, reading one, acknowledging and
resolving them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.store import tables

_URGENCY = case((tables.Alert.level == "emergency", 0), else_=1)


def alert_json(alert: tables.Alert, findings: list[Any]) -> dict[str, Any]:
    return {
        "id": alert.id,
        "patient_id": alert.patient_id,
        "level": alert.level,
        "status": alert.status,
        "created_at": alert.created_at.isoformat(),
        "due_by": alert.due_by.isoformat(),
        "acknowledged_by": alert.acknowledged_by_id,
        "acknowledged_at": alert.acknowledged_at.isoformat() if alert.acknowledged_at else None,
        "findings": findings,
    }


def list_alerts(
    sessions: sessionmaker[Session], who: Principal, *, status: str, now: datetime
) -> list[dict[str, Any]]:
    """The clinic's alerts in `status`, emergencies first, then the nearest deadline."""
    with sessions.begin() as session:
        rows = session.execute(
            select(tables.Alert, tables.Assessment.result)
            .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
            .where(tables.Alert.clinic_id == who.clinic_id, tables.Alert.status == status)
            .order_by(_URGENCY, tables.Alert.due_by, tables.Alert.id)
        ).all()
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="alerts",
            patient_ids=(alert.patient_id for alert, _ in rows),
        )
        return [alert_json(alert, result["findings"]) for alert, result in rows]


def acknowledge_alert(
    sessions: sessionmaker[Session], who: Principal, alert_id: int, *, now: datetime
) -> dict[str, Any]:
    """Mark an alert seen by `who`. Acknowledging it again changes nothing."""
    with sessions.begin() as session:
        alert = _locked_clinic_alert(session, who, alert_id)
        if alert.status == "open":
            alert.status = "acknowledged"
            alert.acknowledged_by_id = who.user_id
            alert.acknowledged_at = now
            audit.record(
                session,
                at=now,
                user_id=who.user_id,
                action="acknowledge",
                resource="alert",
                resource_id=str(alert.id),
                patient_ids=[alert.patient_id],
            )
        findings = session.scalar(
            select(tables.Assessment.result["findings"]).where(
                tables.Assessment.id == alert.assessment_id
            )
        )
        return alert_json(alert, list(findings or []))


# Longest resolution note kept; a note is a sentence or two, not a clinical letter.
NOTE_LIMIT = 2000


class AlertClosed(Exception):
    """The alert was already resolved; it cannot be resolved again."""


@dataclass(frozen=True, slots=True)
class AlertDetail:
    """One alert with everything a clinician needs to act on it and to see who did what.

    `assessment` is the stored wire form (spec/api.md): findings with their evidence,
    and the advice exactly as the patient was shown it.
    """

    id: int
    patient_id: int
    patient_name: str
    clinic_time_zone: str
    level: str
    status: str
    created_at: datetime
    due_by: datetime
    checkin_recorded_at: datetime
    assessment: dict[str, Any]
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution_note: str | None


def alert_detail(
    sessions: sessionmaker[Session], who: Principal, alert_id: int, *, now: datetime
) -> AlertDetail:
    """One alert of `who`'s clinic; NotFound for any other. The read is audited."""
    with sessions.begin() as session:
        row = session.execute(
            select(
                tables.Alert,
                tables.Patient.display_name,
                tables.Clinic.time_zone,
                tables.CheckIn.recorded_at,
                tables.Assessment.result,
            )
            .join(tables.Patient, tables.Patient.id == tables.Alert.patient_id)
            .join(tables.Clinic, tables.Clinic.id == tables.Alert.clinic_id)
            .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
            .join(tables.CheckIn, tables.CheckIn.id == tables.Assessment.checkin_id)
            .where(tables.Alert.id == alert_id, tables.Alert.clinic_id == who.clinic_id)
        ).one_or_none()
        if row is None:
            raise NotFound(f"alert {alert_id}")
        alert, patient_name, zone, recorded_at, assessment = row
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="alert",
            resource_id=str(alert.id),
            patient_ids=[alert.patient_id],
        )
        return AlertDetail(
            id=alert.id,
            patient_id=alert.patient_id,
            patient_name=patient_name,
            clinic_time_zone=zone,
            level=alert.level,
            status=alert.status,
            created_at=alert.created_at,
            due_by=alert.due_by,
            checkin_recorded_at=recorded_at,
            assessment=assessment,
            acknowledged_by=_user_name(session, alert.acknowledged_by_id),
            acknowledged_at=alert.acknowledged_at,
            resolved_by=_user_name(session, alert.resolved_by_id),
            resolved_at=alert.resolved_at,
            resolution_note=alert.resolution_note,
        )


def resolve_alert(
    sessions: sessionmaker[Session], who: Principal, alert_id: int, *, note: str, now: datetime
) -> None:
    """Close an open or acknowledged alert with `who`'s note of what was done.

    Raises ValueError for an empty or overlong note, NotFound for another clinic's
    alert, and AlertClosed when it was already resolved (the first note stands).
    """
    text = note.strip()
    if not text or len(text) > NOTE_LIMIT:
        raise ValueError(f"a resolution note of 1 to {NOTE_LIMIT} characters is required")
    with sessions.begin() as session:
        alert = _locked_clinic_alert(session, who, alert_id)
        if alert.status == "resolved":
            raise AlertClosed(f"alert {alert_id}")
        alert.status = "resolved"
        alert.resolved_by_id = who.user_id
        alert.resolved_at = now
        alert.resolution_note = text
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="resolve",
            resource="alert",
            resource_id=str(alert.id),
            patient_ids=[alert.patient_id],
        )


def _user_name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.scalar(select(tables.User.display_name).where(tables.User.id == user_id))


def _locked_clinic_alert(session: Session, who: Principal, alert_id: int) -> tables.Alert:
    """The alert, locked for this transaction, if it belongs to `who`'s clinic."""
    alert = session.scalar(
        select(tables.Alert)
        .where(tables.Alert.id == alert_id, tables.Alert.clinic_id == who.clinic_id)
        .with_for_update()
    )
    if alert is None:
        raise NotFound(f"alert {alert_id}")
    return alert
