"""Expected leg and back pain by day after surgery, as fractions of the pre-operative score.

The typical leg-pain curve follows clinical README section 3: about half the
pre-operative score by week 2, 3/10 or less by week 6 from a usual 8/10, 2/10 or less by
month 3. The slow curve stays above the 80th percentile of that band, the plateau stops
improving at about 6/10 after the first fortnight, and fusion runs about two weeks
behind. Back pain is mostly wound pain at first and settles sooner.
"""

from __future__ import annotations

from itertools import pairwise

from rootwise.clinical.model import Procedure
from rootwise.demo.cohort import Course

Knots = tuple[tuple[float, float], ...]

# No share is above 0.8: with at most 8/10 before surgery and one point of noise, no
# unscripted day reaches the 8/10 that counts towards uncontrolled pain.
_LEG: dict[Course, Knots] = {
    Course.QUICK: ((1, 0.6), (7, 0.4), (14, 0.3), (42, 0.15), (90, 0.08), (180, 0.05)),
    Course.TYPICAL: (
        (1, 0.78),
        (4, 0.66),
        (7, 0.58),
        (14, 0.48),
        (28, 0.38),
        (42, 0.32),
        (90, 0.22),
        (180, 0.18),
    ),
    # Above the band's 80th percentile (5/10 at week 6, 4/10 from month 3) from week 6.
    Course.SLOW: ((1, 0.8), (14, 0.78), (42, 0.74), (90, 0.7), (180, 0.66)),
    Course.PLATEAU: ((1, 0.78), (4, 0.7), (7, 0.64), (10, 0.6), (180, 0.6)),
}
_BACK: Knots = ((1, 0.95), (7, 0.65), (14, 0.45), (42, 0.3), (180, 0.25))
_FUSION_DELAY_DAYS = 14
# The fusion delay builds up over the first four weeks rather than starting at day 1.
_FUSION_DELAY_RAMP_DAYS = 28


def leg_fraction(procedure: Procedure, course: Course, day: int) -> float:
    """The expected share of the pre-operative leg pain left on `day` after surgery."""
    return _interpolate(_LEG[course], _effective_day(procedure, day))


def back_fraction(procedure: Procedure, day: int) -> float:
    """The expected share of the pre-operative back pain left on `day` after surgery."""
    return _interpolate(_BACK, _effective_day(procedure, day))


def _effective_day(procedure: Procedure, day: int) -> float:
    if procedure is not Procedure.FUSION:
        return day
    delay = _FUSION_DELAY_DAYS * min(1.0, day / _FUSION_DELAY_RAMP_DAYS)
    return max(1.0, day - delay)


def _interpolate(knots: Knots, day: float) -> float:
    if day <= knots[0][0]:
        return knots[0][1]
    for (day0, value0), (day1, value1) in pairwise(knots):
        if day <= day1:
            return value0 + (value1 - value0) * (day - day0) / (day1 - day0)
    return knots[-1][1]
