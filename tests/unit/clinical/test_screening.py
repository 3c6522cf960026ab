"""The red-flag screen itself: "unsure" and unanswered are never reassuring.

README section 2 and the safety principles: "unsure" for bladder, bowel or saddle
numbness is at least same day; "unsure" whether a leg is weaker is at least soon; a
red-flag question not answered is at least soon and marks the assessment incomplete.
"""

from __future__ import annotations

from typing import Any

import pytest

from rootwise.clinical.model import (
    Answer,
    Bladder,
    Bowel,
    Change,
    CheckIn,
    Level,
    MedicationClass,
    Onset,
    Side,
)
from tests.unit.clinical.builders import (
    NOW,
    UNANSWERED,
    Case,
    RuleSpec,
    assessed,
    case,
    celsius,
    checkin,
    finding,
    taking,
)

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)

UNSURE_CAUDA_EQUINA = RuleSpec(
    "screen.unsure_cauda_equina",
    fires=[
        case("unsure about the bladder is same day", SAME_DAY, bladder=Bladder.UNSURE),
        case("unsure about the bowels is same day", SAME_DAY, bowel=Bowel.UNSURE),
        case("unsure about saddle numbness is same day", SAME_DAY, saddle_numbness=Answer.UNSURE),
        case(
            "unsure about all three is one same-day call",
            SAME_DAY,
            bladder=Bladder.UNSURE,
            bowel=Bowel.UNSURE,
            saddle_numbness=Answer.UNSURE,
        ),
        case(
            "unsure bladder with saddle numbness is an emergency (saddle sets the level)",
            EMERGENCY,
            bladder=Bladder.UNSURE,
            saddle_numbness=Answer.YES,
        ),
        case(
            "unsure saddle answer with the bladder unanswered is same day",
            SAME_DAY,
            saddle_numbness=Answer.UNSURE,
            bladder=None,
        ),
    ],
    misses=[
        case("sure answers that all is normal are all clear", ROUTINE),
        case("a sure yes is the emergency rule, not unsure", EMERGENCY, saddle_numbness=Answer.YES),
        case("an unanswered bladder is incomplete, not unsure", SOON, bladder=None),
        case("unsure weakness is not a cauda equina answer", SOON, weakness=Change.UNSURE),
    ],
)

UNSURE_WEAKNESS = RuleSpec(
    "screen.unsure_weakness",
    fires=[
        case("unsure whether a leg is weaker is soon", SOON, weakness=Change.UNSURE),
        case(
            "unsure weakness with an unsure bladder is same day (the bladder sets the level)",
            SAME_DAY,
            weakness=Change.UNSURE,
            bladder=Bladder.UNSURE,
        ),
    ],
    misses=[
        case("no weakness is all clear", ROUTINE, weakness=Change.NONE),
        case(
            "a sure new weakness is graded by the weakness rules",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.LEFT,
        ),
        case(
            "unsure about the onset of a new weakness is not unsure weakness",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.UNSURE,
            weakness_side=Side.LEFT,
        ),
        case("unanswered weakness is incomplete, not unsure", SOON, weakness=None),
    ],
)


UNANSWERED_RULE = RuleSpec(
    "screen.unanswered",
    fires=[
        *(
            # A new weakness with its onset or side unanswered is same day on its own.
            case(f"{q} unanswered", SAME_DAY if q.startswith("weakness_") else SOON, **answers)
            for q, answers in UNANSWERED.items()
        ),
        case(
            "an unanswered question next to an emergency leaves the emergency",
            EMERGENCY,
            chest_pain_or_breathless=True,
            wound=None,
        ),
    ],
    misses=[
        case("every red-flag question answered is complete", ROUTINE),
        case(
            "a temperature without a chills answer answers the fever question",
            ROUTINE,
            chills=None,
            temperature=celsius(36.9),
        ),
        case(
            "a chills answer without a temperature answers the fever question",
            ROUTINE,
            chills=False,
            temperature=None,
        ),
        case(
            "onset is not asked when there is no new weakness",
            ROUTINE,
            weakness=Change.NONE,
            weakness_onset=None,
        ),
        case(
            "the side is not asked when the weakness is unchanged",
            ROUTINE,
            weakness=Change.UNCHANGED,
            weakness_side=None,
        ),
        case(
            "onset is not asked when the weakness is better",
            ROUTINE,
            weakness=Change.BETTER,
            weakness_onset=None,
        ),
        case(
            "pain scores, medicines and treatments are not red-flag questions",
            ROUTINE,
            leg_pain=None,
            back_pain=None,
            medications=None,
            side_effects=None,
            modalities=None,
            exercises=None,
        ),
    ],
)

