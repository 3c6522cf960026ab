"""The care team's worklist: what needs a clinician now, in the order to deal with it.

Open alerts come first (emergencies, then the nearest deadline), then open review items
(`soon` check-ins), then patients who have stopped checking in. One read transaction,
audited as one row for the worklist as a whole: the page polls every few seconds, and a
row per patient per poll would swamp the audit log without saying anything more. Opening
an alert or a patient from it records that patient by name.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.store import tables

# Days without a check-in (before today, on the patient's calendar) that count as missed.
MISSED_DAYS = 3
# Patients are expected to check in during the first year after their operation.
FOLLOW_UP_MONTHS = 12

_URGENCY = case((tables.Alert.level == "emergency", 0), else_=1)
_T = TypeVar("_T")


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
    """A patient in follow-up whose check-ins have stopped."""

    patient_id: int
    patient_name: str
    last_checkin_at: datetime
    # Whole calendar days, before today in the patient's zone, with no check-in.
    days_missed: int


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
            missed=_missed_checkins(session, who.clinic_id, now),
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


def _open_reviews(session: Session, clinic_id: int) -> tuple[ReviewLine, ...]:
    rows = session.execute(
        select(tables.WorklistItem, tables.Patient.display_name)
        .join(tables.Patient, tables.Patient.id == tables.WorklistItem.patient_id)
        .where(tables.WorklistItem.clinic_id == clinic_id, tables.WorklistItem.status == "open")
        .order_by(tables.WorklistItem.due_by, tables.WorklistItem.id)
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


def _missed_checkins(session: Session, clinic_id: int, now: datetime) -> tuple[MissedLine, ...]:
    """Patients within a year of surgery who checked in before but not on any of the last
    `MISSED_DAYS` days of their own calendar.

    Each time zone has its own midnight, so the cut-offs are computed per zone in the
    clinic (usually one or two) and picked in SQL with a CASE: one grouped query over the
    (patient_id, recorded_at) index, whatever the number of patients.
    """
    zones = session.scalars(
        select(tables.Patient.time_zone).where(tables.Patient.clinic_id == clinic_id).distinct()
    ).all()
    if not zones:
        return ()
    today = {zone: now.astimezone(ZoneInfo(zone)).date() for zone in zones}
    silent_since = {
        zone: _midnight(day - timedelta(days=MISSED_DAYS), zone) for zone, day in today.items()
    }
    followed_since = {zone: _months_before(day, FOLLOW_UP_MONTHS) for zone, day in today.items()}
    last = func.max(tables.CheckIn.recorded_at)
    rows = session.execute(
        select(tables.Patient.id, tables.Patient.display_name, tables.Patient.time_zone, last)
        .join(tables.CheckIn, tables.CheckIn.patient_id == tables.Patient.id)
        .where(
            tables.Patient.clinic_id == clinic_id,
            tables.Patient.surgery_date >= _per_zone(followed_since, tables.Patient.surgery_date),
        )
        .group_by(tables.Patient.id, tables.Patient.display_name, tables.Patient.time_zone)
        .having(last < _per_zone(silent_since, tables.CheckIn.recorded_at))
        .order_by(last, tables.Patient.id)
    ).all()
    return tuple(
        MissedLine(
            patient_id=patient_id,
            patient_name=name,
            last_checkin_at=last_at,
            days_missed=(today[zone] - last_at.astimezone(ZoneInfo(zone)).date()).days - 1,
        )
        for patient_id, name, zone, last_at in rows
    )


def _per_zone(values: Mapping[str, _T], column: QueryableAttribute[_T]) -> ColumnElement[_T]:
    """The value for each patient's time zone, typed like the column it is compared with,
    so dates and UTC datetimes are bound the way the column stores them."""
    return case(
        *(
            (tables.Patient.time_zone == zone, literal(value, column.type))
            for zone, value in values.items()
        )
    )


def _midnight(day: date, zone: str) -> datetime:
    return datetime.combine(day, time(), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def _months_before(day: date, months: int) -> date:
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    # The 29th-31st of a shorter month falls back to that month's last day.
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))
