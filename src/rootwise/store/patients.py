"""Patients as the clinical core sees them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from rootwise.clinical import model


class StoredPatient(Protocol):
    """What the clinical context is made of: a `tables.Patient`, or a row of its columns."""

    @property
    def procedure(self) -> str: ...
    @property
    def surgery_date(self) -> date: ...
    @property
    def levels(self) -> Iterable[str]: ...
    @property
    def durotomy(self) -> bool | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def conditions(self) -> Iterable[str]: ...
    @property
    def nsaid_restricted_until(self) -> date | None: ...


def patient_to_core(row: StoredPatient) -> model.Patient:
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
