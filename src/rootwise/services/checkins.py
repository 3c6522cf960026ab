"""Submitting a daily check-in: validate, assess, and store everything in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Select, String, bindparam, cast, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from rootwise import __version__
from rootwise.clinical.assess import Assessment, assess
from rootwise.clinical.model import AssessmentRequest, CheckIn, Level
from rootwise.contract.assessment import assessment_json
from rootwise.contract.request import read_checkin
from rootwise.services import audit
from rootwise.services.deadlines import add_working_days
from rootwise.services.errors import IdempotencyConflict, NotFound
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.checkins import history_since
from rootwise.store.direct import DirectStatement
from rootwise.store.patients import patient_to_core

_ALERT_LEVELS = (Level.SAME_DAY, Level.EMERGENCY)
_checkins = tables.Base.metadata.tables["checkins"]
_assessments = tables.Base.metadata.tables["assessments"]
_audit_log = tables.Base.metadata.tables["audit_log"]
# Every column but the id is bound, so a row that leaves one out is refused rather than
# stored without it.
_CHECKIN_COLUMNS = tuple(c.name for c in _checkins.columns if not c.primary_key)
# Those of the assessment itself; the check-in's id and time come from the new check-in.
_ASSESSMENT_COLUMNS = tuple(
    c.name for c in _assessments.columns if c.name not in ("id", "checkin_id", "created_at")
)
# Every check-in runs the statements below, on the driver (`store.direct`). On SQLite the
# new ids are its last row ids (no RETURNING, whose row costs SQLite one more step).
_INSERT_CHECKIN = DirectStatement(insert(_checkins), keys=_CHECKIN_COLUMNS)
_INSERT_ASSESSMENT = DirectStatement(
    insert(_assessments), keys=("checkin_id", *_ASSESSMENT_COLUMNS, "created_at")
)
_AUDIT_ACTION, _AUDIT_RESOURCE = "create", "checkin"


def _insert_checkin_assessment_and_audit() -> Select[int, int]:
    """PostgreSQL: the check-in, its assessment and the audit row in one statement.

    Each statement costs this process more than the rows it writes (measured in
    bench/README.md), and PostgreSQL runs every data-modifying WITH clause exactly once,
    read or not. The rows are the ones the three separate inserts write on SQLite.
    """
    new_checkin = (
        insert(_checkins)
        .values(
            {
                name: bindparam(f"checkin_{name}", type_=_checkins.c[name].type)
                for name in _CHECKIN_COLUMNS
            }
        )
        .returning(_checkins.c.id, _checkins.c.patient_id, _checkins.c.received_at)
        .cte("new_checkin")
    )
    # Each insert below pairs its columns with their values, so the two cannot drift.
    assessment_values = {
        "checkin_id": new_checkin.c.id,
        **{
            name: bindparam(f"assessment_{name}", type_=_assessments.c[name].type)
            for name in _ASSESSMENT_COLUMNS
        },
        "created_at": new_checkin.c.received_at,
    }
    new_assessment = (
        insert(_assessments)
        .from_select(list(assessment_values), select(*assessment_values.values()))
        .returning(_assessments.c.checkin_id, _assessments.c.id)
        .cte("new_assessment")
    )
    audit_values = {
        "at": new_checkin.c.received_at,
        "user_id": bindparam("audit_user_id", type_=_audit_log.c.user_id.type),
        "patient_id": new_checkin.c.patient_id,
        "action": literal(_AUDIT_ACTION, String),
        "resource": literal(_AUDIT_RESOURCE, String),
        "resource_id": cast(new_checkin.c.id, String),
    }
    audit_row = (
        insert(_audit_log)
        .from_select(list(audit_values), select(*audit_values.values()))
        .cte("audit_row")
    )
    return select(new_assessment.c.checkin_id, new_assessment.c.id).add_cte(audit_row)


_INSERT_CHECKIN_ASSESSMENT_AND_AUDIT = DirectStatement(_insert_checkin_assessment_and_audit())
# What assessing and storing a check-in reads of the patient and their clinic, as plain
# values (loading ORM objects costs more than the query). On PostgreSQL it locks the
# patient's row, so check-ins of one patient take turns there as all writers do on
# SQLite; the lock lets other rows' foreign keys to the patient through.
_patients = tables.Patient.__table__
_clinics = tables.Clinic.__table__


class _PatientAndClinic(NamedTuple):
    """A row of `_PATIENT_AND_CLINIC` (checked below to name its columns in order)."""

    id: int
    clinic_id: int
    procedure: str
    surgery_date: date
    levels: list[str]
    durotomy: bool | None
    birth_year: int | None
    conditions: list[str]
    nsaid_restricted_until: date | None
    clinic_emergency_number: str
    clinic_time_zone: str


_patient_and_clinic = (
    select(
        _patients.c.id,
        _patients.c.clinic_id,
        _patients.c.procedure,
        _patients.c.surgery_date,
        _patients.c.levels,
        _patients.c.durotomy,
        _patients.c.birth_year,
        _patients.c.conditions,
        _patients.c.nsaid_restricted_until,
        _clinics.c.emergency_number.label("clinic_emergency_number"),
        _clinics.c.time_zone.label("clinic_time_zone"),
    )
    .join(_clinics, _clinics.c.id == _patients.c.clinic_id)
    .where(_patients.c.id == bindparam("patient_id"))
    .with_for_update(of=_patients, key_share=True)
)
assert _PatientAndClinic._fields == tuple(c.key for c in _patient_and_clinic.selected_columns), (
    "_PatientAndClinic must name the selected columns in their order"
)
_PATIENT_AND_CLINIC = DirectStatement(_patient_and_clinic)
# A check-in sent from the check-in page always carries an Idempotency-Key.
_receipts = tables.Base.metadata.tables["idempotency_keys"]
_EARLIER_RECEIPT = DirectStatement(
    select(_receipts.c.request_hash, _receipts.c.response).where(
        _receipts.c.user_id == bindparam("user_id"), _receipts.c.key == bindparam("key")
    )
)
_INSERT_RECEIPT = DirectStatement(
    insert(_receipts), keys=[c.name for c in _receipts.columns if not c.primary_key]
)


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the patient's device is told once a check-in is stored."""

    checkin_id: int
    body: dict[str, Any]

    @property
    def level(self) -> str:
        return str(self.body["assessment"]["level"])


