"""The home exercise programme (README sections 5 and 6): graded walking from the first
day; core stabilisation and nerve gliding from about 2 weeks, or when the surgeon clears
the patient for physical therapy; later after a fusion.

Core work holds the spine still while the belly and back muscles work, with no bending
or twisting in the early months [SEED]. Nerve gliding slides the nerve gently, it does
not stretch it; stop if symptoms spread or stay worse [SEED] [NEURODYNAMICS]. Walking
starts early and grows steadily [SEED]: see `walking_plan`.

Every instruction is written for this project, for the patient, in plain words. Each
exercise says when to stop, and `EMERGENCY_SIGNS` and `call_team_today_signs` repeat the
red flags with the triage's own actions (README sections 1 and 2).

Texts with a number in them (the walking goal, the week the next exercise starts, the
fever threshold) are whole-sentence templates, kept with their values as a `Wording`, so
a page in another language translates whole sentences; `patient_texts()` lists every text
and template for the translation catalogues.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from rootwise.clinical.model import CheckIn, ExerciseKind, Procedure
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS, Thresholds
from rootwise.clinical.wording import Wording

# Core and nerve exercises start at about 2 weeks (README section 6: "from ~2-6 weeks, or
# when cleared by the surgeon"; the lower end, as the stepped-care pathway does); harder
# core work follows at 4 and 6 weeks, once the easier one is going well.
THERAPY_START_DAY: Final = 14
# After a fusion the bone needs weeks to knit, so surgeons hold exercise back longer:
# the same steps start 4 weeks later (first ones at 6 weeks, the upper end of the range).
FUSION_DELAY_DAYS: Final = 28

# Graded walking [SEED: "early and often; steady increases"]: start with three 5-minute
# walks a day, add 5 minutes a day each week, up to an hour a day.
WALK_START_MINUTES: Final = 15
WALK_WEEKLY_STEP_MINUTES: Final = 5
WALK_MAX_MINUTES: Final = 60
# Never more than 20 % above what the patient typically walked (the median of their
# logged days): the usual "10-20 % a week" rule for building activity, at its upper end.
# The median of two weeks of days moves only after about a week at a new level: after
# two weeks of steady walking, doing exactly the goal each day keeps it within this much
# of that level for the whole next week. Below the starting goal, the starting goal holds.
WALK_MAX_INCREASE: Final = 0.20
# Short walks several times a day in the first 6 weeks, two longer ones after.
WALKS_PER_DAY_EARLY: Final = 3
WALKS_PER_DAY_LATER: Final = 2
LONGER_WALKS_FROM_DAY: Final = 42

_CHECK_IN = (
    "Stop and check in if pain, tingling or numbness spreads further down your leg, or "
    "stays worse after you rest."
)
_EMERGENCY = (
    "Stop and call emergency services now if a leg suddenly gets weak. Do the same if you "
    "feel numb around your bottom, or if your bladder or bowels change."
)

# The red flags, for the "stop and get help" box: the triage's own levels and actions.
EMERGENCY_SIGNS: Final = (
    "A leg suddenly gets weak or gives way.",
    "You feel numb between your legs or around your bottom.",
    "You cannot pee, or you cannot control your bladder or bowels.",
    "You have chest pain or sudden trouble breathing.",
)


_WEAKER: Final = "A leg feels weaker than it was."
FEVER_SIGN: Final = "You have a fever of {celsius} °C ({fahrenheit} °F) or more."
_WOUND_OPENING: Final = "Your wound leaks fluid or pus, or starts to open."


def call_team_today_wording(thresholds: Thresholds = DEFAULT_THRESHOLDS) -> tuple[Wording, ...]:
    """The same-day signs, with the clinic's own fever threshold (in °C and °F)."""
    fever_f = float(thresholds.fever_c) * 9 / 5 + 32
    return (
        Wording.of(_WEAKER),
        Wording.of(FEVER_SIGN, celsius=thresholds.fever_c, fahrenheit=f"{fever_f:.1f}"),
        Wording.of(_WOUND_OPENING),
    )


