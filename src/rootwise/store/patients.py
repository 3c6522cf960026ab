"""Patients as the clinical core sees them."""

from __future__ import annotations

from rootwise.clinical import model
from rootwise.store import tables


def patient_to_core(row: tables.Patient) -> model.Patient:
    """The clinical context of a stored patient."""
    return model.Patient(
        surgery=model.Surgery(
            procedure=model.Procedure(row.procedure),
            date=row.surgery_date,
            levels=tuple(row.levels),
            durotomy=row.durotomy,
        ),
        birth_year=row.birth_year,
        conditions=frozenset(model.Condition(c) for c in row.conditions),
        nsaid_restricted_until=row.nsaid_restricted_until,
    )
