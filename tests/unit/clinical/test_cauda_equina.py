"""Cauda equina: a new bladder, bowel or saddle symptom sends the patient to hospital now.

README section 2: new urinary retention, incontinence or loss of bladder sensation, new
faecal incontinence or loss of bowel sensation, and saddle numbness are emergencies.
"Unsure" is graded by the screen rule (same day), an unanswered question by the
incomplete-screen rule (soon): neither is this emergency, and neither is routine.
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import (
    Answer,
    Bladder,
    Bowel,
    Change,
    Level,
    MedicationClass,
    PainQuality,
    SideEffect,
)
from tests.unit.clinical.builders import (
    Case,
    RuleSpec,
    assessed,
    case,
    checkin,
    finding,
    on_day_after_surgery,
    taking,
)

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)

BLADDER = RuleSpec(
    "cauda_equina.bladder",
    fires=[
        case(
            "cannot pass urine at home is an emergency",
            EMERGENCY,
            bladder=Bladder.NEW_RETENTION,
        ),
        case(
            "new incontinence of urine is an emergency", EMERGENCY, bladder=Bladder.NEW_INCONTINENCE
        ),
        case(
            "new loss of feeling when passing urine is an emergency",
            EMERGENCY,
            bladder=Bladder.NEW_REDUCED_SENSATION,
        ),
        case(
            "retention on day 2 at home is still an emergency (common only in hospital)",
            EMERGENCY,
            at=on_day_after_surgery(2).recorded_at,
            bladder=Bladder.NEW_RETENTION,
        ),
        case(
            "retention with the rest of the screen unanswered is still an emergency",
            EMERGENCY,
            bladder=Bladder.NEW_RETENTION,
            bowel=None,
            saddle_numbness=None,
            wound=None,
        ),
    ],
    misses=[
        case("a normal bladder is all clear", ROUTINE, bladder=Bladder.NORMAL),
        case(
            "unsure about the bladder is graded by the screen rule, not as an emergency",
            SAME_DAY,
            bladder=Bladder.UNSURE,
        ),
        case(
            "an unanswered bladder question is an incomplete screen, not an emergency",
            SOON,
            bladder=None,
        ),
    ],
)

BOWEL = RuleSpec(
    "cauda_equina.bowel",
    fires=[
        case("new faecal incontinence is an emergency", EMERGENCY, bowel=Bowel.NEW_INCONTINENCE),
        case(
            "new loss of feeling when opening the bowels is an emergency",
            EMERGENCY,
            bowel=Bowel.NEW_REDUCED_SENSATION,
        ),
        case(
            "bowel and bladder symptoms together are one emergency",
            EMERGENCY,
            bowel=Bowel.NEW_INCONTINENCE,
            bladder=Bladder.NEW_INCONTINENCE,
        ),
    ],
    misses=[
        case("normal bowels are all clear", ROUTINE, bowel=Bowel.NORMAL),
        case(
            "unsure about the bowels is graded by the screen rule, not as an emergency",
            SAME_DAY,
            bowel=Bowel.UNSURE,
        ),
        case(
            "an unanswered bowel question is an incomplete screen, not an emergency",
            SOON,
            bowel=None,
        ),
        case(
            "constipation on an opioid is not a cauda equina sign",
            ROUTINE,
            medications=taking(MedicationClass.OPIOID),
            side_effects=frozenset({SideEffect.CONSTIPATION}),
        ),
    ],
)

SADDLE = RuleSpec(
    "cauda_equina.saddle_numbness",
    fires=[
        case("saddle numbness is an emergency", EMERGENCY, saddle_numbness=Answer.YES),
        case(
            "saddle numbness with leg numbness that is better is still an emergency",
            EMERGENCY,
            saddle_numbness=Answer.YES,
            numbness=Change.BETTER,
        ),
    ],
    misses=[
        case("no saddle numbness is all clear", ROUTINE, saddle_numbness=Answer.NO),
        case(
            "unsure is graded by the screen rule, not as an emergency",
            SAME_DAY,
            saddle_numbness=Answer.UNSURE,
        ),
        case(
            "an unanswered saddle question is an incomplete screen, not an emergency",
            SOON,
            saddle_numbness=None,
        ),
        case(
            "new numbness in the leg is not saddle numbness",
            SOON,
            numbness=Change.NEW,
        ),
        case(
            "numbness as a quality of leg pain is not saddle numbness",
            ROUTINE,
            pain_qualities=frozenset({PainQuality.NUMBNESS, PainQuality.TINGLING}),
        ),
    ],
)

SPECS = (BLADDER, BOWEL, SADDLE)


@pytest.mark.parametrize("c", BLADDER.fires)
def test_a_new_bladder_symptom_is_an_emergency(c: Case) -> None:
    BLADDER.assert_fires(c)


@pytest.mark.parametrize("c", BLADDER.misses)
def test_a_normal_uncertain_or_missing_bladder_answer_is_not_the_bladder_emergency(
    c: Case,
) -> None:
    BLADDER.assert_misses(c)


@pytest.mark.parametrize("c", BOWEL.fires)
def test_a_new_bowel_symptom_is_an_emergency(c: Case) -> None:
    BOWEL.assert_fires(c)


@pytest.mark.parametrize("c", BOWEL.misses)
def test_normal_bowels_uncertainty_or_constipation_are_not_the_bowel_emergency(c: Case) -> None:
    BOWEL.assert_misses(c)


@pytest.mark.parametrize("c", SADDLE.fires)
def test_saddle_numbness_is_an_emergency(c: Case) -> None:
    SADDLE.assert_fires(c)


@pytest.mark.parametrize("c", SADDLE.misses)
def test_leg_numbness_or_an_unsure_saddle_answer_is_not_the_saddle_emergency(c: Case) -> None:
    SADDLE.assert_misses(c)


@pytest.mark.parametrize(
    ("answers", "rule_id", "evidence"),
    [
        pytest.param(
            {"bladder": Bladder.NEW_RETENTION},
            "cauda_equina.bladder",
            {"bladder": "new_retention"},
            id="bladder evidence names the symptom",
        ),
        pytest.param(
            {"bowel": Bowel.NEW_REDUCED_SENSATION},
            "cauda_equina.bowel",
            {"bowel": "new_reduced_sensation"},
            id="bowel evidence names the symptom",
        ),
        pytest.param(
            {"saddle_numbness": Answer.YES},
            "cauda_equina.saddle_numbness",
            {"saddle_numbness": "yes"},
            id="saddle evidence is the yes answer",
        ),
    ],
)
def test_the_evidence_is_the_answer_that_fired_the_rule(
    answers: dict[str, object], rule_id: str, evidence: dict[str, object]
) -> None:
    f = finding(assessed(checkin(**answers)), rule_id)
    assert f is not None
    assert dict(f.evidence) == evidence


def test_the_bladder_note_separates_retention_in_hospital_from_retention_at_home() -> None:
    f = finding(assessed(checkin(bladder=Bladder.NEW_RETENTION)), "cauda_equina.bladder")
    assert f is not None
    assert "5.6-27 %" in f.clinician_note
    assert "at home who cannot pass urine is an emergency" in f.clinician_note
    assert "48 h" in f.clinician_note


def test_the_bowel_note_says_constipation_on_opioids_is_not_a_cauda_equina_sign() -> None:
    f = finding(assessed(checkin(bowel=Bowel.NEW_INCONTINENCE)), "cauda_equina.bowel")
    assert f is not None
    assert "Constipation alone on opioids is not a cauda equina sign" in f.clinician_note


def test_the_cauda_equina_rules_cite_the_national_pathway() -> None:
    a = assessed(
        checkin(
            bladder=Bladder.NEW_RETENTION,
            bowel=Bowel.NEW_INCONTINENCE,
            saddle_numbness=Answer.YES,
        )
    )
    for rule_id in ("cauda_equina.bladder", "cauda_equina.bowel", "cauda_equina.saddle_numbness"):
        f = finding(a, rule_id)
        assert f is not None
        assert "GIRFT-CES" in f.sources
        assert "SEED" in f.sources