def call_team_today_signs(thresholds: Thresholds = DEFAULT_THRESHOLDS) -> tuple[str, ...]:
    """`call_team_today_wording` in English."""
    return tuple(sign.text for sign in call_team_today_wording(thresholds))


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the programme. Every text is for the patient."""

    id: str
    kind: ExerciseKind  # as the check-in logs it
    name: str
    purpose: str
    steps: tuple[str, ...]
    how_often: str
    how_long: str
    stop_if: tuple[str, ...]
    start_day: int  # days after surgery, when not a fusion and not cleared earlier
    illustration: str  # file name in web/static/exercises/
    illustration_alt: str
    sources: tuple[str, ...]
    # True when the surgeon's clearance for physical therapy lets it start at once.
    opens_with_clearance: bool = False


WALKING: Final = Exercise(
    id="walking",
    kind=ExerciseKind.WALKING,
    name="Walking",
    purpose="Walking keeps blood moving, helps your back and nerves heal, and builds you up.",
    steps=(
        "Wear flat shoes that grip well.",
        "Walk at an easy pace on flat ground. You should be able to talk as you walk.",
        "Stand tall and let your arms swing.",
        "Start with short walks, a few times a day.",
        "Add a few minutes each week, as your walking goal shows.",
    ),
    how_often="A few times every day.",
    how_long="See your walking goal on this page.",
    stop_if=(
        "Stop and rest if your leg pain gets a lot worse while you walk.",
        "Stop if you feel dizzy or faint.",
        _CHECK_IN,
        _EMERGENCY,
    ),
    start_day=0,
    illustration="walking.svg",
    illustration_alt="A person walking tall with arms swinging.",
    sources=("SEED",),
)

TUMMY_TIGHTENING: Final = Exercise(
    id="tummy-tightening",
    kind=ExerciseKind.CORE_STABILIZATION,
    name="Tummy tightening",
    purpose="It wakes up the deep belly muscles that hold your back steady.",
    steps=(
        "Lie on your back with your knees bent and your feet flat.",
        "Breathe in. As you breathe out, gently draw your belly button in toward your spine.",
        "Keep your back still. Do not press it down or arch it.",
        "Hold for 5 to 10 seconds. Keep breathing as you hold.",
        "Relax for a few seconds, then do it again.",
    ),
    how_often="Twice a day.",
    how_long="10 times each time, about 5 minutes.",
    stop_if=(
        "Stop if you feel sharp pain in your back or leg.",
        _CHECK_IN,
        _EMERGENCY,
    ),
    start_day=THERAPY_START_DAY,
    illustration="tummy-tightening.svg",
    illustration_alt="A person lying on their back with knees bent, feet flat on the floor.",
    sources=("SEED",),
    opens_with_clearance=True,
)

BRIDGE: Final = Exercise(
    id="bridge",
    kind=ExerciseKind.CORE_STABILIZATION,
    name="Bridge",
    purpose="It makes your bottom and back muscles stronger, to support your spine.",
    steps=(
        "Lie on your back with your knees bent and your feet flat, hip width apart.",
        "Tighten your belly a little, like in tummy tightening.",
        "Squeeze your bottom and slowly lift your hips off the floor.",
        "Lift only until your body is in a straight line from your shoulders to your knees. "
        "Do not arch your back.",
        "Hold for 5 seconds, then lower slowly.",
    ),
    how_often="Once or twice a day.",
    how_long="5 to 10 times each time.",
    stop_if=(
        "Stop if you feel sharp pain in your back or leg.",
        _CHECK_IN,
        _EMERGENCY,
    ),
    start_day=THERAPY_START_DAY + 14,
    illustration="bridge.svg",
    illustration_alt="A person lying on their back with hips lifted, "
    "making a straight line from shoulders to knees.",
    sources=("SEED",),
)

ARM_AND_LEG_REACH: Final = Exercise(
    id="arm-and-leg-reach",
    kind=ExerciseKind.CORE_STABILIZATION,
    name="Arm and leg reach",
    purpose="It trains your back to stay steady while your arms and legs move.",
    steps=(
        "Get on your hands and knees. Hands under your shoulders, knees under your hips.",
        "Gently tighten your belly. Keep your back flat, like a table top.",
        "Slowly slide one leg straight back, and lift it no higher than your hip.",
        "If you feel steady, reach the other arm forward at the same time.",
        "Hold for 5 seconds. Do not let your back sag or twist.",
        "Come back slowly, then switch sides.",
    ),
    how_often="Once a day.",
    how_long="5 times on each side.",
    stop_if=(
        "Stop if you feel sharp pain in your back or leg.",
        "Stop if you cannot keep your back still. Go back to the bridge for a while.",
        _CHECK_IN,
        _EMERGENCY,
    ),
    start_day=THERAPY_START_DAY + 28,
    illustration="arm-and-leg-reach.svg",
    illustration_alt="A person on hands and knees, with one arm reaching forward and the "
    "other leg reaching back, back flat.",
    sources=("SEED",),
)

NERVE_SLIDE: Final = Exercise(
    id="nerve-slide",
    kind=ExerciseKind.NERVE_GLIDE,
    name="Seated nerve slide",
    purpose="It helps the nerve in your leg move smoothly again. It is a gentle slide, "
    "not a stretch.",
    steps=(
        "Sit tall on a firm chair with both feet flat on the floor.",
        "Slowly straighten the knee of your sore leg. At the same time, look up a little.",
        "Then bend your knee back down. At the same time, bring your chin down.",
        "Keep moving slowly and smoothly, back and forth, like a slow swing.",
        "Do not hold the end. A mild pull or tingle is fine, but never a strong one.",
    ),
    how_often="2 or 3 times a day.",
    how_long="10 slow moves each time.",
    stop_if=(
        "Stop if it hurts, or the tingling gets strong.",
        "Stop if pain, tingling or numbness spreads further down your leg.",
        "Stop if your leg feels worse afterwards and it does not settle within an hour. "
        "Check in and tell your team.",
        _EMERGENCY,
    ),
    start_day=THERAPY_START_DAY,
    illustration="nerve-slide.svg",
    illustration_alt="A person sitting on a chair, straightening one knee while looking "
    "slightly up.",
    sources=("SEED", "NEURODYNAMICS"),
    opens_with_clearance=True,
)

# The whole programme, in the order the page shows it.
EXERCISES: Final = (WALKING, TUMMY_TIGHTENING, NERVE_SLIDE, BRIDGE, ARM_AND_LEG_REACH)


@dataclass(frozen=True, slots=True)
class Upcoming:
    """An exercise not open yet: from `from_day`, or when the team says (None)."""

    exercise: Exercise
    from_day: int | None


def opens_on(
    exercise: Exercise, procedure: Procedure, cleared_for_physio: bool | None
) -> int | None:
    """The day after surgery an exercise opens, or None while the team says not yet.

    Walking is open from the first day. Clearance opens the first steps of core work and
    nerve gliding at once; the harder ones keep their own day. `False` (not cleared yet)
    keeps everything but walking closed; `None` (not known) goes by the day.
    """
    if exercise.kind is ExerciseKind.WALKING:
        return exercise.start_day
    if cleared_for_physio is False:
        return None
    if cleared_for_physio and exercise.opens_with_clearance:
        return 0
    delay = FUSION_DELAY_DAYS if procedure is Procedure.FUSION else 0
    return exercise.start_day + delay


def programme(
    day_after_surgery: int, procedure: Procedure, cleared_for_physio: bool | None
) -> tuple[Exercise, ...]:
    """The exercises for today, in `EXERCISES` order."""
    _check_day(day_after_surgery)
    return tuple(
        e
        for e in EXERCISES
        if (day := opens_on(e, procedure, cleared_for_physio)) is not None
        and day <= day_after_surgery
    )


def upcoming(
    day_after_surgery: int, procedure: Procedure, cleared_for_physio: bool | None
) -> tuple[Upcoming, ...]:
    """The exercises still to come, with the day each opens."""
    _check_day(day_after_surgery)
    waiting = (Upcoming(e, opens_on(e, procedure, cleared_for_physio)) for e in EXERCISES)
    return tuple(u for u in waiting if u.from_day is None or u.from_day > day_after_surgery)


WAIT_FOR_TEAM: Final = (
    "Your team wants you to wait before you start these exercises. Keep walking, "
    "and ask them when you can start."
)
# Keyed by (after a fusion, sooner with the surgeon's word); `{week}` counts from 1.
NEXT_EXERCISE: Final = {
    (False, False): "More exercises start as you heal. The next one starts in week {week}.",
    (False, True): (
        "More exercises start as you heal. The next one starts in week {week}, or sooner if "
        "your surgeon says so."
    ),
    (True, False): (
        "After a fusion, the bones need time to join. So these exercises start later than "
        "after other back surgery. The next one starts in week {week}."
    ),
    (True, True): (
        "After a fusion, the bones need time to join. So these exercises start later than "
        "after other back surgery. The next one starts in week {week}, or sooner if your "
        "surgeon says so."
    ),
}


def programme_note_wording(
    day_after_surgery: int, procedure: Procedure, cleared_for_physio: bool | None
) -> Wording | None:
    """Why some exercises are not open yet, for the patient; None when all are open."""
    waiting = upcoming(day_after_surgery, procedure, cleared_for_physio)
    if not waiting:
        return None
    if cleared_for_physio is False:
        return Wording.of(WAIT_FOR_TEAM)
    dated = [(u.from_day, u.exercise) for u in waiting if u.from_day is not None]
    day, first = min(dated, key=lambda pair: pair[0])  # without `False`, all are dated
    sooner = first.opens_with_clearance and cleared_for_physio is not True
    template = NEXT_EXERCISE[procedure is Procedure.FUSION, sooner]
    return Wording.of(template, week=day // 7 + 1)


def programme_note(
    day_after_surgery: int, procedure: Procedure, cleared_for_physio: bool | None
) -> str | None:
    """`programme_note_wording` in English."""
    note = programme_note_wording(day_after_surgery, procedure, cleared_for_physio)
    return None if note is None else note.text


@dataclass(frozen=True, slots=True)
class WalkingTarget:
    """Today's walking goal. `typical_logged` is the median of the days logged, if any."""

    minutes_per_day: int
    walks_per_day: int
    minutes_per_walk: int
    typical_logged: float | None
    goal_wording: Wording  # for the patient: the goal in a sentence
    advice_wording: Wording  # for the patient: how it relates to what they walked

    @property
    def goal(self) -> str:
        return self.goal_wording.text

    @property
    def advice(self) -> str:
        return self.advice_wording.text


