"""Stepped care (README section 6): what the evidence suggests next, for the clinician.

`suggest(context)` returns suggestions, never orders: each says what to consider,
because of which of this patient's facts, with the evidence's caveats and sources, and
gives the patient something to discuss with their team. Triage is not done here: a
new deficit or a rebound is graded by the rules the moment it is reported; the pathway
only adds the longer view (re-evaluation, imaging).

Where section 6 gives a range, the lower end is used, so a suggestion comes early and
the clinician decides: physical therapy from 2 weeks, an injection after 6 weeks of
persisting radicular pain despite 6 weeks each of medicine and therapy, facet treatment
and surgical re-evaluation from 3 months, spinal cord stimulation from 6 months once a
correctable cause is excluded and after 6 weeks or more of medicine or therapy. A
treatment already tried is not suggested again: whether to repeat it is the clinician's
call.

"Persisting" leg pain is a recent median of 4/10 or more, above the expected median
(3 or less by week 6, section 3); for stimulation 5/10, NICE TA159's 50/100. A nerve
modulator is suggested for neuropathic features only while the leg pain is at least
3/10 (or unknown): mild, settling tingling needs no new drug.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from rootwise.clinical.instruments.dn4 import POSITIVE_FROM as DN4_POSITIVE
from rootwise.clinical.model import (
    Condition,
    ExerciseKind,
    MedicationClass,
    PainQuality,
    Procedure,
    Side,
)
from rootwise.clinical.sources import SOURCES


def medication(drug_class: MedicationClass) -> str:
    """The `tried` key for a class of medicine, e.g. "medication:gabapentinoid"."""
    return f"medication:{drug_class.value}"


def exercise(kind: ExerciseKind) -> str:
    """The `tried` key for a home exercise, e.g. "exercise:nerve_glide"."""
    return f"exercise:{kind.value}"


PHYSICAL_THERAPY: Final = "physical_therapy"
EPIDURAL_STEROID: Final = "injection:epidural_steroid"
RADIOFREQUENCY_ABLATION: Final = "procedure:radiofrequency_ablation"
SPINAL_CORD_STIMULATION: Final = "procedure:spinal_cord_stimulation"

_ARTICLES = {
    MedicationClass.ACETAMINOPHEN: "paracetamol",
    MedicationClass.OTHER: "another medicine",
    MedicationClass.OPIOID: "an opioid",
    MedicationClass.NSAID: "an NSAID",
    MedicationClass.SNRI: "an SNRI",
    MedicationClass.ORAL_STEROID: "an oral steroid",
}
# What each `tried` key is called in a sentence; also the keys `tried` accepts.
LABELS: Final[dict[str, str]] = {
    **{medication(c): _ARTICLES.get(c, f"a {c.value.replace('_', ' ')}") for c in MedicationClass},
    exercise(ExerciseKind.WALKING): "walking",
    exercise(ExerciseKind.NERVE_GLIDE): "nerve gliding",
    exercise(ExerciseKind.CORE_STABILIZATION): "core stabilisation",
    exercise(ExerciseKind.OTHER): "other exercise",
    PHYSICAL_THERAPY: "physical therapy",
    EPIDURAL_STEROID: "an epidural steroid injection",
    RADIOFREQUENCY_ABLATION: "radiofrequency ablation",
    SPINAL_CORD_STIMULATION: "a spinal cord stimulation trial",
}
TRENDS: Final = frozenset({"on_track", "slower", "plateau", "rebound", "worsening", "too_few_data"})

NEUROPATHIC_QUALITIES: Final = frozenset(
    {
        PainQuality.BURNING,
        PainQuality.SHOOTING,
        PainQuality.ELECTRIC,
        PainQuality.TINGLING,
        PainQuality.PINS_AND_NEEDLES,
    }
)
# First-line nerve modulators of NICE CG173 (gabapentin, pregabalin, duloxetine, amitriptyline).
NERVE_MODULATORS: Final = tuple(
    medication(c)
    for c in (MedicationClass.GABAPENTINOID, MedicationClass.SNRI, MedicationClass.TRICYCLIC)
)
THERAPIES: Final = (
    PHYSICAL_THERAPY,
    exercise(ExerciseKind.NERVE_GLIDE),
    exercise(ExerciseKind.CORE_STABILIZATION),
)

EARLY_WEEKS_END_DAY: Final = 42
PHYSICAL_THERAPY_FROM_DAY: Final = 14
ADEQUATE_TRIAL_DAYS: Final = 42
PERSISTING_FROM_DAY: Final = 42
PERSISTING_PAIN: Final = 4.0
MILD_PAIN_BELOW: Final = 3.0
CHRONIC_FROM_DAY: Final = 90
MEDIAL_BRANCH_BLOCK_RELIEF: Final = 50
STIMULATION_FROM_DAY: Final = 182
STIMULATION_LEG_PAIN: Final = 5.0
_TENS_EXCLUDED_BY = frozenset(
    {Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR, Condition.PREGNANT}
)


@dataclass(frozen=True, slots=True)
class PathwayContext:
    """What the pathway knows of one patient now. `None` means not known, never "no".

    `pain_qualities` are those reported over the recent window (e.g. 14 days); the
    medians are of the recent week; `tried` maps a treatment (keys of `LABELS`, built
    with `medication()` and `exercise()`) to the days it was taken or done.
    """

    day_after_surgery: int
    procedure: Procedure
    pain_qualities: frozenset[PainQuality] = frozenset()
    dn4_interview: int | None = None
    leg_pain_median: float | None = None
    back_pain_median: float | None = None
    leg_pain_side: Side | None = None
    trend: str | None = None
    tried: Mapping[str, int] = field(default_factory=dict)
    medial_branch_block_relief: int | None = None  # percent relief from diagnostic blocks
    correctable_cause_excluded: bool | None = None  # after re-evaluation and imaging
    cleared_for_physio: bool | None = None  # by the surgeon
    new_deficit: bool | None = None
    conditions: frozenset[Condition] = frozenset()

    def __post_init__(self) -> None:
        problems = [f"unknown treatment {key!r}" for key in self.tried if key not in LABELS] + [
            f"{key}: days must not be negative" for key, d in self.tried.items() if d < 0
        ]
        if self.day_after_surgery < 0:
            problems.append("day_after_surgery must not be negative")
        if self.dn4_interview is not None and not 0 <= self.dn4_interview <= 7:
            problems.append("dn4_interview must be 0-7")
        for name in ("leg_pain_median", "back_pain_median"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 10:
                problems.append(f"{name} must be 0-10")
        if self.trend is not None and self.trend not in TRENDS:
            problems.append(f"unknown trend {self.trend!r}")
        relief = self.medial_branch_block_relief
        if relief is not None and not 0 <= relief <= 100:
            problems.append("medial_branch_block_relief must be 0-100 %")
        if problems:
            raise ValueError("; ".join(problems))
        # A read-only copy: the context cannot change under a caller who keeps the dict.
        object.__setattr__(self, "tried", MappingProxyType(dict(self.tried)))

    def days(self, key: str) -> int:
        return self.tried.get(key, 0)

    def has_tried(self, *keys: str) -> bool:
        return any(self.days(k) > 0 for k in keys)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One step to consider: what, because of which facts, the evidence's limits, sources."""

    id: str
    step: int
    consider: str
    because: str
    caveat: str
    sources: tuple[str, ...]
    patient_text: str

    def __post_init__(self) -> None:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"suggestion {self.id} cites unknown sources {unknown}")