SPECS = (UNSURE_CAUDA_EQUINA, UNSURE_WEAKNESS, UNANSWERED_RULE)


@pytest.mark.parametrize("c", UNSURE_CAUDA_EQUINA.fires)
def test_unsure_about_bladder_bowel_or_saddle_numbness_is_at_least_same_day(c: Case) -> None:
    UNSURE_CAUDA_EQUINA.assert_fires(c)


@pytest.mark.parametrize("c", UNSURE_CAUDA_EQUINA.misses)
def test_sure_or_unanswered_cauda_equina_answers_are_not_unsure(c: Case) -> None:
    UNSURE_CAUDA_EQUINA.assert_misses(c)


@pytest.mark.parametrize("c", UNSURE_WEAKNESS.fires)
def test_unsure_whether_a_leg_is_weaker_is_at_least_soon(c: Case) -> None:
    UNSURE_WEAKNESS.assert_fires(c)


@pytest.mark.parametrize("c", UNSURE_WEAKNESS.misses)
def test_a_sure_or_missing_weakness_answer_is_not_unsure_weakness(c: Case) -> None:
    UNSURE_WEAKNESS.assert_misses(c)


@pytest.mark.parametrize("c", UNANSWERED_RULE.fires)
def test_an_unanswered_red_flag_question_is_at_least_soon(c: Case) -> None:
    UNANSWERED_RULE.assert_fires(c)


@pytest.mark.parametrize("c", UNANSWERED_RULE.misses)
def test_a_screen_with_every_red_flag_question_answered_is_not_incomplete(c: Case) -> None:
    UNANSWERED_RULE.assert_misses(c)


# --- complete -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [pytest.param(answers, id=f"{q} unanswered") for q, answers in UNANSWERED.items()],
)
def test_an_unanswered_red_flag_question_makes_the_assessment_incomplete(
    answers: dict[str, Any],
) -> None:
    a = assessed(checkin(**answers))
    assert a.complete is False
    assert a.level is not ROUTINE


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({}, id="the all-clear screen"),
        pytest.param({"saddle_numbness": Answer.UNSURE}, id="unsure is an answer"),
        pytest.param({"chills": None, "temperature": celsius(37.0)}, id="temperature only"),
        pytest.param({"leg_pain": None, "medications": None}, id="non-screen fields unanswered"),
        pytest.param({"chest_pain_or_breathless": True}, id="an emergency with every answer"),
    ],
)
def test_a_screen_with_every_red_flag_question_answered_is_complete(
    answers: dict[str, Any],
) -> None:
    assert assessed(checkin(**answers)).complete is True


def test_a_check_in_with_nothing_answered_is_incomplete_and_lists_every_question() -> None:
    a = assessed(CheckIn(recorded_at=NOW))
    assert a.complete is False
    assert a.level is SOON
    f = finding(a, "screen.unanswered")
    assert f is not None
    assert f.evidence["unanswered"] == [
        "bladder",
        "bowel",
        "saddle_numbness",
        "weakness",
        "numbness",
        "chills",
        "wound",
        "calf_pain_or_swelling",
        "chest_pain_or_breathless",
        "headache_when_upright",
    ]


def test_unsure_evidence_names_only_the_uncertain_answers() -> None:
    a = assessed(checkin(bladder=Bladder.UNSURE, saddle_numbness=Answer.UNSURE))
    f = finding(a, "screen.unsure_cauda_equina")
    assert f is not None
    assert dict(f.evidence) == {"bladder": "unsure", "saddle_numbness": "unsure"}


def test_the_unanswered_evidence_includes_the_onset_and_side_of_a_new_weakness() -> None:
    a = assessed(checkin(weakness=Change.WORSE, wound=None))
    f = finding(a, "screen.unanswered")
    assert f is not None
    assert f.evidence["unanswered"] == ["weakness_onset", "weakness_side", "wound"]


def test_side_effects_left_unanswered_while_taking_a_sedative_leave_the_screen_open() -> None:
    # Slow breathing is asked among the side effects; on an opioid it must be answered.
    a = assessed(checkin(medications=taking(MedicationClass.OPIOID), side_effects=None))
    assert a.complete is False
    assert a.level is Level.SOON
    f = finding(a, "screen.unanswered")
    assert f is not None
    assert f.evidence["unanswered"] == ["side_effects"]


def test_side_effects_left_unanswered_with_no_sedative_do_not_hold_the_screen_open() -> None:
    a = assessed(checkin(medications=taking(MedicationClass.ACETAMINOPHEN), side_effects=None))
    assert a.complete is True
    assert a.level is Level.ROUTINE
