"""The care team's alerts: listing them most urgent first, and acknowledging them."""

from __future__ import annotations

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
        alert = session.scalar(
            select(tables.Alert)
            .where(tables.Alert.id == alert_id, tables.Alert.clinic_id == who.clinic_id)
            .with_for_update()
        )
        if alert is None:
            raise NotFound(f"alert {alert_id}")
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