def suggest(context: PathwayContext) -> tuple[Suggestion, ...]:
    """Every step of section 6 that this patient's facts point to, lowest step first."""
    found = [s for row in _ROWS if (s := row(context)) is not None]
    return tuple(sorted(found, key=lambda s: s.step))


# --- Wording helpers ---------------------------------------------------------------------


def _score(value: float) -> str:
    return f"{value:g}/10"


def _span(days: int) -> str:
    return f"{days} days" if days < 14 else f"{days // 7} weeks"


def _when(c: PathwayContext) -> str:
    return f"{_span(c.day_after_surgery)} after surgery"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _tried(c: PathwayContext, keys: tuple[str, ...]) -> list[str]:
    """'a gabapentinoid for 6 weeks', for each of `keys` tried, longest first."""
    done = sorted((k for k in keys if c.has_tried(k)), key=lambda k: -c.days(k))
    return [f"{LABELS[k]} for {_span(c.days(k))}" for k in done]


def _medicines(c: PathwayContext) -> tuple[str, ...]:
    return tuple(k for k in c.tried if k.startswith("medication:"))


def _adequate(c: PathwayContext, keys: tuple[str, ...]) -> list[str]:
    """Those of `keys` tried for at least the length of an adequate trial (6 weeks)."""
    return _tried(c, tuple(k for k in keys if c.days(k) >= ADEQUATE_TRIAL_DAYS))


