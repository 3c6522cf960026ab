"""The scripted findings: what each patient with an `Event` reports, and on which days.

Most happen on the latest check-in, minutes to hours before the demo is loaded, so the
care team opens the demo to a short, fresh list: one emergency, two same-day alerts and a
few items to review. The calf pain happened weeks ago and was acknowledged at the time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rootwise.clinical.model import (
    Answer,
    Change,
    PainQuality,
    SideEffect,
    TemperatureUnit,
    WoundSign,
)
from rootwise.demo.cohort import Event, Persona

CALF_PAIN_DAY = 12
# The care team acknowledged the calf-pain alert this long after it came in.
_ACKNOWLEDGED_AFTER = timedelta(minutes=25)
_MINUTES_AGO = {
    Event.SADDLE_NUMBNESS: 8,
    Event.FEVER: 50,
    Event.WOUND_PUS: 95,
    Event.NEW_NUMBNESS: 140,
    Event.LEG_PAIN_REBOUND: 180,
    Event.UNCONTROLLED_PAIN: 200,
    Event.DIZZINESS: 230,
}
# Uncontrolled pain: high from the start, never a clear improvement (so no rebound), and
# 8/10 or more on the last three days, which fires the rule on the third day only.
_UNCONTROLLED_LEG_PAIN = {1: 7, 2: 7, 3: 6, 4: 7, 5: 7, 6: 7, 7: 8, 8: 8, 9: 9}


def latest_minutes_ago(persona: Persona, *, usual: int) -> int:
    """How long before loading `persona`'s latest check-in was: fresh events are recent."""
    if persona.event is None:
        return usual
    return _MINUTES_AGO.get(persona.event, usual)


def acknowledged_after(persona: Persona, day: int) -> timedelta | None:
    """How long after `day`'s check-in the care team acknowledged its alert, if they did."""
    if persona.event is Event.CALF_PAIN and day == CALF_PAIN_DAY:
        return _ACKNOWLEDGED_AFTER
    return None


def scripted_days(persona: Persona) -> frozenset[int]:
    """The days after surgery on which `persona` must check in for their event to show."""
    match persona.event:
        case None:
            return frozenset()
        case Event.CALF_PAIN:
            return frozenset({CALF_PAIN_DAY})
        case Event.UNCONTROLLED_PAIN:
            return frozenset({persona.day - 2, persona.day - 1, persona.day})
        case _:
            return frozenset({persona.day})


def script(persona: Persona, day: int, answers: dict[str, Any]) -> dict[str, Any]:
    """`answers` with `persona`'s scripted finding for `day` laid over them."""
    latest = day == persona.day
    match persona.event:
        case Event.SADDLE_NUMBNESS if latest:
            return answers | {
                "saddle_numbness": Answer.YES.value,
                "leg_pain": 7,
                "pain_qualities": [PainQuality.SHOOTING.value, PainQuality.NUMBNESS.value],
                "note": "Numb between my legs since I woke up, and the leg pain is back.",
            }
        case Event.FEVER if latest:
            return answers | {
                "temperature": {"value": 38.6, "unit": TemperatureUnit.CELSIUS.value},
                "chills": True,
                "wound": [WoundSign.WARMTH.value],
                "note": "Shivery since last night; the wound feels warm.",
            }
        case Event.WOUND_PUS if latest:
            return answers | {
                "wound": [WoundSign.DRAINAGE_PUS.value, WoundSign.REDNESS_SPREADING.value],
                "temperature": {"value": 37.6, "unit": TemperatureUnit.CELSIUS.value},
                "note": "Yellow fluid on the dressing this morning.",
            }
        case Event.CALF_PAIN if day == CALF_PAIN_DAY:
            return answers | {"calf_pain_or_swelling": True, "note": "Right calf sore and tight."}
        case Event.LEG_PAIN_REBOUND if day >= persona.day - 2:
            # Only the last day is both 6/10 or more and 3 above the recent low.
            rising = {persona.day - 2: 4, persona.day - 1: 5, persona.day: 7}
            scripted = {
                "leg_pain": rising[day],
                "pain_qualities": [PainQuality.SHOOTING.value, PainQuality.ELECTRIC.value],
            }
            if latest:
                scripted["note"] = "Leg pain came back after lifting a box."
            return answers | scripted
        case Event.NEW_NUMBNESS if latest:
            return answers | {
                "numbness": Change.NEW.value,
                "pain_qualities": [PainQuality.NUMBNESS.value, PainQuality.TINGLING.value],
            }
        case Event.UNCONTROLLED_PAIN if day in _UNCONTROLLED_LEG_PAIN:
            return answers | {"leg_pain": _UNCONTROLLED_LEG_PAIN[day]}
        case Event.DIZZINESS if latest:
            return answers | {"side_effects": [SideEffect.DIZZINESS.value]}
    return answers
