"""Log-in: who someone is, checked against an argon2 password hash."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services.errors import NotFound
from rootwise.store import tables

_HASHER = PasswordHasher()
# Verified when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DECOY_HASH = _HASHER.hash("rootwise-decoy-password")


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user, as every route's access check needs it."""

    user_id: int
    role: str
    clinic_id: int
    patient_id: int | None
    display_name: str

    @property
    def is_clinical_staff(self) -> bool:
        return self.role in ("clinician", "admin")

    def own_patient_id(self) -> int:
        """The patient record of a signed-in patient; NotFound for anyone else."""
        if self.role != "patient" or self.patient_id is None:
            raise NotFound("patient")
        return self.patient_id


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def normalized_email(email: str) -> str:
    """An e-mail address as accounts are stored and matched: trimmed, in lower case."""
    return email.strip().lower()


def authenticate(sessions: sessionmaker[Session], email: str, password: str) -> Principal | None:
    """The active user with this e-mail and password, or None."""
    with sessions() as session:
        address = normalized_email(email)
        # No stored address holds U+0000, and PostgreSQL would refuse the query.
        user = (
            None
            if "\x00" in address
            else session.scalar(select(tables.User).where(tables.User.email == address))
        )
        try:
            _HASHER.verify(user.password_hash if user else _DECOY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.is_active:
            return None
        patient_id = session.scalar(
            select(tables.Patient.id).where(tables.Patient.user_id == user.id)
        )
        return Principal(
            user_id=user.id,
            role=user.role,
            clinic_id=user.clinic_id,
            patient_id=patient_id,
            display_name=user.display_name,
        )
