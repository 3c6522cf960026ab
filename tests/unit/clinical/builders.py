"""Check-ins and patients for clinical tests: an all-clear screen, changed one answer at a time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import pytest

from rootwise.clinical.assess import Assessment, assess
from rootwise.clinical.model import (
    Answer,
    AssessmentRequest,
    Bladder,
    Bowel,
    Change,
    CheckIn,
    Level,
    Medication,
    MedicationClass,
    Modality,
    ModalityKind,
    Onset,
    Patient,
    Procedure,
    Side,
    Surgery,
    Temperature,
    TemperatureUnit,
)
from rootwise.clinical.rule import Finding
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS, Thresholds

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet  # what pytest.param returns

SURGERY_DAY = date(2026, 10, 1)
# Day 19 after surgery, mid-morning.
NOW = datetime(2026, 10, 20, 9, 30, tzinfo=UTC)

PATIENT = Patient(surgery=Surgery(procedure=Procedure.DISCECTOMY, date=SURGERY_DAY))

# Every red-flag question answered with the reassuring answer.
ALL_CLEAR: dict[str, Any] = {
    "bladder": Bladder.NORMAL,
    "bowel": Bowel.NORMAL,
    "saddle_numbness": Answer.NO,
    "weakness": Change.NONE,
    "numbness": Change.NONE,
    "chills": False,
    "wound": frozenset(),
    "calf_pain_or_swelling": False,
    "chest_pain_or_breathless": False,
    "headache_when_upright": False,
    "leg_pain": 3,
    "back_pain": 2,
}


def checkin(at: datetime = NOW, **answers: Any) -> CheckIn:
    """An all-clear check-in with `answers` changed; pass a value of None to unanswer it."""
    return CheckIn(recorded_at=at, **{**ALL_CLEAR, **answers})


def days_before(days: float, **answers: Any) -> CheckIn:
    """An all-clear check-in recorded `days` before NOW."""
    return checkin(at=NOW - timedelta(days=days), **answers)


def patient(**changes: Any) -> Patient:
    """The default patient with fields changed; `procedure`/`durotomy` change the surgery.

    `surgery_date` changes the date of the operation.
    """
    surgery_changes = {k: changes.pop(k) for k in ("procedure", "durotomy") if k in changes}
    if "surgery_date" in changes:
        surgery_changes["date"] = changes.pop("surgery_date")
    base = replace(PATIENT, surgery=replace(PATIENT.surgery, **surgery_changes))
    return replace(base, **changes)


def assessed(
    c: CheckIn,
    *,
    history: tuple[CheckIn, ...] = (),
    who: Patient = PATIENT,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    emergency_number: str = "911",
) -> Assessment:
    return assess(
        AssessmentRequest(patient=who, checkin=c, history=history),
        thresholds=thresholds,
        emergency_number=emergency_number,
    )


def fired(a: Assessment) -> set[str]:
    return {f.rule for f in a.findings}


# --- Calendar days -------------------------------------------------------------------------


def on_day(days_ago: int, hour: int = 9, minute: int = 0, **answers: Any) -> CheckIn:
    """An all-clear check-in on the calendar day `days_ago` before NOW's day, at hour:minute.

    Unlike `days_before`, this pins the calendar day: `on_day(1, hour=23)` is yesterday
    evening, whatever time NOW is.
    """
    day = NOW.date() - timedelta(days=days_ago)
    return checkin(at=datetime.combine(day, time(hour, minute), tzinfo=UTC), **answers)


def on_day_after_surgery(day: int, **answers: Any) -> CheckIn:
    """An all-clear check-in on day `day` after the default surgery (0 = the operation day)."""
    at = datetime.combine(SURGERY_DAY + timedelta(days=day), NOW.timetz())
    return checkin(at=at, **answers)


# --- Answers that take a little building ---------------------------------------------------

_EXAMPLE_MEDICINES = {
    MedicationClass.OPIOID: "oxycodone",
    MedicationClass.GABAPENTINOID: "pregabalin",
    MedicationClass.BENZODIAZEPINE: "diazepam",
    MedicationClass.MUSCLE_RELAXANT: "methocarbamol",
    MedicationClass.NSAID: "ibuprofen",
    MedicationClass.ACETAMINOPHEN: "paracetamol",
    MedicationClass.SNRI: "duloxetine",
    MedicationClass.TRICYCLIC: "amitriptyline",
    MedicationClass.ORAL_STEROID: "prednisolone",
    MedicationClass.OTHER: "omeprazole",
}


def taking(*classes: MedicationClass) -> tuple[Medication, ...]:
    """A medicine list with one typical medicine of each class."""
    return tuple(Medication(name=_EXAMPLE_MEDICINES[c], drug_class=c) for c in classes)


def used(*kinds: ModalityKind) -> tuple[Modality, ...]:
    """A list of home treatments used today, 20 minutes each."""
    return tuple(Modality(kind=k, minutes=20) for k in kinds)


def celsius(value: float) -> Temperature:
    return Temperature(value=value, unit=TemperatureUnit.CELSIUS)


def fahrenheit(value: float) -> Temperature:
    return Temperature(value=value, unit=TemperatureUnit.FAHRENHEIT)


# --- Specification tables: a case per row, its reason as the pytest id ---------------------


@dataclass(frozen=True)
class Case:
    """One request and the overall level it must produce."""

    checkin: CheckIn
    level: Level
    history: tuple[CheckIn, ...] = ()
    who: Patient = PATIENT
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    def run(self) -> Assessment:
        return assessed(
            self.checkin, history=self.history, who=self.who, thresholds=self.thresholds
        )


def case(
    reason: str,
    level: Level,
    *,
    at: datetime = NOW,
    history: tuple[CheckIn, ...] = (),
    who: Patient = PATIENT,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    bug: str | None = None,
    **answers: Any,
) -> ParameterSet:
    """A table row: the all-clear check-in with `answers` changed, and its expected level.

    `bug` marks a row that states the specification but fails today: it becomes a strict
    xfail whose reason starts with "BUG:", so fixing the code turns it into a failure
    that asks for the mark to be removed.
    """
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {bug}")] if bug else []
    c = Case(checkin(at, **answers), level, history, who, thresholds)
    return pytest.param(c, id=reason, marks=marks)


@dataclass(frozen=True)
class RuleSpec:
    """The specification of one rule: rows that fire it and near-misses that do not."""

    rule: str
    fires: list[ParameterSet] = field(default_factory=list)
    misses: list[ParameterSet] = field(default_factory=list)

    def assert_fires(self, c: Case) -> Assessment:
        a = c.run()
        assert self.rule in fired(a), f"{self.rule} did not fire; fired: {sorted(fired(a))}"
        assert a.level is c.level, f"level {a.level}; fired: {sorted(fired(a))}"
        return a

    def assert_misses(self, c: Case) -> Assessment:
        a = c.run()
        assert self.rule not in fired(a), f"{self.rule} fired; evidence: {finding(a, self.rule)}"
        assert a.level is c.level, f"level {a.level}; fired: {sorted(fired(a))}"
        return a


def finding(a: Assessment, rule_id: str) -> Finding | None:
    """The finding of `rule_id` in `a`, or None."""
    return next((f for f in a.findings if f.rule == rule_id), None)


# --- The red-flag screen ---------------------------------------------------------------------

# How to leave each red-flag question of README section 2 unanswered. An answer of None
# means "not answered", never "no"; a screen with any of these unanswered is incomplete.
UNANSWERED: dict[str, dict[str, Any]] = {
    "bladder": {"bladder": None},
    "bowel": {"bowel": None},
    "saddle_numbness": {"saddle_numbness": None},
    "weakness": {"weakness": None},
    # How fast a weakness came, and in which leg, are asked only when it is new or worse.
    "weakness_onset": {"weakness": Change.NEW, "weakness_onset": None, "weakness_side": Side.LEFT},
    "weakness_side": {
        "weakness": Change.NEW,
        "weakness_onset": Onset.GRADUAL,
        "weakness_side": None,
    },
    "numbness": {"numbness": None},
    # Either a measured temperature or a yes/no about chills answers the fever question.
    "fever": {"chills": None, "temperature": None},
    "wound": {"wound": None},
    "calf_pain_or_swelling": {"calf_pain_or_swelling": None},
    "chest_pain_or_breathless": {"chest_pain_or_breathless": None},
    "headache_when_upright": {"headache_when_upright": None},
}
