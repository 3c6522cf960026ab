"""The red-flag screen itself: "unsure" and unanswered questions are never reassuring."""

from __future__ import annotations

from collections.abc import Callable

from rootwise.clinical.model import SEDATING_CLASSES, Answer, Bladder, Bowel, Change, CheckIn, Level
from rootwise.clinical.rule import Fired, Situation, rule

# Each red-flag question, by the check-in fields that answer it.
_RED_FLAG_QUESTIONS: tuple[tuple[str, Callable[[CheckIn], bool]], ...] = (
    ("bladder", lambda c: c.bladder is not None),
    ("bowel", lambda c: c.bowel is not None),
    ("saddle_numbness", lambda c: c.saddle_numbness is not None),
    ("weakness", lambda c: c.weakness is not None),
    # How fast, and in which leg, are asked only when the weakness is new or worse.
    ("weakness_onset", lambda c: not c.weakness_is_new_or_worse or c.weakness_onset is not None),
    ("weakness_side", lambda c: not c.weakness_is_new_or_worse or c.weakness_side is not None),
    ("numbness", lambda c: c.numbness is not None),
    # Slow breathing is asked among the side effects: a must when a sedative is taken.
    (
        "side_effects",
        lambda c: c.side_effects is not None or not (c.medication_classes() & SEDATING_CLASSES),
    ),
    # A measured temperature or a yes/no for chills answers the fever question.
    ("chills", lambda c: c.chills is not None or c.temperature is not None),
    ("wound", lambda c: c.wound is not None),
    ("calf_pain_or_swelling", lambda c: c.calf_pain_or_swelling is not None),
    ("chest_pain_or_breathless", lambda c: c.chest_pain_or_breathless is not None),
    ("headache_when_upright", lambda c: c.headache_when_upright is not None),
)

RED_FLAG_QUESTIONS = tuple(name for name, _ in _RED_FLAG_QUESTIONS)


def unanswered_red_flags(c: CheckIn) -> tuple[str, ...]:
    """The red-flag questions this check-in leaves unanswered, in screen order."""
    return tuple(name for name, answered in _RED_FLAG_QUESTIONS if not answered(c))


@rule(
    "screen.unsure_cauda_equina",
    Level.SAME_DAY,
    sources=("SAFETY", "GIRFT-CES"),
    fires_when="bladder, bowel or saddle_numbness is unsure",
    patient="You were not sure about your bladder, bowels or numbness around your bottom. "
    "Please call your surgical team today so they can ask you a few questions. If you "
    "cannot pee at all, or the numbness spreads, call emergency services now.",
    clinician="Uncertain answer to a cauda equina question: self-report cannot exclude it; "
    "a call today clarifies.",
)
def unsure_cauda_equina(s: Situation) -> Fired | None:
    c = s.checkin
    unsure = {
        name: "unsure"
        for name, value in (
            ("bladder", c.bladder is Bladder.UNSURE),
            ("bowel", c.bowel is Bowel.UNSURE),
            ("saddle_numbness", c.saddle_numbness is Answer.UNSURE),
        )
        if value
    }
    return Fired(dict(unsure)) if unsure else None


@rule(
    "screen.unsure_weakness",
    Level.SOON,
    sources=("SAFETY",),
    fires_when="weakness is unsure",
    patient="You were not sure if a leg is weaker. Tell your care team in the next 1 to 3 "
    "days. If a leg gets weak quickly, or both legs feel weak, call emergency services.",
    clinician="Patient unsure whether a leg is weaker: check power at the next contact.",
)
def unsure_weakness(s: Situation) -> Fired | None:
    if s.checkin.weakness is not Change.UNSURE:
        return None
    return Fired({"weakness": Change.UNSURE.value})


@rule(
    "screen.unanswered",
    Level.SOON,
    sources=("SAFETY",),
    fires_when="any red-flag question is not answered: " + ", ".join(RED_FLAG_QUESTIONS),
    patient="Some of the safety questions were not answered, so we cannot be sure all is "
    "well. Please check in again and answer every safety question. If you have any new "
    "trouble with your bladder "
    "or bowels, or numbness around your bottom or groin, call emergency services now.",
    clinician="Red-flag screen incomplete: an incomplete screen is never reassuring; the "
    "assessment is marked incomplete.",
)
def unanswered(s: Situation) -> Fired | None:
    missing = unanswered_red_flags(s.checkin)
    return Fired({"unanswered": list(missing)}) if missing else None


RULES = (unsure_cauda_equina, unsure_weakness, unanswered)
