"""Reminders for patients and missed check-ins for the care team, on each patient's clock.

Both work on local calendar days in the patient's own time zone (`patients.time_zone`),
and both are set-based: a pass costs a handful of queries whatever the number of
patients. Patients are grouped by time zone (a clinic has a few), each zone's "today"
and "reminder times already reached" are worked out once in Python, and one query with
a branch per zone finds every patient due.

- `send_due_reminders`: the daily check-in reminder at the patient's `reminder_time`,
  unless they have already checked in that day; and a reminder on the day each
  questionnaire of the schedule falls due. At most one of each kind per patient and local
  day, by the unique key of `reminders_sent`, however many workers run.
- `flag_missed_checkins`: one open worklist item for a patient silent for
  `Settings.missed_checkin_days` whole days, closed once they check in again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    exists,
    false,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from rootwise.clinical.schedule import WINDOWS, add_months
from rootwise.settings import Settings
from rootwise.store import tables

log = logging.getLogger(__name__)

CHECKIN = "checkin"
QUESTIONNAIRE_PREFIX = "questionnaire_"
MISSED_CHECKINS = "missed_checkins"
# Patients are reminded, and followed up when silent, for this long after surgery.
FOLLOW_UP_MONTHS = 12
# Serialises `flag_missed_checkins` across PostgreSQL workers (any constant; "RWmc").
_MISSED_CHECKINS_LOCK = 0x52576D63
_SECONDS_PER_DAY = 86_400


# --- Wall clocks ---------------------------------------------------------------------------


def wall_clock_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) at which a clock in `zone` shows `at` on `day`.

    On a fall-back day a time shown twice counts from its first showing. On a
    spring-forward day a time the clock skips (02:30 in New York) gives the first instant
    after the gap, when the clock jumps to 03:00.
    """
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone)
    # Through UTC and back: a time the clock skips does not come back as itself.
    # (`astimezone` into the zone `first` already has would return it unchanged.)
    instant = first.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall:
        return instant
    # In a gap, fold=1 reads the wall time with the offset after the change (an instant
    # before the gap) and fold=0 with the offset before it (an instant after the gap).
    # The change itself lies between; find it to the second.
    before = int(wall.replace(tzinfo=zone, fold=1).timestamp())
    after = int(first.timestamp())
    offset_before = datetime.fromtimestamp(before, zone).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == offset_before:
            before = middle
        else:
            after = middle
    return datetime.fromtimestamp(after, UTC)


@dataclass(frozen=True, slots=True)
class LocalDay:
    """What `now` means on the clocks of one time zone."""

    zone: str
    today: date
    # The first instant of `today` (UTC).
    starts_at: datetime
    # Every reminder time up to and including this one has been reached today.
    reached: time


def local_day(zone_name: str, now: datetime) -> LocalDay:
    """`now` seen from `zone_name`; raises `ZoneInfoNotFoundError` for an unknown zone."""
    zone = ZoneInfo(zone_name)
    today = now.astimezone(zone).date()
    # The latest time of day whose first instant has come. A binary search over the
    # day's seconds rather than a reading of the clock: on a fall-back day the clock
    # reads 01:30 twice, and at the second reading 01:45 has already been reached.
    reached, beyond = 0, _SECONDS_PER_DAY
    while beyond - reached > 1:
        middle = (reached + beyond) // 2
        if wall_clock_instant(today, _time_of_day(middle), zone) <= now:
            reached = middle
        else:
            beyond = middle
    return LocalDay(
        zone=zone_name,
        today=today,
        starts_at=wall_clock_instant(today, time(0), zone),
        reached=_time_of_day(reached),
    )


def _time_of_day(seconds: int) -> time:
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _local_days(session: Session, now: datetime, *criteria: ColumnElement[bool]) -> list[LocalDay]:
    """`now` in every time zone some patient (matching `criteria`) lives in."""
    days = []
    zones = session.scalars(select(tables.Patient.time_zone).where(*criteria).distinct())
    for zone in zones:
        try:
            days.append(local_day(zone, now))
        except (ZoneInfoNotFoundError, ValueError):
            # One bad value must not stop everyone else's reminders.
            log.error("patients with unknown time zone %r are skipped", zone)
    return days


