"""The exercise programme (README sections 5 and 6): what opens when, the walking goal,
and the words and pictures the patient follows."""

from __future__ import annotations

import itertools
import math
import re
import statistics
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rootwise.clinical import exercises
from rootwise.clinical.exercises import (
    EMERGENCY_SIGNS,
    EXERCISES,
    FUSION_DELAY_DAYS,
    LONGER_WALKS_FROM_DAY,
    THERAPY_START_DAY,
    WALK_MAX_INCREASE,
    WALK_MAX_MINUTES,
    WALK_START_MINUTES,
    Exercise,
    call_team_today_signs,
    daily_walking_minutes,
    days_done,
    programme,
    programme_note,
    scheduled_walking_minutes,
    upcoming,
    walking_plan,
)
from rootwise.clinical.model import CheckIn, ExerciseKind, Procedure
from rootwise.clinical.model import Exercise as Logged
from rootwise.clinical.sources import SOURCES
from rootwise.clinical.thresholds import Thresholds
from tests.unit.clinical.test_plain_language import (  # the offline grade measure
    JARGON,
    MAX_GRADE,
    _grade,
    _syllables_from_pyphen,  # noqa: F401 (an autouse fixture, used by being imported)
)

DISCECTOMY, FUSION = Procedure.DISCECTOMY, Procedure.FUSION
CORE, GLIDE, WALK = (
    ExerciseKind.CORE_STABILIZATION,
    ExerciseKind.NERVE_GLIDE,
    ExerciseKind.WALKING,
)
ILLUSTRATIONS = Path(exercises.__file__).parents[1] / "web" / "static" / "exercises"
SVG = "{http://www.w3.org/2000/svg}"


def ids(found: tuple[Exercise, ...]) -> list[str]:
    return [e.id for e in found]


def kinds(found: tuple[Exercise, ...]) -> set[ExerciseKind]:
    return {e.kind for e in found}


# --- The programme ------------------------------------------------------------------


def test_the_programme_has_walking_core_work_and_a_nerve_glide() -> None:
    by_kind = [e.kind for e in EXERCISES]
    assert by_kind.count(WALK) == 1
    assert 2 <= by_kind.count(CORE) <= 3
    assert 1 <= by_kind.count(GLIDE) <= 2
    assert len({e.id for e in EXERCISES}) == len(EXERCISES)


@pytest.mark.parametrize("procedure", list(Procedure))
@pytest.mark.parametrize("cleared", [True, False, None])
def test_walking_is_open_from_the_first_day(procedure: Procedure, cleared: bool | None) -> None:
    assert ids(programme(0, procedure, cleared))[:1] == ["walking"]


def test_before_two_weeks_walking_is_the_only_exercise() -> None:
    assert ids(programme(THERAPY_START_DAY - 1, DISCECTOMY, None)) == ["walking"]


def test_core_work_and_the_nerve_glide_start_at_about_two_weeks() -> None:
    opened = programme(THERAPY_START_DAY, DISCECTOMY, None)
    assert ids(opened) == ["walking", "tummy-tightening", "nerve-slide"]


def test_harder_core_work_comes_later() -> None:
    assert "bridge" not in ids(programme(27, DISCECTOMY, None))
    assert "bridge" in ids(programme(28, DISCECTOMY, None))
    assert "arm-and-leg-reach" not in ids(programme(41, DISCECTOMY, None))
    assert ids(programme(42, DISCECTOMY, None)) == [e.id for e in EXERCISES]


def test_after_a_fusion_core_work_and_glides_start_four_weeks_later() -> None:
    first = THERAPY_START_DAY + FUSION_DELAY_DAYS
    assert kinds(programme(first - 1, FUSION, None)) == {WALK}
    assert kinds(programme(first, FUSION, None)) == {WALK, CORE, GLIDE}
    assert "arm-and-leg-reach" not in ids(programme(69, FUSION, None))
    assert "arm-and-leg-reach" in ids(programme(70, FUSION, None))


@pytest.mark.parametrize("procedure", [DISCECTOMY, FUSION])
def test_clearance_opens_the_first_steps_at_once_but_not_the_harder_ones(
    procedure: Procedure,
) -> None:
    assert ids(programme(3, procedure, True)) == ["walking", "tummy-tightening", "nerve-slide"]
    assert "bridge" not in ids(programme(27, procedure, True))


@pytest.mark.parametrize("day", [0, 20, 60, 400])
def test_not_cleared_keeps_everything_but_walking_closed(day: int) -> None:
    assert ids(programme(day, DISCECTOMY, False)) == ["walking"]
    assert all(u.from_day is None for u in upcoming(day, DISCECTOMY, False))


@given(
    day=st.integers(min_value=0, max_value=400),
    procedure=st.sampled_from(Procedure),
    cleared=st.sampled_from([True, False, None]),
)
def test_every_exercise_is_either_open_or_coming(
    day: int, procedure: Procedure, cleared: bool | None
) -> None:
    open_now = ids(programme(day, procedure, cleared))
    later = [u.exercise.id for u in upcoming(day, procedure, cleared)]
    assert sorted(open_now + later) == sorted(e.id for e in EXERCISES)
    assert (programme_note(day, procedure, cleared) is None) == (not later)