WALKING_GOAL: Final = (
    "Aim for about {minutes} minutes of walking a day. Split it into {walks} walks of about "
    "{per_walk} minutes."
)
LOG_YOUR_WALKING: Final = "Log your walking when you check in, so we can plan your next step."
KEEP_IT_STEADY: Final = "You already walk this much on most days. Keep it steady."
# `{minutes}`: what the patient typically walked, rounded.
BUILD_UP_TO_IT: Final = (
    "Most days lately you walked about {minutes} minutes. Build up to this goal a few "
    "minutes at a time, as it feels comfortable."
)
ADDS_A_LITTLE: Final = (
    "Most days lately you walked about {minutes} minutes. This goal adds just a little, so "
    "you build up slowly."
)


def scheduled_walking_minutes(day_after_surgery: int) -> int:
    """The plan's minutes a day for this day, before looking at what was walked."""
    _check_day(day_after_surgery)
    week = day_after_surgery // 7
    return min(WALK_MAX_MINUTES, WALK_START_MINUTES + WALK_WEEKLY_STEP_MINUTES * week)


def walking_allowance(recent_walking_minutes: Sequence[int]) -> int:
    """The most a day's goal may be, given what was logged: 20 % over the typical day."""
    if not recent_walking_minutes:
        return WALK_START_MINUTES
    typical = statistics.median(recent_walking_minutes)
    return max(WALK_START_MINUTES, math.floor(typical * (1 + WALK_MAX_INCREASE)))


