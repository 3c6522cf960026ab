"""Stored check-ins, read back as core values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rootwise.clinical.model import (
    CheckIn,
    Medication,
    MedicationClass,
    Temperature,
    TemperatureUnit,
)
from rootwise.store import tables
from rootwise.store.types import in_offset


def history_since(session: Session, patient_id: int, since: datetime) -> tuple[CheckIn, ...]:
    """The patient's check-ins from `since` on, oldest first, as history for the rules.

    Each holds only `clinical.history.HISTORY_FIELDS`, read from columns: a year of
    daily check-ins loads without parsing a single stored answer.
    """
    rows = session.execute(
        select(
            tables.CheckIn.recorded_at,
            tables.CheckIn.utc_offset_minutes,
            tables.CheckIn.leg_pain,
            tables.CheckIn.temperature_value,
            tables.CheckIn.temperature_unit,
            tables.CheckIn.medications,
        )
        .where(tables.CheckIn.patient_id == patient_id, tables.CheckIn.recorded_at >= since)
        .order_by(tables.CheckIn.recorded_at)
    )
    return tuple(
        CheckIn(
            # In the patient's own offset, so calendar days are the ones they lived.
            recorded_at=in_offset(at, offset),
            leg_pain=leg_pain,
            temperature=(
                Temperature(value, TemperatureUnit(unit))
                if value is not None and unit is not None
                else None
            ),
            medications=None if listed is None else tuple(_medication(m) for m in listed),
        )
        for at, offset, leg_pain, value, unit, listed in rows
    )


def _medication(listed: dict[str, Any]) -> Medication:
    """A medicine as stored in its wire form (already validated when it was received)."""
    return Medication(
        name=listed["name"],
        drug_class=MedicationClass(listed["class"]),
        dose_mg=listed.get("dose_mg"),
        doses_per_day=listed.get("doses_per_day"),
    )