# --- Reminders -----------------------------------------------------------------------------


# Patients who want reminders and can receive them.
_REACHABLE = (
    tables.Patient.reminders_enabled.is_(True),
    tables.Patient.user_id.is_not(None),
)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder enqueued for a patient."""

    patient_id: int
    kind: str
    local_date: date


@dataclass(frozen=True, slots=True)
class _Due:
    patient_id: int
    clinic_id: int
    email: str
    kind: str
    local_date: date


def send_due_reminders(
    sessions: sessionmaker[Session], *, now: datetime, settings: Settings
) -> list[Reminder]:
    """Enqueue every reminder due at `now` that no worker has sent yet; those enqueued.

    The search runs outside the write transaction, so SQLite's write lock is held only
    for the inserts; the unique key of `reminders_sent` decides which worker sends.
    """
    del settings  # Part of every worker task's signature; nothing here is tunable yet.
    with sessions() as session:
        days = _local_days(session, now, *_REACHABLE)
        due = [*_checkin_due(session, days), *_questionnaires_due(session, days)]
    if not due:
        return []
    with sessions.begin() as session:
        recorded = _record_new(session, due, now=now)
        sent = [item for item in due if (item.patient_id, item.kind, item.local_date) in recorded]
        if sent:
            session.execute(insert(tables.OutboxMessage), [_message(item, now) for item in sent])
    return [Reminder(item.patient_id, item.kind, item.local_date) for item in sent]


def _candidates(branches: list[ColumnElement[bool]]) -> Select[int, int, str, date, str]:
    return (
        select(
            tables.Patient.id,
            tables.Patient.clinic_id,
            tables.Patient.time_zone,
            tables.Patient.surgery_date,
            tables.User.email,
        )
        .join(tables.User, tables.User.id == tables.Patient.user_id)
        .where(*_REACHABLE, tables.User.is_active.is_(True), or_(false(), *branches))
        .order_by(tables.Patient.id)
    )


def _not_sent(kind: ColumnElement[bool], day: date) -> ColumnElement[bool]:
    return ~exists().where(
        tables.ReminderSent.patient_id == tables.Patient.id,
        tables.ReminderSent.local_date == day,
        kind,
    )


def _checkin_due(session: Session, days: list[LocalDay]) -> list[_Due]:
    """Daily reminders: time reached, in follow-up, not checked in today, not sent today."""
    branches = [
        and_(
            tables.Patient.time_zone == day.zone,
            tables.Patient.reminder_time <= day.reached,
            # From the day after surgery (the day itself is spent in hospital) to the
            # end of follow-up.
            tables.Patient.surgery_date < day.today,
            tables.Patient.surgery_date >= add_months(day.today, -FOLLOW_UP_MONTHS),
            ~exists().where(
                tables.CheckIn.patient_id == tables.Patient.id,
                tables.CheckIn.recorded_at >= day.starts_at,
            ),
            _not_sent(tables.ReminderSent.kind == CHECKIN, day.today),
        )
        for day in days
    ]
    today = {day.zone: day.today for day in days}
    return [
        _Due(row.id, row.clinic_id, row.email, CHECKIN, today[row.time_zone])
        for row in session.execute(_candidates(branches))
    ]


def _questionnaires_due(session: Session, days: list[LocalDay]) -> list[_Due]:
    """Questionnaire reminders, on the local day each falls due, at the reminder time."""
    branches = []
    kinds: dict[tuple[str, date], str] = {}
    for day in days:
        surgeries = _surgery_dates_due(day.today)
        for surgery, name in surgeries.items():
            kinds[(day.zone, surgery)] = f"{QUESTIONNAIRE_PREFIX}{name}"
        branches.append(
            and_(
                tables.Patient.time_zone == day.zone,
                tables.Patient.reminder_time <= day.reached,
                tables.Patient.surgery_date.in_(surgeries),
                # No two questionnaires of the schedule fall due on one day.
                _not_sent(
                    tables.ReminderSent.kind.startswith(QUESTIONNAIRE_PREFIX, autoescape=True),
                    day.today,
                ),
            )
        )
    today = {day.zone: day.today for day in days}
    return [
        _Due(
            row.id,
            row.clinic_id,
            row.email,
            kinds[(row.time_zone, row.surgery_date)],
            today[row.time_zone],
        )
        for row in session.execute(_candidates(branches))
    ]


def _surgery_dates_due(today: date) -> dict[date, str]:
    """The surgery dates for which a questionnaire falls due `today`, with its name.

    Month steps are not reversible (30 Nov and 28 Nov + 3 months both land on 28 Feb),
    so the dates near each step back are tried forward.
    """
    found: dict[date, str] = {}
    for window in WINDOWS:
        back = add_months(today, -window.months) - timedelta(days=window.days)
        for nudge in range(-3, 4):
            surgery = back + timedelta(days=nudge)
            if add_months(surgery, window.months) + timedelta(days=window.days) == today:
                found[surgery] = window.timepoint.value
    return found


def _record_new(session: Session, due: list[_Due], *, now: datetime) -> set[tuple[int, str, date]]:
    """Insert `reminders_sent` rows, skipping any already there; the keys inserted now."""
    dialect = session.get_bind().dialect.name
    insert_into = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert_into(tables.ReminderSent)
        .on_conflict_do_nothing(index_elements=["patient_id", "kind", "local_date"])
        .returning(
            tables.ReminderSent.patient_id,
            tables.ReminderSent.kind,
            tables.ReminderSent.local_date,
        )
    )
    rows = [
        {"patient_id": d.patient_id, "kind": d.kind, "local_date": d.local_date, "sent_at": now}
        for d in due
    ]
    return {(row[0], row[1], row[2]) for row in session.execute(statement, rows)}


def _message(item: _Due, now: datetime) -> dict[str, Any]:
    """The outbox row for a reminder: what to do, nothing clinical."""
    if item.kind == CHECKIN:
        subject = "Rootwise: time for today's check-in"
        wording = "You have not checked in today. It takes two minutes: open Rootwise."
    else:
        # "questionnaire_6_weeks" -> "6-week"
        name = item.kind.removeprefix(QUESTIONNAIRE_PREFIX).replace("_", "-").removesuffix("s")
        subject = f"Rootwise: your {name} questionnaire is due"
        wording = (
            f"Your {name} questionnaire is due today. "
            "Your care team uses it to follow your recovery."
        )
    return {
        "clinic_id": item.clinic_id,
        "alert_id": None,
        "channel": "email",
        "recipient": item.email,
        "subject": subject,
        "body": {
            "reminder": item.kind,
            "patient_id": item.patient_id,
            "local_date": item.local_date.isoformat(),
            "text": wording,
        },
        "idempotency_key": f"reminder-{item.patient_id}-{item.kind}-{item.local_date}",
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


# --- Missed check-ins ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissedCheckins:
    """What one pass changed on the worklist: the patients whose item it opened or closed."""

    flagged: list[int]
    closed: list[int]


def flag_missed_checkins(
    sessions: sessionmaker[Session], *, now: datetime, settings: Settings
) -> MissedCheckins:
    """Open a worklist item for each patient newly silent, close those who checked in again.

    A quick read finds whether there is anything to do (usually nothing); only then does
    a write transaction run, which looks again under a lock so two workers never open two
    items for one patient.
    """
    days = settings.missed_checkin_days
    with sessions() as session:
        local_days = _local_days(session, now)
        if not _to_close(session, days) and not _silent(session, local_days, days):
            return MissedCheckins(flagged=[], closed=[])
    with sessions.begin() as session:
        if session.get_bind().dialect.name == "postgresql" and not session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _MISSED_CHECKINS_LOCK}
        ):
            # Another worker is at it right now; the next pass picks up anything it left.
            return MissedCheckins(flagged=[], closed=[])
        # Closing first, so a patient who came back and has since gone quiet again gets a
        # new item below, saying since when, rather than keeping the stale one.
        closing = _to_close(session, days)
        if closing:
            session.execute(
                update(tables.WorklistItem)
                .where(tables.WorklistItem.id.in_([item_id for item_id, _ in closing]))
                .values(status="done", closed_at=now, note="checked in again")
            )
        silent = _silent(session, local_days, days)
        if silent:
            session.execute(
                insert(tables.WorklistItem),
                [_worklist_item(row, now=now, settings=settings) for row in silent],
            )
    return MissedCheckins(
        flagged=[row.id for row in silent], closed=[patient for _, patient in closing]
    )


def _cutoff(day: LocalDay, days: int) -> datetime:
    """The first instant of the first of the `days` whole days before `day`."""
    return wall_clock_instant(day.today - timedelta(days=days), time(0), ZoneInfo(day.zone))


_LAST_RECORDED = (
    select(func.max(tables.CheckIn.recorded_at))
    .where(tables.CheckIn.patient_id == tables.Patient.id)
    .scalar_subquery()
)
_HAS_OPEN_ITEM = exists().where(
    tables.WorklistItem.patient_id == tables.Patient.id,
    tables.WorklistItem.kind == MISSED_CHECKINS,
    tables.WorklistItem.status == "open",
)


def _silent(
    session: Session, local_days: list[LocalDay], days: int
) -> Sequence[Row[int, int, str, datetime]]:
    """Patients in follow-up with no check-in for `days` whole local days, not yet flagged.

    A patient who never checked in has no last check-in and is not matched.
    """
    branches = [
        and_(
            tables.Patient.time_zone == day.zone,
            tables.Patient.surgery_date >= add_months(day.today, -FOLLOW_UP_MONTHS),
            # One probe of the (patient_id, recorded_at) index per patient.
            _cutoff(day, days) > _LAST_RECORDED,
        )
        for day in local_days
    ]
    return session.execute(
        select(
            tables.Patient.id,
            tables.Patient.clinic_id,
            tables.Patient.time_zone,
            _LAST_RECORDED.label("last_recorded_at"),
        )
        .where(or_(false(), *branches), ~_HAS_OPEN_ITEM)
        .order_by(tables.Patient.id)
    ).all()


def _to_close(session: Session, days: int) -> list[tuple[int, int]]:
    """Open missed-check-in items whose patient has checked in since; (item, patient) ids.

    "Since" means a check-in recorded on one of the days the item counts as missed, or
    later. That includes one committed while the item was being opened, and leaves out an
    old check-in sent late from a phone that was offline: it does not show the patient
    is back.
    """
    rows = session.execute(
        select(
            tables.WorklistItem.id,
            tables.WorklistItem.patient_id,
            tables.WorklistItem.created_at,
            tables.Patient.time_zone,
            _LAST_RECORDED,
        )
        .join(tables.Patient, tables.Patient.id == tables.WorklistItem.patient_id)
        .where(tables.WorklistItem.kind == MISSED_CHECKINS, tables.WorklistItem.status == "open")
    )
    closing = []
    # Items opened by one pass share their zone and instant: work each pair out once.
    first_missed: dict[tuple[str, datetime], datetime] = {}
    for item_id, patient_id, opened_at, zone, last_recorded in rows:
        if (zone, opened_at) not in first_missed:
            first_missed[(zone, opened_at)] = _first_missed(zone, opened_at, days)
        if last_recorded is not None and last_recorded >= first_missed[(zone, opened_at)]:
            closing.append((item_id, patient_id))
    return closing


def _first_missed(zone_name: str, opened_at: datetime, days: int) -> datetime:
    """The first instant of the first day an item opened at `opened_at` counts as missed."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        # Not flagged in the first place (`_local_days` skips the zone); never closes.
        return datetime.max.replace(tzinfo=UTC)
    opened_on = opened_at.astimezone(zone).date()
    return wall_clock_instant(opened_on - timedelta(days=days), time(0), zone)


def _worklist_item(
    row: Row[int, int, str, datetime], *, now: datetime, settings: Settings
) -> dict[str, Any]:
    last = row.last_recorded_at.astimezone(ZoneInfo(row.time_zone)).date()
    reason = (
        f"No check-in since {last:%A} {last.day} {last:%B %Y} (the patient's last one); "
        f"{settings.missed_checkin_days} or more whole days missed."
    )
    return {
        "clinic_id": row.clinic_id,
        "patient_id": row.id,
        "assessment_id": None,
        "kind": MISSED_CHECKINS,
        "reason": reason,
        "status": "open",
        "created_at": now,
        "due_by": now + timedelta(hours=settings.missed_checkin_review_hours),
    }
