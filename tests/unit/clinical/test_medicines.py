"""Side effects of pain medicines that need help now, a call today, or a dose review.

README section 2: slow or shallow breathing on sedating medicines is an emergency;
confusion on an opioid or sedative, and black stools on an NSAID, are same day;
dizziness or drowsiness on gabapentinoids, muscle relaxants or opioids is soon.
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import Condition, Level, MedicationClass, SideEffect
from tests.unit.clinical.builders import (
    Case,
    RuleSpec,
    assessed,
    case,
    checkin,
    finding,
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


def effects(*names: SideEffect) -> frozenset[SideEffect]:
    return frozenset(names)


BREATHING = RuleSpec(
    "medication.breathing_slow",
    fires=[
        case(
            "slow breathing on an opioid with a gabapentinoid is an emergency",
            EMERGENCY,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.BREATHING_SLOW),
        ),
        case(
            "slow breathing is an emergency even with no medicines listed",
            EMERGENCY,
            medications=None,
            side_effects=effects(SideEffect.BREATHING_SLOW),
        ),
        case(
            "slow breathing is an emergency even with an empty medicine list",
            EMERGENCY,
            medications=(),
            side_effects=effects(SideEffect.BREATHING_SLOW),
        ),
        case(
            "slow breathing on paracetamol alone is still an emergency",
            EMERGENCY,
            medications=taking(ACETAMINOPHEN),
            side_effects=effects(SideEffect.BREATHING_SLOW),
        ),
    ],
    misses=[
        case(
            "drowsiness on an opioid alone is a dose review, not an emergency",
            SOON,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "an opioid with a gabapentinoid and no side effects is all clear",
            ROUTINE,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=frozenset(),
        ),
    ],
)

CONFUSION = RuleSpec(
    "medication.confusion",
    fires=[
        case(
            "confusion on an opioid is same day",
            SAME_DAY,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.CONFUSION),
        ),
        case(
            "confusion with no medicines listed is still same day",
            SAME_DAY,
            medications=None,
            side_effects=effects(SideEffect.CONFUSION),
        ),
    ],
    misses=[
        case(
            "dizziness on an opioid is a dose review, not confusion",
            SOON,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
    ],
)

SEDATION = RuleSpec(
    "medication.sedation_with_combination",
    fires=[
        case(
            "drowsy on an opioid with a gabapentinoid is same day",
            SAME_DAY,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "drowsy on an opioid with a benzodiazepine is same day",
            SAME_DAY,
            medications=taking(OPIOID, BENZODIAZEPINE),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "drowsy on a gabapentinoid with a benzodiazepine, no opioid, is same day",
            SAME_DAY,
            medications=taking(GABAPENTINOID, BENZODIAZEPINE),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "drowsy on an opioid with a muscle relaxant is same day",
            SAME_DAY,
            medications=taking(OPIOID, MUSCLE_RELAXANT),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
    ],
    misses=[
        case(
            "drowsy on an opioid alone is soon",
            SOON,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "dizzy (not drowsy) on an opioid with a gabapentinoid is soon",
            SOON,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "drowsy on one sedating medicine with paracetamol is soon",
            SOON,
            medications=taking(GABAPENTINOID, ACETAMINOPHEN),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
    ],
)

DIZZY_OR_DROWSY = RuleSpec(
    "medication.dizziness_or_drowsiness",
    fires=[
        case(
            "dizzy on a gabapentinoid is soon",
            SOON,
            medications=taking(GABAPENTINOID),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "drowsy on a muscle relaxant is soon",
            SOON,
            medications=taking(MUSCLE_RELAXANT),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "dizzy on an opioid is soon",
            SOON,
            medications=taking(OPIOID, ACETAMINOPHEN),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "drowsy on a benzodiazepine is soon",
            SOON,
            medications=taking(BENZODIAZEPINE),
            side_effects=effects(SideEffect.DROWSINESS),
        ),
        case(
            "dizzy with the medicines question unanswered: sedatives cannot be ruled out",
            SOON,
            medications=None,
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "drowsy on an opioid with a gabapentinoid also fires, the combination is same day",
            SAME_DAY,
            medications=taking(OPIOID, GABAPENTINOID),
            side_effects=effects(SideEffect.DROWSINESS, SideEffect.DIZZINESS),
        ),
    ],
    misses=[
        case(
            "dizzy with an empty medicines list: answered, and nothing sedating",
            ROUTINE,
            medications=(),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "dizzy on paracetamol alone is not a sedating medicine",
            ROUTINE,
            medications=taking(ACETAMINOPHEN),
            side_effects=effects(SideEffect.DIZZINESS),
        ),
        case(
            "nausea on an opioid is not dizziness or drowsiness",
            ROUTINE,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.NAUSEA, SideEffect.CONSTIPATION),
        ),
    ],
)

BLACK_STOOLS = RuleSpec(
    "medication.black_stools",
    fires=[
        case(
            "black stools on an NSAID is same day",
            SAME_DAY,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.BLACK_STOOLS),
        ),
        case(
            "black stools without an NSAID is same day too (anticoagulants, previous bleed)",
            SAME_DAY,
            medications=None,
            side_effects=effects(SideEffect.BLACK_STOOLS),
            who=patient(conditions=frozenset({Condition.ANTICOAGULATED})),
        ),
    ],
    misses=[
        case(
            "stomach pain on an NSAID is soon, not a bleed",
            SOON,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.STOMACH_PAIN),
        ),
    ],
)

STOMACH_PAIN = RuleSpec(
    "medication.stomach_pain_on_nsaid",
    fires=[
        case(
            "stomach pain on an NSAID is soon",
            SOON,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.STOMACH_PAIN),
        ),
        case(
            "stomach pain and black stools on an NSAID is same day (the bleed sets the level)",
            SAME_DAY,
            medications=taking(NSAID),
            side_effects=effects(SideEffect.STOMACH_PAIN, SideEffect.BLACK_STOOLS),
        ),
    ],
    misses=[
        case(
            "stomach pain without an NSAID is not this rule",
            ROUTINE,
            medications=taking(OPIOID),
            side_effects=effects(SideEffect.STOMACH_PAIN),
        ),
        case(
            "an NSAID with no side effects is all clear",
            ROUTINE,
            medications=taking(NSAID),
            side_effects=frozenset(),
        ),
    ],
)

SPECS = (BREATHING, CONFUSION, SEDATION, DIZZY_OR_DROWSY, BLACK_STOOLS, STOMACH_PAIN)


@pytest.mark.parametrize("c", BREATHING.fires)
def test_slow_or_shallow_breathing_is_an_emergency(c: Case) -> None:
    BREATHING.assert_fires(c)


@pytest.mark.parametrize("c", BREATHING.misses)
def test_sedating_medicines_without_slow_breathing_are_not_the_breathing_emergency(
    c: Case,
) -> None:
    BREATHING.assert_misses(c)


@pytest.mark.parametrize("c", CONFUSION.fires)
def test_confusion_is_same_day(c: Case) -> None:
    CONFUSION.assert_fires(c)


@pytest.mark.parametrize("c", CONFUSION.misses)
def test_other_side_effects_are_not_confusion(c: Case) -> None:
    CONFUSION.assert_misses(c)


@pytest.mark.parametrize("c", SEDATION.fires)
def test_drowsiness_on_an_opioid_with_a_gabapentinoid_or_benzodiazepine_is_same_day(
    c: Case,
) -> None:
    SEDATION.assert_fires(c)


@pytest.mark.parametrize("c", SEDATION.misses)
def test_drowsiness_without_the_opioid_combination_is_not_the_combination_rule(c: Case) -> None:
    SEDATION.assert_misses(c)


@pytest.mark.parametrize("c", DIZZY_OR_DROWSY.fires)
def test_dizziness_or_drowsiness_on_a_sedating_medicine_is_soon(c: Case) -> None:
    DIZZY_OR_DROWSY.assert_fires(c)


@pytest.mark.parametrize("c", DIZZY_OR_DROWSY.misses)
def test_dizziness_without_a_listed_sedating_medicine_does_not_fire(c: Case) -> None:
    DIZZY_OR_DROWSY.assert_misses(c)


@pytest.mark.parametrize("c", BLACK_STOOLS.fires)
def test_black_stools_are_same_day(c: Case) -> None:
    BLACK_STOOLS.assert_fires(c)


@pytest.mark.parametrize("c", BLACK_STOOLS.misses)
def test_stomach_pain_alone_is_not_the_bleeding_rule(c: Case) -> None:
    BLACK_STOOLS.assert_misses(c)


@pytest.mark.parametrize("c", STOMACH_PAIN.fires)
def test_stomach_pain_on_an_nsaid_is_soon(c: Case) -> None:
    STOMACH_PAIN.assert_fires(c)


@pytest.mark.parametrize("c", STOMACH_PAIN.misses)
def test_stomach_pain_off_nsaids_or_an_nsaid_without_it_does_not_fire(c: Case) -> None:
    STOMACH_PAIN.assert_misses(c)


def test_slow_breathing_evidence_names_the_sedating_medicines_sorted() -> None:
    a = assessed(
        checkin(
            medications=taking(OPIOID, BENZODIAZEPINE, GABAPENTINOID, ACETAMINOPHEN),
            side_effects=effects(SideEffect.BREATHING_SLOW),
        )
    )
    f = finding(a, "medication.breathing_slow")
    assert f is not None
    assert dict(f.evidence) == {
        "side_effects": ["breathing_slow"],
        "sedating_medicines": ["benzodiazepine", "gabapentinoid", "opioid"],
    }


def test_slow_breathing_with_no_medicines_listed_says_why_it_is_still_an_emergency() -> None:
    a = assessed(checkin(side_effects=effects(SideEffect.BREATHING_SLOW)))
    f = finding(a, "medication.breathing_slow")
    assert f is not None
    assert f.evidence["sedating_medicines"] == []
    assert "even when no sedating medicine is listed" in f.clinician_note
    assert "FDA2019" in f.sources


def test_black_stools_evidence_records_the_nsaid_and_bleeding_risks() -> None:
    a = assessed(
        checkin(medications=taking(NSAID), side_effects=effects(SideEffect.BLACK_STOOLS)),
        who=patient(conditions=frozenset({Condition.GI_BLEED_HISTORY, Condition.ANTICOAGULATED})),
    )
    f = finding(a, "medication.black_stools")
    assert f is not None
    assert dict(f.evidence) == {
        "side_effects": ["black_stools"],
        "nsaid": True,
        "conditions": ["anticoagulated", "gi_bleed_history"],
    }


def test_the_dizziness_note_gives_the_pregabalin_trial_figures() -> None:
    a = assessed(
        checkin(medications=taking(GABAPENTINOID), side_effects=effects(SideEffect.DIZZINESS))
    )
    f = finding(a, "medication.dizziness_or_drowsiness")
    assert f is not None
    assert "40 % vs 13 %" in f.clinician_note
    assert "MATHIESON2017" in f.sources
