"""The questionnaire schedule: baseline, 2 and 6 weeks, 3, 6 and 12 months."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from rootwise.clinical.schedule import (
    WINDOWS,
    DueState,
    Timepoint,
    add_months,
    answerable_now,
    due_date,
    questionnaires_at,
    schedule,
)

SURGERY = date(2026, 3, 10)


def state_on(day: date, timepoint: Timepoint, done: tuple[Timepoint, ...] = ()) -> DueState:
    return next(s.state for s in schedule(SURGERY, day, done) if s.timepoint is timepoint)


def test_due_dates_follow_the_registries() -> None:
    assert [due_date(SURGERY, w.timepoint) for w in WINDOWS] == [
        date(2026, 3, 10),
        date(2026, 3, 24),
        date(2026, 4, 21),
        date(2026, 6, 10),
        date(2026, 9, 10),
        date(2027, 3, 10),
    ]


def test_month_steps_stay_inside_short_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 5, 15), -12) == date(2025, 5, 15)


def test_the_six_week_questionnaire_moves_from_upcoming_to_missed() -> None:
    due = date(2026, 4, 21)
    assert state_on(due - timedelta(days=8), Timepoint.WEEKS_6) is DueState.UPCOMING
    assert state_on(due - timedelta(days=7), Timepoint.WEEKS_6) is DueState.DUE
    assert state_on(due + timedelta(days=6), Timepoint.WEEKS_6) is DueState.DUE
    assert state_on(due + timedelta(days=7), Timepoint.WEEKS_6) is DueState.OVERDUE
    assert state_on(due + timedelta(days=21), Timepoint.WEEKS_6) is DueState.OVERDUE
    assert state_on(due + timedelta(days=22), Timepoint.WEEKS_6) is DueState.MISSED


def test_an_answered_time_point_is_done_whatever_the_date() -> None:
    for day in (SURGERY, SURGERY + timedelta(days=400)):
        assert state_on(day, Timepoint.BASELINE, (Timepoint.BASELINE,)) is DueState.DONE


def test_baseline_can_be_answered_before_surgery_and_in_the_first_week() -> None:
    assert answerable_now(SURGERY, SURGERY - timedelta(days=30)) is Timepoint.BASELINE
    assert answerable_now(SURGERY, SURGERY + timedelta(days=6)) is Timepoint.BASELINE
    assert state_on(SURGERY + timedelta(days=8), Timepoint.BASELINE) is DueState.OVERDUE


def test_nothing_is_answerable_between_windows() -> None:
    assert answerable_now(SURGERY, SURGERY + timedelta(days=30)) is None


def test_start_back_is_asked_only_at_baseline_and_six_weeks() -> None:
    asking = [w.timepoint for w in WINDOWS if "startback" in questionnaires_at(w.timepoint)]
    assert asking == [Timepoint.BASELINE, Timepoint.WEEKS_6]
    assert all("nrs-leg" in questionnaires_at(w.timepoint) for w in WINDOWS)


@given(
    surgery=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    offset=st.integers(-120, 500),
)
def test_at_most_one_window_is_open_on_any_day(surgery: date, offset: int) -> None:
    open_now = [s for s in schedule(surgery, surgery + timedelta(days=offset)) if s.answerable]
    assert len(open_now) <= 1


@given(surgery=st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_each_window_closes_before_the_next_opens(surgery: date) -> None:
    points = schedule(surgery, surgery)
    for earlier, later in pairwise(points):
        assert earlier.closes < later.opens
