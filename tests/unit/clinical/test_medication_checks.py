"""Medication checks: the medicine list itself, before it causes a side effect.

README section 4 "Medication checks to implement": an NSAID inside the restriction
window or with anticoagulation, kidney disease or a GI bleed; an opioid with a
gabapentinoid (and a benzodiazepine); a gabapentinoid with kidney disease or above its
maximum; a muscle relaxant for more than 3 weeks; an opioid beyond 6 weeks; and leg
swelling, a gabapentinoid caution that section 2 does not list.

The default patient had a discectomy on 1 October; NOW is day 19.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from rootwise.clinical.history import listed_since
from rootwise.clinical.model import (
    CheckIn,
    Condition,
    Level,
    Medication,
    MedicationClass,
    Patient,
    Procedure,
    SideEffect,
)
from rootwise.clinical.rule import Finding, Rule
from rootwise.clinical.rules import medication_checks
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS
from tests.unit.clinical import builders
from tests.unit.clinical.builders import (
    NOW,
    Case,
    RuleSpec,
    assessed,
    finding,
    on_day,
    patient,
    taking,
)

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)
OPIOID = MedicationClass.OPIOID
GABAPENTINOID = MedicationClass.GABAPENTINOID
BENZODIAZEPINE = MedicationClass.BENZODIAZEPINE
MUSCLE_RELAXANT = MedicationClass.MUSCLE_RELAXANT
NSAID = MedicationClass.NSAID
ACETAMINOPHEN = MedicationClass.ACETAMINOPHEN
TODAY = NOW.date()


def case(reason: str, level: Level, **answers: Any) -> Any:
    """A table row as in builders, with side effects answered "none" unless given.

    The screen asks about side effects whenever a sedating medicine is listed; leaving
    them unanswered would make every such row an incomplete screen.
    """
    return builders.case(reason, level, **{"side_effects": frozenset(), **answers})


def checkin(**answers: Any) -> CheckIn:
    """Today's all-clear check-in, side effects answered "none" unless given."""
    return builders.checkin(**{"side_effects": frozenset(), **answers})


def having(*conditions: Condition, **changes: Any) -> Patient:
    return patient(conditions=frozenset(conditions), **changes)


def operated_days_ago(days: int, **changes: Any) -> Patient:
    """A patient whose operation was `days` before today, so today is day `days`."""
    return patient(surgery_date=TODAY - timedelta(days=days), **changes)


def gabapentinoid(name: str, dose_mg: float | None, per_day: int | None) -> Medication:
    return Medication(name, GABAPENTINOID, dose_mg, per_day)


def effects(*names: SideEffect) -> frozenset[SideEffect]:
    return frozenset(names)


FUSION_NO_DATE = operated_days_ago(19, procedure=Procedure.FUSION)
APNOEA = having(Condition.SLEEP_APNEA)
CKD = having(Condition.CHRONIC_KIDNEY_DISEASE)

# --- Opioid combinations ------------------------------------------------------------------

HIGH_RISK_COMBINATION = RuleSpec(
    "medication.sedative_combination_high_risk",
    fires=[
        case(
            "an opioid with a benzodiazepine is soon",
            SOON,
            medications=taking(OPIOID, BENZODIAZEPINE),
        ),
        case(
            "an opioid, a gabapentinoid and a benzodiazepine together are soon",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID, BENZODIAZEPINE),
        ),
        case(
            "an opioid with a gabapentinoid in sleep apnoea is soon",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID),
            who=APNOEA,
        ),
        case(
            "drowsy on all three is same day: the symptom sets the level",
            SAME_DAY,
            medications=taking(OPIOID, GABAPENTINOID, BENZODIAZEPINE),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
    ],
    misses=[
        case(
            "an opioid with a gabapentinoid and no added risk is the routine note",
            ROUTINE,
            medications=taking(OPIOID, GABAPENTINOID),
        ),
        case(
            "a gabapentinoid with a benzodiazepine and no opioid",
            ROUTINE,
            medications=taking(GABAPENTINOID, BENZODIAZEPINE),
        ),
        case(
            "an opioid alone in sleep apnoea",
            ROUTINE,
            medications=taking(OPIOID, ACETAMINOPHEN),
            who=APNOEA,
        ),
        case(
            "a gabapentinoid with a benzodiazepine in sleep apnoea, no opioid",
            ROUTINE,
            medications=taking(GABAPENTINOID, BENZODIAZEPINE),
            who=APNOEA,
        ),
    ],
)

