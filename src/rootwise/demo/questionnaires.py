"""The demo patients' recovery questionnaires, answered in line with their pain.

Each patient answers every time point whose window has opened by their latest day, a
few days after it opens, with answers that follow their expected leg and back pain on
that day: the pain scales directly, PEG, ODI and DN4-interview scaled from the pain,
STarT Back from the pre-operative pain. The patient who logs in leaves the time point
now open unanswered, so that it is there to try.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from rootwise.clinical.schedule import WINDOWS, Timepoint, due_date, questionnaires_at
from rootwise.demo.cohort import DEMO_PATIENT
from rootwise.demo.curves import back_fraction, leg_fraction
from rootwise.demo.journeys import Journey

Answers = dict[str, int | bool]


@dataclass(frozen=True, slots=True)
class DemoResponse:
    """One questionnaire as a demo patient answered it."""

    authored_at: datetime
    timepoint: Timepoint
    key: str
    answers: Answers


def plan_responses(journey: Journey, *, tz: tzinfo) -> tuple[DemoResponse, ...]:
    """`journey`'s questionnaires, oldest first; the same journey gives the same answers."""
    persona, traits = journey.persona, journey.traits
    rng = random.Random(f"questionnaires-{persona.number}")
    latest_day = journey.surgery_date + timedelta(days=persona.day)
    found: list[DemoResponse] = []
    for window in WINDOWS:
        due = due_date(journey.surgery_date, window.timepoint)
        # Baseline at the pre-operative visit; the rest a few days after the window opens.
        answered_on = (
            journey.surgery_date - timedelta(days=1)
            if window.timepoint is Timepoint.BASELINE
            else due - timedelta(days=window.opens_before) + timedelta(days=rng.randint(1, 4))
        )
        closes = due + timedelta(days=window.closes_after)
        if answered_on >= latest_day or (persona is DEMO_PATIENT and latest_day <= closes):
            continue
        day = (answered_on - journey.surgery_date).days
        leg = _pain(traits.preop_leg, leg_fraction(persona.procedure, persona.course, day), day)
        back = _pain(traits.preop_back, back_fraction(persona.procedure, day), day)
        at = datetime.combine(answered_on, time(19, rng.randint(0, 59)), tz)
        for key in questionnaires_at(window.timepoint):
            answers = _answers(key, leg, back, traits.preop_leg, rng)
            found.append(
                DemoResponse(at + timedelta(minutes=len(found)), window.timepoint, key, answers)
            )
    return tuple(found)


def _pain(preop: int, fraction: float, day: int) -> int:
    return preop if day < 0 else min(10, max(0, round(preop * fraction)))


def _answers(key: str, leg: int, back: int, preop_leg: int, rng: random.Random) -> Answers:
    worst = max(leg, back)
    if key == "nrs-leg":
        return {"nrs.1": leg}
    if key == "nrs-back":
        return {"nrs.1": back}
    if key == "peg":
        return {
            "peg.1": worst,
            "peg.2": _clip(worst + rng.choice((-1, 0, 0)), 10),
            "peg.3": _clip(worst + rng.choice((-1, 0, 1)), 10),
        }
    if key == "odi":
        # Disability follows pain, about 10 ODI points per pain point.
        return {
            f"odi.{n}": _clip(round(worst / 2) + rng.choice((-1, 0, 0, 1)), 5) for n in range(1, 11)
        }
    if key == "dn4":
        yes = set(rng.sample(range(1, 8), min(7, round(leg * 0.6))))
        return {f"dn4.{n}": n in yes for n in range(1, 8)}
    if key == "startback":
        agree = {n for n in range(1, 9) if rng.random() < preop_leg / 14}
        return {
            **{f"startback.{n}": int(n in agree) for n in range(1, 9)},
            "startback.9": _clip(preop_leg // 2, 4),
        }
    raise ValueError(f"no demo answers for questionnaire {key!r}")


def _clip(value: int, top: int) -> int:
    return min(top, max(0, value))