def submit_checkin(
    sessions: sessionmaker[Session],
    *,
    patient_id: int,
    user_id: int,
    body: bytes,
    now: datetime,
    settings: Settings,
    idempotency_key: str | None = None,
) -> Receipt:
    """Store a check-in with its assessment, any alert and its notifications, or nothing.

    Raises `InputError` for a bad check-in (nothing is stored), `NotFound` for an
    unknown patient, and `IdempotencyConflict` when the key was used for another body.
    The same key with the same body returns the first receipt and stores nothing more.
    """
    digest = hashlib.sha256(body).hexdigest()
    try:
        # One write transaction reads the patient and their history, assesses and
        # stores. Check-ins of one patient take turns (SQLite: every writer does, see
        # `Sessions`; PostgreSQL: on the patient's row), so each is assessed with every
        # check-in stored before it: a run of bad days is never split between two
        # check-ins that cannot see each other. Reading first, outside the turn, was
        # also measured slower under load on SQLite (bench/README.md).
        with sessions.begin() as session:
            earlier = _earlier_receipt(session, user_id, idempotency_key, digest)
            if earlier is not None:
                return earlier
            assessed = _assess(
                session, patient_id=patient_id, body=body, now=now, settings=settings
            )
            receipt = _store(session, assessed, user_id=user_id, now=now, settings=settings)
            if idempotency_key is not None:
                _INSERT_RECEIPT.execute(
                    session.connection(),
                    {
                        "user_id": user_id,
                        "key": idempotency_key,
                        "request_hash": digest,
                        "status_code": 201,
                        "response": {"checkin_id": receipt.checkin_id, "body": receipt.body},
                        "created_at": now,
                    },
                )
            return receipt
    except IntegrityError:
        # Two requests raced with one key: the other committed first; answer as it did.
        if idempotency_key is None:
            raise
        with sessions() as session:
            earlier = _earlier_receipt(session, user_id, idempotency_key, digest)
        if earlier is None:
            raise
        return earlier


