"""assess(): the highest finding sets the level, and every finding explains itself.

api.md: `findings` run from the highest level down; `complete` is false when a red-flag
question was not answered. README section 1: what the patient is told at each level.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rootwise.clinical.advice import clinician_headline, patient_headline
from rootwise.clinical.model import (
    Answer,
    Bladder,
    Change,
    Condition,
    Level,
    MedicationClass,
    ModalityKind,
    Onset,
    SideEffect,
    WoundSign,
)
from rootwise.clinical.rulebook import rules_version
from rootwise.clinical.rules import RULES
from rootwise.clinical.sources import SOURCES
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS, Thresholds
from tests.unit.clinical.builders import (
    PATIENT,
    assessed,
    checkin,
    patient,
    taking,
    used,
)
from tests.unit.clinical.specs import first_firing_case

EMERGENCY, SAME_DAY, SOON, ROUTINE = (
    Level.EMERGENCY,
    Level.SAME_DAY,
    Level.SOON,
    Level.ROUTINE,
)


def test_with_no_findings_the_level_is_routine_and_the_screen_complete() -> None:
    a = assessed(checkin())
    assert a.level is ROUTINE
    assert a.complete is True
    assert a.findings == ()
    assert a.patient_advice == patient_headline(
        ROUTINE, emergency_number="911", surgery_date=PATIENT.surgery.date
    )
    assert a.clinician_advice == clinician_headline(ROUTINE)


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        pytest.param(
            {"saddle_numbness": Answer.YES, "numbness": Change.NEW},
            EMERGENCY,
            id="an emergency beside a soon finding is an emergency",
        ),
        pytest.param(
            {"calf_pain_or_swelling": True, "numbness": Change.NEW, "wound": None},
            SAME_DAY,
            id="a same-day finding beside two soon findings is same day",
        ),
        pytest.param(
            {"numbness": Change.NEW, "weakness": Change.UNSURE},
            SOON,
            id="two soon findings stay soon; they do not add up",
        ),
        pytest.param(
            {
                "chest_pain_or_breathless": True,
                "bladder": Bladder.UNSURE,
                "headache_when_upright": True,
                "wound": frozenset({WoundSign.WARMTH}),
            },
            EMERGENCY,
            id="one emergency among findings of every level is an emergency",
        ),
    ],
)
def test_the_highest_finding_sets_the_level(answers: dict[str, Any], level: Level) -> None:
    a = assessed(checkin(**answers))
    assert a.level is level
    assert max(f.level.rank for f in a.findings) == level.rank


def _one_of_each_level() -> Any:
    return assessed(
        checkin(
            numbness=Change.NEW,  # soon
            calf_pain_or_swelling=True,  # same day
            wound=frozenset({WoundSign.REDNESS_SPREADING, WoundSign.DRAINAGE_PUS}),
            chest_pain_or_breathless=True,  # emergency
            weakness=Change.NEW,
            weakness_onset=Onset.SUDDEN,  # emergency
            medications=taking(MedicationClass.GABAPENTINOID),
            side_effects=frozenset({SideEffect.DIZZINESS}),  # soon
        )
    )


def test_findings_run_from_the_highest_level_down() -> None:
    levels = [f.level for f in _one_of_each_level().findings]
    assert levels == sorted(levels, key=lambda lv: -lv.rank)
    assert levels[0] is EMERGENCY
    assert levels[-1] is SOON


def test_within_a_level_findings_keep_the_rule_book_order() -> None:
    a = _one_of_each_level()
    book_order = list(RULES)
    for level in Level:
        ids = [f.rule for f in a.findings if f.level is level]
        assert ids == sorted(ids, key=book_order.index)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_finding_carries_its_rule_level_evidence_wording_and_sources(rule_id: str) -> None:
    rule = RULES[rule_id]
    case = first_firing_case(rule_id)
    f = next(f for f in case.run().findings if f.rule == rule_id)
    assert f.level is rule.level
    assert f.evidence, "a finding names the answers that fired it"
    json.dumps(dict(f.evidence))  # evidence goes out as JSON as it is
    assert f.patient_advice == rule.patient_text(case.thresholds)
    assert f.patient_advice.strip()
    assert f.clinician_note.startswith(rule.clinician_text(case.thresholds))
    assert f.sources, "every finding cites at least one source"
    assert set(f.sources) <= set(SOURCES)
    assert f.source == ", ".join(f.sources)


SURGERY_ON_3_SEPTEMBER = patient(surgery_date=date(2026, 9, 3))


@pytest.mark.parametrize(
    ("answers", "level", "opening"),
    [
        pytest.param(
            {"saddle_numbness": Answer.YES},
            EMERGENCY,
            "Call 112 now, or have someone take you to the nearest emergency department.",
            id="emergency: call the emergency number now",
        ),
        pytest.param(
            {"calf_pain_or_swelling": True},
            SAME_DAY,
            "Call your surgical team today.",
            id="same day: call the surgical team today",
        ),
        pytest.param(
            {"numbness": Change.NEW},
            SOON,
            "Tell your care team about this in the next 1 to 3 days.",
            id="soon: tell the care team in 1 to 3 days",
        ),
        pytest.param(
            {},
            ROUTINE,
            "Nothing in today's answers needs action. Keep going with your plan",
            id="routine: keep going",
        ),
    ],
)
def test_the_patient_advice_starts_with_what_to_do_at_its_level(
    answers: dict[str, Any], level: Level, opening: str
) -> None:
    a = assessed(checkin(**answers), who=SURGERY_ON_3_SEPTEMBER, emergency_number="112")
    assert a.level is level
    assert a.patient_advice.startswith(opening)


def test_the_emergency_advice_names_the_number_given_and_the_surgery_date() -> None:
    a = assessed(
        checkin(chest_pain_or_breathless=True),
        who=SURGERY_ON_3_SEPTEMBER,
        emergency_number="999",
    )
    assert a.patient_advice.startswith("Call 999 now")
    assert "Do not drive yourself." in a.patient_advice
    assert "you had back surgery on September 3, 2026" in a.patient_advice
    assert "911" not in a.patient_advice


def test_the_same_day_advice_says_to_call_the_emergency_number_if_worse() -> None:
    a = assessed(checkin(calf_pain_or_swelling=True), emergency_number="000")
    assert "on-call number" in a.patient_advice
    assert "If you get worse before you reach them, call 000." in a.patient_advice


def test_the_emergency_number_changes_only_the_wording() -> None:
    c = checkin(saddle_numbness=Answer.YES, numbness=Change.NEW)
    here, there = assessed(c, emergency_number="911"), assessed(c, emergency_number="112")
    assert (here.level, here.complete, here.findings) == (
        there.level,
        there.complete,
        there.findings,
    )


def test_the_patient_advice_gives_the_headline_then_each_finding_once() -> None:
    # Two wound rules and the leak rule fire; each finding's advice follows the headline.
    a = assessed(checkin(wound=frozenset({WoundSign.DRAINAGE_CLEAR, WoundSign.DRAINAGE_PUS})))
    headline = patient_headline(SAME_DAY, emergency_number="911", surgery_date=PATIENT.surgery.date)
    assert a.patient_advice == " ".join([headline, *(f.patient_advice for f in a.findings)])


@pytest.mark.parametrize(
    ("answers", "level", "silent"),
    [
        pytest.param(
            {"saddle_numbness": Answer.YES, "numbness": Change.NEW, "wound": None},
            EMERGENCY,
            ("numbness.new_or_worse", "screen.unanswered"),
            id="beside an emergency the patient is not told to wait days",
        ),
        pytest.param(
            {"calf_pain_or_swelling": True, "weakness": Change.UNSURE},
            SAME_DAY,
            ("screen.unsure_weakness",),
            id="beside a same-day call the patient is not told 1 to 3 days",
        ),
    ],
)
def test_the_patient_reads_only_the_advice_of_the_findings_that_set_the_level(
    answers: dict[str, Any], level: Level, silent: tuple[str, ...]
) -> None:
    a = assessed(checkin(**answers))
    assert a.level is level
    for f in a.findings:
        assert (f.patient_advice in a.patient_advice) is (f.level is level), f.rule
    assert set(silent) <= {f.rule for f in a.findings}, "the lower findings still fired"
    for rule_id in silent:
        assert f"{rule_id}: " in a.clinician_advice, "the care team still reads them"


def test_the_clinician_advice_names_every_rule_that_fired() -> None:
    a = _one_of_each_level()
    assert a.clinician_advice.startswith(clinician_headline(EMERGENCY))
    for f in a.findings:
        assert f"{f.rule}: {f.clinician_note}" in a.clinician_advice


def test_the_same_request_gives_the_same_assessment() -> None:
    c = checkin(
        weakness=Change.WORSE,
        weakness_onset=Onset.GRADUAL,
        modalities=used(ModalityKind.TENS),
    )
    who = patient(conditions=frozenset({Condition.PACEMAKER}))
    assert assessed(c, who=who) == assessed(c, who=who)


# --- rules_version ------------------------------------------------------------------------

# One changed value per threshold; the meta-test below keeps this list complete.
CHANGED_THRESHOLDS: dict[str, object] = {
    "fever_c": Decimal("38.0"),
    "deficit_fever_c": Decimal("37.8"),
    "rebound_rise": 4,
    "rebound_floor": 7,
    "rebound_window_days": 21,
    "improvement_points": 3,
    "uncontrolled_pain": 9,
    "uncontrolled_days": 4,
    "nsaid_fusion_days": 84,
    "muscle_relaxant_days": 14,
    "opioid_after_surgery_days": 56,
    "opioid_reassess_days": 7,
}


def test_every_threshold_has_a_changed_value_to_test_the_rules_version_with() -> None:
    assert set(CHANGED_THRESHOLDS) == {f.name for f in fields(Thresholds)}


@pytest.mark.parametrize(("name", "value"), list(CHANGED_THRESHOLDS.items()))
def test_the_rules_version_changes_when_a_threshold_changes(name: str, value: object) -> None:
    changed = Thresholds(**{name: value})
    assert rules_version(changed) != rules_version(DEFAULT_THRESHOLDS)
    assert assessed(checkin(), thresholds=changed).rules_version == rules_version(changed)


def test_the_rules_version_is_stable_for_the_same_thresholds() -> None:
    version = rules_version(DEFAULT_THRESHOLDS)
    assert rules_version(Thresholds()) == version
    assert rules_version(Thresholds(fever_c=Decimal("38.3"))) == version
    assert len(version) == 12
    assert assessed(checkin()).rules_version == version
    assert assessed(checkin(chest_pain_or_breathless=True)).rules_version == version


# Findings for the care team's awareness that ask nothing of the patient now. Each is
# justified in its module docstring; any new one must be added here on purpose.
ROUTINE_NOTES = {"medication.opioid_with_gabapentinoid", "medication.opioid_reassess"}


def test_only_the_listed_notes_fire_at_routine_so_every_other_finding_asks_for_action() -> None:
    assert {r.id for r in RULES.values() if r.level is ROUTINE} == ROUTINE_NOTES
    assert {r.level for r in RULES.values()} == {EMERGENCY, SAME_DAY, SOON, ROUTINE}


@pytest.mark.parametrize("rule_id", sorted(ROUTINE_NOTES))
def test_a_routine_note_alone_leaves_the_assessment_routine(rule_id: str) -> None:
    a = first_firing_case(rule_id).run()
    assert a.level is ROUTINE
    assert a.patient_advice.startswith(
        patient_headline(ROUTINE, emergency_number="911", surgery_date=PATIENT.surgery.date)
    )
    assert a.clinician_advice.startswith(clinician_headline(ROUTINE))
