"""Who is in the demo clinic: one row per synthetic patient, stated plainly.

The clinically interesting facts (operation, how far into recovery, how it is going, and
the one thing that happened to them) are written out here rather than drawn at random, so
a reader can see what the demo shows; `journeys` adds the day-to-day detail.

Language: a few synthetic patients read their pages in Spanish (`language="es"`, the
patients listed in `SPANISH_SPEAKERS`), so the clinic has Spanish readers as a real one
would. The demo log-in patient, Jordan Demo, stays English (a visitor can switch on the
settings page); the care team's pages are always in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rootwise.clinical.model import Condition, Procedure


class Course(StrEnum):
    """How leg pain falls compared with the expected band (clinical README section 3)."""

    QUICK = "quick"  # better than the median
    TYPICAL = "typical"  # about the median
    SLOW = "slow"  # above the band after week 6
    PLATEAU = "plateau"  # stops improving after week 3


class Event(StrEnum):
    """The scripted finding a patient reports; all but one happen on the latest check-in."""

    SADDLE_NUMBNESS = "saddle_numbness"  # emergency
    FEVER = "fever"  # same_day: 38.6 °C with chills on day 6
    WOUND_PUS = "wound_pus"  # same_day
    CALF_PAIN = "calf_pain"  # same_day on day 12, long since acknowledged
    LEG_PAIN_REBOUND = "leg_pain_rebound"  # soon
    NEW_NUMBNESS = "new_numbness"  # soon
    UNCONTROLLED_PAIN = "uncontrolled_pain"  # soon: a third day at 8/10 or more
    DIZZINESS = "dizziness"  # soon: on pregabalin


@dataclass(frozen=True, slots=True)
class Persona:
    """One demo patient. `day` is the day after surgery of their latest check-in slot."""

    number: int
    name: str
    procedure: Procedure
    day: int
    levels: tuple[str, ...]
    course: Course = Course.TYPICAL
    event: Event | None = None
    conditions: tuple[Condition, ...] = ()
    durotomy: bool | None = None
    # Takes ibuprofen inside the post-fusion NSAID restriction: a deliberate example for
    # the medication checks, the only patient who does.
    nsaid_in_window: bool = False
    # The patient who logs in has not checked in yet today, so they can try it.
    checked_in_today: bool = True
    # The language their pages are in ("en" or "es"), as stored at enrolment.
    language: str = "en"


def _synthetic(
    number: int,
    procedure: Procedure,
    day: int,
    *levels: str,
    course: Course = Course.TYPICAL,
    event: Event | None = None,
    conditions: tuple[Condition, ...] = (),
    durotomy: bool | None = None,
    nsaid_in_window: bool = False,
) -> Persona:
    return Persona(
        number,
        f"Demo Patient {number:02d}",
        procedure,
        day,
        levels,
        course,
        event,
        conditions,
        durotomy,
        nsaid_in_window,
        language="es" if number in SPANISH_SPEAKERS else "en",
    )


# The synthetic patients who read Spanish: early, mid and late in recovery, one of them
# with an emergency finding, so each stage is seen in Spanish.
SPANISH_SPEAKERS = frozenset({5, 12, 16, 23, 30, 36})


_DISC = Procedure.DISCECTOMY
_LAMI = Procedure.LAMINECTOMY
_LAMO = Procedure.LAMINOTOMY
_FORA = Procedure.FORAMINOTOMY
_FUSE = Procedure.FUSION
_ADR = Procedure.DISC_REPLACEMENT

DEMO_PATIENT = Persona(
    0, "Jordan Demo", _DISC, 21, ("L4-L5",), Course.QUICK, checked_in_today=False
)

COHORT: tuple[Persona, ...] = (
    _synthetic(1, _DISC, 1, "L5-S1"),
    _synthetic(2, _LAMI, 2, "L3-L4", "L4-L5"),
    _synthetic(3, _FUSE, 3, "L4-L5", conditions=(Condition.SMOKER,)),
    _synthetic(4, _DISC, 4, "L4-L5", course=Course.QUICK),
    _synthetic(5, _FORA, 5, "L5-S1"),
    _synthetic(6, _FUSE, 6, "L4-L5", event=Event.FEVER, conditions=(Condition.DIABETES,)),
    _synthetic(7, _LAMO, 7, "L4-L5", durotomy=True),
    _synthetic(8, _ADR, 8, "L5-S1"),
    _synthetic(9, _FUSE, 9, "L4-L5", "L5-S1", event=Event.UNCONTROLLED_PAIN),
    _synthetic(10, _LAMI, 10, "L4-L5", event=Event.WOUND_PUS, conditions=(Condition.DIABETES,)),
    _synthetic(11, _DISC, 11, "L5-S1", course=Course.SLOW),
    _synthetic(12, _DISC, 12, "L4-L5", event=Event.SADDLE_NUMBNESS),
    _synthetic(13, _LAMO, 14, "L5-S1", course=Course.QUICK),
    _synthetic(14, _FORA, 16, "L4-L5", event=Event.NEW_NUMBNESS),
    _synthetic(15, _FUSE, 18, "L4-L5", course=Course.SLOW, conditions=(Condition.SMOKER,)),
    _synthetic(16, _DISC, 19, "L4-L5"),
    _synthetic(17, _LAMI, 20, "L3-L4", "L4-L5", event=Event.DIZZINESS),
    _synthetic(18, _ADR, 23, "L4-L5", course=Course.QUICK),
    _synthetic(19, _FUSE, 25, "L5-S1", nsaid_in_window=True),
    _synthetic(20, _DISC, 27, "L5-S1", conditions=(Condition.PACEMAKER,)),
    _synthetic(21, _LAMO, 30, "L4-L5"),
    _synthetic(
        22, _FUSE, 33, "L4-L5", event=Event.CALF_PAIN, conditions=(Condition.ANTICOAGULATED,)
    ),
    _synthetic(23, _DISC, 36, "L4-L5", course=Course.QUICK),
    _synthetic(24, _FORA, 40, "L4-L5", "L5-S1", course=Course.SLOW),
    _synthetic(25, _DISC, 43, "L5-S1", event=Event.LEG_PAIN_REBOUND),
    _synthetic(26, _LAMI, 47, "L4-L5", course=Course.PLATEAU),
    _synthetic(27, _FUSE, 50, "L4-L5"),
    _synthetic(28, _DISC, 55, "L4-L5", conditions=(Condition.CHRONIC_KIDNEY_DISEASE,)),
    _synthetic(29, _LAMO, 60, "L5-S1", course=Course.QUICK),
    _synthetic(30, _ADR, 66, "L4-L5"),
    _synthetic(31, _FUSE, 74, "L4-L5", "L5-S1", course=Course.SLOW),
    _synthetic(32, _DISC, 82, "L5-S1", course=Course.PLATEAU),
    _synthetic(33, _LAMI, 90, "L3-L4", "L4-L5"),
    _synthetic(34, _FORA, 100, "L5-S1"),
    _synthetic(35, _FUSE, 112, "L4-L5"),
    _synthetic(36, _DISC, 125, "L4-L5", course=Course.QUICK),
    _synthetic(37, _LAMI, 140, "L4-L5", course=Course.SLOW, conditions=(Condition.SLEEP_APNEA,)),
    _synthetic(38, _FUSE, 152, "L5-S1"),
    _synthetic(39, _DISC, 166, "L5-S1", course=Course.PLATEAU),
    _synthetic(40, _ADR, 180, "L5-S1"),
)
