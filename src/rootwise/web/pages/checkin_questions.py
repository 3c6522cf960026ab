"""The questions of the check-in form, in the order the patient meets them.

Each question is named by its check-in field in `assessment-request.schema.json`, and
each choice by the schema's value for it, so the form needs no translation table. The
red-flag questions come first. A "not sure" choice is offered wherever the schema has
`unsure`; no choice is ever preselected, because an unanswered question is `null`, and
`null` is never "no".

The wording is English, marked with `N_` for the catalogues; templates show it in the
patient's language (`{{ question.legend | t }}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rootwise.web.i18n import N_

# The value of the "none of these" box in a group of ticks: an answer, unlike no tick.
NONE_OF_THESE = "none"

Kind = Literal["radio", "scale", "checkbox"]


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    """One question shown as a group of radio buttons or tick boxes."""

    name: str
    legend: str
    choices: tuple[Choice, ...]
    kind: Kind = "radio"
    hint: str = ""

    @property
    def first_id(self) -> str:
        """The id of the first input, where an error link puts the focus."""
        return option_id(self.name, self.choices[0].value)


def option_id(name: str, value: str) -> str:
    return f"{name}-{value}"


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in pairs)


def _scale(name: str, legend: str, hint: str) -> Question:
    return Question(name, legend, _choices(*((str(n), str(n)) for n in range(11))), "scale", hint)


_YES_NO = _choices(("yes", N_("Yes")), ("no", N_("No")))
_NOT_SURE = ("unsure", N_("Not sure"))
_SIDES = _choices(("left", N_("Left leg")), ("right", N_("Right leg")), ("both", N_("Both legs")))

BLADDER = Question(
    "bladder",
    N_("How is your bladder (peeing) since your last check-in?"),
    _choices(
        ("normal", N_("Normal for me")),
        ("new_retention", N_("New: I cannot pee, or only a little, even though I need to")),
        ("new_incontinence", N_("New: I leak pee and cannot stop it")),
        ("new_reduced_sensation", N_("New: I cannot feel when I pee or when I need to")),
        _NOT_SURE,
    ),
)
BOWEL = Question(
    "bowel",
    N_("How are your bowels (pooing) since your last check-in?"),
    _choices(
        ("normal", N_("Normal for me")),
        ("new_incontinence", N_("New: I cannot hold in my poo")),
        ("new_reduced_sensation", N_("New: I cannot feel when I poo")),
        _NOT_SURE,
    ),
    hint=N_("Being constipated (hard or slow poo) alone counts as normal here."),
)
SADDLE_NUMBNESS = Question(
    "saddle_numbness",
    N_("Is there numbness around your bottom, between your legs or on your inner thighs?"),
    _choices(("yes", N_("Yes")), ("no", N_("No")), _NOT_SURE),
    hint=N_(
        "These are the parts that would touch a bike seat. "
        "You may notice it when you wipe with toilet paper."
    ),
)
WEAKNESS = Question(
    "weakness",
    N_("Do your legs or feet feel weak, compared with your last check-in?"),
    _choices(
        ("none", N_("No weakness")),
        ("new", N_("Yes, and this is new")),
        ("worse", N_("Yes, and it is worse than before")),
        ("unchanged", N_("Weak, but the same as before")),
        ("better", N_("Weak, but better than before")),
        _NOT_SURE,
    ),
)
WEAKNESS_ONSET = Question(
    "weakness_onset",
    N_("If the weakness is new or worse: how fast did it come on?"),
    _choices(
        ("sudden", N_("Fast, within a few hours")), ("gradual", N_("Slowly, over days")), _NOT_SURE
    ),
    hint=N_("Skip this if your legs are not weaker."),
)
WEAKNESS_SIDE = Question(
    "weakness_side",
    N_("If the weakness is new or worse: which leg?"),
    _SIDES,
    hint=N_("Skip this if your legs are not weaker."),
)
NUMBNESS = Question(
    "numbness",
    N_("Is there numbness in your leg or foot, compared with your last check-in?"),
    _choices(
        ("none", N_("No numbness")),
        ("new", N_("Yes, and this is new")),
        ("worse", N_("Yes, and it is worse than before")),
        ("unchanged", N_("Numb, but the same as before")),
        ("better", N_("Numb, but better than before")),
    ),
)
CHILLS = Question("chills", N_("Have you had chills or shivering?"), _YES_NO)
WOUND = Question(
    "wound",
    N_("How does your wound look? Tick all that are true."),
    _choices(
        ("redness_spreading", N_("Red, and the redness is spreading")),
        ("warmth", N_("Warm to touch")),
        ("swelling", N_("Swollen")),
        ("drainage_clear", N_("Clear, watery fluid is coming out")),
        ("drainage_pus", N_("Thick, cloudy, yellow or green fluid is coming out")),
        ("bleeding", N_("Bleeding")),
        ("opening", N_("The cut is coming open")),
        (NONE_OF_THESE, N_("None of these: it looks fine")),
    ),
    "checkbox",
)
CALF = Question(
    "calf_pain_or_swelling",
    N_("Is the back of either lower leg (the calf) painful, swollen or tender?"),
    _YES_NO,
)
CHEST = Question(
    "chest_pain_or_breathless",
    N_("Do you have chest pain, or are you more out of breath than usual?"),
    _YES_NO,
)
HEADACHE = Question(
    "headache_when_upright",
    N_("Do you get a headache when you sit or stand up that gets better when you lie down?"),
    _YES_NO,
)

# Fever is asked between numbness and chills: a temperature box with its unit, by hand.
RED_FLAGS_BEFORE_FEVER = (
    BLADDER,
    BOWEL,
    SADDLE_NUMBNESS,
    WEAKNESS,
    WEAKNESS_ONSET,
    WEAKNESS_SIDE,
    NUMBNESS,
)
RED_FLAGS_AFTER_FEVER = (CHILLS, WOUND, CALF, CHEST, HEADACHE)
BOOLEAN_QUESTIONS = frozenset(q.name for q in RED_FLAGS_AFTER_FEVER if q.choices == _YES_NO)

LEG_PAIN = _scale(
    "leg_pain",
    N_("Your worst leg pain in the last 24 hours"),
    N_("0 means no pain. 10 means the worst pain you can imagine."),
)
BACK_PAIN = _scale(
    "back_pain",
    N_("Your worst back pain in the last 24 hours"),
    N_("0 means no pain. 10 means the worst pain you can imagine."),
)
LEG_PAIN_SIDE = Question(
    "leg_pain_side",
    N_("Which leg hurts?"),
    _choices(
        ("none", N_("Neither")),
        ("left", N_("Left leg")),
        ("right", N_("Right leg")),
        ("both", N_("Both legs")),
    ),
)
PAIN_QUALITIES = Question(
    "pain_qualities",
    N_("What does the leg pain feel like? Tick all that are true."),
    _choices(
        ("burning", N_("Burning")),
        ("shooting", N_("Shooting")),
        ("electric", N_("Like an electric shock")),
        ("stabbing", N_("Stabbing")),
        ("tingling", N_("Tingling")),
        ("pins_and_needles", N_("Pins and needles")),
        ("numbness", N_("Numb")),
        ("aching", N_("Aching")),
        ("cramping", N_("Cramping")),
        ("cold", N_("Cold")),
    ),
    "checkbox",
)
SLEEP = _scale(
    "sleep_quality",
    N_("How well did you sleep last night?"),
    N_("0 means very badly. 10 means very well."),
)
SIDE_EFFECTS = Question(
    "side_effects",
    N_("Have your medicines given you any of these? Tick all that are true."),
    _choices(
        ("drowsiness", N_("Very sleepy")),
        ("dizziness", N_("Dizzy")),
        ("confusion", N_("Confused or muddled")),
        ("breathing_slow", N_("Slow or shallow breathing")),
        ("constipation", N_("Constipated")),
        ("nausea", N_("Feeling sick")),
        ("swelling_legs", N_("Swollen legs or ankles")),
        ("blurred_vision", N_("Blurred eyesight")),
        ("stomach_pain", N_("Stomach pain")),
        ("black_stools", N_("Black, sticky poo")),
        (NONE_OF_THESE, N_("None of these")),
    ),
    "checkbox",
)

MEDICATION_CLASSES = _choices(
    ("gabapentinoid", N_("Gabapentin or pregabalin")),
    ("nsaid", N_("Anti-inflammatory, like ibuprofen or naproxen")),
    ("acetaminophen", N_("Acetaminophen (paracetamol, Tylenol)")),
    ("opioid", N_("Opioid, like oxycodone, tramadol or codeine")),
    ("muscle_relaxant", N_("Muscle relaxant, like cyclobenzaprine")),
    ("snri", N_("Duloxetine or venlafaxine")),
    ("tricyclic", N_("Amitriptyline or nortriptyline")),
    ("oral_steroid", N_("Steroid tablets, like prednisone")),
    ("benzodiazepine", N_("Calming or sleeping pills, like diazepam")),
    ("other", N_("Something else, or I am not sure")),
)
MEDICATION_ROWS = 4
MODALITIES = _choices(("ice", N_("Ice")), ("heat", N_("Heat")), ("tens", N_("TENS machine")))
MODALITY_USED = {
    "ice": N_("I used ice today"),
    "heat": N_("I used heat today"),
    "tens": N_("I used my TENS machine today"),
}
RELIEF = _choices(*((str(n), str(n)) for n in range(11)))
EXERCISES = _choices(
    ("walking", N_("Walking for exercise")),
    ("nerve_glide", N_("Nerve glides (gentle leg slides)")),
    ("core_stabilization", N_("Core exercises (belly and back muscles)")),
)

QUESTIONS = {
    q.name: q
    for q in (
        *RED_FLAGS_BEFORE_FEVER,
        *RED_FLAGS_AFTER_FEVER,
        LEG_PAIN,
        BACK_PAIN,
        LEG_PAIN_SIDE,
        PAIN_QUALITIES,
        SLEEP,
        SIDE_EFFECTS,
    )
}