OPIOID_WITH_GABAPENTINOID = RuleSpec(
    "medication.opioid_with_gabapentinoid",
    fires=[
        case(
            "an opioid with a gabapentinoid and no symptoms is a note that stays routine",
            ROUTINE,
            medications=taking(OPIOID, GABAPENTINOID),
        ),
        case(
            "with paracetamol as well, still routine",
            ROUTINE,
            medications=taking(OPIOID, GABAPENTINOID, ACETAMINOPHEN),
            side_effects=frozenset(),
        ),
        case(
            "dizzy on the combination is soon (the dizziness rule), the note beside it",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "drowsy on the combination is same day, the note beside it",
            SAME_DAY,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
    ],
    misses=[
        case("an opioid alone", ROUTINE, medications=taking(OPIOID)),
        case("a gabapentinoid alone", ROUTINE, medications=taking(GABAPENTINOID)),
        case(
            "with a benzodiazepine it is the high-risk rule instead",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID, BENZODIAZEPINE),
        ),
        case(
            "in sleep apnoea it is the high-risk rule instead",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID),
            who=APNOEA,
        ),
        case("the medicines question unanswered", ROUTINE, medications=None),
    ],
)

# --- NSAIDs -------------------------------------------------------------------------------

NSAID_WINDOW = RuleSpec(
    "medication.nsaid_in_restriction_window",
    fires=[
        case(
            "ibuprofen before the surgeon's restriction date is soon",
            SOON,
            medications=taking(NSAID),
            who=patient(nsaid_restricted_until=date(2026, 12, 31)),
        ),
        case(
            "on the last restricted day is still inside the window",
            SOON,
            medications=taking(NSAID),
            who=patient(nsaid_restricted_until=TODAY),
        ),
        case(
            "after fusion with no date recorded the 90-day default applies (day 19)",
            SOON,
            medications=taking(NSAID),
            who=FUSION_NO_DATE,
        ),
        case(
            "after fusion with no date recorded, day 90 is the default's last day",
            SOON,
            medications=taking(NSAID, ACETAMINOPHEN),
            who=operated_days_ago(90, procedure=Procedure.FUSION),
        ),
    ],
    misses=[
        case(
            "the day after the restriction ends",
            ROUTINE,
            medications=taking(NSAID),
            who=patient(nsaid_restricted_until=TODAY - timedelta(days=1)),
        ),
        case(
            "after fusion with no date recorded, day 91",
            ROUTINE,
            medications=taking(NSAID),
            who=operated_days_ago(91, procedure=Procedure.FUSION),
        ),
        case(
            "after fusion the surgeon's earlier date wins over the default",
            ROUTINE,
            medications=taking(NSAID),
            who=operated_days_ago(
                19, procedure=Procedure.FUSION, nsaid_restricted_until=TODAY - timedelta(days=5)
            ),
        ),
        case(
            "a discectomy with no restriction recorded",
            ROUTINE,
            medications=taking(NSAID),
        ),
        case(
            "inside the window on paracetamol only",
            ROUTINE,
            medications=taking(ACETAMINOPHEN),
            who=patient(nsaid_restricted_until=date(2026, 12, 31)),
        ),
    ],
)

