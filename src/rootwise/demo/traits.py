"""What stays the same for a demo patient across check-ins, drawn once from a fixed seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from rootwise.clinical.model import Condition, MedicationClass, Procedure, Side
from rootwise.demo.cohort import Event, Persona

_DEVICES = {Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR}
# After fusion many surgeons keep NSAIDs off for about three months (clinical README 4).
NSAID_RESTRICTION_DAYS = 90


@dataclass(frozen=True, slots=True)
class Medicine:
    """A medicine at the dose a patient takes it."""

    name: str
    drug_class: MedicationClass
    dose_mg: int
    doses_per_day: int

    def json(self) -> dict[str, Any]:
        """The medication as a check-in lists it."""
        return {
            "name": self.name,
            "class": self.drug_class.value,
            "dose_mg": self.dose_mg,
            "doses_per_day": self.doses_per_day,
        }


GABAPENTIN = Medicine("gabapentin", MedicationClass.GABAPENTINOID, 300, 3)
PREGABALIN = Medicine("pregabalin", MedicationClass.GABAPENTINOID, 75, 2)
IBUPROFEN = Medicine("ibuprofen", MedicationClass.NSAID, 400, 3)
NAPROXEN = Medicine("naproxen", MedicationClass.NSAID, 500, 2)
OXYCODONE = Medicine("oxycodone", MedicationClass.OPIOID, 5, 4)
TRAMADOL = Medicine("tramadol", MedicationClass.OPIOID, 50, 3)
ACETAMINOPHEN = Medicine("acetaminophen", MedicationClass.ACETAMINOPHEN, 1000, 3)
METHOCARBAMOL = Medicine("methocarbamol", MedicationClass.MUSCLE_RELAXANT, 750, 3)


@dataclass(frozen=True, slots=True)
class Traits:
    """A patient's fixed habits and plan. Medicine courses are in days after surgery."""

    birth_year: int
    preop_leg: int
    preop_back: int
    side: Side
    numb_before: bool
    weak_before: bool
    minutes_before_now: int
    fahrenheit: bool
    opioid: Medicine
    opioid_days: int
    acetaminophen_days: int
    nsaid: Medicine | None
    nsaid_days: int
    gabapentinoid: Medicine | None
    gabapentinoid_days: int
    muscle_relaxant_days: int
    uses_tens: bool
    constipation_prone: bool


def draw_traits(persona: Persona, rng: random.Random) -> Traits:
    """Draw `persona`'s traits; the same rng state always gives the same traits."""
    fusion = persona.procedure is Procedure.FUSION
    # The gabapentinoid is part of the scripted dizziness, so that patient always takes one.
    gabapentinoid = rng.choice((GABAPENTIN, GABAPENTIN, PREGABALIN, None, None))
    if persona.event is Event.DIZZINESS:
        gabapentinoid = PREGABALIN
    return Traits(
        birth_year=rng.randint(1948, 1992),
        # At most 8, which the leg-pain curves rely on to keep unscripted days below 8.
        preop_leg=rng.randint(6, 8),
        preop_back=rng.randint(3, 7),
        side=rng.choice((Side.LEFT, Side.LEFT, Side.RIGHT, Side.RIGHT, Side.BOTH)),
        # Whoever reports numbness as new today cannot have had it since before surgery.
        numb_before=persona.event is not Event.NEW_NUMBNESS and rng.random() < 0.5,
        weak_before=rng.random() < 0.2,
        minutes_before_now=rng.randint(30, 540),
        fahrenheit=rng.random() < 0.5,
        opioid=rng.choice((OXYCODONE, OXYCODONE, TRAMADOL)),
        opioid_days=rng.randint(7, 12) if fusion else rng.randint(2, 6),
        acetaminophen_days=rng.randint(14, 35),
        nsaid=rng.choice((IBUPROFEN, NAPROXEN, None)),
        nsaid_days=rng.randint(5, 21),
        gabapentinoid=gabapentinoid,
        gabapentinoid_days=rng.choice((42, 60, 90, 365)),
        muscle_relaxant_days=rng.choice((0, 0, 0, 7, 10)),
        # Never with an implanted device: that is a finding of its own, not scripted here.
        uses_tens=rng.random() < 0.25 and not _DEVICES & set(persona.conditions),
        constipation_prone=rng.random() < 0.4,
    )
