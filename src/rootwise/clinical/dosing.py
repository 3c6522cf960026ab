"""Gabapentinoid daily doses against the labelled ranges, by kidney function [LABEL].

Check-ins give a medicine's class, its name as the patient typed it, and optionally the
dose per intake and intakes per day. Gabapentin and pregabalin are told apart by name
(generic or brand, any case). Extended-release forms (gabapentin enacarbil, once-daily
gabapentin, pregabalin CR) have ranges of their own and are not recognised, so nothing
is compared against the wrong range: they count as unidentified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rootwise.clinical.model import Medication, MedicationClass


@dataclass(frozen=True, slots=True)
class Band:
    """The usual daily range for one band of creatinine clearance (mL/min)."""

    crcl: str
    low_mg: int
    high_mg: int


@dataclass(frozen=True, slots=True)
class Drug:
    name: str
    brands: tuple[str, ...]
    # From normal kidney function down to the lowest clearance.
    bands: tuple[Band, ...]

    @property
    def max_daily_mg(self) -> int:
        return self.bands[0].high_mg

    def ranges(self) -> str:
        """The bands in one line, for a clinician note."""
        listed = ", ".join(f"{b.crcl}: {b.low_mg}-{b.high_mg}" for b in self.bands)
        return f"{self.name} mg/day by CrCl {listed}"


GABAPENTIN = Drug(
    "gabapentin",
    ("neurontin",),
    (
        Band("≥ 60", 900, 3600),
        Band("30-59", 400, 1400),
        Band("15-29", 200, 700),
        Band("< 15", 100, 300),
    ),
)
PREGABALIN = Drug(
    "pregabalin",
    ("lyrica",),
    (Band("≥ 60", 150, 600), Band("30-60", 75, 300), Band("15-30", 25, 150), Band("< 15", 25, 75)),
)
DRUGS = (GABAPENTIN, PREGABALIN)
# Above this no immediate-release gabapentinoid is within its labelled range.
HIGHEST_MAX_MG = max(d.max_daily_mg for d in DRUGS)

_EXTENDED_RELEASE = frozenset(
    {"enacarbil", "horizant", "gralise", "cr", "er", "xr", "sr", "mr", "xl", "extended",
     "modified", "prolonged", "sustained", "once"}
)  # fmt: skip


def identify(name: str) -> Drug | None:
    """Gabapentin or pregabalin (immediate release) from a medicine's name, else None."""
    lowered = name.lower()
    if _EXTENDED_RELEASE & set(re.findall(r"[a-z]+", lowered)):
        return None
    found = [d for d in DRUGS if any(n in lowered for n in (d.name, *d.brands))]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class DailyDose:
    """What is known of one gabapentinoid's daily dose across the medicines listed."""

    drug: Drug | None
    names: tuple[str, ...]
    known_mg: float
    complete: bool  # every entry gave both the dose and the intakes per day

    @property
    def label(self) -> str:
        return self.drug.name if self.drug else "unidentified gabapentinoid"

    @property
    def amount(self) -> str:
        """'900 mg/day', 'at least 900 mg/day', or 'dose not reported'."""
        if self.known_mg == 0 and not self.complete:
            return "dose not reported"
        mg = f"{self.known_mg:g} mg/day"
        return mg if self.complete else f"at least {mg}"

    def above(self, limit: float) -> bool:
        """Known to exceed `limit` mg/day: a partial sum above it already does."""
        return self.known_mg > limit


def daily_doses(medications: Iterable[Medication]) -> tuple[DailyDose, ...]:
    """One daily dose per gabapentinoid listed (entries of the same drug added up)."""
    grouped: dict[str, list[Medication]] = {}
    for m in medications:
        if m.drug_class is MedicationClass.GABAPENTINOID:
            drug = identify(m.name)
            # Unidentified entries stay apart: they may be different drugs.
            key = drug.name if drug else f"?{len(grouped)}"
            grouped.setdefault(key, []).append(m)
    doses = []
    for entries in grouped.values():
        known = [mg for m in entries if (mg := _daily_mg(m)) is not None]
        doses.append(
            DailyDose(
                drug=identify(entries[0].name),
                names=tuple(m.name for m in entries),
                known_mg=sum(known, 0.0),
                complete=len(known) == len(entries),
            )
        )
    return tuple(doses)


def _daily_mg(m: Medication) -> float | None:
    if m.dose_mg is None or m.doses_per_day is None:
        return None
    return m.dose_mg * m.doses_per_day


def kidney_comparison(dose: DailyDose) -> str:
    """How a daily dose sits against each kidney-function band of its drug, for the note."""
    if dose.drug is None:
        return (
            f"{', '.join(dose.names)} ({dose.amount}): not identified as gabapentin or "
            "pregabalin (or an extended-release form with its own ranges); check its label."
        )
    if not dose.complete and dose.known_mg == 0:
        return f"{dose.label}: dose not reported, so it cannot be compared with the ranges."
    over = [b for b in dose.drug.bands if dose.above(b.high_mg)]
    within = [b for b in dose.drug.bands if b.low_mg <= dose.known_mg <= b.high_mg]
    parts = [f"{dose.label} {dose.amount}:"]
    if over:
        parts.append(
            "above the usual maximum for CrCl "
            + ", ".join(f"{b.crcl} ({b.high_mg})" for b in over)
            + ";"
        )
    if within:
        parts.append("within the range for CrCl " + ", ".join(b.crcl for b in within) + ";")
    if not over:
        parts.append("not above the maximum of any band, the lowest (CrCl < 15) included;")
    return " ".join(parts).rstrip(";") + "."