def _leg(c: PathwayContext) -> str:
    return f"leg pain median {_score(c.leg_pain_median)}" if c.leg_pain_median is not None else ""


# --- The rows of section 6, in its order -------------------------------------------------


def _nerve_modulator(c: PathwayContext) -> Suggestion | None:
    qualities = sorted(q.value.replace("_", " ") for q in c.pain_qualities & NEUROPATHIC_QUALITIES)
    dn4 = c.dn4_interview is not None and c.dn4_interview >= DN4_POSITIVE
    mild = c.leg_pain_median is not None and c.leg_pain_median < MILD_PAIN_BELOW
    if not (qualities or dn4) or mild or c.has_tried(*NERVE_MODULATORS):
        return None
    facts = [f"{_and(qualities)} pain reported recently"] if qualities else []
    if c.dn4_interview is not None:
        meaning = "suggests neuropathic pain" if dn4 else f"below {DN4_POSITIVE}"
        facts.append(f"DN4-interview {c.dn4_interview}/7 ({meaning})")
    facts += [_leg(c)] if c.leg_pain_median is not None else []
    facts.append("no gabapentinoid, SNRI or tricyclic tried so far")
    return Suggestion(
        id="nerve_modulator",
        step=1,
        consider="discussing a nerve-modulating medicine (NICE CG173 first line: amitriptyline, "
        "duloxetine, gabapentin or pregabalin)",
        because="; ".join(facts),
        caveat="The guidance conflicts for sciatica: NICE CG173 lists gabapentinoids first "
        "line for neuropathic pain, NICE NG59 advises against them for sciatica, and a "
        "placebo-controlled trial of pregabalin for sciatica found no benefit, with "
        "dizziness in 40 % vs 13 % (Mathieson 2017). Gabapentinoids: sedation, dizziness, "
        "falls, leg swelling; breathing risk with opioids (FDA 2019); lower doses in kidney "
        "disease.",
        sources=("SEED", "CG173", "NG59", "MATHIESON2017", "FDA2019"),
        patient_text="Your answers describe pain that sounds like it comes from an irritated "
        "nerve, such as burning, shooting or tingling. Some medicines are made for nerve "
        "pain. Things to discuss with your team: whether one of them could help you, how "
        "well they work for leg pain, and their side effects.",
    )


def _early_weeks(c: PathwayContext) -> Suggestion | None:
    if c.day_after_surgery > EARLY_WEEKS_END_DAY:
        return None
    fusion = c.procedure is Procedure.FUSION
    return Suggestion(
        id="early_weeks",
        step=1,
        consider="the early-recovery basics: pain medicine"
        + (" (NSAIDs only as the surgeon allows after fusion)" if fusion else "")
        + ", walking a little more each day, ice for flares (15-20 min, cloth between "
        "skin and ice), wound care",
        because=f"{_when(c)}, within the first 6 weeks",
        caveat="Neither ice nor heat on numb skin: burns and cold injury go unnoticed there.",
        sources=("SEED",),
        patient_text="In the first 6 weeks, there are a few things to discuss with your "
        "team. Ask about your pain medicines and how much to walk each day. Ask about ice "
        "when pain flares up, and how to care for your wound.",
    )


def _physical_therapy(c: PathwayContext) -> Suggestion | None:
    if c.has_tried(PHYSICAL_THERAPY) or c.cleared_for_physio is False:
        return None
    cleared = c.cleared_for_physio is True
    if not cleared and c.day_after_surgery < PHYSICAL_THERAPY_FROM_DAY:
        return None
    facts = [_when(c) + (", cleared by the surgeon" if cleared else "")]
    home = _tried(c, tuple(exercise(k) for k in ExerciseKind))
    facts.append(f"at home so far: {_and(home)}" if home else "no exercise reported yet")
    facts.append("no physical therapy reported")
    return Suggestion(
        id="physical_therapy",
        step=2,
        consider="physical therapy: core stabilisation (rather than bending or twisting in "
        "the early months), nerve gliding, graded walking",
        because="; ".join(facts),
        caveat="Nerve gliding moves the nerve without stretching it; stop if symptoms "
        "spread or stay worse afterwards.",
        sources=("SEED", "NEURODYNAMICS"),
        patient_text="Things to discuss with your team: whether it is time to see a physical "
        "therapist. They can teach you gentle exercises to support your back, nerve "
        "gliding moves for the leg, and how to walk a bit more each week.",
    )


