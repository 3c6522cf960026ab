"""The database schema. Alembic migrations are the only way it is built, tests included."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from rootwise.store.types import UTCDateTime, in_offset

_JSON = JSON().with_variant(JSONB(), "postgresql")


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


ROLES = ("patient", "clinician", "admin")
LEVELS = ("routine", "soon", "same_day", "emergency")
ALERT_STATUSES = ("open", "acknowledged", "resolved")
WORKLIST_STATUSES = ("open", "done")
OUTBOX_STATUSES = ("pending", "sent", "dead")
CHANNELS = ("email", "webhook")
TIMEPOINTS = ("baseline", "2_weeks", "6_weeks", "3_months", "6_months", "12_months")


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    # SQLAlchemy reads this class attribute by name, so it stays a plain dict.
    type_annotation_map = {  # noqa: RUF012
        datetime: UTCDateTime(),
        dict[str, Any]: _JSON,
        list[Any]: _JSON,
    }


class Clinic(Base):
    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The surgical team's number for same-day calls, and the out-of-hours line.
    phone: Mapped[str] = mapped_column(String(40))
    on_call_phone: Mapped[str] = mapped_column(String(40))
    emergency_number: Mapped[str] = mapped_column(String(20))
    time_zone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    __table_args__ = (_one_of("role", ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    birth_year: Mapped[int | None]
    procedure: Mapped[str] = mapped_column(String(30))
    surgery_date: Mapped[date]
    levels: Mapped[list[Any]] = mapped_column(default=list)
    durotomy: Mapped[bool | None]
    conditions: Mapped[list[Any]] = mapped_column(default=list)
    nsaid_restricted_until: Mapped[date | None]
    time_zone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(5), default="en")
    created_at: Mapped[datetime]
    # The daily check-in reminder: the patient's wall-clock time in `time_zone`, and
    # whether they want reminders at all (questionnaire reminders included). The server
    # defaults fill rows enrolled before reminders existed. They are plain literals, which
    # SQLite can add in place (see migration 0002); the time is written as SQLAlchemy
    # stores times in SQLite, so old and new rows compare alike; PostgreSQL reads '1' as
    # true.
    reminder_time: Mapped[time] = mapped_column(
        default=time(18, 0), server_default="18:00:00.000000"
    )
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default="1")
    # The latest recovery review (`services.recovery`): the leg-pain trend and its reason,
    # so a list of patients shows who is off track without recomputing anyone's trend.
    recovery_trend: Mapped[str | None] = mapped_column(String(20))
    recovery_reason: Mapped[str | None] = mapped_column(Text)
    recovery_reviewed_at: Mapped[datetime | None]


class CheckIn(Base):
    __tablename__ = "checkins"
    __table_args__ = (Index(None, "patient_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    recorded_at: Mapped[datetime]
    # The offset the patient's phone gave, so their own calendar day can be rebuilt.
    utc_offset_minutes: Mapped[int]
    received_at: Mapped[datetime]
    # The check-in exactly as validated, in the wire format of the schema.
    answers: Mapped[dict[str, Any]]
    # Copied out of `answers` for history and charts: the fields of
    # `clinical.history.HISTORY_FIELDS`, so history loads without parsing the JSON.
    leg_pain: Mapped[int | None]
    back_pain: Mapped[int | None]
    temperature_value: Mapped[float | None]
    temperature_unit: Mapped[str | None] = mapped_column(String(1))
    # The medicines as listed (wire format); NULL when the question was not answered.
    medications: Mapped[list[Any] | None]

    @property
    def local_recorded_at(self) -> datetime:
        """When it was recorded, as the patient's phone showed it: their calendar day."""
        return in_offset(self.recorded_at, self.utc_offset_minutes)


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (_one_of("level", LEVELS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id"), unique=True)
    level: Mapped[str] = mapped_column(String(10))
    complete: Mapped[bool]
    # The assessment in its wire form (spec/api.md), findings and advice included.
    result: Mapped[dict[str, Any]]
    engine_version: Mapped[str] = mapped_column(String(20))
    rules_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        _one_of("level", ("same_day", "emergency")),
        _one_of("status", ALERT_STATUSES),
        Index(None, "clinic_id", "status", "due_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    level: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(15), default="open")
    created_at: Mapped[datetime]
    due_by: Mapped[datetime]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None]
    resolution_note: Mapped[str | None] = mapped_column(Text)


class WorklistItem(Base):
    """Something for the care team to review that is not an alert (e.g. a `soon` check-in)."""

    __tablename__ = "worklist_items"
    __table_args__ = (
        _one_of("status", WORKLIST_STATUSES),
        Index(None, "clinic_id", "status", "due_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    kind: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime]
    due_by: Mapped[datetime]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)


class NotificationContact(Base):
    """Who is told about a clinic's alerts; tier 0 at once, higher tiers on escalation."""

    __tablename__ = "notification_contacts"
    __table_args__ = (_one_of("channel", CHANNELS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(String(500))
    tier: Mapped[int] = mapped_column(default=0)


class OutboxMessage(Base):
    """A notification waiting to be delivered, written in the same transaction as its cause."""

    __tablename__ = "outbox"
    __table_args__ = (
        _one_of("channel", CHANNELS),
        _one_of("status", OUTBOX_STATUSES),
        Index(None, "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[dict[str, Any]]
    # Sent with every attempt so receivers can drop repeats of an at-least-once delivery.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class IdempotencyRecord(Base):
    """The response to a request made with an `Idempotency-Key`, replayed for repeats."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class AuditEntry(Base):
    """Who read or changed which patient's data, and when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "patient_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"))
    action: Mapped[str] = mapped_column(String(20))
    resource: Mapped[str] = mapped_column(String(50))
    resource_id: Mapped[str | None] = mapped_column(String(50))
    detail: Mapped[str | None] = mapped_column(String(500))


class AlertEscalation(Base):
    """One step up the clinic's contact tiers for an alert nobody acknowledged in time.

    A row is written even when the clinic has no contact at that tier (`notified` 0 and a
    `note`), so the care team can see the step was taken and reached nobody.
    """

    __tablename__ = "alert_escalations"
    __table_args__ = (
        # Two workers escalating the same alert at once: the second insert is a no-op.
        UniqueConstraint("alert_id", "tier"),
        CheckConstraint("tier >= 1", name="tier_above_first"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"))
    tier: Mapped[int]
    escalated_at: Mapped[datetime]
    # How many outbox messages the step enqueued (one per contact at the tier).
    notified: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)


class ReminderSent(Base):
    """A reminder enqueued for a patient: at most one of each kind per local calendar day.

    `kind` is "checkin" for the daily check-in or "questionnaire_<name>" for a scheduled
    questionnaire; `local_date` is the day in the patient's own time zone.
    """

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("patient_id", "kind", "local_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    kind: Mapped[str] = mapped_column(String(40))
    local_date: Mapped[date]
    sent_at: Mapped[datetime]


class QuestionnaireResponse(Base):
    """One answered questionnaire at one time point of the schedule.

    `resource` is the FHIR QuestionnaireResponse as stored; the score, band and
    completeness are copied out of it for lists and charts. One per time point: the
    schedule asks each questionnaire once per window.
    """

    __tablename__ = "questionnaire_responses"
    __table_args__ = (
        _one_of("timepoint", TIMEPOINTS),
        UniqueConstraint("patient_id", "questionnaire", "timepoint"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    questionnaire: Mapped[str] = mapped_column(String(30))
    instrument: Mapped[str] = mapped_column(String(20))
    timepoint: Mapped[str] = mapped_column(String(20))
    authored_at: Mapped[datetime]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    resource: Mapped[dict[str, Any]]
    score: Mapped[float | None]
    band: Mapped[str | None] = mapped_column(String(30))
    complete: Mapped[bool]


class ExpectedBand(Base):
    """A clinic's own expected leg-pain band for one group of operations.

    Written by the recovery review once the clinic has enough patients of its own; until
    then the default band from the settings applies.
    """

    __tablename__ = "expected_bands"
    __table_args__ = (UniqueConstraint("clinic_id", "procedure_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    procedure_group: Mapped[str] = mapped_column(String(20))
    computed_at: Mapped[datetime]
    patients: Mapped[int]
    # [[week, low, median, high], ...]: the 20th, 50th and 80th percentiles by week.
    points: Mapped[list[Any]]
    basis: Mapped[str] = mapped_column(Text)
