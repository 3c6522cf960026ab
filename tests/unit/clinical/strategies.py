"""Hypothesis strategies for any valid assessment request (spec/assessment-request.schema.json).

Every check-in field may be None ("not answered"). Red-flag answers are drawn so that
all-clear, unanswered and alarming screens all occur often: each is None, its
reassuring value, or one of its warning values, about a third each.

Speed matters (the clinical suite runs in seconds), so each answer is one draw from a
weighted list rather than a `one_of`, and the strategies are built once, at import:
hypothesis caches its work per strategy object.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from rootwise.clinical.model import (
    Answer,
    AssessmentRequest,
    Bladder,
    Bowel,
    Change,
    CheckIn,
    Condition,
    Exercise,
    ExerciseKind,
    Medication,
    MedicationClass,
    Modality,
    ModalityKind,
    Onset,
    PainQuality,
    Patient,
    Procedure,
    Side,
    SideEffect,
    Surgery,
    Temperature,
    TemperatureUnit,
    WoundSign,
)
from tests.unit.clinical.builders import NOW, checkin


def answer(values: Any, reassuring: Any = None) -> st.SearchStrategy[Any]:
    """None, the reassuring value, or a warning value: about a third each, in one draw.

    Without a reassuring value (e.g. the side of a weakness): None about half the time.
    """
    others = [v for v in values if v is not None and v != reassuring]
    weight = len(others)
    calm = [reassuring] * weight if reassuring is not None else []
    return st.sampled_from([None] * weight + calm + others)


def tenths(low: str, high: str) -> st.SearchStrategy[Decimal]:
    """Decimals from `low` to `high` at 0.1 resolution, as a thermometer shows them."""
    lo, hi = int(Decimal(low) * 10), int(Decimal(high) * 10)
    return st.integers(lo, hi).map(lambda n: Decimal(n) / 10)


def readings(low: str, high: str, unit: TemperatureUnit) -> st.SearchStrategy[Temperature]:
    """Thermometer readings from `low` to `high` in `unit`, at 0.1 resolution."""
    return tenths(low, high).map(lambda v: Temperature(float(v), unit))


# Plausible body temperatures only: 34.0-43.0 °C, 93.2-109.4 °F (the schema's range).
TEMPERATURES = st.one_of(
    st.none(),
    readings("34.0", "43.0", TemperatureUnit.CELSIUS),
    readings("93.2", "109.4", TemperatureUnit.FAHRENHEIT),
)

# Medicines, treatments and exercises come from ready-made examples, since drawing them
# would cost time. The gabapentinoid checks read names and doses, so a few named ones
# sit within, at and above their maxima (gabapentin 3600, pregabalin 600 mg/day).
MEDICINES = (
    *(
        Medication(name=f"{drug_class.value} example", drug_class=drug_class, dose_mg=dose)
        for drug_class in MedicationClass
        for dose in (None, 100.0)
    ),
    Medication("gabapentin", MedicationClass.GABAPENTINOID, 300.0, 3),
    Medication("Neurontin", MedicationClass.GABAPENTINOID, 1200.0, 4),
    Medication("pregabalin", MedicationClass.GABAPENTINOID, 300.0, 2),
    Medication("Lyrica", MedicationClass.GABAPENTINOID, 300.0, None),
)
MODALITIES = tuple(Modality(kind=k, minutes=m) for k in ModalityKind for m in (None, 20))
EXERCISES = tuple(Exercise(kind=k, minutes=m) for k in ExerciseKind for m in (None, 15))


def lists_of(examples: tuple[Any, ...], max_size: int) -> st.SearchStrategy[Any]:
    """None, or a short tuple of the examples."""
    return st.none() | st.lists(st.sampled_from(examples), max_size=max_size).map(tuple)


def sets_of(values: Any) -> st.SearchStrategy[Any]:
    """None, the empty set (answered: nothing to report), or some values."""
    return st.one_of(st.none(), st.just(frozenset()), st.frozensets(st.sampled_from(values)))


SCORES = st.sampled_from([None, *range(11)])

CHECKINS = st.builds(
    CheckIn,
    recorded_at=st.just(NOW),
    leg_pain=SCORES,
    back_pain=SCORES,
    leg_pain_side=answer(Side),
    pain_qualities=sets_of(PainQuality),
    # The schema's numbness has no "unsure"; weakness has.
    numbness=answer([c for c in Change if c is not Change.UNSURE], Change.NONE),
    weakness=answer(Change, Change.NONE),
    weakness_onset=answer(Onset),
    weakness_side=answer(Side),
    bladder=answer(Bladder, Bladder.NORMAL),
    bowel=answer(Bowel, Bowel.NORMAL),
    saddle_numbness=answer(Answer, Answer.NO),
    temperature=TEMPERATURES,
    chills=answer([True], False),
    wound=sets_of(WoundSign),
    calf_pain_or_swelling=answer([True], False),
    chest_pain_or_breathless=answer([True], False),
    headache_when_upright=answer([True], False),
    walking_minutes=st.sampled_from([None, 0, 30, 1440]),
    sleep_quality=SCORES,
    medications=lists_of(MEDICINES, 4),
    side_effects=sets_of(SideEffect),
    modalities=lists_of(MODALITIES, 3),
    exercises=lists_of(EXERCISES, 3),
    note=st.sampled_from([None, "", "walked to the shop and back"]),
)

PATIENTS = st.builds(
    Patient,
    surgery=st.builds(
        Surgery,
        procedure=st.sampled_from(Procedure),
        # 0 to 400 days before NOW: the fever note changes on days 2, 4 and 90.
        date=st.integers(0, 400).map(lambda d: NOW.date() - timedelta(days=d)),
        durotomy=st.sampled_from([None, False, True]),
    ),
    birth_year=st.sampled_from([None, 1940, 1985]),
    conditions=st.frozensets(st.sampled_from(Condition)),
    nsaid_restricted_until=st.sampled_from([None, date(2026, 12, 31)]),
)

# Earlier check-ins fall on a coarse grid (whole days, four times a day) so that several
# share a day or even an instant, and a few lie at or after NOW, which must be ignored.
HISTORY_TIMES = st.builds(
    lambda days, quarter: NOW - timedelta(days=days, hours=6 * quarter),
    st.integers(-2, 45),
    st.integers(0, 3),
)

# Rules read only the time, the leg pain and the medicines of earlier check-ins, so those
# are drawn and the rest is the all-clear screen.
EARLIER = st.builds(
    lambda at, pain, medicines: checkin(at, leg_pain=pain, medications=medicines),
    HISTORY_TIMES,
    SCORES,
    lists_of(MEDICINES, 3),
)
HISTORIES = st.lists(EARLIER, max_size=8).map(tuple)
# No two at the same instant: then "in time order" is one order, whatever order they came
# in. (Check-ins sharing an instant are pinned by hand in test_pain_history.py.)
HISTORIES_AT_DISTINCT_TIMES = st.lists(EARLIER, max_size=8, unique_by=lambda c: c.recorded_at).map(
    tuple
)


def _dated_after_surgery(request: AssessmentRequest) -> AssessmentRequest:
    """As the schema requires, no check-in is dated before the operation."""
    kept = tuple(c for c in request.history if c.local_date >= request.patient.surgery.date)
    return replace(request, history=kept)


REQUESTS = st.builds(AssessmentRequest, patient=PATIENTS, checkin=CHECKINS, history=HISTORIES).map(
    _dated_after_surgery
)
REQUESTS_WITH_DISTINCT_TIMES = st.builds(
    AssessmentRequest, patient=PATIENTS, checkin=CHECKINS, history=HISTORIES_AT_DISTINCT_TIMES
).map(_dated_after_surgery)