NSAID_RISK = RuleSpec(
    "medication.nsaid_with_bleeding_or_kidney_risk",
    fires=[
        case(
            "an NSAID while anticoagulated is soon",
            SOON,
            medications=taking(NSAID),
            who=having(Condition.ANTICOAGULATED),
        ),
        case(
            "an NSAID with chronic kidney disease is soon",
            SOON,
            medications=taking(NSAID),
            who=CKD,
        ),
        case(
            "an NSAID after a previous GI bleed is soon",
            SOON,
            medications=taking(NSAID),
            who=having(Condition.GI_BLEED_HISTORY, Condition.DIABETES),
        ),
        case(
            "black stools on an NSAID while anticoagulated is same day (the bleed rule)",
            SAME_DAY,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.BLACK_STOOLS),
            who=having(Condition.ANTICOAGULATED),
        ),
    ],
    misses=[
        case(
            "an NSAID with diabetes only",
            ROUTINE,
            medications=taking(NSAID),
            who=having(Condition.DIABETES),
        ),
        case(
            "anticoagulated on paracetamol",
            ROUTINE,
            medications=taking(ACETAMINOPHEN),
            who=having(Condition.ANTICOAGULATED),
        ),
        case(
            "anticoagulated with the medicines question unanswered",
            ROUTINE,
            medications=None,
            who=having(Condition.ANTICOAGULATED),
        ),
    ],
)

# --- Gabapentinoid doses ------------------------------------------------------------------

GABAPENTINOID_CKD = RuleSpec(
    "medication.gabapentinoid_with_kidney_disease",
    fires=[
        case(
            "pregabalin with kidney disease, dose not given, is soon",
            SOON,
            medications=taking(GABAPENTINOID),
            who=CKD,
        ),
        case(
            "gabapentin 300 mg three times a day with kidney disease is soon",
            SOON,
            medications=(gabapentinoid("Gabapentin", 300, 3),),
            who=CKD,
        ),
        case(
            "a gabapentinoid not recognised by name with kidney disease is soon",
            SOON,
            medications=(gabapentinoid("nerve tablet", 100, 3),),
            who=CKD,
        ),
    ],
    misses=[
        case(
            "gabapentin without kidney disease",
            ROUTINE,
            medications=(gabapentinoid("gabapentin", 300, 3),),
        ),
        case(
            "kidney disease on paracetamol",
            ROUTINE,
            medications=taking(ACETAMINOPHEN),
            who=CKD,
        ),
        case("kidney disease, medicines unanswered", ROUTINE, medications=None, who=CKD),
    ],
)

GABAPENTINOID_MAX = RuleSpec(
    "medication.gabapentinoid_above_maximum",
    fires=[
        case(
            "gabapentin 1200 mg four times a day (4800 mg) is above 3600",
            SOON,
            medications=(gabapentinoid("gabapentin", 1200, 4),),
        ),
        case(
            "Lyrica 350 mg twice a day (700 mg) is above 600",
            SOON,
            medications=(gabapentinoid("Lyrica", 350, 2),),
        ),
        case(
            "two gabapentin entries add up: 1800 + 2 x 1000 = 3800 mg",
            SOON,
            medications=(gabapentinoid("Neurontin", 1800, 1), gabapentinoid("gabapentin", 1000, 2)),
        ),
        case(
            "a known part already above the maximum, another entry without a dose",
            SOON,
            medications=(
                gabapentinoid("pregabalin", 300, 3),
                gabapentinoid("pregabalin", 75, None),
            ),
        ),
        case(
            "an unrecognised gabapentinoid above 3600 mg is above either drug's maximum",
            SOON,
            medications=(gabapentinoid("nerve tablet", 1300, 3),),
        ),
    ],
    misses=[
        case(
            "gabapentin 1200 mg three times a day is exactly the maximum",
            ROUTINE,
            medications=(gabapentinoid("gabapentin", 1200, 3),),
        ),
        case(
            "pregabalin 300 mg twice a day is exactly the maximum",
            ROUTINE,
            medications=(gabapentinoid("PREGABALIN", 300, 2),),
        ),
        case(
            "pregabalin 900 mg with the doses per day not given",
            ROUTINE,
            medications=(gabapentinoid("pregabalin", 900, None),),
        ),
        case(
            "an unrecognised gabapentinoid at 3600 mg could be gabapentin",
            ROUTINE,
            medications=(gabapentinoid("nerve tablet", 1200, 3),),
        ),
        case(
            "gabapentin 800 and pregabalin 300 are not added across drugs",
            ROUTINE,
            medications=(gabapentinoid("gabapentin", 400, 2), gabapentinoid("pregabalin", 150, 2)),
        ),
    ],
)