def _earlier_receipt(
    session: Session, user_id: int, key: str | None, digest: str
) -> Receipt | None:
    if key is None:
        return None
    found = _EARLIER_RECEIPT.rows(session.connection(), {"user_id": user_id, "key": key})
    if not found:
        return None
    ((request_hash, response),) = found
    if request_hash != digest:
        raise IdempotencyConflict(key)
    return Receipt(checkin_id=response["checkin_id"], body=response["body"])


@dataclass(frozen=True, slots=True)
class _Clinic:
    """What storing a check-in needs to know of the patient's clinic."""

    id: int
    time_zone: str


@dataclass(frozen=True, slots=True)
class _Assessed:
    """A validated, assessed check-in, ready to be stored."""

    patient_id: int
    clinic: _Clinic
    checkin: CheckIn
    answers: dict[str, Any]
    result: Assessment


def _assess(
    session: Session, *, patient_id: int, body: bytes, now: datetime, settings: Settings
) -> _Assessed:
    rows = _PATIENT_AND_CLINIC.rows(session.connection(), {"patient_id": patient_id})
    if not rows:
        raise NotFound(f"patient {patient_id}")
    found = _PatientAndClinic(*rows[0])
    checkin, answers = read_checkin(body, now=now, surgery_date=found.surgery_date)
    history = history_since(
        session, patient_id, checkin.recorded_at - timedelta(days=settings.history_days)
    )
    patient = patient_to_core(found)
    result = assess(
        AssessmentRequest(patient=patient, checkin=checkin, history=history),
        thresholds=settings.thresholds(),
        emergency_number=found.clinic_emergency_number,
    )
    return _Assessed(
        patient_id=found.id,
        clinic=_Clinic(id=found.clinic_id, time_zone=found.clinic_time_zone),
        checkin=checkin,
        answers=answers,
        result=result,
    )


