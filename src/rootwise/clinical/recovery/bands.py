"""Expected recovery of leg pain: percentile bands of leg pain NRS by week after surgery.

A band holds knots `(week, low, median, high)`: the 20th, 50th and 80th percentile of
leg pain (0-10) in that week. Week n is days [7n, 7n + 7) after the operation, the same
weeks the trend uses, so a clinic's own cohort band (`cohort.py`) and the default band
mean the same thing at the same week.

The default knots for decompression-type operations follow README section 3:

- week 0: 5 / 7 / 9 (20th / median / 80th), a typical pre-operative level: the first
  days after the operation are not yet better on average.
- week 2: 1.5 / 3.5 / 6, the median about half the pre-operative level: most patients
  report leg-pain relief by 1-2 weeks [BASS2011]; median time to recovery 4 weeks
  [PEUL2007].
- week 6: 1 / 3 / 5, median at most 3 and 80th at most 5: about 9 in 10 relieved by
  6 weeks [BASS2011].
- week 13 (month 3): 0 / 2 / 4, median at most 2 and 80th at most 4.
- week 52: 0 / 2 / 4, flat: leg pain changes little after month 3; mean leg NRS about 2
  at one year [SWESPINE] [NORSPINE].

Fusion recovers about 2 weeks more slowly (README): the same curve, held at its
pre-operative level for the first 2 weeks, and cut at the same last week.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Final

from rootwise.clinical.model import Procedure
from rootwise.clinical.sources import SOURCES

# (week, 20th percentile, median, 80th percentile) of leg pain NRS.
Knot = tuple[float, float, float, float]

DECOMPRESSION_KNOTS: Final[tuple[Knot, ...]] = (
    (0, 5, 7, 9),
    (2, 1.5, 3.5, 6),
    (6, 1, 3, 5),
    (13, 0, 2, 4),
    (52, 0, 2, 4),
)
FUSION_DELAY_WEEKS: Final = 2
DEFAULT_SOURCE: Final = "[BASS2011] [PEUL2007] [SWESPINE] [NORSPINE]"
SETTING_SOURCE: Final = "clinic setting"


class ProcedureGroup(StrEnum):
    """Operations that share an expected recovery."""

    DECOMPRESSION = "decompression"
    FUSION = "fusion"

    @property
    def label(self) -> str:
        """How a basis names the group, e.g. 'after discectomy or decompression'."""
        return "fusion" if self is ProcedureGroup.FUSION else "discectomy or decompression"


def procedure_group(procedure: Procedure) -> ProcedureGroup:
    """Fusion, or decompression for every other operation (disc replacement and 'other'
    included: without better data they are expected to recover like a decompression)."""
    return ProcedureGroup.FUSION if procedure is Procedure.FUSION else ProcedureGroup.DECOMPRESSION


@dataclass(frozen=True, slots=True)
class BandPoint:
    """Leg pain NRS percentiles at one week: low = 20th, median = 50th, high = 80th."""

    week: float
    low: float
    median: float
    high: float


@dataclass(frozen=True, slots=True)
class ExpectedBand:
    """An expected recovery: knots in week order, what they rest on, and their sources.

    `source` names cited ids in brackets ("[BASS2011] [PEUL2007]"); each must be known
    to `clinical.sources`. Text outside brackets (a clinic's own data) is free.
    """

    points: tuple[BandPoint, ...]
    basis: str
    source: str

    def __post_init__(self) -> None:
        if not self.points:
            raise ValueError("a band needs at least one point")
        for before, after in pairwise(self.points):
            if after.week <= before.week:
                raise ValueError(f"band weeks must increase: {before.week} then {after.week}")
        if self.points[0].week < 0:
            raise ValueError(f"band week {self.points[0].week} is before the operation")
        for p in self.points:
            if not 0 <= p.low <= p.median <= p.high <= 10:
                raise ValueError(f"band point {p}: needs 0 <= low <= median <= high <= 10")
        unknown = [s for s in re.findall(r"\[([^\]]+)\]", self.source) if s not in SOURCES]
        if unknown:
            raise ValueError(f"band cites unknown sources {unknown}")

    def at(self, week: float) -> BandPoint:
        """The band at `week`: linear between knots, flat before the first and after the
        last; a negative week counts as week 0."""
        week = max(week, 0.0)
        points = self.points
        i = bisect_right([p.week for p in points], week)
        if i == 0:
            return replace(points[0], week=week)
        if i == len(points):
            return replace(points[-1], week=week)
        a, b = points[i - 1], points[i]
        f = (week - a.week) / (b.week - a.week)
        # a*(1-f) + b*f keeps low <= median <= high exactly, even in floating point.
        return BandPoint(
            week,
            a.low * (1 - f) + b.low * f,
            a.median * (1 - f) + b.median * f,
            a.high * (1 - f) + b.high * f,
        )


def default_leg_band(procedure: Procedure, knots: tuple[Knot, ...] | None = None) -> ExpectedBand:
    """The expected leg pain band for `procedure`.

    `knots` replaces the decompression knots (a clinic setting); fusion is always the
    decompression curve delayed by `FUSION_DELAY_WEEKS`.
    """
    source = DEFAULT_SOURCE if knots is None else SETTING_SOURCE
    setting = "" if knots is None else ", as set by this clinic"
    band = ExpectedBand(
        tuple(BandPoint(*map(float, k)) for k in (DECOMPRESSION_KNOTS if knots is None else knots)),
        basis=f"expected leg pain after discectomy or decompression{setting}",
        source=source,
    )
    if procedure_group(procedure) is ProcedureGroup.DECOMPRESSION:
        return band
    return _delayed(
        band,
        FUSION_DELAY_WEEKS,
        basis=f"expected leg pain after fusion: the decompression curve {FUSION_DELAY_WEEKS} "
        f"weeks later{setting}",
    )


def _delayed(band: ExpectedBand, weeks: float, *, basis: str) -> ExpectedBand:
    """`band` `weeks` later: at its first level until then, and ending where it ended."""
    first = band.points[0]
    moved = ExpectedBand(
        (replace(first, week=0.0), *(replace(p, week=p.week + weeks) for p in band.points)),
        basis=basis,
        source=band.source,
    )
    end = band.points[-1].week
    kept = tuple(p for p in moved.points if p.week < end)
    return replace(moved, points=(*kept, moved.at(end)))
