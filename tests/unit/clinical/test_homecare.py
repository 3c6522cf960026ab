"""Ice, heat and TENS at home (README section 5): when each suits, and the cautions.

TENS is refused with an implanted device or in pregnancy, with the reason in plain words;
heat waits for the wound; numb skin gets its caution; the clinician sees the NG59 caveat.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rootwise.clinical.homecare import (
    ICE_FIRST_DAYS,
    WOUND_HEALING_DAYS,
    HomeCareAdvice,
    HomeCareContext,
    home_care,
    home_care_context,
)
from rootwise.clinical.model import (
    Change,
    CheckIn,
    Condition,
    ModalityKind,
    PainQuality,
    Procedure,
    WoundSign,
)
from rootwise.clinical.sources import SOURCES
from tests.unit.clinical.test_plain_language import (  # the offline grade measure
    JARGON,
    MAX_GRADE,
    _grade,
    _syllables_from_pyphen,  # noqa: F401 (an autouse fixture, used by being imported)
)

ICE, HEAT, TENS = ModalityKind.ICE, ModalityKind.HEAT, ModalityKind.TENS
DAY_ONE = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def advice(kind: ModalityKind, day: int = 30, **context: Any) -> HomeCareAdvice:
    """The advice on `kind` for a discectomy patient on `day`, knowing `context`."""
    found = home_care(HomeCareContext(day, Procedure.DISCECTOMY, **context))
    return next(a for a in found if a.kind is kind)


def with_conditions(*conditions: Condition) -> frozenset[Condition]:
    return frozenset(conditions)


def test_it_gives_ice_heat_and_tens_in_that_order() -> None:
    kinds = [a.kind for a in home_care(HomeCareContext(30, Procedure.FUSION))]
    assert kinds == [ICE, HEAT, TENS]


# --- TENS ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "named"),
    [
        (Condition.PACEMAKER, "a pacemaker"),
        (Condition.IMPLANTED_STIMULATOR, "an implanted stimulator"),
    ],
)
def test_tens_is_refused_with_an_implanted_device_and_says_why(
    condition: Condition, named: str
) -> None:
    tens = advice(TENS, conditions=with_conditions(condition))
    assert not tens.suitable_now
    assert tens.reason.startswith("Do not use a TENS machine.")
    assert named in tens.reason
    assert "upset it" in tens.reason
    assert tens.when == f"Not while you have {named}."
    assert condition.value.replace("_", " ") in tens.clinician_note


def test_tens_with_both_devices_names_both() -> None:
    tens = advice(
        TENS, conditions=with_conditions(Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR)
    )
    assert not tens.suitable_now
    assert "a pacemaker and an implanted stimulator" in tens.reason


def test_tens_is_refused_in_pregnancy_and_says_not_on_the_back_or_belly() -> None:
    tens = advice(TENS, conditions=with_conditions(Condition.PREGNANT))
    assert not tens.suitable_now
    assert "on your back or belly while you are pregnant" in tens.reason
    assert tens.when == "Not on your back or belly while you are pregnant."
    assert "pregnant" in tens.clinician_note


def test_tens_suits_once_the_wound_has_healed_without_a_device_or_pregnancy() -> None:
    tens = advice(TENS, day=WOUND_HEALING_DAYS, conditions=with_conditions(Condition.DIABETES))
    assert tens.suitable_now
    assert "Ask your team before you start" in tens.reason


def test_tens_waits_for_a_fresh_wound() -> None:
    tens = advice(TENS, day=WOUND_HEALING_DAYS - 1)
    assert not tens.suitable_now
    assert "wait until your wound has healed" in tens.reason


def test_tens_waits_for_a_wound_still_open_whatever_the_day() -> None:
    assert not advice(TENS, day=60, wound_healed=False).suitable_now


def test_tens_always_carries_its_placement_and_device_cautions() -> None:
    cautions = " ".join(advice(TENS).cautions)
    assert "Never put the pads on or over your scar." in cautions
    assert "pacemaker or an implanted stimulator" in cautions
    assert "pregnant, do not put the pads on your back or belly" in cautions
    assert "numb" in cautions


def test_the_clinician_sees_that_nice_ng59_advises_against_tens() -> None:
    tens = advice(TENS)
    assert "NICE NG59 advises against offering TENS for low back pain with or without " in (
        tens.clinician_note
    )
    assert "NG59" in tens.sources
    assert "TENS" in tens.sources


# --- Heat ---------------------------------------------------------------------------


def test_heat_waits_until_about_two_weeks_when_healing_is_not_known() -> None:
    before = advice(HEAT, day=WOUND_HEALING_DAYS - 1)
    assert not before.suitable_now
    assert before.reason.startswith("Not yet: heat can harm a fresh wound.")
    assert advice(HEAT, day=WOUND_HEALING_DAYS).suitable_now


def test_heat_waits_for_a_wound_that_has_not_healed_whatever_the_day() -> None:
    heat = advice(HEAT, day=90, wound_healed=False)
    assert not heat.suitable_now
    assert "your wound is still healing" in heat.reason


def test_heat_suits_once_the_team_says_the_wound_has_healed() -> None:
    heat = advice(HEAT, day=10, wound_healed=True)
    assert heat.suitable_now
    assert heat.reason.endswith("now that your wound has healed.")


def test_heat_from_two_weeks_without_word_from_the_team_asks_for_a_closed_wound() -> None:
    heat = advice(HEAT, day=WOUND_HEALING_DAYS)
    assert heat.reason.endswith("Use it only once your wound has fully closed and is dry.")


def test_heat_never_goes_on_the_wound() -> None:
    assert "Never put heat on your wound until it has fully closed and is dry." in (
        advice(HEAT).cautions
    )


# --- Ice ----------------------------------------------------------------------------


def test_ice_is_for_the_first_days_and_then_for_flare_ups() -> None:
    early = advice(ICE, day=ICE_FIRST_DAYS - 1)
    later = advice(ICE, day=ICE_FIRST_DAYS)
    assert early.suitable_now
    assert later.suitable_now
    assert "first few days" in early.reason
    assert "flare-ups" in later.reason


def test_ice_is_15_to_20_minutes_with_a_cloth_between_skin_and_ice() -> None:
    how = " ".join(advice(ICE).how)
    assert "15 to 20 minutes" in how
    assert "cloth between the ice and your skin" in how


def test_ice_keeps_a_fresh_dressing_dry() -> None:
    assert any("dressing stays dry" in step for step in advice(ICE, day=1).how)
    assert not any("dressing" in step for step in advice(ICE, day=30).how)


# --- Numb skin ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", [ICE, HEAT])
@pytest.mark.parametrize("numb", [True, False, None])
def test_ice_and_heat_always_warn_against_numb_skin(kind: ModalityKind, numb: bool | None) -> None:
    cautions = advice(kind, recent_numbness=numb).cautions
    assert any(re.search(r"Do not use \w+ on skin that feels numb", c) for c in cautions)


@pytest.mark.parametrize("kind", [ICE, HEAT])
def test_numbness_reported_adds_a_personal_caution(kind: ModalityKind) -> None:
    personal = "You told us part of your leg or foot feels numb."
    assert any(personal in c for c in advice(kind, recent_numbness=True).cautions)
    assert not any(personal in c for c in advice(kind, recent_numbness=False).cautions)
    assert not any(personal in c for c in advice(kind, recent_numbness=None).cautions)


# --- The context from check-ins -----------------------------------------------------


def recent(*answers: dict[str, Any]) -> tuple[CheckIn, ...]:
    return tuple(
        CheckIn(recorded_at=DAY_ONE + timedelta(days=i), **a) for i, a in enumerate(answers)
    )


def context_of(*answers: dict[str, Any]) -> HomeCareContext:
    return home_care_context(
        day_after_surgery=20,
        procedure=Procedure.DISCECTOMY,
        conditions=frozenset(),
        recent=recent(*answers),
    )


@pytest.mark.parametrize("change", [Change.NEW, Change.WORSE, Change.UNCHANGED, Change.BETTER])
def test_any_recent_numbness_counts_as_numb_skin(change: Change) -> None:
    assert context_of({"numbness": Change.NONE}, {"numbness": change}).recent_numbness is True


def test_numbness_as_a_quality_of_the_pain_counts_too() -> None:
    qualities = frozenset({PainQuality.NUMBNESS})
    assert context_of({"pain_qualities": qualities}).recent_numbness is True


def test_no_numbness_only_when_asked_and_none_reported() -> None:
    assert context_of({"numbness": Change.NONE}, {}).recent_numbness is False
    assert context_of({}, {"leg_pain": 3}).recent_numbness is None
    assert context_of().recent_numbness is None


@pytest.mark.parametrize(
    "sign",
    [WoundSign.OPENING, WoundSign.DRAINAGE_PUS, WoundSign.DRAINAGE_CLEAR, WoundSign.BLEEDING],
)
def test_a_recent_open_or_draining_wound_is_not_healed(sign: WoundSign) -> None:
    assert context_of({"wound": frozenset({sign})}).wound_healed is False


def test_check_ins_never_show_a_wound_as_healed() -> None:
    assert (
        context_of({"wound": frozenset()}, {"wound": frozenset({WoundSign.WARMTH})}).wound_healed
        is None
    )


def test_a_negative_day_is_refused() -> None:
    with pytest.raises(ValueError, match="day_after_surgery"):
        HomeCareContext(-1, Procedure.DISCECTOMY)


# --- Every text ---------------------------------------------------------------------

CONTEXTS = [
    HomeCareContext(day, procedure, conditions, numb, healed)
    for day in (0, ICE_FIRST_DAYS, WOUND_HEALING_DAYS, 90)
    for procedure in (Procedure.DISCECTOMY, Procedure.FUSION)
    for conditions in (
        frozenset(),
        frozenset({Condition.PACEMAKER}),
        frozenset({Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR}),
        frozenset({Condition.PREGNANT}),
    )
    for numb in (True, None)
    for healed in (None, False, True)
]
ALL_ADVICE = [a for c in CONTEXTS for a in home_care(c)]
PATIENT_TEXTS = sorted({t for a in ALL_ADVICE for t in (a.reason, a.when, *a.how, *a.cautions)})


@pytest.mark.parametrize("text", PATIENT_TEXTS)
def test_every_patient_text_reads_at_grade_8_or_less(text: str) -> None:
    assert _grade(text) <= MAX_GRADE, f"grade {_grade(text):.1f}: {text}"


@pytest.mark.parametrize("text", PATIENT_TEXTS)
def test_every_patient_text_is_free_of_jargon(text: str) -> None:
    found = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", text, flags=re.IGNORECASE)]
    assert not found, f"{found}: {text}"


def test_every_source_cited_exists_and_is_in_the_clinician_note() -> None:
    for a in ALL_ADVICE:
        assert a.sources
        for source in a.sources:
            assert source in SOURCES
            assert f"[{source}]" in a.clinician_note