def _store(
    session: Session, assessed: _Assessed, *, user_id: int, now: datetime, settings: Settings
) -> Receipt:
    checkin, result = assessed.checkin, assessed.result
    patient_id = assessed.patient_id
    wire = assessment_json(result)
    offset = checkin.recorded_at.utcoffset() or timedelta()
    checkin_id, assessment_id = _insert_checkin(
        session,
        checkin_row={
            "patient_id": patient_id,
            "recorded_at": checkin.recorded_at,
            "utc_offset_minutes": int(offset.total_seconds() // 60),
            "received_at": now,
            "answers": assessed.answers,
            "leg_pain": checkin.leg_pain,
            "back_pain": checkin.back_pain,
            "temperature_value": checkin.temperature.value if checkin.temperature else None,
            "temperature_unit": checkin.temperature.unit.value if checkin.temperature else None,
            "medications": assessed.answers.get("medications"),
        },
        assessment_row={
            "level": result.level.value,
            "complete": result.complete,
            "result": wire,
            "engine_version": __version__,
            "rules_version": result.rules_version,
        },
        user_id=user_id,
    )
    _raise_for_care_team(
        session,
        clinic=assessed.clinic,
        patient_id=patient_id,
        assessment_id=assessment_id,
        result=result,
        now=now,
        settings=settings,
    )
    return Receipt(
        checkin_id=checkin_id,
        body={"id": checkin_id, "recorded_at": checkin.recorded_at.isoformat(), "assessment": wire},
    )


def _insert_checkin(
    session: Session,
    *,
    checkin_row: dict[str, Any],
    assessment_row: dict[str, Any],
    user_id: int,
) -> tuple[int, int]:
    """Store the check-in, its assessment and the audit row of its creation; their ids.

    The assessment and the audit row are dated when the check-in was received.
    """
    # On the session's connection (its transaction): every check-in passes here, and the
    # ORM's unit of work costs more than the statements themselves.
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        params = {f"checkin_{name}": value for name, value in checkin_row.items()}
        params.update({f"assessment_{name}": value for name, value in assessment_row.items()})
        params["audit_user_id"] = user_id
        ((checkin_id, assessment_id),) = _INSERT_CHECKIN_ASSESSMENT_AND_AUDIT.rows(
            connection, params
        )
        return checkin_id, assessment_id
    received_at = checkin_row["received_at"]
    checkin_id = _INSERT_CHECKIN.insert(connection, checkin_row)
    assessment_id = _INSERT_ASSESSMENT.insert(
        connection, {"checkin_id": checkin_id, "created_at": received_at, **assessment_row}
    )
    audit.record(
        session,
        at=received_at,
        user_id=user_id,
        action=_AUDIT_ACTION,
        resource=_AUDIT_RESOURCE,
        resource_id=str(checkin_id),
        patient_ids=[checkin_row["patient_id"]],
    )
    return checkin_id, assessment_id


def _raise_for_care_team(
    session: Session,
    *,
    clinic: _Clinic,
    patient_id: int,
    assessment_id: int,
    result: Assessment,
    now: datetime,
    settings: Settings,
) -> None:
    """An alert with its notifications for same_day and emergency; a worklist item for soon."""
    if result.level in _ALERT_LEVELS:
        alert = tables.Alert(
            clinic_id=clinic.id,
            patient_id=patient_id,
            assessment_id=assessment_id,
            level=result.level.value,
            status="open",
            created_at=now,
            due_by=now + settings.acknowledge_within(result.level.value),
        )
        session.add(alert)
        session.flush()
        _enqueue_alert_notifications(session, clinic, alert, result, now)
    elif result.level is Level.SOON:
        rules = _not_yet_under_review(session, patient_id, result)
        if rules:
            session.add(
                tables.WorklistItem(
                    clinic_id=clinic.id,
                    patient_id=patient_id,
                    assessment_id=assessment_id,
                    kind="checkin_review",
                    reason="; ".join(rules),
                    status="open",
                    created_at=now,
                    due_by=add_working_days(
                        now, settings.soon_review_working_days, clinic.time_zone
                    ),
                )
            )


def _not_yet_under_review(session: Session, patient_id: int, result: Assessment) -> list[str]:
    """The `soon` findings of `result` with no open review item of this patient yet.

    A finding that holds day after day (a medicine taken with kidney disease) is reviewed
    once, not once per check-in; once its item is closed, the next check-in that finds it
    opens a new one. Routine notes never open an item.
    """
    open_reasons = session.scalars(
        select(tables.WorklistItem.reason).where(
            tables.WorklistItem.patient_id == patient_id,
            tables.WorklistItem.kind == "checkin_review",
            tables.WorklistItem.status == "open",
        )
    )
    under_review = {rule for reason in open_reasons for rule in reason.split("; ")}
    soon = (f.rule for f in result.findings if f.level is Level.SOON)
    return [rule for rule in dict.fromkeys(soon) if rule not in under_review]


def _enqueue_alert_notifications(
    session: Session,
    clinic: _Clinic,
    alert: tables.Alert,
    result: Assessment,
    now: datetime,
) -> None:
    """One outbox message per first-tier contact; delivered by the worker, at least once.

    Messages carry ids, levels and rule ids, not the patient's name or answers: the
    clinician reads those in Rootwise after logging in.
    """
    contacts = session.scalars(
        select(tables.NotificationContact).where(
            tables.NotificationContact.clinic_id == clinic.id,
            tables.NotificationContact.tier == 0,
        )
    )
    level = result.level.value.replace("_", " ")
    for contact in contacts:
        session.add(
            tables.OutboxMessage(
                clinic_id=clinic.id,
                alert_id=alert.id,
                channel=contact.channel,
                recipient=contact.address,
                subject=f"Rootwise {level} alert {alert.id}: acknowledge by "
                f"{alert.due_by:%H:%M} UTC",
                body={
                    "alert_id": alert.id,
                    "patient_id": alert.patient_id,
                    "level": alert.level,
                    "due_by": alert.due_by.isoformat(),
                    "rules": [f.rule for f in result.findings],
                },
                idempotency_key=f"alert-{alert.id}-contact-{contact.id}-tier-0",
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