def test_the_note_says_when_the_next_exercises_start() -> None:
    assert programme_note(3, DISCECTOMY, None) == (
        "More exercises start as you heal. The next one starts in week 3, or sooner if your "
        "surgeon says so."
    )
    assert programme_note(30, DISCECTOMY, None) == (
        "More exercises start as you heal. The next one starts in week 7."
    )
    assert programme_note(60, DISCECTOMY, None) is None


def test_the_note_explains_why_fusion_is_later() -> None:
    note = programme_note(20, FUSION, None)
    assert note is not None
    assert note.startswith("After a fusion, the bones need time to join.")
    assert "week 7, or sooner if your surgeon says so" in note


def test_the_note_says_to_wait_for_the_team_when_not_cleared() -> None:
    note = programme_note(20, DISCECTOMY, False)
    assert note is not None
    assert note.startswith("Your team wants you to wait")


def test_a_negative_day_is_refused() -> None:
    with pytest.raises(ValueError, match="day_after_surgery"):
        programme(-1, DISCECTOMY, None)
    with pytest.raises(ValueError, match="day_after_surgery"):
        walking_plan(-1, [])


# --- Walking ------------------------------------------------------------------------


def test_walking_starts_with_short_walks_several_times_a_day() -> None:
    goal = walking_plan(0, [])
    assert goal.minutes_per_day == WALK_START_MINUTES
    assert goal.walks_per_day == 3
    assert 5 <= goal.minutes_per_walk <= 10
    assert goal.typical_logged is None
    assert (
        goal.goal
        == "Aim for about 15 minutes of walking a day. Split it into 3 walks of about 5 minutes."
    )
    assert "Log your walking when you check in" in goal.advice


def test_the_schedule_adds_a_few_minutes_each_week_up_to_an_hour() -> None:
    weekly = [scheduled_walking_minutes(7 * week) for week in range(15)]
    steps = [b - a for a, b in itertools.pairwise(weekly)]
    assert all(0 <= step <= 5 for step in steps)
    assert weekly[-1] == WALK_MAX_MINUTES
    assert scheduled_walking_minutes(6) == scheduled_walking_minutes(0)


def test_the_goal_follows_the_schedule_when_the_patient_keeps_up() -> None:
    goal = walking_plan(21, [30, 30, 30, 30])
    assert goal.minutes_per_day == scheduled_walking_minutes(21) == 30
    assert goal.advice == "You already walk this much on most days. Keep it steady."


def test_the_goal_adds_at_most_a_fifth_to_what_was_walked() -> None:
    goal = walking_plan(35, [20, 20, 25, 20, 20])
    assert goal.minutes_per_day == 24
    assert "Most days lately you walked about 20 minutes." in goal.advice


def test_below_the_starting_goal_the_patient_builds_up_to_it_gently() -> None:
    goal = walking_plan(35, [5, 5, 6])
    assert goal.minutes_per_day == WALK_START_MINUTES
    assert goal.advice.startswith("Most days lately you walked about 5 minutes. Build up")


def test_one_long_walk_does_not_raise_the_goal() -> None:
    assert walking_plan(35, [20, 20, 90]).minutes_per_day == 24


def test_after_six_weeks_the_goal_is_two_longer_walks() -> None:
    goal = walking_plan(LONGER_WALKS_FROM_DAY, [60] * 7)
    assert goal.walks_per_day == 2
    assert goal.minutes_per_walk * goal.walks_per_day >= goal.minutes_per_day


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="walking minutes"):
        walking_plan(10, [10, -1])


@given(
    day=st.integers(min_value=0, max_value=500),
    logged=st.lists(st.integers(min_value=0, max_value=1440), max_size=14),
)
def test_the_walking_goal_never_jumps_more_than_the_cap_over_what_was_logged(
    day: int, logged: list[int]
) -> None:
    goal = walking_plan(day, logged)
    typical = statistics.median(logged) if logged else 0
    allowed = max(WALK_START_MINUTES, math.floor(typical * (1 + WALK_MAX_INCREASE)))
    assert WALK_START_MINUTES <= goal.minutes_per_day <= allowed
    assert goal.minutes_per_day <= min(scheduled_walking_minutes(day), WALK_MAX_MINUTES)
    assert goal.minutes_per_walk * goal.walks_per_day >= goal.minutes_per_day
    assert _grade(goal.goal) <= MAX_GRADE
    assert _grade(goal.advice) <= MAX_GRADE


@given(day=st.integers(min_value=0, max_value=500), steady=st.integers(min_value=0, max_value=120))
def test_following_the_goal_for_a_week_stays_within_the_cap_of_the_week_before(
    day: int, steady: int
) -> None:
    # Two weeks of the same walking, then a week of doing exactly the goal each day.
    history = [steady] * 14
    allowed = max(WALK_START_MINUTES, math.floor(steady * (1 + WALK_MAX_INCREASE)))
    for _ in range(7):
        goal = walking_plan(day, history[-14:]).minutes_per_day
        assert goal <= allowed
        history.append(goal)


