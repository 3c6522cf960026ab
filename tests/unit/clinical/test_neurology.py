"""Leg weakness and numbness compared with the last check-in.

README section 2: new or worse weakness of sudden onset, or in both legs, is an
emergency; of gradual or unknown onset, same day; new or worse numbness without
weakness, soon. "Unsure" weakness is at least soon (screen rule).
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import Answer, Change, Level, Onset, Side
from tests.unit.clinical.builders import Case, RuleSpec, assessed, case, checkin, finding

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)

SUDDEN = RuleSpec(
    "weakness.sudden",
    fires=[
        case(
            "new weakness within hours is an emergency",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.SUDDEN,
            weakness_side=Side.LEFT,
        ),
        case(
            "weakness that got worse within hours is an emergency",
            EMERGENCY,
            weakness=Change.WORSE,
            weakness_onset=Onset.SUDDEN,
            weakness_side=Side.RIGHT,
        ),
        case(
            "sudden weakness with the side unanswered is still an emergency",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.SUDDEN,
        ),
    ],
    misses=[
        case(
            "new weakness of gradual onset is same day, not an emergency",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.LEFT,
        ),
        case(
            "new weakness of unsure onset is same day (treated as gradual)",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.UNSURE,
            weakness_side=Side.LEFT,
        ),
        case(
            "new weakness with the onset unanswered is same day and an incomplete screen",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_side=Side.LEFT,
        ),
        case(
            "unchanged weakness is not new, whatever the onset says",
            ROUTINE,
            weakness=Change.UNCHANGED,
            weakness_onset=Onset.SUDDEN,
        ),
        case(
            "weakness that is better is not a red flag",
            ROUTINE,
            weakness=Change.BETTER,
            weakness_onset=Onset.SUDDEN,
        ),
        case(
            "unsure weakness is graded by the screen rule (soon)",
            SOON,
            weakness=Change.UNSURE,
            weakness_onset=Onset.SUDDEN,
        ),
    ],
)

BOTH_LEGS = RuleSpec(
    "weakness.both_legs",
    fires=[
        case(
            "new weakness in both legs is an emergency even when it came gradually",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.BOTH,
        ),
        case(
            "worse weakness in both legs of unsure onset is an emergency",
            EMERGENCY,
            weakness=Change.WORSE,
            weakness_onset=Onset.UNSURE,
            weakness_side=Side.BOTH,
        ),
        case(
            "sudden weakness in both legs is an emergency on two counts",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.SUDDEN,
            weakness_side=Side.BOTH,
        ),
    ],
    misses=[
        case(
            "new gradual weakness in one leg is same day",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.RIGHT,
        ),
        case(
            "weakness in both legs that is unchanged is not new",
            ROUTINE,
            weakness=Change.UNCHANGED,
            weakness_side=Side.BOTH,
        ),
        case(
            "weakness in both legs that is better is not a red flag",
            ROUTINE,
            weakness=Change.BETTER,
            weakness_side=Side.BOTH,
        ),
    ],
)

GRADUAL = RuleSpec(
    "weakness.gradual_or_unknown_onset",
    fires=[
        case(
            "new weakness of gradual onset is same day",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.LEFT,
        ),
        case(
            "worse weakness of gradual onset is same day",
            SAME_DAY,
            weakness=Change.WORSE,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.LEFT,
        ),
        case(
            "unsure onset is same day, not an emergency on its own",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_onset=Onset.UNSURE,
            weakness_side=Side.LEFT,
        ),
        case(
            "unanswered onset is same day",
            SAME_DAY,
            weakness=Change.NEW,
            weakness_side=Side.LEFT,
        ),
        case(
            "gradual weakness in both legs also fires, but both legs make it an emergency",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.BOTH,
        ),
    ],
    misses=[
        case(
            "sudden weakness is the emergency rule's, not this one's",
            EMERGENCY,
            weakness=Change.NEW,
            weakness_onset=Onset.SUDDEN,
            weakness_side=Side.LEFT,
        ),
        case("no weakness is all clear", ROUTINE, weakness=Change.NONE),
        case("unchanged weakness is all clear", ROUTINE, weakness=Change.UNCHANGED),
        case("weakness that is better is all clear", ROUTINE, weakness=Change.BETTER),
        case("unsure weakness is graded by the screen rule (soon)", SOON, weakness=Change.UNSURE),
        case("unanswered weakness is an incomplete screen (soon)", SOON, weakness=None),
    ],
)

NUMBNESS = RuleSpec(
    "numbness.new_or_worse",
    fires=[
        case("new leg numbness is soon", SOON, numbness=Change.NEW),
        case("worse leg numbness is soon", SOON, numbness=Change.WORSE),
        case(
            "numbness with new gradual weakness is same day (the weakness sets the level)",
            SAME_DAY,
            numbness=Change.NEW,
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
            weakness_side=Side.LEFT,
        ),
        case(
            "leg numbness with saddle numbness is an emergency (saddle sets the level)",
            EMERGENCY,
            numbness=Change.WORSE,
            saddle_numbness=Answer.YES,
        ),
    ],
    misses=[
        case("no numbness is all clear", ROUTINE, numbness=Change.NONE),
        case("unchanged numbness is all clear", ROUTINE, numbness=Change.UNCHANGED),
        case("numbness that is better is all clear", ROUTINE, numbness=Change.BETTER),
    ],
)

SPECS = (SUDDEN, BOTH_LEGS, GRADUAL, NUMBNESS)


@pytest.mark.parametrize("c", SUDDEN.fires)
def test_new_or_worse_weakness_of_sudden_onset_is_an_emergency(c: Case) -> None:
    SUDDEN.assert_fires(c)


@pytest.mark.parametrize("c", SUDDEN.misses)
def test_weakness_that_is_not_new_and_sudden_is_not_the_sudden_weakness_emergency(
    c: Case,
) -> None:
    SUDDEN.assert_misses(c)


@pytest.mark.parametrize("c", BOTH_LEGS.fires)
def test_new_or_worse_weakness_in_both_legs_is_an_emergency(c: Case) -> None:
    BOTH_LEGS.assert_fires(c)


@pytest.mark.parametrize("c", BOTH_LEGS.misses)
def test_one_leg_or_weakness_that_is_not_new_is_not_the_both_legs_emergency(c: Case) -> None:
    BOTH_LEGS.assert_misses(c)


@pytest.mark.parametrize("c", GRADUAL.fires)
def test_new_or_worse_weakness_of_gradual_or_unknown_onset_is_same_day(c: Case) -> None:
    GRADUAL.assert_fires(c)


@pytest.mark.parametrize("c", GRADUAL.misses)
def test_sudden_absent_or_unsure_weakness_is_not_the_gradual_weakness_rule(c: Case) -> None:
    GRADUAL.assert_misses(c)


@pytest.mark.parametrize("c", NUMBNESS.fires)
def test_new_or_worse_leg_numbness_is_soon(c: Case) -> None:
    NUMBNESS.assert_fires(c)


@pytest.mark.parametrize("c", NUMBNESS.misses)
def test_numbness_that_is_absent_unchanged_or_better_does_not_fire(c: Case) -> None:
    NUMBNESS.assert_misses(c)


def test_weakness_evidence_gives_change_onset_and_side() -> None:
    a = assessed(
        checkin(weakness=Change.WORSE, weakness_onset=Onset.SUDDEN, weakness_side=Side.BOTH)
    )
    expected = {"weakness": "worse", "weakness_onset": "sudden", "weakness_side": "both"}
    for rule_id in ("weakness.sudden", "weakness.both_legs"):
        f = finding(a, rule_id)
        assert f is not None
        assert dict(f.evidence) == expected


def test_weakness_evidence_shows_an_unanswered_onset_as_null() -> None:
    f = finding(assessed(checkin(weakness=Change.NEW)), "weakness.gradual_or_unknown_onset")
    assert f is not None
    assert dict(f.evidence) == {"weakness": "new", "weakness_onset": None, "weakness_side": None}


def test_the_sudden_weakness_note_names_epidural_haematoma_and_its_rate() -> None:
    a = assessed(checkin(weakness=Change.NEW, weakness_onset=Onset.SUDDEN))
    f = finding(a, "weakness.sudden")
    assert f is not None
    assert "epidural haematoma" in f.clinician_note
    assert "0.1-0.2 %" in f.clinician_note
    assert "HEMATOMA" in f.sources


def test_the_numbness_advice_tells_the_patient_saddle_numbness_is_different() -> None:
    f = finding(assessed(checkin(numbness=Change.NEW)), "numbness.new_or_worse")
    assert f is not None
    assert "bottom or groin" in f.patient_advice
    assert "emergency" in f.patient_advice