# --- How long: muscle relaxants and opioids ------------------------------------------------

RELAXANT = taking(MUSCLE_RELAXANT)


def relaxant_on(*days_ago: int) -> tuple[CheckIn, ...]:
    return tuple(on_day(d, medications=RELAXANT) for d in days_ago)


MUSCLE_RELAXANT_RUN = RuleSpec(
    "medication.muscle_relaxant_beyond_3_weeks",
    fires=[
        case(
            "listed every few days from 22 days ago to today is soon",
            SOON,
            medications=RELAXANT,
            history=relaxant_on(22, 15, 8, 1),
        ),
        case(
            "days without a check-in do not break the run (30 days ago, then today)",
            SOON,
            medications=RELAXANT,
            history=relaxant_on(30),
        ),
        case(
            "a check-in that left the medicines question unanswered does not break it",
            SOON,
            medications=RELAXANT,
            history=(*relaxant_on(25), on_day(12, medications=None)),
        ),
        case(
            "a day listing it once counts, even beside a check-in without it that day",
            SOON,
            medications=taking(MUSCLE_RELAXANT, ACETAMINOPHEN),
            history=(*relaxant_on(22), on_day(22, hour=20, medications=())),
        ),
    ],
    misses=[
        case(
            "exactly 21 days is not more than 3 weeks",
            ROUTINE,
            medications=RELAXANT,
            history=relaxant_on(21, 14, 7),
        ),
        case(
            "a day listing other medicines breaks the run",
            ROUTINE,
            medications=RELAXANT,
            history=(*relaxant_on(30, 20), on_day(15, medications=taking(ACETAMINOPHEN))),
        ),
        case(
            "a day answered with no medicines breaks the run",
            ROUTINE,
            medications=RELAXANT,
            history=(*relaxant_on(30), on_day(3, medications=())),
        ),
        case(
            "a long run that does not reach today",
            ROUTINE,
            medications=taking(ACETAMINOPHEN),
            history=relaxant_on(40, 30, 20, 10, 1),
        ),
        case(
            "today's medicines unanswered",
            ROUTINE,
            medications=None,
            history=relaxant_on(40, 30, 20, 10, 1),
        ),
    ],
)

OPIOID_6_WEEKS = RuleSpec(
    "medication.opioid_beyond_6_weeks",
    fires=[
        case(
            "an opioid on day 43 is soon",
            SOON,
            medications=taking(OPIOID),
            who=operated_days_ago(43),
        ),
        case(
            "an opioid at 4 months, with paracetamol, is soon",
            SOON,
            medications=taking(OPIOID, ACETAMINOPHEN),
            who=operated_days_ago(120),
        ),
    ],
    misses=[
        case(
            "an opioid on day 42 is not beyond 6 weeks",
            ROUTINE,
            medications=taking(OPIOID),
            who=operated_days_ago(42),
        ),
        case(
            "no opioid at 4 months",
            ROUTINE,
            medications=taking(ACETAMINOPHEN, NSAID),
            who=operated_days_ago(120),
        ),
    ],
)

OPIOID_LIST = taking(OPIOID)