def walking_plan(day_after_surgery: int, recent_walking_minutes: Sequence[int]) -> WalkingTarget:
    """Today's walking goal from the schedule, held to what the patient has walked.

    `recent_walking_minutes` holds one number per day the patient logged walking over the
    last two weeks (any order). With none logged, the goal is the starting one.
    """
    if any(m < 0 for m in recent_walking_minutes):
        raise ValueError("walking minutes must not be negative")
    target = min(
        scheduled_walking_minutes(day_after_surgery), walking_allowance(recent_walking_minutes)
    )
    walks = (
        WALKS_PER_DAY_EARLY if day_after_surgery < LONGER_WALKS_FROM_DAY else WALKS_PER_DAY_LATER
    )
    per_walk = math.ceil(target / walks)
    typical = statistics.median(recent_walking_minutes) if recent_walking_minutes else None
    if typical is None:
        advice = Wording.of(LOG_YOUR_WALKING)
    elif typical >= target:
        advice = Wording.of(KEEP_IT_STEADY)
    elif target > typical * (1 + WALK_MAX_INCREASE):  # the starting goal, above what was walked
        advice = Wording.of(BUILD_UP_TO_IT, minutes=round(typical))
    else:
        advice = Wording.of(ADDS_A_LITTLE, minutes=round(typical))
    return WalkingTarget(
        minutes_per_day=target,
        walks_per_day=walks,
        minutes_per_walk=per_walk,
        typical_logged=typical,
        goal_wording=Wording.of(WALKING_GOAL, minutes=target, walks=walks, per_walk=per_walk),
        advice_wording=advice,
    )


