"""Setting up clinics, staff and patients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from rootwise.services.accounts import hash_password, normalized_email
from rootwise.store import tables


@dataclass(frozen=True, slots=True)
class ClinicDetails:
    name: str
    phone: str
    on_call_phone: str
    emergency_number: str = "911"
    time_zone: str = "America/New_York"


@dataclass(frozen=True, slots=True)
class PatientDetails:
    display_name: str
    procedure: str
    surgery_date: date
    levels: tuple[str, ...] = ()
    durotomy: bool | None = None
    conditions: tuple[str, ...] = ()
    birth_year: int | None = None
    nsaid_restricted_until: date | None = None
    time_zone: str = "America/New_York"
    language: str = "en"


def create_clinic(session: Session, details: ClinicDetails, *, now: datetime) -> tables.Clinic:
    clinic = tables.Clinic(
        name=details.name,
        phone=details.phone,
        on_call_phone=details.on_call_phone,
        emergency_number=details.emergency_number,
        time_zone=details.time_zone,
        created_at=now,
    )
    session.add(clinic)
    session.flush()
    return clinic


def create_user(
    session: Session,
    *,
    clinic_id: int,
    email: str,
    password: str,
    role: str,
    display_name: str,
    now: datetime,
) -> tables.User:
    user = tables.User(
        clinic_id=clinic_id,
        email=normalized_email(email),
        password_hash=hash_password(password),
        role=role,
        display_name=display_name,
        is_active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def enrol_patient(
    session: Session,
    *,
    clinic_id: int,
    details: PatientDetails,
    now: datetime,
    user_id: int | None = None,
) -> tables.Patient:
    """Add a patient to a clinic, optionally linked to their log-in."""
    patient = tables.Patient(
        clinic_id=clinic_id,
        user_id=user_id,
        display_name=details.display_name,
        birth_year=details.birth_year,
        procedure=details.procedure,
        surgery_date=details.surgery_date,
        levels=list(details.levels),
        durotomy=details.durotomy,
        conditions=list(details.conditions),
        nsaid_restricted_until=details.nsaid_restricted_until,
        time_zone=details.time_zone,
        language=details.language,
        created_at=now,
    )
    session.add(patient)
    session.flush()
    return patient


def add_contact(
    session: Session, *, clinic_id: int, name: str, channel: str, address: str, tier: int = 0
) -> tables.NotificationContact:
    contact = tables.NotificationContact(
        clinic_id=clinic_id, name=name, channel=channel, address=address, tier=tier
    )
    session.add(contact)
    session.flush()
    return contact
