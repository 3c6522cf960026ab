"""The care team's worklist: what needs a clinician now, in the order to deal with it.

Open alerts come first (emergencies, then the nearest deadline), then open review items
(`soon` check-ins), then patients who have stopped checking in. Who has stopped is decided
by the notification worker (`notify.reminders.flag_missed_checkins`), which keeps one open
`missed_checkins` item per silent patient; the worklist only reads those items, so a poll
never scans check-ins and a patient is never listed twice. One read transaction,
audited as one row for the worklist as a whole: the page polls every few seconds, and a
row per patient per poll would swamp the audit log without saying anything more. Opening
an alert or a patient from it records that patient by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.store import tables

# The kind of item `notify.reminders.flag_missed_checkins` opens for a silent patient.
# Spelled out rather than imported: services must not depend on the notify package.
MISSED_CHECKINS = "missed_checkins"

_URGENCY = case((tables.Alert.level == "emergency", 0), else_=1)


@dataclass(frozen=True, slots=True)
class AlertLine:
    """An open alert: who, how urgent, by when, and which rules fired."""

    id: int
    patient_id: int
    patient_name: str
    level: str
    created_at: datetime
    due_by: datetime
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """An open review item, e.g. a `soon` check-in to look at within working days."""

    id: int
    patient_id: int
    patient_name: str
    kind: str
    reasons: tuple[str, ...]
    created_at: datetime
    due_by: datetime


@dataclass(frozen=True, slots=True)
class MissedLine:
    """An open missed-check-in item: a patient in follow-up whose check-ins have stopped."""

    id: int
    patient_id: int
    patient_name: str
    # Written by the worker when it opened the item: since when, and how many days missed.
    reason: str
    created_at: datetime
    due_by: datetime


@dataclass(frozen=True, slots=True)
class Worklist:
    clinic_time_zone: str
    alerts: tuple[AlertLine, ...]
    reviews: tuple[ReviewLine, ...]
    missed: tuple[MissedLine, ...]


def worklist(sessions: sessionmaker[Session], who: Principal, *, now: datetime) -> Worklist:
    """The clinic's open alerts, open review items and missed check-ins, as of `now`."""
    with sessions.begin() as session:
        zone = session.scalar(
            select(tables.Clinic.time_zone).where(tables.Clinic.id == who.clinic_id)
        )
        if zone is None:
            raise NotFound(f"clinic {who.clinic_id}")
        result = Worklist(
            clinic_time_zone=zone,
            alerts=_open_alerts(session, who.clinic_id),
            reviews=_open_reviews(session, who.clinic_id),
            missed=_missed_checkins(session, who.clinic_id),
        )
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="worklist",
            patient_ids=[None],
        )
        return result


def _open_alerts(session: Session, clinic_id: int) -> tuple[AlertLine, ...]:
    # Served by the (clinic_id, status, due_by) index; the open set is small, so the
    # emergency-first sort happens on a handful of rows.
    rows = session.execute(
        select(tables.Alert, tables.Patient.display_name, tables.Assessment.result["findings"])
        .join(tables.Patient, tables.Patient.id == tables.Alert.patient_id)
        .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
        .where(tables.Alert.clinic_id == clinic_id, tables.Alert.status == "open")
        .order_by(_URGENCY, tables.Alert.due_by, tables.Alert.id)
    )
    return tuple(
        AlertLine(
            id=alert.id,
            patient_id=alert.patient_id,
            patient_name=name,
            level=alert.level,
            created_at=alert.created_at,
            due_by=alert.due_by,
            rules=_rule_ids(findings),
        )
        for alert, name, findings in rows
    )


def _rule_ids(findings: Sequence[Any] | None) -> tuple[str, ...]:
    return tuple(str(f["rule"]) for f in findings or ())


def _open_items(clinic_id: int, kind: ColumnElement[bool]) -> Select[tables.WorklistItem, str]:
    """Open worklist items of the clinic matching `kind`, with their patient's name.

    The (clinic_id, status, due_by) index narrows this to the clinic's open items, a
    small set however many check-ins the clinic holds.
    """
    return (
        select(tables.WorklistItem, tables.Patient.display_name)
        .join(tables.Patient, tables.Patient.id == tables.WorklistItem.patient_id)
        .where(
            tables.WorklistItem.clinic_id == clinic_id,
            tables.WorklistItem.status == "open",
            kind,
        )
    )


def _open_reviews(session: Session, clinic_id: int) -> tuple[ReviewLine, ...]:
    # Missed check-ins have their own section; listing them here too would show a silent
    # patient twice.
    rows = session.execute(
        _open_items(clinic_id, tables.WorklistItem.kind != MISSED_CHECKINS).order_by(
            tables.WorklistItem.due_by, tables.WorklistItem.id
        )
    )
    return tuple(
        ReviewLine(
            id=item.id,
            patient_id=item.patient_id,
            patient_name=name,
            kind=item.kind,
            # A check-in review's reason is its findings' rule ids, joined by "; ".
            reasons=tuple(part for part in item.reason.split("; ") if part),
            created_at=item.created_at,
            due_by=item.due_by,
        )
        for item, name in rows
    )


def _missed_checkins(session: Session, clinic_id: int) -> tuple[MissedLine, ...]:
    # Earliest flagged first: the worker opens an item once a patient has been silent for
    # the set number of days, so the oldest item is the longest silence still unanswered.
    rows = session.execute(
        _open_items(clinic_id, tables.WorklistItem.kind == MISSED_CHECKINS).order_by(
            tables.WorklistItem.created_at, tables.WorklistItem.id
        )
    )
    return tuple(
        MissedLine(
            id=item.id,
            patient_id=item.patient_id,
            patient_name=name,
            reason=item.reason,
            created_at=item.created_at,
            due_by=item.due_by,
        )
        for item, name in rows
    )
