"""From check-ins to what the pain chart draws: a reading per day (the day's worst pain),
or per week (the average of the week's days) when a year of days would be a smear."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from statistics import fmean


@dataclass(frozen=True, slots=True)
class PainPoint:
    """The worst leg and back pain (0-10) reported on a day; None when not answered."""

    day: date
    leg: int | None
    back: int | None


@dataclass(frozen=True, slots=True)
class Reading:
    """One point of the chart and one row of its table: the days from `first` to `last`,
    drawn at `weeks` after surgery (None: that pain was not answered on those days)."""

    first: date
    last: date
    weeks: float
    leg: float | None
    back: float | None


def daily_worst(series: Sequence[PainPoint], surgery_date: date) -> tuple[list[PainPoint], bool]:
    """One point per day from surgery on, each the day's worst answered pain, by date;
    and whether any check-in before surgery was left out. Raises ValueError on a pain
    score outside 0-10."""
    worst: dict[date, PainPoint] = {}
    for point in series:
        for value in (point.leg, point.back):
            if value is not None and not 0 <= value <= 10:
                raise ValueError(f"pain on {point.day} must be 0-10, not {value}")
        if point.day < surgery_date:
            continue
        same_day = worst.get(point.day)
        worst[point.day] = (
            point
            if same_day is None
            else PainPoint(
                point.day, _worse(same_day.leg, point.leg), _worse(same_day.back, point.back)
            )
        )
    earlier = any(point.day < surgery_date for point in series)
    return [worst[day] for day in sorted(worst)], earlier


def by_day(days: Sequence[PainPoint], surgery_date: date) -> list[Reading]:
    """A reading for each day, as reported."""
    return [Reading(d.day, d.day, (d.day - surgery_date).days / 7, d.leg, d.back) for d in days]


def by_week(days: Sequence[PainPoint], surgery_date: date) -> list[Reading]:
    """A reading for each week after surgery with a check-in: the average of its days'
    pain, drawn at the middle of those days."""
    readings = []
    for _, week in groupby(days, key=lambda d: (d.day - surgery_date).days // 7):
        group = list(week)
        readings.append(
            Reading(
                group[0].day,
                group[-1].day,
                fmean((d.day - surgery_date).days for d in group) / 7,
                _average([d.leg for d in group]),
                _average([d.back for d in group]),
            )
        )
    return readings


def _worse(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _average(values: list[int | None]) -> float | None:
    answered = [value for value in values if value is not None]
    return fmean(answered) if answered else None
