"""The questions of the check-in form, in the order the patient meets them.

Each question is named by its check-in field in `assessment-request.schema.json`, and
each choice by the schema's value for it, so the form needs no translation table. The
red-flag questions come first. A "not sure" choice is offered wherever the schema has
`unsure`; no choice is ever preselected, because an unanswered question is `null`, and
`null` is never "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


_YES_NO = _choices(("yes", "Yes"), ("no", "No"))
_NOT_SURE = ("unsure", "Not sure")
_SIDES = _choices(("left", "Left leg"), ("right", "Right leg"), ("both", "Both legs"))

BLADDER = Question(
    "bladder",
    "How is your bladder (peeing) since your last check-in?",
    _choices(
        ("normal", "Normal for me"),
        ("new_retention", "New: I cannot pee, or only a little, even though I need to"),
        ("new_incontinence", "New: I leak pee and cannot stop it"),
        ("new_reduced_sensation", "New: I cannot feel when I pee or when I need to"),
        _NOT_SURE,
    ),
)
BOWEL = Question(
    "bowel",
    "How are your bowels (pooing) since your last check-in?",
    _choices(
        ("normal", "Normal for me"),
        ("new_incontinence", "New: I cannot hold in my poo"),
        ("new_reduced_sensation", "New: I cannot feel when I poo"),
        _NOT_SURE,
    ),
    hint="Being constipated (hard or slow poo) alone counts as normal here.",
)
SADDLE_NUMBNESS = Question(
    "saddle_numbness",
    "Is there numbness around your bottom, between your legs or on your inner thighs?",
    _choices(("yes", "Yes"), ("no", "No"), _NOT_SURE),
    hint="These are the parts that would touch a bike seat. "
    "You may notice it when you wipe with toilet paper.",
)
WEAKNESS = Question(
    "weakness",
    "Do your legs or feet feel weak, compared with your last check-in?",
    _choices(
        ("none", "No weakness"),
        ("new", "Yes, and this is new"),
        ("worse", "Yes, and it is worse than before"),
        ("unchanged", "Weak, but the same as before"),
        ("better", "Weak, but better than before"),
        _NOT_SURE,
    ),
)
WEAKNESS_ONSET = Question(
    "weakness_onset",
    "If the weakness is new or worse: how fast did it come on?",
    _choices(("sudden", "Fast, within a few hours"), ("gradual", "Slowly, over days"), _NOT_SURE),
    hint="Skip this if your legs are not weaker.",
)
WEAKNESS_SIDE = Question(
    "weakness_side",
    "If the weakness is new or worse: which leg?",
    _SIDES,
    hint="Skip this if your legs are not weaker.",
)
NUMBNESS = Question(
    "numbness",
    "Is there numbness in your leg or foot, compared with your last check-in?",
    _choices(
        ("none", "No numbness"),
        ("new", "Yes, and this is new"),
        ("worse", "Yes, and it is worse than before"),
        ("unchanged", "Numb, but the same as before"),
        ("better", "Numb, but better than before"),
    ),
)
CHILLS = Question("chills", "Have you had chills or shivering?", _YES_NO)
WOUND = Question(
    "wound",
    "How does your wound look? Tick all that are true.",
    _choices(
        ("redness_spreading", "Red, and the redness is spreading"),
        ("warmth", "Warm to touch"),
        ("swelling", "Swollen"),
        ("drainage_clear", "Clear, watery fluid is coming out"),
        ("drainage_pus", "Thick, cloudy, yellow or green fluid is coming out"),
        ("bleeding", "Bleeding"),
        ("opening", "The cut is coming open"),
        (NONE_OF_THESE, "None of these: it looks fine"),
    ),
    "checkbox",
)
CALF = Question(
    "calf_pain_or_swelling",
    "Is the back of either lower leg (the calf) painful, swollen or tender?",
    _YES_NO,
)
CHEST = Question(
    "chest_pain_or_breathless",
    "Do you have chest pain, or are you more out of breath than usual?",
    _YES_NO,
)
HEADACHE = Question(
    "headache_when_upright",
    "Do you get a headache when you sit or stand up that gets better when you lie down?",
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
    "Your worst leg pain in the last 24 hours",
    "0 means no pain. 10 means the worst pain you can imagine.",
)
BACK_PAIN = _scale(
    "back_pain",
    "Your worst back pain in the last 24 hours",
    "0 means no pain. 10 means the worst pain you can imagine.",
)
LEG_PAIN_SIDE = Question(
    "leg_pain_side",
    "Which leg hurts?",
    _choices(
        ("none", "Neither"), ("left", "Left leg"), ("right", "Right leg"), ("both", "Both legs")
    ),
)
PAIN_QUALITIES = Question(
    "pain_qualities",
    "What does the leg pain feel like? Tick all that are true.",
    _choices(
        ("burning", "Burning"),
        ("shooting", "Shooting"),
        ("electric", "Like an electric shock"),
        ("stabbing", "Stabbing"),
        ("tingling", "Tingling"),
        ("pins_and_needles", "Pins and needles"),
        ("numbness", "Numb"),
        ("aching", "Aching"),
        ("cramping", "Cramping"),
        ("cold", "Cold"),
    ),
    "checkbox",
)
SLEEP = _scale(
    "sleep_quality",
    "How well did you sleep last night?",
    "0 means very badly. 10 means very well.",
)
SIDE_EFFECTS = Question(
    "side_effects",
    "Have your medicines given you any of these? Tick all that are true.",
    _choices(
        ("drowsiness", "Very sleepy"),
        ("dizziness", "Dizzy"),
        ("confusion", "Confused or muddled"),
        ("breathing_slow", "Slow or shallow breathing"),
        ("constipation", "Constipated"),
        ("nausea", "Feeling sick"),
        ("swelling_legs", "Swollen legs or ankles"),
        ("blurred_vision", "Blurred eyesight"),
        ("stomach_pain", "Stomach pain"),
        ("black_stools", "Black, sticky poo"),
        (NONE_OF_THESE, "None of these"),
    ),
    "checkbox",
)

MEDICATION_CLASSES = _choices(
    ("gabapentinoid", "Gabapentin or pregabalin"),
    ("nsaid", "Anti-inflammatory, like ibuprofen or naproxen"),
    ("acetaminophen", "Acetaminophen (paracetamol, Tylenol)"),
    ("opioid", "Opioid, like oxycodone, tramadol or codeine"),
    ("muscle_relaxant", "Muscle relaxant, like cyclobenzaprine"),
    ("snri", "Duloxetine or venlafaxine"),
    ("tricyclic", "Amitriptyline or nortriptyline"),
    ("oral_steroid", "Steroid tablets, like prednisone"),
    ("benzodiazepine", "Calming or sleeping pills, like diazepam"),
    ("other", "Something else, or I am not sure"),
)
MEDICATION_ROWS = 4
MODALITIES = _choices(("ice", "Ice"), ("heat", "Heat"), ("tens", "TENS machine"))
MODALITY_USED = {
    "ice": "I used ice today",
    "heat": "I used heat today",
    "tens": "I used my TENS machine today",
}
RELIEF = _choices(*((str(n), str(n)) for n in range(11)))
EXERCISES = _choices(
    ("walking", "Walking for exercise"),
    ("nerve_glide", "Nerve glides (gentle leg slides)"),
    ("core_stabilization", "Core exercises (belly and back muscles)"),
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