def _home_treatments(c: PathwayContext) -> Suggestion | None:
    pains = [p for p in (c.leg_pain_median, c.back_pain_median) if p is not None]
    if c.day_after_surgery <= EARLY_WEEKS_END_DAY or not pains or max(pains) < MILD_PAIN_BELOW:
        return None
    excluded = sorted(x.value.replace("_", " ") for x in c.conditions & _TENS_EXCLUDED_BY)
    tens = "" if excluded else "; TENS for short-lived relief"
    because = f"{_when(c)}, past the early weeks; pain median up to {_score(max(pains))}"
    if excluded:
        because += f"; TENS left out ({_and(excluded)})"
    return Suggestion(
        id="home_treatments",
        step=2,
        consider=f"home treatments: heat for chronic aching and stiffness{tens}",
        because=because,
        caveat="NICE NG59 advises against offering TENS for low back pain with or without "
        "sciatica; any relief is temporary. TENS not over the incision, not with a pacemaker "
        "or implanted stimulator, not over the trunk in pregnancy. Neither heat nor ice on "
        "numb skin.",
        sources=("SEED", "TENS", "NG59"),
        patient_text="Things to discuss with your team: whether warmth on stiff, aching "
        "muscles could help you at home, and whether a small pain-relief device with skin "
        "pads is safe for you. Do not use heat on skin that feels numb.",
    )


def _epidural_steroid(c: PathwayContext) -> Suggestion | None:
    leg = c.leg_pain_median
    if c.day_after_surgery < PERSISTING_FROM_DAY or leg is None or leg < PERSISTING_PAIN:
        return None
    medicines, therapies = _adequate(c, _medicines(c)), _adequate(c, THERAPIES)
    if not medicines or not therapies or c.has_tried(EPIDURAL_STEROID):
        return None
    both = c.leg_pain_side is Side.BOTH
    trend = f"; recovery trend {c.trend.replace('_', ' ')}" if c.trend else ""
    return Suggestion(
        id="epidural_steroid_injection",
        step=3,
        consider="an epidural steroid injection under fluoroscopy: "
        + (
            "interlaminar, as the pain is in both legs"
            if both
            else "transforaminal for one symptomatic root, interlaminar if multilevel or bilateral"
        ),
        because=f"{_leg(c)} at {_when(c)} despite {_and(medicines + therapies)}{trend}",
        caveat="Benefit is mostly short term. Pooled studies: transforaminal gave about 15 % "
        "more pain relief at 2 weeks than interlaminar, with no difference at 1 and 6 "
        "months. FDA (2014) warns of rare but serious neurological events (stroke, spinal "
        "cord injury, paralysis) after epidural corticosteroids, which are not approved for "
        "that use.",
        sources=("SEED", "NASS-ESI", "ESI-META", "FDA2014"),
        patient_text="Your leg pain has lasted for some weeks, even with medicine and "
        "exercise. Things to discuss with your team: whether a steroid injection near the "
        "nerve could help. It often helps for a short time. Ask about the benefits and the "
        "rare risks.",
    )


def _facet_pain(c: PathwayContext) -> Suggestion | None:
    back, leg, relief = c.back_pain_median, c.leg_pain_median, c.medial_branch_block_relief
    axial = back is not None and back >= PERSISTING_PAIN and (leg is None or back > leg)
    if not axial or c.day_after_surgery < CHRONIC_FROM_DAY or c.has_tried(RADIOFREQUENCY_ABLATION):
        return None
    if relief is not None and relief < MEDIAL_BRANCH_BLOCK_RELIEF:
        return None
    pattern = f"back pain median {_score(back or 0)} above {_leg(c) or 'leg pain'}"
    because = f"{pattern} at {_when(c)}"
    caveat = (
        "Relief typically lasts 6-12 months and the procedure can be repeated. The MINT "
        "randomised trials found no clinically important benefit of radiofrequency "
        "denervation over exercise alone. Criteria for a positive block range from 50 % "
        "to 80 % relief."
    )
    if relief is None:
        return Suggestion(
            id="facet_radiofrequency_ablation",
            step=4,
            consider="diagnostic medial branch blocks for facet joint pain; radiofrequency "
            f"ablation if they give at least {MEDIAL_BRANCH_BLOCK_RELIEF} % relief",
            because=f"{because}; no medial branch blocks reported",
            caveat=caveat,
            sources=("SEED", "RFA", "MINT"),
            patient_text="Your pain is mostly in your back and has lasted more than 3 months. "
            "Some back pain comes from small joints in the spine. Things to discuss with "
            "your team: whether a test injection near those joints could show if they are "
            "the cause.",
        )
    return Suggestion(
        id="facet_radiofrequency_ablation",
        step=4,
        consider="radiofrequency ablation of the medial branch nerves (facet joints)",
        because=f"{because}; {relief} % relief from diagnostic medial branch blocks",
        caveat=caveat,
        sources=("SEED", "RFA", "MINT"),
        patient_text="Your back pain eased after the test injection near the small joints of "
        "your spine. Things to discuss with your team: whether a treatment that uses heat "
        "to calm the nerves of those joints could help. Its effect often lasts 6 to 12 "
        "months.",
    )


