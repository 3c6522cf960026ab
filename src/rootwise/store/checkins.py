"""Stored check-ins, read back as core values."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.orm import Session

from rootwise.clinical.model import (
    Medication,
    MedicationClass,
    PastCheckIn,
    Temperature,
    TemperatureUnit,
)
from rootwise.store import tables
from rootwise.store.direct import DirectStatement
from rootwise.store.types import in_offset

# Every check-in reads its history: built once, run on the driver (`store.direct`). The
# medicines come as the JSON text they are stored as: a patient lists the same ones day
# after day, and each distinct list is then parsed once per history rather than once
# per day.
_checkins = tables.CheckIn.__table__
_HISTORY = DirectStatement(
    select(
        _checkins.c.recorded_at,
        _checkins.c.utc_offset_minutes,
        _checkins.c.leg_pain,
        _checkins.c.temperature_value,
        _checkins.c.temperature_unit,
        cast(_checkins.c.medications, Text).label("medications"),
    )
    .where(
        _checkins.c.patient_id == bindparam("patient_id"),
        _checkins.c.recorded_at >= bindparam("since"),
    )
    .order_by(_checkins.c.recorded_at)
)


def history_since(session: Session, patient_id: int, since: datetime) -> tuple[PastCheckIn, ...]:
    """The patient's check-ins from `since` on, oldest first, as history for the rules.

    Each holds only `clinical.history.HISTORY_FIELDS`, read from columns: a year of
    daily check-ins loads without parsing a single stored answer.
    """
    rows = _HISTORY.rows(session.connection(), {"patient_id": patient_id, "since": since})
    # Values are immutable: days with the same temperature or medicines share them.
    temperatures: dict[tuple[float, str], Temperature] = {}
    medicines: dict[str, tuple[Medication, ...] | None] = {}
    history = []
    for at, offset, leg_pain, value, unit, listed in rows:
        temperature = None
        if value is not None and unit is not None:
            temperature = temperatures.get((value, unit))
            if temperature is None:
                temperature = temperatures[value, unit] = Temperature(value, TemperatureUnit(unit))
        medications = None
        if listed is not None:
            if listed not in medicines:
                medicines[listed] = _medications(listed)
            medications = medicines[listed]
        history.append(
            PastCheckIn(
                # In the patient's own offset, so calendar days are the ones they lived.
                recorded_at=in_offset(at, offset),
                leg_pain=leg_pain,
                temperature=temperature,
                medications=medications,
            )
        )
    return tuple(history)


def _medications(stored: str) -> tuple[Medication, ...] | None:
    """The medicines of a check-in from their stored JSON (`null`: not answered).

    Rootwise's engines read JSON columns with `json.loads`, as this does.
    """
    listed: list[dict[str, Any]] | None = json.loads(stored)
    return None if listed is None else tuple(_medication(m) for m in listed)


def _medication(listed: dict[str, Any]) -> Medication:
    """A medicine as stored in its wire form (already validated when it was received)."""
    return Medication(
        name=listed["name"],
        drug_class=MedicationClass(listed["class"]),
        dose_mg=listed.get("dose_mg"),
        doses_per_day=listed.get("doses_per_day"),
    )
