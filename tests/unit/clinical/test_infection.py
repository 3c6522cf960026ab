"""Fever, fever with a new deficit, chills, and the wound.

README section 2: a temperature of 38.3 °C (100.9 °F) or more is same day; fever with a
new neurological deficit is an emergency (epidural abscess); pus or a wound that opens
is same day; spreading redness without fever is soon. A reading is compared at the
0.1 °C a thermometer shows, rounding half up, whatever unit it was read in.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from rootwise.clinical.model import Answer, Bladder, Change, Level, Onset, Procedure, WoundSign
from rootwise.clinical.thresholds import Thresholds
from tests.unit.clinical.builders import (
    Case,
    RuleSpec,
    assessed,
    case,
    celsius,
    checkin,
    fahrenheit,
    finding,
    on_day_after_surgery,
    patient,
)

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)
CLINIC_FEVER_38 = Thresholds(fever_c=Decimal("38.0"))

FEVER = RuleSpec(
    "infection.fever",
    fires=[
        case("38.3 °C is the threshold and fires", SAME_DAY, temperature=celsius(38.3)),
        case("39.5 °C fires", SAME_DAY, temperature=celsius(39.5)),
        case("100.9 °F is the threshold in °F and fires", SAME_DAY, temperature=fahrenheit(100.9)),
        case(
            "100.85 °F is 38.25 °C, which rounds half up to 38.3 and fires",
            SAME_DAY,
            temperature=fahrenheit(100.85),
        ),
        case(
            "38.25 °C rounds half up to 38.3 and fires",
            SAME_DAY,
            temperature=celsius(38.25),
        ),
        case(
            "fever with chills is same day",
            SAME_DAY,
            temperature=celsius(38.6),
            chills=True,
        ),
        case(
            "fever with chills unanswered is same day",
            SAME_DAY,
            temperature=celsius(38.6),
            chills=None,
        ),
        case(
            "fever with spreading redness is same day (fever sets the level)",
            SAME_DAY,
            temperature=celsius(38.4),
            wound=frozenset({WoundSign.REDNESS_SPREADING}),
        ),
        case(
            "a clinic that sets the threshold to 38.0 °C gets a fever at 38.0 °C",
            SAME_DAY,
            temperature=celsius(38.0),
            thresholds=CLINIC_FEVER_38,
        ),
    ],
    misses=[
        case("38.2 °C is just below the threshold", ROUTINE, temperature=celsius(38.2)),
        case("100.8 °F is just below the threshold in °F", ROUTINE, temperature=fahrenheit(100.8)),
        case(
            "100.84 °F is 38.24 °C, which rounds down to 38.2",
            ROUTINE,
            temperature=fahrenheit(100.84),
        ),
        case(
            "37.6 °C (100.4 °F) alone is not the seed's fever",
            ROUTINE,
            temperature=celsius(37.6),
        ),
        case("100.4 °F alone is not the seed's fever", ROUTINE, temperature=fahrenheit(100.4)),
        case(
            "38.2 °C with chills is soon through the chills rule, not a fever",
            SOON,
            temperature=celsius(38.2),
            chills=True,
        ),
        case(
            "no temperature taken and no chills is all clear",
            ROUTINE,
            temperature=None,
            chills=False,
        ),
        case(
            "a clinic threshold of 38.0 °C still leaves 37.9 °C below it",
            ROUTINE,
            temperature=celsius(37.9),
            thresholds=CLINIC_FEVER_38,
        ),
    ],
)

FEVER_WITH_UNSURE_WEAKNESS = RuleSpec(
    "infection.fever_with_uncertain_weakness",
    fires=[
        case(
            "38.0 °C and unsure whether a leg is weaker is same day, not soon",
            SAME_DAY,
            temperature=celsius(38.0),
            weakness=Change.UNSURE,
        ),
        case(
            "chills without a thermometer and unsure weakness is same day",
            SAME_DAY,
            temperature=None,
            chills=True,
            weakness=Change.UNSURE,
        ),
    ],
    misses=[
        case(
            "37.9 °C and unsure weakness stays soon (the unsure-weakness screen rule)",
            SOON,
            temperature=celsius(37.9),
            weakness=Change.UNSURE,
        ),
        case(
            "38.5 °C with no weakness is the ordinary fever rule",
            SAME_DAY,
            temperature=celsius(38.5),
            weakness=Change.NONE,
        ),
    ],
)

FEVER_WITH_DEFICIT = RuleSpec(
    "infection.fever_with_new_deficit",
    fires=[
        case(
            "38.0 °C with new numbness is an emergency: any fever counts with a deficit",
            EMERGENCY,
            temperature=celsius(38.0),
            numbness=Change.NEW,
        ),
        case(
            "100.4 °F with new gradual weakness is an emergency",
            EMERGENCY,
            temperature=fahrenheit(100.4),
            weakness=Change.NEW,
            weakness_onset=Onset.GRADUAL,
        ),
        case(
            "37.95 °C rounds to 38.0 and with worse numbness is an emergency",
            EMERGENCY,
            temperature=celsius(37.95),
            numbness=Change.WORSE,
        ),
        case(
            "chills with new numbness and no thermometer is an emergency",
            EMERGENCY,
            temperature=None,
            chills=True,
            numbness=Change.NEW,
        ),
        case(
            "a high fever with a new bladder symptom is an emergency on two counts",
            EMERGENCY,
            temperature=celsius(39.0),
            bladder=Bladder.NEW_RETENTION,
        ),
        case(
            "fever with saddle numbness is an emergency on two counts",
            EMERGENCY,
            temperature=celsius(38.3),
            saddle_numbness=Answer.YES,
        ),
    ],
    misses=[
        case(
            "37.9 °C with new numbness is only the numbness (soon)",
            SOON,
            temperature=celsius(37.9),
            numbness=Change.NEW,
        ),
        case(
            "100.3 °F (37.9 °C) with new numbness is only the numbness (soon)",
            SOON,
            temperature=fahrenheit(100.3),
            numbness=Change.NEW,
        ),
        case(
            "no chills and no temperature with new numbness is only the numbness",
            SOON,
            temperature=None,
            chills=False,
            numbness=Change.NEW,
        ),
        case(
            "a high fever without a deficit is same day",
            SAME_DAY,
            temperature=celsius(39.0),
        ),
        case(
            "fever with numbness that is better is not a new deficit",
            SAME_DAY,
            temperature=celsius(39.0),
            numbness=Change.BETTER,
        ),
        case(
            "fever with unchanged weakness is not a new deficit",
            SAME_DAY,
            temperature=celsius(39.0),
            weakness=Change.UNCHANGED,
        ),
        case(
            "fever with unsure weakness is graded by fever and the screen, not as an abscess",
            SAME_DAY,
            temperature=celsius(39.0),
            weakness=Change.UNSURE,
        ),
    ],
)

CHILLS = RuleSpec(
    "infection.chills_without_fever",
    fires=[
        case("chills with no temperature taken is soon", SOON, chills=True, temperature=None),
        case("chills at 37.8 °C is soon", SOON, chills=True, temperature=celsius(37.8)),
        case("chills at 38.2 °C is soon", SOON, chills=True, temperature=celsius(38.2)),
        case("chills at 100.8 °F is soon", SOON, chills=True, temperature=fahrenheit(100.8)),
        case(
            "chills with new numbness also fires, but the deficit makes it an emergency",
            EMERGENCY,
            chills=True,
            numbness=Change.NEW,
        ),
    ],
    misses=[
        case(
            "chills at 38.3 °C are part of the fever (same day)",
            SAME_DAY,
            chills=True,
            temperature=celsius(38.3),
        ),
        case("no chills is all clear", ROUTINE, chills=False),
        case(
            "chills unanswered with a normal temperature is all clear",
            ROUTINE,
            chills=None,
            temperature=celsius(36.8),
        ),
    ],
)

PUS_OR_OPENING = RuleSpec(
    "wound.pus_or_opening",
    fires=[
        case("pus from the wound is same day", SAME_DAY, wound=frozenset({WoundSign.DRAINAGE_PUS})),
        case("a wound that opens is same day", SAME_DAY, wound=frozenset({WoundSign.OPENING})),
        case(
            "pus with spreading redness is same day",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_PUS, WoundSign.REDNESS_SPREADING}),
        ),
    ],
    misses=[
        case("a clean wound is all clear", ROUTINE, wound=frozenset()),
        case(
            "clear fluid is the CSF leak rule (same day), not pus",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_CLEAR}),
        ),
        case(
            "spreading redness alone is soon",
            SOON,
            wound=frozenset({WoundSign.REDNESS_SPREADING}),
        ),
        case("an unanswered wound question is an incomplete screen", SOON, wound=None),
    ],
)

INFLAMED = RuleSpec(
    "wound.inflamed",
    fires=[
        case(
            "spreading redness without fever is soon",
            SOON,
            wound=frozenset({WoundSign.REDNESS_SPREADING}),
        ),
        case("warmth at the wound is soon", SOON, wound=frozenset({WoundSign.WARMTH})),
        case("swelling at the wound is soon", SOON, wound=frozenset({WoundSign.SWELLING})),
        case(
            "spreading redness at 38.2 °C is still soon",
            SOON,
            wound=frozenset({WoundSign.REDNESS_SPREADING}),
            temperature=celsius(38.2),
        ),
        case(
            "spreading redness with fever is same day (the fever sets the level)",
            SAME_DAY,
            wound=frozenset({WoundSign.REDNESS_SPREADING}),
            temperature=celsius(38.5),
        ),
        case(
            "redness with pus is same day (the pus sets the level)",
            SAME_DAY,
            wound=frozenset({WoundSign.REDNESS_SPREADING, WoundSign.DRAINAGE_PUS}),
        ),
    ],
    misses=[
        case("a clean wound is all clear", ROUTINE, wound=frozenset()),
        case("bleeding is its own rule", SOON, wound=frozenset({WoundSign.BLEEDING})),
        case(
            "an opened wound alone is not inflamed", SAME_DAY, wound=frozenset({WoundSign.OPENING})
        ),
    ],
)

BLEEDING = RuleSpec(
    "wound.bleeding",
    fires=[
        case("bleeding from the wound is soon", SOON, wound=frozenset({WoundSign.BLEEDING})),
        case(
            "bleeding from a wound that opened is same day",
            SAME_DAY,
            wound=frozenset({WoundSign.BLEEDING, WoundSign.OPENING}),
        ),
    ],
    misses=[
        case("a clean wound is all clear", ROUTINE, wound=frozenset()),
        case(
            "clear fluid is not bleeding",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_CLEAR}),
        ),
    ],
)

SPECS = (
    FEVER,
    FEVER_WITH_DEFICIT,
    FEVER_WITH_UNSURE_WEAKNESS,
    CHILLS,
    PUS_OR_OPENING,
    INFLAMED,
    BLEEDING,
)


@pytest.mark.parametrize("c", FEVER.fires)
def test_a_temperature_at_or_above_the_threshold_is_same_day(c: Case) -> None:
    FEVER.assert_fires(c)


@pytest.mark.parametrize("c", FEVER.misses)
def test_a_temperature_below_the_threshold_is_not_a_fever(c: Case) -> None:
    FEVER.assert_misses(c)


@pytest.mark.parametrize("c", FEVER_WITH_DEFICIT.fires)
def test_fever_or_chills_with_a_new_deficit_is_an_emergency(c: Case) -> None:
    FEVER_WITH_DEFICIT.assert_fires(c)


@pytest.mark.parametrize("c", FEVER_WITH_DEFICIT.misses)
def test_fever_without_a_new_deficit_or_a_deficit_without_fever_is_not_an_abscess_alarm(
    c: Case,
) -> None:
    FEVER_WITH_DEFICIT.assert_misses(c)


@pytest.mark.parametrize("c", CHILLS.fires)
def test_chills_without_a_fever_reading_are_soon(c: Case) -> None:
    CHILLS.assert_fires(c)


@pytest.mark.parametrize("c", CHILLS.misses)
def test_chills_with_a_fever_or_no_chills_do_not_fire_the_chills_rule(c: Case) -> None:
    CHILLS.assert_misses(c)


@pytest.mark.parametrize("c", PUS_OR_OPENING.fires)
def test_pus_or_an_opened_wound_is_same_day(c: Case) -> None:
    PUS_OR_OPENING.assert_fires(c)


@pytest.mark.parametrize("c", PUS_OR_OPENING.misses)
def test_other_wound_signs_are_not_pus_or_opening(c: Case) -> None:
    PUS_OR_OPENING.assert_misses(c)


@pytest.mark.parametrize("c", INFLAMED.fires)
def test_spreading_redness_warmth_or_swelling_is_soon(c: Case) -> None:
    INFLAMED.assert_fires(c)


@pytest.mark.parametrize("c", INFLAMED.misses)
def test_a_clean_bleeding_or_opened_wound_is_not_an_inflamed_wound(c: Case) -> None:
    INFLAMED.assert_misses(c)


@pytest.mark.parametrize("c", BLEEDING.fires)
def test_a_bleeding_wound_is_soon(c: Case) -> None:
    BLEEDING.assert_fires(c)


@pytest.mark.parametrize("c", BLEEDING.misses)
def test_a_wound_that_does_not_bleed_does_not_fire_the_bleeding_rule(c: Case) -> None:
    BLEEDING.assert_misses(c)


# --- What the clinician reads about a fever ------------------------------------------------


def _fever_note(day: int, procedure: Procedure = Procedure.DISCECTOMY) -> str:
    a = assessed(
        on_day_after_surgery(day, temperature=celsius(38.5)),
        who=patient(procedure=procedure),
    )
    assert a.level is SAME_DAY, "the patient is told to call the same day whatever the day"
    f = finding(a, "infection.fever")
    assert f is not None
    return f.clinician_note


FIRST_48_H = "first 2 days after surgery is common and usually benign"
LATE_FEVER = "13.2 % vs 0.9 %"
IMPLANT = "deep infection can appear up to 90 days"


@pytest.mark.parametrize(
    ("day", "mentions", "omits"),
    [
        pytest.param(0, FIRST_48_H, LATE_FEVER, id="day 0: early fever is usually benign"),
        pytest.param(1, FIRST_48_H, LATE_FEVER, id="day 1: early fever is usually benign"),
        pytest.param(2, FIRST_48_H, LATE_FEVER, id="day 2: still within the early window"),
        pytest.param(4, LATE_FEVER, FIRST_48_H, id="day 4: fever from day 4 is more often SSI"),
        pytest.param(19, LATE_FEVER, FIRST_48_H, id="day 19: still the late-fever figure"),
    ],
)
def test_the_fever_note_puts_the_day_of_onset_in_context(
    day: int, mentions: str, omits: str
) -> None:
    note = _fever_note(day)
    assert f"Fever since day {day} after surgery (today is day {day})." in note
    assert mentions in note
    assert omits not in note


def test_on_day_3_the_fever_note_gives_neither_early_nor_late_context() -> None:
    note = _fever_note(3)
    assert FIRST_48_H not in note
    assert LATE_FEVER not in note


@pytest.mark.parametrize(
    ("procedure", "day", "mentions_implant"),
    [
        pytest.param(Procedure.FUSION, 19, True, id="fusion on day 19: implant window"),
        pytest.param(Procedure.FUSION, 90, True, id="fusion on day 90: last day of the window"),
        pytest.param(Procedure.FUSION, 91, False, id="fusion on day 91: window over"),
        pytest.param(Procedure.DISC_REPLACEMENT, 30, True, id="disc replacement is an implant"),
        pytest.param(Procedure.DISCECTOMY, 19, False, id="discectomy leaves no implant"),
        pytest.param(Procedure.LAMINECTOMY, 19, False, id="laminectomy leaves no implant"),
    ],
)
def test_the_fever_note_mentions_the_90_day_implant_window(
    procedure: Procedure, day: int, mentions_implant: bool
) -> None:
    assert (IMPLANT in _fever_note(day, procedure)) is mentions_implant


def test_fever_evidence_keeps_the_reading_as_given_and_in_celsius() -> None:
    a = assessed(on_day_after_surgery(5, temperature=fahrenheit(101.3), chills=True))
    f = finding(a, "infection.fever")
    assert f is not None
    assert dict(f.evidence) == {
        "temperature_c": 38.5,
        "temperature": {"value": 101.3, "unit": "F"},
        "chills": True,
        "day_after_surgery": 5,
    }


def test_the_fever_advice_gives_the_threshold_in_both_units() -> None:
    f = finding(assessed(checkin(temperature=celsius(38.3))), "infection.fever")
    assert f is not None
    assert "38.3 °C (100.9 °F)" in f.patient_advice


def test_the_fever_advice_follows_a_clinic_threshold() -> None:
    a = assessed(checkin(temperature=celsius(38.0)), thresholds=CLINIC_FEVER_38)
    f = finding(a, "infection.fever")
    assert f is not None
    assert "38.0 °C (100.4 °F)" in f.patient_advice


def test_fever_with_a_deficit_lists_every_new_sign_as_evidence() -> None:
    a = assessed(
        checkin(
            temperature=celsius(38.1),
            numbness=Change.NEW,
            weakness=Change.WORSE,
            weakness_onset=Onset.GRADUAL,
        )
    )
    f = finding(a, "infection.fever_with_new_deficit")
    assert f is not None
    assert dict(f.evidence) == {
        "temperature_c": 38.1,
        "chills": False,
        "weakness": "worse",
        "numbness": "new",
    }
    assert "do not wait for all three" in f.clinician_note


def test_wound_evidence_lists_the_signs_in_a_stable_order() -> None:
    a = assessed(checkin(wound=frozenset({WoundSign.OPENING, WoundSign.DRAINAGE_PUS})))
    f = finding(a, "wound.pus_or_opening")
    assert f is not None
    assert dict(f.evidence) == {"wound": ["drainage_pus", "opening"]}


@pytest.mark.parametrize("c", FEVER_WITH_UNSURE_WEAKNESS.fires)
def test_fever_with_an_unsure_answer_about_weakness_is_same_day(c: Case) -> None:
    FEVER_WITH_UNSURE_WEAKNESS.assert_fires(c)


@pytest.mark.parametrize("c", FEVER_WITH_UNSURE_WEAKNESS.misses)
def test_unsure_weakness_without_fever_or_chills_is_not_the_fever_rule(c: Case) -> None:
    FEVER_WITH_UNSURE_WEAKNESS.assert_misses(c)


def test_a_fever_running_since_day_1_keeps_the_early_fever_note_on_day_5() -> None:
    febrile_days = tuple(
        on_day_after_surgery(day, temperature=celsius(38.6)) for day in (1, 2, 3, 4)
    )
    a = assessed(on_day_after_surgery(5, temperature=celsius(38.6)), history=febrile_days)
    f = finding(a, "infection.fever")
    assert f is not None
    assert "Fever since day 1 after surgery (today is day 5)" in f.clinician_note
    assert FIRST_48_H in f.clinician_note
    assert LATE_FEVER not in f.clinician_note


def test_a_day_without_fever_ends_the_run_so_a_new_fever_is_dated_afresh() -> None:
    history = (
        on_day_after_surgery(1, temperature=celsius(38.6)),
        on_day_after_surgery(4, temperature=celsius(36.9)),
    )
    a = assessed(on_day_after_surgery(5, temperature=celsius(38.6)), history=history)
    f = finding(a, "infection.fever")
    assert f is not None
    assert "Fever since day 5" in f.clinician_note
    assert LATE_FEVER in f.clinician_note
