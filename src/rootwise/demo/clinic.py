"""The demo clinic and its staff. The only code that ever sets the demo password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from rootwise.services.accounts import Principal
from rootwise.services.enrolment import ClinicDetails, add_contact, create_clinic, create_user

# The clinic's name is what marks a database as a demo (spec/api.md: the demo log-ins are
# valid only in a demo database); `rootwise serve --demo` looks for it.
DEMO_CLINIC = ClinicDetails(
    name="Rootwise Demo Spine Clinic",
    # 555-01xx numbers are reserved for fiction in North America.
    phone="+1 212 555 0142",
    on_call_phone="+1 212 555 0199",
    emergency_number="911",
    time_zone="America/New_York",
)
DEMO_PASSWORD = "demo-password"


@dataclass(frozen=True, slots=True)
class Login:
    """A demo log-in; every one has the demo password."""

    role: str
    email: str
    display_name: str


PATIENT_LOGIN = Login("patient", "patient@demo.rootwise.org", "Jordan Demo")
CLINICIAN_LOGIN = Login("clinician", "clinician@demo.rootwise.org", "Dr Sam Demo")
ADMIN_LOGIN = Login("admin", "admin@demo.rootwise.org", "Alex Demo")
DEMO_LOGINS = (PATIENT_LOGIN, CLINICIAN_LOGIN, ADMIN_LOGIN)


@dataclass(frozen=True, slots=True)
class Staff:
    """The ids the loader needs once the clinic and its people exist."""

    clinic_id: int
    patient_user_id: int
    clinician: Principal
    # Signs the synthetic patients' check-ins in the audit log; it cannot log in.
    loader_user_id: int


def open_demo_clinic(session: Session, *, now: datetime) -> Staff:
    """Create the demo clinic, its three log-ins, the loader account and alert contacts."""
    clinic = create_clinic(session, DEMO_CLINIC, now=now)
    users = {
        login.role: create_user(
            session,
            clinic_id=clinic.id,
            email=login.email,
            password=DEMO_PASSWORD,
            role=login.role,
            display_name=login.display_name,
            now=now,
        )
        for login in DEMO_LOGINS
    }
    # The synthetic patients have no log-ins of their own (40 argon2 hashes would double
    # the load time); their check-ins are recorded as entered by this inactive account,
    # which is what happened.
    loader = create_user(
        session,
        clinic_id=clinic.id,
        email="demo-loader@demo.rootwise.org",
        password=secrets.token_urlsafe(32),
        role="admin",
        display_name="Demo data loader (not a person)",
        now=now,
    )
    loader.is_active = False
    # Reserved .invalid addresses: nothing the demo raises can reach a real inbox or URL.
    add_contact(
        session,
        clinic_id=clinic.id,
        name="Spine team on call (demo)",
        channel="email",
        address="spine-on-call@demo-clinic.invalid",
    )
    add_contact(
        session,
        clinic_id=clinic.id,
        name="On-call pager gateway (demo)",
        channel="webhook",
        address="https://pager.demo-clinic.invalid/rootwise",
    )
    add_contact(
        session,
        clinic_id=clinic.id,
        name="Lead spine surgeon (demo)",
        channel="email",
        address="spine-lead@demo-clinic.invalid",
        tier=1,
    )
    clinician = users[CLINICIAN_LOGIN.role]
    return Staff(
        clinic_id=clinic.id,
        patient_user_id=users[PATIENT_LOGIN.role].id,
        clinician=Principal(
            user_id=clinician.id,
            role=clinician.role,
            clinic_id=clinic.id,
            patient_id=None,
            display_name=clinician.display_name,
        ),
        loader_user_id=loader.id,
    )
