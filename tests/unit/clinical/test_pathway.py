"""Stepped care (README section 6): each row's suggestion, when it applies and when not.

Every row has cases that bring its suggestion and near-misses just the other side of
its boundary (5 weeks of a medicine against 6, DN4 2 against 3, day 89 against 90), and
the clinician's "because" names this patient's facts. The patient reads plain things to
discuss with their team, never an instruction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import pytest
from _pytest.mark.structures import ParameterSet

from rootwise.clinical.model import (
    Condition,
    ExerciseKind,
    MedicationClass,
    PainQuality,
    Procedure,
    Side,
)
from rootwise.clinical.pathway import (
    EPIDURAL_STEROID,
    PHYSICAL_THERAPY,
    RADIOFREQUENCY_ABLATION,
    SPINAL_CORD_STIMULATION,
    PathwayContext,
    Suggestion,
    exercise,
    medication,
    suggest,
)
from rootwise.clinical.sources import SOURCES
from tests.unit.clinical.test_plain_language import (  # the offline grade measure
    JARGON,
    MAX_GRADE,
    _grade,
    _syllables_from_pyphen,  # noqa: F401 (an autouse fixture, used by being imported)
)

GABAPENTINOID = medication(MedicationClass.GABAPENTINOID)
SNRI = medication(MedicationClass.SNRI)
TRICYCLIC = medication(MedicationClass.TRICYCLIC)
OPIOID = medication(MedicationClass.OPIOID)
PARACETAMOL = medication(MedicationClass.ACETAMINOPHEN)
NERVE_GLIDE = exercise(ExerciseKind.NERVE_GLIDE)
WALKING = exercise(ExerciseKind.WALKING)

BURNING = frozenset({PainQuality.BURNING})
ACHING = frozenset({PainQuality.ACHING})


def context(day: int = 19, **facts: Any) -> PathwayContext:
    """A discectomy patient on `day` after surgery, knowing only `facts`."""
    return PathwayContext(day_after_surgery=day, procedure=Procedure.DISCECTOMY, **facts)


def ids(c: PathwayContext) -> list[str]:
    return [s.id for s in suggest(c)]


def the(suggestion_id: str, c: PathwayContext) -> Suggestion:
    found = [s for s in suggest(c) if s.id == suggestion_id]
    assert found, f"{suggestion_id} not suggested; got {ids(c)}"
    return found[0]


def row(reason: str, c: PathwayContext) -> ParameterSet:
    return pytest.param(c, id=reason)


@dataclass(frozen=True)
class RowSpec:
    """One row of section 6: contexts that bring its suggestion, and near-misses."""

    id: str
    basis: frozenset[str]  # the README's sources for the row
    fires: list[ParameterSet] = field(default_factory=list)
    misses: list[ParameterSet] = field(default_factory=list)


# A patient 10 weeks out whose leg pain persists despite 6 weeks each of medicine and
# therapy: the brief's example, and the base of the later rows.
PERSISTING = context(
    70,
    leg_pain_median=6,
    back_pain_median=3,
    tried={GABAPENTINOID: 42, PHYSICAL_THERAPY: 42, WALKING: 60},
)

NERVE_MODULATOR = RowSpec(
    "nerve_modulator",
    frozenset({"SEED", "CG173", "NG59"}),
    fires=[
        row("burning pain and no nerve modulator", context(pain_qualities=BURNING)),
        row("DN4-interview 3/7 with only aching reported", context(dn4_interview=3)),
        row(
            "tingling, leg pain 3/10 (not mild), on an opioid and paracetamol",
            context(
                pain_qualities=frozenset({PainQuality.TINGLING}),
                leg_pain_median=3,
                tried={OPIOID: 10, PARACETAMOL: 19},
            ),
        ),
        row(
            "electric shocks and pins and needles",
            context(pain_qualities=frozenset({PainQuality.ELECTRIC, PainQuality.PINS_AND_NEEDLES})),
        ),
    ],
    misses=[
        row("DN4-interview 2/7 and only aching", context(dn4_interview=2, pain_qualities=ACHING)),
        row("nothing reported about the pain", context()),
        row(
            "numbness and cramping are not the listed neuropathic qualities",
            context(pain_qualities=frozenset({PainQuality.NUMBNESS, PainQuality.CRAMPING})),
        ),
        row(
            "burning pain, already on a gabapentinoid",
            context(pain_qualities=BURNING, tried={GABAPENTINOID: 3}),
        ),
        row(
            "burning pain, already on duloxetine", context(pain_qualities=BURNING, tried={SNRI: 30})
        ),
        row(
            "DN4 5/7, already on amitriptyline",
            context(dn4_interview=5, tried={TRICYCLIC: 12}),
        ),
        row(
            "burning pain but mild: leg pain median 2.5/10",
            context(pain_qualities=BURNING, leg_pain_median=2.5),
        ),
    ],
)

EARLY_WEEKS = RowSpec(
    "early_weeks",
    frozenset({"SEED"}),
    fires=[
        row("the day of the operation", context(0)),
        row("day 42, the last of the first 6 weeks", context(42)),
    ],
    misses=[row("day 43", context(43))],
)

PHYSIO = RowSpec(
    "physical_therapy",
    frozenset({"SEED"}),
    fires=[
        row("day 14, 2 weeks after surgery", context(14)),
        row("day 10, cleared by the surgeon", context(10, cleared_for_physio=True)),
        row(
            "day 60, walking and nerve glides at home but no therapist",
            context(60, tried={WALKING: 50, NERVE_GLIDE: 20}),
        ),
    ],
    misses=[
        row("day 13, not yet cleared", context(13)),
        row("day 30, the surgeon has not cleared it", context(30, cleared_for_physio=False)),
        row("day 30, already seeing a therapist", context(30, tried={PHYSICAL_THERAPY: 10})),
    ],
)

HOME_TREATMENTS = RowSpec(
    "home_treatments",
    frozenset({"SEED", "TENS", "NG59"}),
    fires=[
        row("day 43 with leg pain 4/10", context(43, leg_pain_median=4)),
        row(
            "day 90 with back pain 3/10 and a pacemaker (heat only)",
            context(90, back_pain_median=3, conditions=frozenset({Condition.PACEMAKER})),
        ),
    ],
    misses=[
        row("day 42, still the early weeks", context(42, leg_pain_median=5)),
        row("day 60 with mild pain", context(60, leg_pain_median=2, back_pain_median=2.5)),
        row("day 60 with no pain medians", context(60)),
    ],
)

ESI = RowSpec(
    "epidural_steroid_injection",
    frozenset({"SEED", "NASS-ESI", "ESI-META", "FDA2014"}),
    fires=[
        row("leg pain 6/10 at week 10 despite 6 weeks of each", PERSISTING),
        row(
            "day 42, leg pain 4/10, 6 weeks of an opioid and nerve glides",
            context(42, leg_pain_median=4, tried={OPIOID: 42, NERVE_GLIDE: 42}),
        ),
    ],
    misses=[
        row(
            "5 weeks of the medicine, not 6",
            replace(PERSISTING, tried={GABAPENTINOID: 35, PHYSICAL_THERAPY: 42}),
        ),
        row(
            "41 days of therapy, not 42",
            replace(PERSISTING, tried={GABAPENTINOID: 60, PHYSICAL_THERAPY: 41}),
        ),
        row(
            "walking is not a therapy trial",
            replace(PERSISTING, tried={GABAPENTINOID: 60, WALKING: 60}),
        ),
        row("leg pain 3.5/10 is not persisting", replace(PERSISTING, leg_pain_median=3.5)),
        row("leg pain median unknown", replace(PERSISTING, leg_pain_median=None)),
        row(
            "day 41",
            context(41, leg_pain_median=6, tried={GABAPENTINOID: 42, PHYSICAL_THERAPY: 42}),
        ),
        row(
            "an injection already given",
            replace(PERSISTING, tried={**PERSISTING.tried, EPIDURAL_STEROID: 1}),
        ),
    ],
)

AXIAL = context(90, back_pain_median=6, leg_pain_median=3)

FACET = RowSpec(
    "facet_radiofrequency_ablation",
    frozenset({"SEED", "RFA", "MINT"}),
    fires=[
        row("back pain 6 over leg 3 at day 90, no blocks yet: blocks first", AXIAL),
        row("blocks gave 50 % relief", replace(AXIAL, medial_branch_block_relief=50)),
        row("blocks gave 80 % relief", replace(AXIAL, medial_branch_block_relief=80)),
        row("back pain 4/10 with leg pain unknown", context(100, back_pain_median=4)),
    ],
    misses=[
        row("blocks gave 49 % relief", replace(AXIAL, medial_branch_block_relief=49)),
        row("day 89", replace(AXIAL, day_after_surgery=89)),
        row("back pain equal to leg pain", replace(AXIAL, leg_pain_median=6)),
        row(
            "back pain 3.5/10 is not persisting",
            replace(AXIAL, back_pain_median=3.5, leg_pain_median=1),
        ),
        row("ablation already done", replace(AXIAL, tried={RADIOFREQUENCY_ABLATION: 1})),
    ],
)

REEVALUATION = RowSpec(
    "surgical_reevaluation",
    frozenset({"SEED"}),
    fires=[
        row("a new deficit on day 20", context(20, new_deficit=True)),
        row("a leg-pain rebound on day 30", context(30, trend="rebound")),
        row("leg pain 4/10 at day 90", context(90, leg_pain_median=4)),
        row(
            "worsening at day 100 even at 3/10", context(100, leg_pain_median=3, trend="worsening")
        ),
        row(
            "a new deficit after a cause was excluded",
            context(200, new_deficit=True, leg_pain_median=2, correctable_cause_excluded=True),
        ),
    ],
    misses=[
        row("leg pain 6/10 at day 89", context(89, leg_pain_median=6)),
        row("worsening at day 60 (triage and the trend watch it)", context(60, trend="worsening")),
        row(
            "leg pain 3/10 on a plateau at day 120",
            context(120, leg_pain_median=3, trend="plateau"),
        ),
        row(
            "persisting pain after a re-evaluation excluded a cause",
            context(120, leg_pain_median=6, correctable_cause_excluded=True),
        ),
        row("new deficit not known", context(20, new_deficit=None)),
    ],
)

SCS_BASE = context(
    182,
    leg_pain_median=5,
    correctable_cause_excluded=True,
    tried={GABAPENTINOID: 60, PHYSICAL_THERAPY: 30},
)

SCS = RowSpec(
    "spinal_cord_stimulation",
    frozenset({"SEED", "PROCESS", "TA159"}),
    fires=[
        row("leg pain 5/10 at 26 weeks, no correctable cause", SCS_BASE),
        row(
            "after 6 weeks of physical therapy alone",
            replace(SCS_BASE, leg_pain_median=8, tried={PHYSICAL_THERAPY: 42}),
        ),
    ],
    misses=[
        row("day 181", replace(SCS_BASE, day_after_surgery=181)),
        row("leg pain 4.5/10 is below TA159's 50/100", replace(SCS_BASE, leg_pain_median=4.5)),
        row(
            "a correctable cause not yet excluded",
            replace(SCS_BASE, correctable_cause_excluded=None),
        ),
        row("a correctable cause found", replace(SCS_BASE, correctable_cause_excluded=False)),
        row(
            "no adequate trial of medicine or therapy",
            replace(SCS_BASE, tried={GABAPENTINOID: 41, PHYSICAL_THERAPY: 30}),
        ),
        row(
            "a stimulation trial already done",
            replace(SCS_BASE, tried={**SCS_BASE.tried, SPINAL_CORD_STIMULATION: 7}),
        ),
    ],
)

ROWS = (NERVE_MODULATOR, EARLY_WEEKS, PHYSIO, HOME_TREATMENTS, ESI, FACET, REEVALUATION, SCS)


@pytest.mark.parametrize(
    ("spec", "c"),
    [pytest.param(r, *p.values, id=f"{r.id}: {p.id}") for r in ROWS for p in r.fires],
)
def test_each_row_is_suggested_when_its_facts_are_there(spec: RowSpec, c: PathwayContext) -> None:
    s = the(spec.id, c)
    assert spec.basis <= set(s.sources), "the README's basis is cited"
    assert s.consider
    assert s.because


@pytest.mark.parametrize(
    ("spec", "c"),
    [pytest.param(r, *p.values, id=f"{r.id}: {p.id}") for r in ROWS for p in r.misses],
)
def test_each_row_is_not_suggested_just_short_of_its_boundary(
    spec: RowSpec, c: PathwayContext
) -> None:
    assert spec.id not in ids(c)


def test_every_row_of_section_6_has_a_suggestion() -> None:
    assert len({r.id for r in ROWS}) == len(ROWS)


# --- What the clinician reads: this patient's facts, and the evidence's limits ------------


def test_because_names_the_patients_own_facts() -> None:
    assert the("epidural_steroid_injection", PERSISTING).because == (
        "leg pain median 6/10 at 10 weeks after surgery despite a gabapentinoid for 6 weeks "
        "and physical therapy for 6 weeks"
    )
    modulator = the(
        "nerve_modulator",
        context(
            pain_qualities=BURNING | {PainQuality.SHOOTING}, dn4_interview=4, leg_pain_median=7
        ),
    )
    assert modulator.because == (
        "burning and shooting pain reported recently; DN4-interview 4/7 (suggests neuropathic "
        "pain); leg pain median 7/10; no gabapentinoid, SNRI or tricyclic tried so far"
    )


def test_a_negative_dn4_is_shown_beside_the_qualities_that_brought_the_suggestion() -> None:
    s = the("nerve_modulator", context(pain_qualities=BURNING, dn4_interview=2))
    assert "DN4-interview 2/7 (below 3)" in s.because


def test_the_nerve_modulator_caveat_shows_the_conflicting_guidance() -> None:
    s = the("nerve_modulator", context(pain_qualities=BURNING))
    assert "NICE CG173 lists gabapentinoids first line" in s.caveat
    assert "NICE NG59 advises against them for sciatica" in s.caveat
    assert "40 % vs 13 %" in s.caveat
    assert {"MATHIESON2017", "FDA2019"} <= set(s.sources)


def test_the_injection_caveat_gives_the_short_term_benefit_and_the_fda_warning() -> None:
    s = the("epidural_steroid_injection", PERSISTING)
    assert "mostly short term" in s.caveat
    assert "about 15 %" in s.caveat
    assert "FDA (2014)" in s.caveat
    assert "transforaminal for one symptomatic root" in s.consider


def test_pain_in_both_legs_points_to_the_interlaminar_route() -> None:
    s = the(
        "epidural_steroid_injection", replace(PERSISTING, leg_pain_side=Side.BOTH, trend="plateau")
    )
    assert "interlaminar, as the pain is in both legs" in s.consider
    assert s.because.endswith("; recovery trend plateau")


def test_the_facet_suggestion_asks_for_blocks_before_ablation_and_cites_mint() -> None:
    blocks = the("facet_radiofrequency_ablation", AXIAL)
    ablation = the("facet_radiofrequency_ablation", replace(AXIAL, medial_branch_block_relief=70))
    assert blocks.consider.startswith("diagnostic medial branch blocks")
    assert "no medial branch blocks reported" in blocks.because
    assert ablation.consider.startswith("radiofrequency ablation")
    assert "70 % relief from diagnostic medial branch blocks" in ablation.because
    for s in (blocks, ablation):
        assert "MINT" in s.caveat
        assert "6-12 months" in s.caveat


def test_the_stimulation_caveat_gives_ta159_and_the_process_figures() -> None:
    s = the("spinal_cord_stimulation", SCS_BASE)
    assert "50/100 for 6 months" in s.caveat
    assert "48 % vs 9 %" in s.caveat
    assert "37 % vs 2 %" in s.caveat
    assert "revisions in 31 %" in s.caveat


def test_the_tens_caveat_gives_ng59_and_an_implant_leaves_tens_out() -> None:
    plain = the("home_treatments", context(60, leg_pain_median=5))
    paced = the(
        "home_treatments",
        context(60, leg_pain_median=5, conditions=frozenset({Condition.PACEMAKER})),
    )
    assert "NICE NG59 advises against offering TENS" in plain.caveat
    assert "TENS" in plain.consider
    assert "TENS" not in paced.consider
    assert "TENS left out (pacemaker)" in paced.because


def test_after_fusion_the_early_weeks_mention_the_nsaid_restriction_and_hardware_later() -> None:
    fusion = PathwayContext(day_after_surgery=10, procedure=Procedure.FUSION)
    assert "NSAIDs only as the surgeon allows" in the("early_weeks", fusion).consider
    assert "NSAID" not in the("early_weeks", context(10)).consider
    later = replace(fusion, day_after_surgery=120, leg_pain_median=5)
    assert "hardware problems" in the("surgical_reevaluation", later).consider
    assert "hardware" not in the("surgical_reevaluation", context(120, leg_pain_median=5)).consider


def test_the_reevaluation_names_every_reason() -> None:
    s = the(
        "surgical_reevaluation",
        context(100, new_deficit=True, trend="worsening", leg_pain_median=5),
    )
    assert s.because == (
        "a new neurological deficit reported; leg pain median 5/10 persisting at 14 weeks "
        "after surgery; leg pain worsening at 14 weeks after surgery"
    )


def test_suggestions_come_lowest_step_first() -> None:
    everything = context(
        70,
        pain_qualities=BURNING,
        leg_pain_median=6,
        back_pain_median=3,
        tried={OPIOID: 42, NERVE_GLIDE: 42},
        new_deficit=True,
    )
    steps = [s.step for s in suggest(everything)]
    assert steps == sorted(steps)
    assert ids(everything) == [
        "nerve_modulator",
        "physical_therapy",
        "home_treatments",
        "epidural_steroid_injection",
        "surgical_reevaluation",
    ]


def test_every_suggestion_cites_known_sources() -> None:
    for spec in ROWS:
        for p in spec.fires:
            for s in suggest(p.values[0]):  # type: ignore[arg-type]
                assert s.sources
                assert set(s.sources) <= set(SOURCES)


def test_a_suggestion_citing_an_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sources"):
        Suggestion("x", 1, "consider", "because", "", ("NOPE",), "text")


# --- What the patient reads ----------------------------------------------------------------

PATIENT_TEXTS = {
    f"{s.id} ({p.id})": s.patient_text
    for spec in ROWS
    for p in spec.fires
    for s in suggest(p.values[0])  # type: ignore[arg-type]
    if s.id == spec.id
}
# Words that would turn a topic to discuss into an instruction.
ORDERS = (r"\byou should\b", r"\byou must\b", r"\bstart\b", r"\bstop\b", r"\bget\b", r"\bbook\b")


@pytest.mark.parametrize("name", sorted(PATIENT_TEXTS))
def test_the_patient_text_reads_at_grade_8_or_below(name: str) -> None:
    grade = _grade(PATIENT_TEXTS[name])
    assert grade <= MAX_GRADE, f"{name} reads at grade {grade:.1f}: {PATIENT_TEXTS[name]}"


@pytest.mark.parametrize("name", sorted(PATIENT_TEXTS))
def test_the_patient_text_is_plain_and_something_to_discuss(name: str) -> None:
    text = PATIENT_TEXTS[name]
    jargon = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", text, flags=re.IGNORECASE)]
    assert not jargon, f"{name} uses {jargon}"
    assert "discuss with your team" in text
    orders = [o for o in ORDERS if re.search(o, text, flags=re.IGNORECASE)]
    assert not orders, f"{name} reads as an instruction: {orders}"


# --- The context refuses what it cannot mean ---------------------------------------------


class _Trend(StrEnum):
    """As clinical.recovery's Trend: a StrEnum with the same values is accepted as is."""

    PLATEAU = "plateau"


