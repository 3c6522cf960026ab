"""Leak of spinal fluid after a dural tear.

README section 2: a headache when upright that eases lying down, or clear fluid from the
wound, is same day. A dural tear recorded at the operation is named in the clinician note.
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import Level, WoundSign
from tests.unit.clinical.builders import (
    Case,
    RuleSpec,
    assessed,
    case,
    checkin,
    finding,
    patient,
)

SAME_DAY, SOON, ROUTINE = Level.SAME_DAY, Level.SOON, Level.ROUTINE

HEADACHE = RuleSpec(
    "csf_leak.positional_headache",
    fires=[
        case(
            "a headache when upright that eases lying down is same day",
            SAME_DAY,
            headache_when_upright=True,
        ),
        case(
            "the headache after a recorded dural tear is same day",
            SAME_DAY,
            headache_when_upright=True,
            who=patient(durotomy=True),
        ),
        case(
            "the headache with clear fluid from the wound is one same-day leak",
            SAME_DAY,
            headache_when_upright=True,
            wound=frozenset({WoundSign.DRAINAGE_CLEAR}),
        ),
    ],
    misses=[
        case("no positional headache is all clear", ROUTINE, headache_when_upright=False),
        case(
            "a dural tear at the operation alone is not a leak today",
            ROUTINE,
            who=patient(durotomy=True),
        ),
        case(
            "an unanswered headache question is an incomplete screen",
            SOON,
            headache_when_upright=None,
        ),
    ],
)

CLEAR_DRAINAGE = RuleSpec(
    "csf_leak.clear_drainage",
    fires=[
        case(
            "clear fluid from the wound is same day",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_CLEAR}),
        ),
        case(
            "clear fluid with warmth is same day (the leak sets the level)",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_CLEAR, WoundSign.WARMTH}),
        ),
    ],
    misses=[
        case("a clean wound is all clear", ROUTINE, wound=frozenset()),
        case(
            "pus is the infection rule, not a leak",
            SAME_DAY,
            wound=frozenset({WoundSign.DRAINAGE_PUS}),
        ),
        case("bleeding is not clear fluid", SOON, wound=frozenset({WoundSign.BLEEDING})),
    ],
)

SPECS = (HEADACHE, CLEAR_DRAINAGE)


@pytest.mark.parametrize("c", HEADACHE.fires)
def test_a_headache_when_upright_is_same_day(c: Case) -> None:
    HEADACHE.assert_fires(c)


@pytest.mark.parametrize("c", HEADACHE.misses)
def test_no_positional_headache_does_not_fire_the_headache_rule(c: Case) -> None:
    HEADACHE.assert_misses(c)


@pytest.mark.parametrize("c", CLEAR_DRAINAGE.fires)
def test_clear_fluid_from_the_wound_is_same_day(c: Case) -> None:
    CLEAR_DRAINAGE.assert_fires(c)


@pytest.mark.parametrize("c", CLEAR_DRAINAGE.misses)
def test_a_wound_without_clear_fluid_does_not_fire_the_clear_fluid_rule(c: Case) -> None:
    CLEAR_DRAINAGE.assert_misses(c)


LEAK_ANSWERS = [
    pytest.param(
        "csf_leak.positional_headache", {"headache_when_upright": True}, id="positional headache"
    ),
    pytest.param(
        "csf_leak.clear_drainage",
        {"wound": frozenset({WoundSign.DRAINAGE_CLEAR})},
        id="clear fluid from the wound",
    ),
]

DURAL_TEAR = "A dural tear was recorded at the operation."


@pytest.mark.parametrize(("rule_id", "answers"), LEAK_ANSWERS)
def test_the_leak_note_names_a_dural_tear_recorded_at_the_operation(
    rule_id: str, answers: dict[str, object]
) -> None:
    f = finding(assessed(checkin(**answers), who=patient(durotomy=True)), rule_id)
    assert f is not None
    assert f.clinician_note.endswith(DURAL_TEAR)
    assert "3-10 %" in f.clinician_note


@pytest.mark.parametrize("durotomy", [False, None], ids=["no tear recorded", "not recorded"])
@pytest.mark.parametrize(("rule_id", "answers"), LEAK_ANSWERS)
def test_the_leak_note_claims_no_dural_tear_when_none_was_recorded(
    rule_id: str, answers: dict[str, object], durotomy: bool | None
) -> None:
    f = finding(assessed(checkin(**answers), who=patient(durotomy=durotomy)), rule_id)
    assert f is not None
    assert "dural tear was recorded" not in f.clinician_note
    assert "incidental durotomy in about 3-10 %" in f.clinician_note
