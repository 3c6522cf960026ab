"""What a check-in and a patient's context look like inside the clinical core.

`None` always means "not answered", never "no". Enum values are the wire values of
`spec/assessment-request.schema.json`, so the edge converts by value alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeAlias


class Level(StrEnum):
    """Triage levels, lowest first. Compare them with `rank`, never as strings."""

    ROUTINE = "routine"
    SOON = "soon"
    SAME_DAY = "same_day"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER = (Level.ROUTINE, Level.SOON, Level.SAME_DAY, Level.EMERGENCY)


def highest(levels: list[Level]) -> Level:
    """The most urgent of `levels`; `routine` when there are none."""
    return max(levels, key=lambda level: level.rank, default=Level.ROUTINE)


class Procedure(StrEnum):
    DISCECTOMY = "discectomy"
    LAMINECTOMY = "laminectomy"
    LAMINOTOMY = "laminotomy"
    FORAMINOTOMY = "foraminotomy"
    FUSION = "fusion"
    DISC_REPLACEMENT = "disc_replacement"
    OTHER = "other"

    @property
    def leaves_implant(self) -> bool:
        """Implants extend the window for deep infection to about 90 days [NHSN]."""
        return self in (Procedure.FUSION, Procedure.DISC_REPLACEMENT)


class Condition(StrEnum):
    DIABETES = "diabetes"
    CHRONIC_KIDNEY_DISEASE = "chronic_kidney_disease"
    ANTICOAGULATED = "anticoagulated"
    GI_BLEED_HISTORY = "gi_bleed_history"
    SMOKER = "smoker"
    IMMUNOSUPPRESSED = "immunosuppressed"
    PACEMAKER = "pacemaker"
    IMPLANTED_STIMULATOR = "implanted_stimulator"
    PREGNANT = "pregnant"
    SLEEP_APNEA = "sleep_apnea"


class Side(StrEnum):
    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class PainQuality(StrEnum):
    BURNING = "burning"
    SHOOTING = "shooting"
    ELECTRIC = "electric"
    STABBING = "stabbing"
    TINGLING = "tingling"
    PINS_AND_NEEDLES = "pins_and_needles"
    NUMBNESS = "numbness"
    ACHING = "aching"
    CRAMPING = "cramping"
    COLD = "cold"


class Change(StrEnum):
    """A symptom compared with the last check-in; `unsure` exists only for weakness."""

    NONE = "none"
    UNCHANGED = "unchanged"
    NEW = "new"
    WORSE = "worse"
    BETTER = "better"
    UNSURE = "unsure"

    @property
    def is_new_or_worse(self) -> bool:
        return self in (Change.NEW, Change.WORSE)


class Onset(StrEnum):
    SUDDEN = "sudden"
    GRADUAL = "gradual"
    UNSURE = "unsure"


class Bladder(StrEnum):
    NORMAL = "normal"
    NEW_RETENTION = "new_retention"
    NEW_INCONTINENCE = "new_incontinence"
    NEW_REDUCED_SENSATION = "new_reduced_sensation"
    UNSURE = "unsure"

    @property
    def is_new_symptom(self) -> bool:
        return self not in (Bladder.NORMAL, Bladder.UNSURE)


class Bowel(StrEnum):
    NORMAL = "normal"
    NEW_INCONTINENCE = "new_incontinence"
    NEW_REDUCED_SENSATION = "new_reduced_sensation"
    UNSURE = "unsure"

    @property
    def is_new_symptom(self) -> bool:
        return self not in (Bowel.NORMAL, Bowel.UNSURE)


class Answer(StrEnum):
    NO = "no"
    YES = "yes"
    UNSURE = "unsure"


class WoundSign(StrEnum):
    REDNESS_SPREADING = "redness_spreading"
    WARMTH = "warmth"
    SWELLING = "swelling"
    DRAINAGE_CLEAR = "drainage_clear"
    DRAINAGE_PUS = "drainage_pus"
    BLEEDING = "bleeding"
    OPENING = "opening"


class MedicationClass(StrEnum):
    GABAPENTINOID = "gabapentinoid"
    NSAID = "nsaid"
    MUSCLE_RELAXANT = "muscle_relaxant"
    OPIOID = "opioid"
    ACETAMINOPHEN = "acetaminophen"
    SNRI = "snri"
    TRICYCLIC = "tricyclic"
    ORAL_STEROID = "oral_steroid"
    BENZODIAZEPINE = "benzodiazepine"
    OTHER = "other"


# Medicines that depress breathing or alertness, alone and more so together [FDA2019].
SEDATING_CLASSES = frozenset(
    {
        MedicationClass.OPIOID,
        MedicationClass.GABAPENTINOID,
        MedicationClass.BENZODIAZEPINE,
        MedicationClass.MUSCLE_RELAXANT,
    }
)


class SideEffect(StrEnum):
    DROWSINESS = "drowsiness"
    DIZZINESS = "dizziness"
    CONFUSION = "confusion"
    BREATHING_SLOW = "breathing_slow"
    CONSTIPATION = "constipation"
    NAUSEA = "nausea"
    SWELLING_LEGS = "swelling_legs"
    BLURRED_VISION = "blurred_vision"
    STOMACH_PAIN = "stomach_pain"
    BLACK_STOOLS = "black_stools"


class ModalityKind(StrEnum):
    ICE = "ice"
    HEAT = "heat"
    TENS = "tens"


class ExerciseKind(StrEnum):
    WALKING = "walking"
    NERVE_GLIDE = "nerve_glide"
    CORE_STABILIZATION = "core_stabilization"
    OTHER = "other"


class TemperatureUnit(StrEnum):
    CELSIUS = "C"
    FAHRENHEIT = "F"


_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Temperature:
    """A body temperature as the patient read it, in the unit they read it in."""

    value: float
    unit: TemperatureUnit

    @property
    def celsius(self) -> Decimal:
        """In °C to the 0.1 °C a thermometer shows, rounding half up.

        Decimal arithmetic makes a reading and its exact conversion land on the same
        tenth (100.9 °F -> 38.3 °C), so the unit never changes the triage.
        """
        reading = Decimal(repr(self.value))
        if self.unit is TemperatureUnit.FAHRENHEIT:
            reading = (reading - 32) * 5 / 9
        return reading.quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Medication:
    name: str
    drug_class: MedicationClass
    dose_mg: float | None = None
    doses_per_day: int | None = None


@dataclass(frozen=True, slots=True)
class Modality:
    kind: ModalityKind
    minutes: int | None = None
    relief: int | None = None


@dataclass(frozen=True, slots=True)
class Exercise:
    kind: ExerciseKind
    minutes: int | None = None


class _Dated:
    """What a check-in's time and medicines tell, whole or as history holds it."""

    __slots__ = ()
    recorded_at: datetime
    medications: tuple[Medication, ...] | None

    @property
    def local_date(self) -> date:
        """The calendar day in the patient's own offset, as they would name it."""
        return self.recorded_at.date()

    def medication_classes(self) -> frozenset[MedicationClass]:
        return frozenset(m.drug_class for m in self.medications or ())