def daily_walking_minutes(checkins: Iterable[CheckIn]) -> tuple[int, ...]:
    """One number per calendar day with walking logged, oldest day first: the most any
    check-in that day logged (each check-in reports the day so far)."""
    by_day: dict[date, int] = {}
    for c in checkins:
        if c.walking_minutes is not None:
            by_day[c.local_date] = max(c.walking_minutes, by_day.get(c.local_date, 0))
    return tuple(by_day[d] for d in sorted(by_day))


def days_done(checkins: Iterable[CheckIn]) -> dict[ExerciseKind, int]:
    """How many calendar days each kind of exercise was logged on (kinds never logged
    are left out)."""
    days: dict[ExerciseKind, set[date]] = {}
    for c in checkins:
        for e in c.exercises or ():
            days.setdefault(e.kind, set()).add(c.local_date)
    return {kind: len(days[kind]) for kind in ExerciseKind if kind in days}


def _check_day(day_after_surgery: int) -> None:
    if day_after_surgery < 0:
        raise ValueError("day_after_surgery must not be negative")


def patient_texts() -> tuple[str, ...]:
    """Every text and template a patient may read from this module, for the translation
    catalogues: the exercises, the signs to get help, the notes and the walking advice."""
    texts = [
        text
        for e in EXERCISES
        for text in (
            e.name,
            e.purpose,
            *e.steps,
            e.how_often,
            e.how_long,
            *e.stop_if,
            e.illustration_alt,
        )
    ]
    texts += [*EMERGENCY_SIGNS, _WEAKER, FEVER_SIGN, _WOUND_OPENING]
    texts += [WAIT_FOR_TEAM, *NEXT_EXERCISE.values()]
    texts += [WALKING_GOAL, LOG_YOUR_WALKING, KEEP_IT_STEADY, BUILD_UP_TO_IT, ADDS_A_LITTLE]
    return tuple(dict.fromkeys(texts))
