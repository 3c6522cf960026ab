"""Stored check-ins, read back as core values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from rootwise.clinical.model import CheckIn
from rootwise.contract.request import load_checkin
from rootwise.store import tables


def checkins_since(session: Session, patient_id: int, since: datetime) -> tuple[CheckIn, ...]:
    """The patient's check-ins recorded at or after `since`, oldest first."""
    # The stored JSON as text, parsed once by the contract's validator.
    answers = session.scalars(
        select(cast(tables.CheckIn.answers, Text))
        .where(tables.CheckIn.patient_id == patient_id, tables.CheckIn.recorded_at >= since)
        .order_by(tables.CheckIn.recorded_at)
    )
    return tuple(load_checkin(text) for text in answers)