def _surgical_reevaluation(c: PathwayContext) -> Suggestion | None:
    reasons = []
    if c.new_deficit is True:
        reasons.append("a new neurological deficit reported")
    if c.trend == "rebound":
        reasons.append("leg pain rebound after improvement")
    # Once a re-evaluation has excluded a correctable cause, persisting pain alone does not
    # ask for another; a new deficit or a rebound still does.
    if c.day_after_surgery >= CHRONIC_FROM_DAY and c.correctable_cause_excluded is not True:
        leg = c.leg_pain_median
        if leg is not None and leg >= PERSISTING_PAIN:
            reasons.append(f"{_leg(c)} persisting at {_when(c)}")
        if c.trend == "worsening":
            reasons.append(f"leg pain worsening at {_when(c)}")
    if not reasons:
        return None
    implant = c.procedure.leaves_implant
    return Suggestion(
        id="surgical_reevaluation",
        step=5,
        consider="surgical re-evaluation with MRI (with contrast, after surgery) or CT: "
        "recurrent herniation, "
        + ("hardware problems, " if implant else "")
        + "epidural fibrosis, instability",
        because="; ".join(reasons),
        caveat="A new deficit is triaged the moment it is reported (sudden or both-leg "
        "weakness is an emergency); this is the longer view. Recurrent herniation: about "
        "5-15 % over years, highest in the first months.",
        sources=("SEED", "REHERNIATION"),
        patient_text="Your leg has not settled as expected. Things to discuss with your "
        "team: whether your surgeon should see you again, and whether a scan could look "
        "for a cause that can be treated.",
    )


def _spinal_cord_stimulation(c: PathwayContext) -> Suggestion | None:
    leg = c.leg_pain_median
    if c.day_after_surgery < STIMULATION_FROM_DAY or leg is None or leg < STIMULATION_LEG_PAIN:
        return None
    if c.correctable_cause_excluded is not True or c.has_tried(SPINAL_CORD_STIMULATION):
        return None
    managed = _adequate(c, _medicines(c)) + _adequate(c, THERAPIES)
    if not managed:
        return None
    return Suggestion(
        id="spinal_cord_stimulation",
        step=6,
        consider="evaluation for spinal cord stimulation, with a trial first (persistent "
        "spinal pain syndrome type 2)",
        because=f"{_leg(c)} at {_when(c)}; no correctable mechanical cause on "
        f"re-evaluation; despite {_and(managed)}",
        caveat="NICE TA159: neuropathic pain of at least 50/100 for 6 months or more despite "
        "appropriate conventional management, and a successful trial. PROCESS trial: 48 % "
        "vs 9 % reached at least 50 % leg-pain relief at 6 months, 37 % vs 2 % at 24 "
        "months; device revisions in 31 %.",
        sources=("SEED", "PROCESS", "TA159", "PSPS"),
        patient_text="Your leg pain has lasted more than 6 months, and no cause that surgery "
        "can fix has been found. Things to discuss with your team: whether a small implant "
        "that sends mild pulses to the spine to ease pain might suit you. It is tested for a "
        "short time first.",
    )


_ROWS: tuple[Callable[[PathwayContext], Suggestion | None], ...] = (
    _nerve_modulator,
    _early_weeks,
    _physical_therapy,
    _home_treatments,
    _epidural_steroid,
    _facet_pain,
    _surgical_reevaluation,
    _spinal_cord_stimulation,
)