def test_a_trend_enum_with_the_same_values_is_accepted() -> None:
    c = replace(PERSISTING, trend=_Trend.PLATEAU)
    assert the("epidural_steroid_injection", c).because.endswith("recovery trend plateau")


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        pytest.param({"tried": {"medication:gabapentin": 10}}, "unknown treatment", id="typo"),
        pytest.param({"tried": {GABAPENTINOID: -1}}, "must not be negative", id="negative days"),
        pytest.param({"trend": "better"}, "unknown trend", id="unknown trend"),
        pytest.param({"dn4_interview": 8}, "dn4_interview must be 0-7", id="DN4 above 7"),
        pytest.param({"leg_pain_median": 10.5}, "leg_pain_median must be 0-10", id="pain 10.5"),
        pytest.param({"medial_branch_block_relief": 101}, "0-100", id="relief above 100 %"),
        pytest.param({"day": -1}, "day_after_surgery", id="before surgery"),
    ],
)
def test_impossible_facts_are_refused(facts: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        context(**facts)


def test_the_context_keeps_its_own_copy_of_what_was_tried() -> None:
    tried = {GABAPENTINOID: 60, PHYSICAL_THERAPY: 60}
    c = context(70, leg_pain_median=6, tried=tried)
    tried[EPIDURAL_STEROID] = 1
    assert "epidural_steroid_injection" in ids(c)
    with pytest.raises(TypeError):
        c.tried[EPIDURAL_STEROID] = 1  # type: ignore[index]