OPIOID_REASSESS = RuleSpec(
    "medication.opioid_reassess",
    fires=[
        case(
            "an opioid listed since day 4 (15 days) is a routine reassessment note",
            ROUTINE,
            medications=OPIOID_LIST,
            history=tuple(on_day(d, medications=OPIOID_LIST) for d in (15, 10, 5)),
        ),
        case(
            "on day 42 with a long run, still the routine note",
            ROUTINE,
            medications=OPIOID_LIST,
            history=(on_day(20, medications=OPIOID_LIST),),
            who=operated_days_ago(42),
        ),
    ],
    misses=[
        case(
            "exactly 14 days is not more than 2 weeks",
            ROUTINE,
            medications=OPIOID_LIST,
            history=(on_day(14, medications=OPIOID_LIST),),
        ),
        case(
            "a day without the opioid breaks the run",
            ROUTINE,
            medications=OPIOID_LIST,
            history=(
                on_day(18, medications=OPIOID_LIST),
                on_day(9, medications=taking(ACETAMINOPHEN)),
            ),
        ),
        case(
            "beyond day 42 the soon rule carries it instead",
            SOON,
            medications=OPIOID_LIST,
            history=(on_day(20, medications=OPIOID_LIST),),
            who=operated_days_ago(43),
        ),
    ],
)

# --- Side effects not in section 2 ----------------------------------------------------------

LEG_SWELLING = RuleSpec(
    "medication.leg_swelling",
    fires=[
        case(
            "swollen legs on a gabapentinoid is soon",
            SOON,
            medications=taking(GABAPENTINOID),
            side_effects=effects(SideEffect.SWELLING_LEGS),
        ),
        case(
            "swollen legs on an NSAID is soon",
            SOON,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.SWELLING_LEGS),
        ),
        case(
            "swollen legs with no medicines listed is still soon",
            SOON,
            medications=None,
            side_effects=effects(SideEffect.SWELLING_LEGS),
        ),
        case(
            "swollen legs with calf pain is same day (the calf rule)",
            SAME_DAY,
            medications=taking(GABAPENTINOID),
            side_effects=effects(SideEffect.SWELLING_LEGS),
            calf_pain_or_swelling=True,
        ),
    ],
    misses=[
        case(
            "a gabapentinoid with no side effects",
            ROUTINE,
            medications=taking(GABAPENTINOID),
            side_effects=frozenset(),
        ),
        case(
            "nausea on a gabapentinoid",
            ROUTINE,
            medications=taking(GABAPENTINOID),
            side_effects=effects(SideEffect.NAUSEA),
        ),
    ],
)

SPECS = (
    HIGH_RISK_COMBINATION,
    OPIOID_WITH_GABAPENTINOID,
    NSAID_WINDOW,
    NSAID_RISK,
    GABAPENTINOID_CKD,
    GABAPENTINOID_MAX,
    MUSCLE_RELAXANT_RUN,
    OPIOID_6_WEEKS,
    OPIOID_REASSESS,
    LEG_SWELLING,
)
FIRES = [(spec, p) for spec in SPECS for p in spec.fires]
MISSES = [(spec, p) for spec in SPECS for p in spec.misses]


@pytest.mark.parametrize(
    ("spec", "c"),
    [pytest.param(spec, *p.values, id=f"{spec.rule}: {p.id}") for spec, p in FIRES],
)
def test_each_medication_check_fires_at_its_level(spec: RuleSpec, c: Case) -> None:
    spec.assert_fires(c)


@pytest.mark.parametrize(
    ("spec", "c"),
    [pytest.param(spec, *p.values, id=f"{spec.rule}: {p.id}") for spec, p in MISSES],
)
def test_near_misses_do_not_fire_the_medication_check(spec: RuleSpec, c: Case) -> None:
    spec.assert_misses(c)


# --- What the findings say ------------------------------------------------------------------


def _finding(rule_id: str, c: CheckIn, **context: Any) -> Finding:
    """The finding `rule_id` makes for `c`, which must fire it."""
    f = finding(assessed(c, **context), rule_id)
    assert f is not None, rule_id
    return f


