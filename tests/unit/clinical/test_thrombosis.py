"""Venous thromboembolism: a clot in the lungs is an emergency, one in the calf same day.

README section 2: chest pain or breathlessness is an emergency (pulmonary embolism);
calf pain or swelling is same day (deep vein thrombosis).
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import Level, MedicationClass, SideEffect
from tests.unit.clinical.builders import Case, RuleSpec, assessed, case, checkin, finding, taking

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)

CHEST = RuleSpec(
    "vte.chest_pain_or_breathless",
    fires=[
        case(
            "chest pain or breathlessness is an emergency",
            EMERGENCY,
            chest_pain_or_breathless=True,
        ),
        case(
            "chest symptoms with a painful calf are one emergency",
            EMERGENCY,
            chest_pain_or_breathless=True,
            calf_pain_or_swelling=True,
        ),
        case(
            "chest symptoms with the rest of the screen unanswered are still an emergency",
            EMERGENCY,
            chest_pain_or_breathless=True,
            calf_pain_or_swelling=None,
            wound=None,
        ),
    ],
    misses=[
        case("no chest symptoms is all clear", ROUTINE, chest_pain_or_breathless=False),
        case(
            "an unanswered chest question is an incomplete screen, not an emergency",
            SOON,
            chest_pain_or_breathless=None,
        ),
    ],
)

CALF = RuleSpec(
    "vte.calf",
    fires=[
        case("calf pain or swelling is same day", SAME_DAY, calf_pain_or_swelling=True),
        case(
            "a painful calf with chest symptoms is an emergency (the chest sets the level)",
            EMERGENCY,
            calf_pain_or_swelling=True,
            chest_pain_or_breathless=True,
        ),
    ],
    misses=[
        case("no calf symptoms is all clear", ROUTINE, calf_pain_or_swelling=False),
        case(
            "an unanswered calf question is an incomplete screen",
            SOON,
            calf_pain_or_swelling=None,
        ),
        case(
            "leg swelling listed as a pregabalin side effect, with the calf answered no, is a "
            "dose review (soon), not the calf rule",
            SOON,
            medications=taking(MedicationClass.GABAPENTINOID),
            side_effects=frozenset({SideEffect.SWELLING_LEGS}),
        ),
    ],
)

SPECS = (CHEST, CALF)


@pytest.mark.parametrize("c", CHEST.fires)
def test_chest_pain_or_breathlessness_is_an_emergency(c: Case) -> None:
    CHEST.assert_fires(c)


@pytest.mark.parametrize("c", CHEST.misses)
def test_no_or_no_answer_about_the_chest_is_not_the_clot_emergency(c: Case) -> None:
    CHEST.assert_misses(c)


@pytest.mark.parametrize("c", CALF.fires)
def test_calf_pain_or_swelling_is_same_day(c: Case) -> None:
    CALF.assert_fires(c)


@pytest.mark.parametrize("c", CALF.misses)
def test_no_or_no_answer_about_the_calf_does_not_fire_the_calf_rule(c: Case) -> None:
    CALF.assert_misses(c)


def test_the_calf_advice_says_when_to_call_emergency_services_instead() -> None:
    f = finding(assessed(checkin(calf_pain_or_swelling=True)), "vte.calf")
    assert f is not None
    assert "chest pain" in f.patient_advice
    assert "call emergency services" in f.patient_advice


def test_the_chest_note_gives_the_rate_of_clots_after_spine_surgery() -> None:
    f = finding(assessed(checkin(chest_pain_or_breathless=True)), "vte.chest_pain_or_breathless")
    assert f is not None
    assert "pulmonary embolism" in f.clinician_note
    assert "1-2 %" in f.clinician_note
    assert f.sources == ("VTE",)