@dataclass(frozen=True, slots=True)
class CheckIn(_Dated):
    """One daily check-in. Every answer is optional; `None` means not answered."""

    recorded_at: datetime
    leg_pain: int | None = None
    back_pain: int | None = None
    leg_pain_side: Side | None = None
    pain_qualities: frozenset[PainQuality] | None = None
    numbness: Change | None = None
    weakness: Change | None = None
    weakness_onset: Onset | None = None
    weakness_side: Side | None = None
    bladder: Bladder | None = None
    bowel: Bowel | None = None
    saddle_numbness: Answer | None = None
    temperature: Temperature | None = None
    chills: bool | None = None
    wound: frozenset[WoundSign] | None = None
    calf_pain_or_swelling: bool | None = None
    chest_pain_or_breathless: bool | None = None
    headache_when_upright: bool | None = None
    walking_minutes: int | None = None
    sleep_quality: int | None = None
    medications: tuple[Medication, ...] | None = None
    side_effects: frozenset[SideEffect] | None = None
    modalities: tuple[Modality, ...] | None = None
    exercises: tuple[Exercise, ...] | None = None
    note: str | None = None

    @property
    def weakness_is_new_or_worse(self) -> bool:
        return self.weakness is not None and self.weakness.is_new_or_worse

    def has_side_effect(self, effect: SideEffect) -> bool:
        return effect in (self.side_effects or frozenset())

    def has_wound_sign(self, sign: WoundSign) -> bool:
        return sign in (self.wound or frozenset())


@dataclass(frozen=True, slots=True)
class PastCheckIn(_Dated):
    """An earlier check-in as the store loads it: only what rules may read of history.

    Its fields are `clinical.history.HISTORY_FIELDS`. Every assessment loads a month of
    these, and one costs a quarter of what a whole `CheckIn` (25 fields) costs to build.
    """

    recorded_at: datetime
    leg_pain: int | None = None
    temperature: Temperature | None = None
    medications: tuple[Medication, ...] | None = None


# An earlier check-in: whole, as an assessment request may carry it, or as the store
# loads it. A rule can read only what both have, so the type checker holds every rule to
# `HISTORY_FIELDS`.
EarlierCheckIn: TypeAlias = CheckIn | PastCheckIn


@dataclass(frozen=True, slots=True)
class Surgery:
    procedure: Procedure
    date: date
    levels: tuple[str, ...] = ()
    durotomy: bool | None = None


@dataclass(frozen=True, slots=True)
class Patient:
    surgery: Surgery
    birth_year: int | None = None
    conditions: frozenset[Condition] = frozenset()
    nsaid_restricted_until: date | None = None


@dataclass(frozen=True, slots=True)
class AssessmentRequest:
    """One check-in to assess, with the patient's context and earlier check-ins (any order)."""

    patient: Patient
    checkin: CheckIn
    history: tuple[EarlierCheckIn, ...] = ()
