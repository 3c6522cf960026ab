"""When the recovery questionnaires are due, and which are asked at each point.

The schedule follows the spine registries (clinical README section 7): a baseline before
surgery or in its first week, then 2 weeks, 6 weeks, 3, 6 and 12 months after it. Each
time point is a window rather than a day: it opens a little before the due date, counts
as overdue a little after it, and closes when an answer would no longer describe that
stage of recovery (a "2-week" score given at week 5 would mislead the chart). The
windows are ours, chosen so that no two overlap; the registries publish similar ones.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Timepoint(StrEnum):
    BASELINE = "baseline"
    WEEKS_2 = "2_weeks"
    WEEKS_6 = "6_weeks"
    MONTHS_3 = "3_months"
    MONTHS_6 = "6_months"
    MONTHS_12 = "12_months"


class DueState(StrEnum):
    UPCOMING = "upcoming"  # not open yet
    DUE = "due"  # open: answer it now
    OVERDUE = "overdue"  # past its due date, still worth answering
    DONE = "done"
    MISSED = "missed"  # the window closed without an answer


@dataclass(frozen=True, slots=True)
class Window:
    """A time point's place in the schedule, in days relative to its due date."""

    timepoint: Timepoint
    # The due date is the surgery date plus `months` calendar months plus `days`.
    days: int
    months: int
    # As the patient reads it: "your 6-week questionnaires".
    label: str
    opens_before: int
    overdue_after: int
    closes_after: int


WINDOWS: tuple[Window, ...] = (
    # Baseline may be given from enrolment, weeks before the operation, into the first
    # week after it, and closes before the 2-week window opens.
    Window(Timepoint.BASELINE, 0, 0, "starting", 90, 7, 10),
    Window(Timepoint.WEEKS_2, 14, 0, "2-week", 3, 7, 14),
    Window(Timepoint.WEEKS_6, 42, 0, "6-week", 7, 7, 21),
    Window(Timepoint.MONTHS_3, 0, 3, "3-month", 14, 14, 30),
    Window(Timepoint.MONTHS_6, 0, 6, "6-month", 14, 21, 45),
    Window(Timepoint.MONTHS_12, 0, 12, "12-month", 30, 30, 60),
)

# Questionnaire keys (one FHIR Questionnaire each) asked at every time point. STarT Back
# sorts risk for primary-care back pain, so it is asked only where a stratification can
# still change the plan: before surgery and at 6 weeks.
_EVERY_TIME = ("nrs-leg", "nrs-back", "peg", "dn4", "odi")
_STRATIFIED = frozenset({Timepoint.BASELINE, Timepoint.WEEKS_6})


@dataclass(frozen=True, slots=True)
class Scheduled:
    """One time point for one patient: its dates and where it stands today."""

    window: Window
    due: date
    opens: date
    overdue_from: date
    closes: date
    state: DueState

    @property
    def timepoint(self) -> Timepoint:
        return self.window.timepoint

    @property
    def answerable(self) -> bool:
        return self.state in (DueState.DUE, DueState.OVERDUE)


def questionnaires_at(timepoint: Timepoint) -> tuple[str, ...]:
    """The questionnaire keys asked at `timepoint`, in the order they are asked."""
    return (*_EVERY_TIME, "startback") if timepoint in _STRATIFIED else _EVERY_TIME


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, kept inside the month (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_date(surgery_date: date, timepoint: Timepoint) -> date:
    """The day `timepoint` falls due for an operation on `surgery_date`."""
    window = window_of(timepoint)
    return add_months(surgery_date, window.months) + timedelta(days=window.days)


def window_of(timepoint: Timepoint) -> Window:
    return next(w for w in WINDOWS if w.timepoint is timepoint)


def schedule(
    surgery_date: date, today: date, done: Collection[Timepoint] = ()
) -> tuple[Scheduled, ...]:
    """Every time point with its dates and its state on `today` (`done`: those answered)."""
    return tuple(_scheduled(w, surgery_date, today, w.timepoint in done) for w in WINDOWS)


def answerable_now(surgery_date: date, today: date) -> Timepoint | None:
    """The time point whose window holds `today`, if any (the windows do not overlap)."""
    return next(
        (s.timepoint for s in schedule(surgery_date, today) if s.answerable),
        None,
    )


def _scheduled(window: Window, surgery_date: date, today: date, done: bool) -> Scheduled:
    due = due_date(surgery_date, window.timepoint)
    opens = due - timedelta(days=window.opens_before)
    overdue_from = due + timedelta(days=window.overdue_after)
    closes = due + timedelta(days=window.closes_after)
    if done:
        state = DueState.DONE
    elif today < opens:
        state = DueState.UPCOMING
    elif today < overdue_from:
        state = DueState.DUE
    elif today <= closes:
        state = DueState.OVERDUE
    else:
        state = DueState.MISSED
    return Scheduled(window, due, opens, overdue_from, closes, state)
