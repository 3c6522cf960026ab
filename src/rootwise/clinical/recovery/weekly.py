"""From daily leg pain to weekly medians, and robust slopes through them.

A day counts with its worst score, as in triage. Week n is days [7n, 7n + 7) after
surgery; it counts once it has ended (today is its last day or later) and has a score on
at least `min_days` days. The median of 3-7 days moves by at most one rank when a single
day is wild, and a Theil-Sen slope (the median of all pairwise slopes) ignores a single
wild week among five, so neither can turn on one bad day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from statistics import median


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """One counted week: the median of its days' worst leg pain, and how many days."""

    week: int
    median: float
    days: int


def weekly_medians(
    daily: Sequence[tuple[date, int]], *, surgery_date: date, today: date, min_days: int = 3
) -> tuple[WeekSummary, ...]:
    """The counted weeks of `daily` (day, leg pain) as of `today`, oldest first.

    Days before the operation or after `today` are left out, so a history replayed with
    an earlier `today` gives the answer that day would have given.
    """
    worst: dict[date, int] = {}
    for day, pain in daily:
        if not 0 <= pain <= 10:
            raise ValueError(f"leg pain on {day.isoformat()} is {pain}; it must be 0-10")
        if surgery_date <= day <= today:
            worst[day] = max(pain, worst.get(day, pain))
    by_week: dict[int, list[int]] = {}
    for day, pain in worst.items():
        by_week.setdefault((day - surgery_date).days // 7, []).append(pain)
    ended = ((today - surgery_date).days - 6) // 7  # the latest week whose last day has come
    return tuple(
        WeekSummary(week, float(median(by_week[week])), len(by_week[week]))
        for week in sorted(by_week)
        if week <= ended and len(by_week[week]) >= min_days
    )


def theil_sen_slope(points: Sequence[tuple[float, float]]) -> float:
    """The median of the slopes between every two points with different x."""
    slopes = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in combinations(points, 2) if x2 != x1]
    if not slopes:
        raise ValueError("a slope needs two points with different x")
    return float(median(slopes))