# --- From check-ins -----------------------------------------------------------------

DAY_ONE = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def at(days: float, **answers: Any) -> CheckIn:
    return CheckIn(recorded_at=DAY_ONE + timedelta(days=days), **answers)


def test_walking_minutes_are_one_number_per_day_the_most_logged_that_day() -> None:
    checkins = [
        at(0, walking_minutes=10),
        at(0.3, walking_minutes=25),
        at(1),
        at(2, walking_minutes=0),
    ]
    assert daily_walking_minutes(checkins) == (25, 0)


def test_days_done_counts_calendar_days_per_kind() -> None:
    checkins = [
        at(0, exercises=(Logged(WALK, 10), Logged(CORE))),
        at(0.2, exercises=(Logged(WALK, 5),)),
        at(1, exercises=(Logged(WALK),)),
        at(2, exercises=()),
        at(3),
    ]
    assert days_done(checkins) == {WALK: 2, CORE: 1}


# --- What the patient reads ---------------------------------------------------------


def patient_texts(e: Exercise) -> list[str]:
    """Sentences the patient reads (a name of a word or two has no reading grade)."""
    return [e.purpose, *e.steps, e.how_often, e.how_long, *e.stop_if, e.illustration_alt]


TEXTS = sorted(
    {
        *(t for e in EXERCISES for t in patient_texts(e)),
        *EMERGENCY_SIGNS,
        *call_team_today_signs(),
        *(
            note
            for day in (0, 20, 30)
            for procedure in (DISCECTOMY, FUSION)
            for cleared in (True, False, None)
            if (note := programme_note(day, procedure, cleared))
        ),
    }
)


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_reads_at_grade_8_or_less(text: str) -> None:
    assert _grade(text) <= MAX_GRADE, f"grade {_grade(text):.1f}: {text}"


@pytest.mark.parametrize("text", [*TEXTS, *(e.name for e in EXERCISES)])
def test_every_text_is_free_of_jargon(text: str) -> None:
    found = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", text, flags=re.IGNORECASE)]
    assert not found, f"{found}: {text}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_says_when_to_stop_and_points_to_the_red_flags(exercise: Exercise) -> None:
    stops = " ".join(exercise.stop_if)
    assert "Stop and call emergency services now if a leg suddenly gets weak." in stops
    assert "numb around your bottom" in stops
    assert "bladder or bowels" in stops
    assert re.search(r"[Cc]heck in", stops)
    assert exercise.how_often
    assert exercise.how_long
    assert len(exercise.steps) >= 3


def test_nerve_glides_slide_and_stop_when_symptoms_spread_or_stay_worse() -> None:
    (glide,) = (e for e in EXERCISES if e.kind is GLIDE)
    words = " ".join((glide.purpose, *glide.steps))
    assert "not a stretch" in words
    assert "Do not hold the end." in words
    stops = " ".join(glide.stop_if)
    assert "spreads further down your leg" in stops
    assert "does not settle" in stops
    assert "NEURODYNAMICS" in glide.sources


def test_core_work_never_bends_or_twists_the_back() -> None:
    for e in EXERCISES:
        if e.kind is CORE:
            words = " ".join(e.steps).lower()
            assert not re.search(r"\b(sit-up|crunch|curl up|touch your toes)\b", words)
    assert "twist" in " ".join(exercises.ARM_AND_LEG_REACH.steps)


def test_the_red_flag_box_matches_the_triage() -> None:
    signs = " ".join(EMERGENCY_SIGNS)
    for words in ("suddenly gets weak", "numb between your legs or around your bottom"):
        assert words in signs
    assert "bladder or bowels" in signs
    assert "chest pain" in signs
    assert "You have a fever of 38.3 °C (100.9 °F) or more." in call_team_today_signs()


def test_the_fever_sign_follows_the_clinics_threshold() -> None:
    signs = call_team_today_signs(Thresholds(fever_c=Decimal("38.0")))
    assert "You have a fever of 38.0 °C (100.4 °F) or more." in signs


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_source_cited_exists(exercise: Exercise) -> None:
    assert exercise.sources
    assert all(source in SOURCES for source in exercise.sources)


# --- Illustrations ------------------------------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_illustration_is_a_small_self_contained_svg_with_a_title(
    exercise: Exercise,
) -> None:
    path = ILLUSTRATIONS / exercise.illustration
    assert path.is_file(), f"no illustration {path}"
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 4096
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == exercise.name
    assert desc is not None
    assert desc.text
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert "style" not in element.attrib
        assert not [a for a in element.attrib if a.lower().startswith("on")]
        assert not [a for a in element.attrib if a.endswith("href")]
    assert "url(" not in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_every_illustration_file_belongs_to_an_exercise() -> None:
    assert {p.name for p in ILLUSTRATIONS.glob("*.svg")} == {e.illustration for e in EXERCISES}
