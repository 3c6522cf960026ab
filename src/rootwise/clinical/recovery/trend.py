"""Each patient's leg pain trend against the expected band, robust to noisy days.

Everything reads weekly medians of each day's worst score, and Theil-Sen slopes through
them (`weekly.py`), so one bad day never changes the class. Slopes go through weekly
rather than daily points: within a week the daily values say more about the day of the
week and the time of check-in than about recovery, and the weekly median has already
removed what a single day could do.

The "recent window" is the counted weeks among the latest 4 (the latest included); a
rule that reads it needs at least 3 of them. Definitions, strongest first (the first
that holds is the result), with the defaults of `TrendThresholds`:

- WORSENING: over the recent window, the Theil-Sen slope is at least +1 point a week,
  and the latest week is at least the MCID (2, README section 7) above both the window's
  first week and the band median. The last condition keeps a rise within the usual
  range (1 to 3 at month 3) off the worklist, and a typical course read a point high
  or low each week (+-1 noise plus rounding: at most median + 1.5) can never meet it.
- REBOUND: after a clear improvement (a week after the first with a median at least the
  MCID below the first week's, or at most 3), the latest week is at least the MCID above
  the lowest earlier week and at least 5. The triage rule `pain.leg_rebound` (3 points,
  to 6/10, on daily scores) is stricter because single days are noisier; a rebound
  suggests recurrent herniation [REHERNIATION].
- SLOWER: the two latest counted weeks are consecutive, both from week 6 on (6 full
  weeks after surgery), and both medians above the band's 80th percentile (README
  section 3's "slower than expected").
- PLATEAU: from week 4 on, the latest week is above the band median + 1 and above 2
  (a flat line at 2/10 or less is recovery), and the recent window shows no improvement:
  a Theil-Sen slope above -0.25 points a week. A slow rise counts too: it is no
  improvement, and too slow for WORSENING.
- ON_TRACK otherwise, and always when the latest week is at 2/10 or less: that is
  recovery, whatever a clinic's own band says (its 80th percentile may be below 2).
  TOO_FEW_DATA with fewer than 2 counted weeks.

The band is read at the start of each week (`band.at(n)`), as a cohort band's week n is.
Weeks are counted from 0 here (days 0-6 are week 0), but the reasons number them from 1,
as the patient's and clinician's pages do: "week 7" in a reason is days 42-48.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rootwise.clinical.recovery.bands import ExpectedBand
from rootwise.clinical.recovery.weekly import WeekSummary, theil_sen_slope, weekly_medians


class Trend(StrEnum):
    """The course of a patient's leg pain; the values are stored and shown as they are."""

    ON_TRACK = "on_track"
    SLOWER = "slower"
    PLATEAU = "plateau"
    REBOUND = "rebound"
    WORSENING = "worsening"
    TOO_FEW_DATA = "too_few_data"

    @property
    def deviates(self) -> bool:
        """Whether the care team should look: off the expected course."""
        return self not in (Trend.ON_TRACK, Trend.TOO_FEW_DATA)


@dataclass(frozen=True, slots=True)
class TrendThresholds:
    """The numbers of the definitions above; services may build one from settings."""

    min_days: int = 3  # scored days for a week to count
    min_weeks: int = 2  # counted weeks for any class but TOO_FEW_DATA
    mcid: float = 2  # NRS points that matter (README section 7: a setting, default 2)
    window_weeks: int = 4  # the recent window: the latest 4 weeks ...
    window_min: int = 3  # ... of which at least 3 counted
    worsening_slope: float = 1
    rebound_floor: float = 5
    improved_level: float = 3
    slower_from_week: int = 6
    plateau_from_week: int = 4
    plateau_margin: float = 1
    improving_slope: float = -0.25
    recovered: float = 2


DEFAULT_TREND_THRESHOLDS = TrendThresholds()


@dataclass(frozen=True, slots=True)
class TrendResult:
    """The trend, one line for the clinician naming the numbers, the weeks it read (the
    counted weeks, oldest first) and the sources of the band and definition."""

    trend: Trend
    reason: str
    weekly: tuple[WeekSummary, ...]
    source: str

    @property
    def deviates(self) -> bool:
        return self.trend.deviates


