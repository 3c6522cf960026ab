"""The care team's worklist: what needs a clinician now, in the order to deal with it.

Open alerts come first (emergencies, then the nearest deadline), then open review items
(`soon` check-ins), then patients who have stopped checking in, then patients whose
recovery is off its expected course (opened by `services.recovery`). Who has stopped is decided
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
from rootwise.services.recovery import OFF_TRACK
from rootwise.store import tables

# The kind of item `notify.reminders.flag_missed_checkins` opens for a silent patient.
# Spelled out rather than imported: services must not depend on the notify package.
MISSED_CHECKINS = "missed_checkins"
# Items with a section of their own, left out of the general review list.
_OWN_SECTIONS = (MISSED_CHECKINS, OFF_TRACK)
NOTE_LIMIT = 2000

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
class PatientLine:
    """An open item about a patient rather than a check-in: silent for days, or off the
    expected recovery. `reason` is written by the task that opened it."""

    id: int
    patient_id: int
    patient_name: str
    reason: str
    created_at: datetime
    due_by: datetime


@dataclass(frozen=True, slots=True)
class Worklist:
    clinic_time_zone: str
    alerts: tuple[AlertLine, ...]
    reviews: tuple[ReviewLine, ...]
    missed: tuple[PatientLine, ...]
    off_track: tuple[PatientLine, ...]


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
            missed=_patient_items(session, who.clinic_id, MISSED_CHECKINS),
            off_track=_patient_items(session, who.clinic_id, OFF_TRACK),
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
    # Missed check-ins and off-track patients have their own sections; listing them here
    # too would show a patient twice.
    rows = session.execute(
        _open_items(clinic_id, tables.WorklistItem.kind.not_in(_OWN_SECTIONS)).order_by(
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


def _patient_items(session: Session, clinic_id: int, kind: str) -> tuple[PatientLine, ...]:
    # Earliest opened first: the longest-standing item still unanswered leads.
    rows = session.execute(
        _open_items(clinic_id, tables.WorklistItem.kind == kind).order_by(
            tables.WorklistItem.created_at, tables.WorklistItem.id
        )
    )
    return tuple(
        PatientLine(
            id=item.id,
            patient_id=item.patient_id,
            patient_name=name,
            reason=item.reason,
            created_at=item.created_at,
            due_by=item.due_by,
        )
        for item, name in rows
    )


def close_item(
    sessions: sessionmaker[Session], who: Principal, item_id: int, *, note: str, now: datetime
) -> None:
    """Mark one of the clinic's worklist items reviewed by `who`, with an optional note.

    Closing an item already closed changes nothing (the first review stands). Raises
    NotFound for another clinic's item and ValueError for an overlong note.
    """
    text = note.strip()
    if len(text) > NOTE_LIMIT:
        raise ValueError(f"a note of at most {NOTE_LIMIT} characters")
    with sessions.begin() as session:
        item = session.scalar(
            select(tables.WorklistItem)
            .where(
                tables.WorklistItem.id == item_id,
                tables.WorklistItem.clinic_id == who.clinic_id,
            )
            .with_for_update()
        )
        if item is None:
            raise NotFound(f"worklist item {item_id}")
        if item.status != "open":
            return
        item.status, item.closed_by_id, item.closed_at = "done", who.user_id, now
        item.note = text or None
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="close",
            resource="worklist_item",
            resource_id=str(item.id),
            patient_ids=[item.patient_id],
        )
