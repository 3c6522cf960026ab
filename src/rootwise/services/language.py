"""The language a patient reads their pages in, and what every page needs to know about
who is looking: their clinic's numbers and that language, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.services.patient_pages import ClinicContacts
from rootwise.store import tables

# The languages the patient pages are translated into (`rootwise.web.i18n`).
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class PageDetails:
    """The clinic's numbers for the page header, and the language to write the page in."""

    contacts: ClinicContacts
    language: str


def page_details(sessions: sessionmaker[Session], who: Principal) -> PageDetails:
    """The clinic's numbers, and for a patient their language; NotFound without a clinic.

    One query: it runs on every page a signed-in person opens.
    """
    columns = (
        tables.Clinic.name,
        tables.Clinic.phone,
        tables.Clinic.on_call_phone,
        tables.Clinic.emergency_number,
    )
    patient = who.role == "patient" and who.patient_id is not None
    query = (
        select(*columns, tables.Patient.language).outerjoin(
            tables.Patient,
            (tables.Patient.id == who.patient_id) & (tables.Patient.clinic_id == tables.Clinic.id),
        )
        if patient
        # The care team's pages are in English only: no language to look up.
        else select(*columns, literal(None))
    ).where(tables.Clinic.id == who.clinic_id)
    with sessions() as session:
        row = session.execute(query).one_or_none()
    if row is None:
        raise NotFound(f"clinic {who.clinic_id}")
    name, phone, on_call_phone, emergency_number, language = row
    return PageDetails(
        contacts=ClinicContacts(
            name=name,
            phone=phone,
            on_call_phone=on_call_phone,
            emergency_number=emergency_number,
        ),
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
    )


def set_language(
    sessions: sessionmaker[Session], who: Principal, language: str, *, now: datetime
) -> None:
    """Store the signed-in patient's choice of language, with an audit entry.

    Raises ValueError for a language the pages are not translated into.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        patient = session.get(tables.Patient, patient_id)
        if patient is None:
            raise NotFound("patient")
        patient.language = language
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="update",
            resource="language",
            resource_id=language,
            patient_ids=[patient_id],
        )