def test_the_restriction_evidence_says_whether_the_surgeon_or_the_default_set_it() -> None:
    nsaid = (Medication("Ibuprofen", NSAID, 400, 3),)
    recorded = _finding(
        "medication.nsaid_in_restriction_window",
        checkin(medications=nsaid),
        who=patient(nsaid_restricted_until=date(2026, 12, 31)),
    )
    assert dict(recorded.evidence) == {
        "nsaid": ["Ibuprofen"],
        "restricted_until": "2026-12-31",
        "restriction": "recorded",
        "day_after_surgery": 19,
    }
    assert "Restricted until 2026-12-31, the date recorded for this patient." in (
        recorded.clinician_note
    )
    default = _finding(
        "medication.nsaid_in_restriction_window", checkin(medications=nsaid), who=FUSION_NO_DATE
    )
    assert default.evidence["restriction"] == "fusion_default"
    assert default.evidence["restricted_until"] == "2026-12-30"
    assert "no date is recorded, so the default of 90 days after fusion applies" in (
        default.clinician_note
    )


def test_the_kidney_note_places_the_daily_dose_against_every_band() -> None:
    f = _finding(
        "medication.gabapentinoid_with_kidney_disease",
        checkin(medications=(gabapentinoid("gabapentin", 300, 3),)),
        who=CKD,
    )
    assert (
        "gabapentin 900 mg/day: above the usual maximum for CrCl 15-29 (700), < 15 (300); "
        "within the range for CrCl ≥ 60, 30-59." in f.clinician_note
    )
    assert f.evidence["gabapentinoids"] == [
        {
            "names": ["gabapentin"],
            "drug": "gabapentin",
            "daily_mg": 900.0,
            "all_doses_reported": True,
        }
    ]
    assert "900-3600" in f.clinician_note, "the bands themselves are cited"


def test_the_kidney_note_says_when_a_dose_fits_even_the_lowest_band() -> None:
    f = _finding(
        "medication.gabapentinoid_with_kidney_disease",
        checkin(medications=(gabapentinoid("Lyrica", 25, 2),)),
        who=CKD,
    )
    assert "pregabalin 50 mg/day:" in f.clinician_note
    assert "not above the maximum of any band" in f.clinician_note


def test_the_kidney_note_is_generic_for_an_unrecognised_name_or_a_missing_dose() -> None:
    unknown = _finding(
        "medication.gabapentinoid_with_kidney_disease",
        checkin(medications=(gabapentinoid("Gralise", 600, 3),)),
        who=CKD,
    )
    assert "Gralise (1800 mg/day): not identified as gabapentin or pregabalin" in (
        unknown.clinician_note
    )
    no_dose = _finding(
        "medication.gabapentinoid_with_kidney_disease",
        checkin(medications=(gabapentinoid("pregabalin", None, 2),)),
        who=CKD,
    )
    assert "pregabalin: dose not reported" in no_dose.clinician_note
    neither = _finding(
        "medication.gabapentinoid_with_kidney_disease",
        checkin(medications=(gabapentinoid("nerve tablet", None, None),)),
        who=CKD,
    )
    assert "nerve tablet (dose not reported): not identified" in neither.clinician_note


@pytest.mark.parametrize(
    ("name", "drug"),
    [
        pytest.param("Gabapentin 300mg capsules", "gabapentin", id="generic name with a strength"),
        pytest.param("NEURONTIN", "gabapentin", id="brand name in capitals"),
        pytest.param("lyrica", "pregabalin", id="pregabalin brand"),
        pytest.param("Pregabalin", "pregabalin", id="pregabalin generic"),
        pytest.param("pregabalin CR", "unidentified gabapentinoid", id="extended release"),
        pytest.param("gabapentin enacarbil", "unidentified gabapentinoid", id="prodrug"),
        pytest.param("gabapentin / pregabalin", "unidentified gabapentinoid", id="two names"),
    ],
)
def test_gabapentin_and_pregabalin_are_told_apart_by_name(name: str, drug: str) -> None:
    f = _finding(
        "medication.gabapentinoid_above_maximum",
        checkin(medications=(gabapentinoid(name, 2000, 2),)),
    )
    assert f.evidence["gabapentinoids"] == [
        {"names": [name], "drug": drug, "daily_mg": 4000.0, "all_doses_reported": True}
    ]


