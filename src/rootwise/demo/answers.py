"""One ordinary day's check-in answers for a demo patient: pain, medicines, home care.

Every red-flag question is answered (and answered "no"), because an unanswered screen is
itself a finding; the scripted findings are laid on top by `events`.
"""

from __future__ import annotations

import random
from typing import Any

from rootwise.clinical.model import (
    Answer,
    Bladder,
    Bowel,
    Change,
    ExerciseKind,
    ModalityKind,
    PainQuality,
    Procedure,
    Side,
    SideEffect,
    TemperatureUnit,
)
from rootwise.demo.cohort import Persona
from rootwise.demo.curves import back_fraction, leg_fraction
from rootwise.demo.traits import (
    ACETAMINOPHEN,
    IBUPROFEN,
    METHOCARBAMOL,
    NSAID_RESTRICTION_DAYS,
    Traits,
)

_NERVE_PAIN = (
    PainQuality.SHOOTING,
    PainQuality.BURNING,
    PainQuality.ELECTRIC,
    PainQuality.TINGLING,
    PainQuality.PINS_AND_NEEDLES,
)
_MILD_PAIN = (PainQuality.TINGLING, PainQuality.ACHING, PainQuality.PINS_AND_NEEDLES)
# Small, symmetric day-to-day noise: with at most one point either way a falling curve
# never shows the three-point rise the rebound rule looks for.
_NOISE = (-1, 0, 0, 0, 1)


def day_answers(persona: Persona, traits: Traits, day: int, rng: random.Random) -> dict[str, Any]:
    """The answers `persona` gives on `day` after surgery when nothing is wrong."""
    leg = _score(traits.preop_leg * leg_fraction(persona.procedure, persona.course, day), rng)
    back = _score(traits.preop_back * back_fraction(persona.procedure, day), rng)
    walking = _walking_minutes(persona, day, rng)
    answers: dict[str, Any] = {
        "leg_pain": leg,
        "back_pain": back,
        "leg_pain_side": traits.side.value if leg > 0 else Side.NONE.value,
        "pain_qualities": _qualities(leg, rng),
        "numbness": _compared(traits.numb_before, rng),
        "weakness": _compared(traits.weak_before, rng),
        "bladder": Bladder.NORMAL.value,
        "bowel": Bowel.NORMAL.value,
        "saddle_numbness": Answer.NO.value,
        "chills": False,
        "wound": [],
        "calf_pain_or_swelling": False,
        "chest_pain_or_breathless": False,
        "headache_when_upright": False,
        "walking_minutes": walking,
        "sleep_quality": min(10, max(0, 8 - leg // 2 + rng.choice(_NOISE))),
        "medications": _medications(persona, traits, day, rng),
        "side_effects": _side_effects(traits, day, rng),
        "modalities": _modalities(traits, day, rng),
        "exercises": _exercises(day, walking, rng),
    }
    # People take their temperature in the first days home, then mostly stop.
    if day <= 10 and rng.random() < 0.4:
        answers["temperature"] = _normal_temperature(traits, rng)
    return answers


def _score(expected: float, rng: random.Random) -> int:
    return min(10, max(0, round(expected) + rng.choice(_NOISE)))


def _qualities(leg: int, rng: random.Random) -> list[str]:
    if leg >= 4:
        return [q.value for q in rng.sample(_NERVE_PAIN, 2)]
    if leg >= 1:
        return [rng.choice(_MILD_PAIN).value]
    return []


def _compared(present_before: bool, rng: random.Random) -> str:
    """Numbness or weakness compared with last time: from before surgery, slowly better."""
    if not present_before:
        return Change.NONE.value
    return Change.BETTER.value if rng.random() < 0.1 else Change.UNCHANGED.value


def _normal_temperature(traits: Traits, rng: random.Random) -> dict[str, Any]:
    if traits.fahrenheit:
        return {"value": round(rng.uniform(97.5, 99.4), 1), "unit": TemperatureUnit.FAHRENHEIT}
    return {"value": round(rng.uniform(36.4, 37.4), 1), "unit": TemperatureUnit.CELSIUS}


def _medications(
    persona: Persona, traits: Traits, day: int, rng: random.Random
) -> list[dict[str, Any]]:
    taken = []
    if day <= traits.opioid_days:
        taken.append(traits.opioid)
    if day <= traits.acetaminophen_days or rng.random() < 0.15:
        taken.append(ACETAMINOPHEN)
    if persona.nsaid_in_window and day >= 4:
        taken.append(IBUPROFEN)
    elif traits.nsaid is not None and _nsaid_day(persona, traits, day, rng):
        taken.append(traits.nsaid)
    if traits.gabapentinoid is not None and day <= traits.gabapentinoid_days:
        taken.append(traits.gabapentinoid)
    if day <= traits.muscle_relaxant_days:
        taken.append(METHOCARBAMOL)
    return [medicine.json() for medicine in taken]


def _nsaid_day(persona: Persona, traits: Traits, day: int, rng: random.Random) -> bool:
    if persona.procedure is Procedure.FUSION:
        # Only once the restriction is over, and then now and again for a flare.
        return day > NSAID_RESTRICTION_DAYS and rng.random() < 0.3
    return day <= traits.nsaid_days


def _side_effects(traits: Traits, day: int, rng: random.Random) -> list[str]:
    effects = []
    if day <= traits.opioid_days and traits.constipation_prone and rng.random() < 0.5:
        effects.append(SideEffect.CONSTIPATION.value)
    if day <= 2 and rng.random() < 0.3:
        effects.append(SideEffect.NAUSEA.value)
    return effects


def _modalities(traits: Traits, day: int, rng: random.Random) -> list[dict[str, Any]]:
    used: list[dict[str, Any]] = []
    # Ice while the wound is fresh; heat for stiffness once it has healed (README 5).
    if day <= 14 and rng.random() < 0.7:
        used.append(
            {
                "kind": ModalityKind.ICE.value,
                "minutes": rng.choice((15, 20)),
                "relief": rng.randint(3, 6),
            }
        )
    if day > 14 and rng.random() < 0.35:
        used.append(
            {
                "kind": ModalityKind.HEAT.value,
                "minutes": rng.choice((15, 20, 30)),
                "relief": rng.randint(2, 5),
            }
        )
    if traits.uses_tens and day >= 7 and rng.random() < 0.4:
        used.append(
            {
                "kind": ModalityKind.TENS.value,
                "minutes": rng.choice((20, 30, 40)),
                "relief": rng.randint(2, 4),
            }
        )
    return used


def _walking_minutes(persona: Persona, day: int, rng: random.Random) -> int:
    # Short walks at first, building up steadily to about an hour (README 5).
    share_left = leg_fraction(persona.procedure, persona.course, day)
    target = min(60.0, 5 + day * 1.2) * (1.2 - share_left / 2)
    return max(0, round(target) + rng.randint(-4, 6))


def _exercises(day: int, walking: int, rng: random.Random) -> list[dict[str, Any]]:
    done: list[dict[str, Any]] = []
    if walking > 0:
        done.append({"kind": ExerciseKind.WALKING.value, "minutes": walking})
    # Nerve gliding from about week 2, core stabilisation from about week 6 (README 6).
    if day >= 14 and rng.random() < 0.5:
        done.append({"kind": ExerciseKind.NERVE_GLIDE.value, "minutes": rng.choice((5, 10))})
    if day >= 42 and rng.random() < 0.5:
        done.append(
            {"kind": ExerciseKind.CORE_STABILIZATION.value, "minutes": rng.choice((10, 15, 20))}
        )
    return done