def classify_trend(
    daily: Sequence[tuple[date, int]],
    *,
    surgery_date: date,
    today: date,
    band: ExpectedBand,
    thresholds: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> TrendResult:
    """Classify leg pain `daily` (day, score; several a day allowed) against `band`."""
    t = thresholds
    weekly = weekly_medians(daily, surgery_date=surgery_date, today=today, min_days=t.min_days)
    if len(weekly) < t.min_weeks:
        reason = (
            f"{len(weekly)} of the {t.min_weeks} complete weeks needed have leg pain on "
            f"{t.min_days} or more days"
        )
        return TrendResult(Trend.TOO_FEW_DATA, reason, weekly, band.source)
    for trend, check in _CHECKS if weekly[-1].median > t.recovered else ():
        found = check(weekly, band, t)
        if found is not None:
            source = f"{band.source} [REHERNIATION]" if trend is Trend.REBOUND else band.source
            return TrendResult(trend, found, weekly, source)
    latest = weekly[-1]
    expected = band.at(latest.week)
    where = "within" if latest.median <= expected.high else "for now above"
    reason = (
        f"leg pain median {_n(latest.median)} in week {latest.week + 1}, {where} the expected "
        f"range (median {_n(expected.median)}, 80th percentile {_n(expected.high)})"
    )
    return TrendResult(Trend.ON_TRACK, reason, weekly, band.source)


Weeks = tuple[WeekSummary, ...]


def _recent(weekly: Weeks, t: TrendThresholds) -> Weeks | None:
    start = weekly[-1].week - t.window_weeks
    recent = tuple(w for w in weekly if w.week > start)
    return recent if len(recent) >= t.window_min else None


def _slope(weeks: Weeks) -> float:
    return theil_sen_slope([(w.week, w.median) for w in weeks])


def _worsening(weekly: Weeks, band: ExpectedBand, t: TrendThresholds) -> str | None:
    recent = _recent(weekly, t)
    if recent is None:
        return None
    first, latest = recent[0], recent[-1]
    slope, expected = _slope(recent), band.at(latest.week).median
    if slope < t.worsening_slope:
        return None
    if latest.median < max(first.median, expected) + t.mcid:
        return None
    return (
        f"leg pain rising {_per_week(slope)} over weeks {first.week + 1}-{latest.week + 1} "
        f"({_n(first.median)} to {_n(latest.median)}), against an expected median of "
        f"{_n(expected)}"
    )


def _rebound(weekly: Weeks, band: ExpectedBand, t: TrendThresholds) -> str | None:
    first, latest, earlier = weekly[0], weekly[-1], weekly[:-1]
    improved = any(
        w.median <= first.median - t.mcid or w.median <= t.improved_level for w in earlier[1:]
    )
    low = min(earlier, key=lambda w: w.median)
    if not improved or latest.median < max(low.median + t.mcid, t.rebound_floor):
        return None
    return (
        f"leg pain median {_n(latest.median)} in week {latest.week + 1}, up from a low of "
        f"{_n(low.median)} in week {low.week + 1} after improving (week {first.week + 1}: "
        f"{_n(first.median)})"
    )


def _slower(weekly: Weeks, band: ExpectedBand, t: TrendThresholds) -> str | None:
    before, latest = weekly[-2], weekly[-1]
    if before.week != latest.week - 1 or before.week < t.slower_from_week:
        return None
    highs = [band.at(w.week).high for w in (before, latest)]
    if before.median <= highs[0] or latest.median <= highs[1]:
        return None
    expected = " and ".join(dict.fromkeys(_n(h) for h in highs))
    return (
        f"leg pain median {_n(before.median)} in week {before.week + 1} and {_n(latest.median)} "
        f"in week {latest.week + 1}, above the expected 80th percentile of {expected}"
    )


def _plateau(weekly: Weeks, band: ExpectedBand, t: TrendThresholds) -> str | None:
    recent = _recent(weekly, t)
    if recent is None or recent[-1].week < t.plateau_from_week:
        return None
    first, latest = recent[0], recent[-1]
    expected = band.at(latest.week).median
    if latest.median <= max(expected + t.plateau_margin, t.recovered):
        return None
    slope = _slope(recent)
    if slope <= t.improving_slope:
        return None
    return (
        f"leg pain median {_n(latest.median)} in week {latest.week + 1}, not improving over "
        f"weeks {first.week + 1}-{latest.week + 1} ({_per_week(slope)}), against an "
        f"expected median of {_n(expected)}"
    )


Check = Callable[[Weeks, ExpectedBand, TrendThresholds], str | None]

# Precedence: the first that holds is the trend.
_CHECKS: tuple[tuple[Trend, Check], ...] = (
    (Trend.WORSENING, _worsening),
    (Trend.REBOUND, _rebound),
    (Trend.SLOWER, _slower),
    (Trend.PLATEAU, _plateau),
)


def _n(x: float) -> str:
    """A number as a clinician reads it: one decimal at most, none when whole."""
    r = round(x, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(int(r)) if r.is_integer() else f"{r:.1f}"


def _per_week(slope: float) -> str:
    text = _n(slope)
    sign = "" if text == "0" or text.startswith("-") else "+"
    return f"{sign}{text} point{'' if text in ('1', '-1') else 's'} a week"