def test_a_partial_dose_above_the_maximum_is_called_a_lower_bound() -> None:
    f = _finding(
        "medication.gabapentinoid_above_maximum",
        checkin(
            medications=(gabapentinoid("pregabalin", 300, 3), gabapentinoid("pregabalin", 75, None))
        ),
    )
    assert "pregabalin at least 900 mg/day." in f.clinician_note
    assert f.evidence["gabapentinoids"] == [
        {
            "names": ["pregabalin", "pregabalin"],
            "drug": "pregabalin",
            "daily_mg": 900.0,
            "all_doses_reported": False,
        }
    ]


def test_the_run_evidence_names_the_first_day_and_its_length() -> None:
    f = _finding(
        "medication.muscle_relaxant_beyond_3_weeks",
        checkin(medications=RELAXANT),
        history=relaxant_on(25, 3),
    )
    assert dict(f.evidence) == {
        "medicines": ["methocarbamol"],
        "listed_since": (TODAY - timedelta(days=25)).isoformat(),
        "days": 25,
    }


def test_the_combination_note_names_older_age_as_a_risk_from_65() -> None:
    both = checkin(medications=taking(OPIOID, GABAPENTINOID))
    older = _finding("medication.opioid_with_gabapentinoid", both, who=patient(birth_year=1960))
    younger = _finding("medication.opioid_with_gabapentinoid", both, who=patient(birth_year=1962))
    assert "Aged about 66: FDA 2019 names older adults" in older.clinician_note
    assert "Aged about" not in younger.clinician_note
    assert dict(older.evidence) == {"sedating_medicines": ["gabapentinoid", "opioid"]}


def test_the_high_risk_combination_names_each_added_risk() -> None:
    f = _finding(
        "medication.sedative_combination_high_risk",
        checkin(medications=taking(OPIOID, GABAPENTINOID, BENZODIAZEPINE)),
        who=APNOEA,
    )
    assert dict(f.evidence) == {
        "sedating_medicines": ["benzodiazepine", "gabapentinoid", "opioid"],
        "added_risks": ["benzodiazepine", "sleep_apnea"],
    }


def test_routine_notes_leave_a_routine_check_in_routine_and_its_advice_calm() -> None:
    a = assessed(
        checkin(medications=OPIOID_LIST + taking(GABAPENTINOID)),
        history=tuple(on_day(d, medications=OPIOID_LIST) for d in (16, 8)),
    )
    assert a.level is ROUTINE
    assert {f.rule for f in a.findings} == {
        "medication.opioid_with_gabapentinoid",
        "medication.opioid_reassess",
    }
    assert a.patient_advice.startswith("Nothing in today's answers needs action.")


@pytest.mark.parametrize("r", medication_checks.RULES, ids=lambda r: r.id)
def test_no_medication_check_tells_the_patient_to_stop_a_medicine(r: Rule) -> None:
    text = r.patient_text(DEFAULT_THRESHOLDS)
    assert not re.search(r"\bstop\b", text, flags=re.IGNORECASE), text
    assert "care team" in text or "emergency services" in text


# --- Listed since: the unbroken run ----------------------------------------------------------


def test_listed_since_ignores_the_order_of_check_ins_on_the_same_day() -> None:
    today = checkin(medications=RELAXANT)
    with_it = on_day(23, hour=9, medications=RELAXANT)
    without_it = on_day(23, hour=9, medications=taking(ACETAMINOPHEN))
    expected = TODAY - timedelta(days=23)
    assert listed_since(MUSCLE_RELAXANT, today, (with_it, without_it)) == expected
    assert listed_since(MUSCLE_RELAXANT, today, (without_it, with_it)) == expected


def test_listed_since_is_today_when_only_today_lists_it() -> None:
    today = checkin(medications=RELAXANT)
    assert listed_since(MUSCLE_RELAXANT, today, (on_day(1, medications=()),)) == TODAY
    assert listed_since(MUSCLE_RELAXANT, checkin(medications=None), ()) is None
