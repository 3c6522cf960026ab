"""What the patient reads about their recovery: what is usual now, and how theirs compares.

Plain and calm (Flesch-Kincaid grade 8 or less), never alarming and never promising:
the band describes other people, not what will happen to this patient. Numbers are
whole: the median rounded half up ("about 3"), the 80th percentile rounded up, so that
"8 in 10 are at 5 or lower" stays true of the band.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from rootwise.clinical.recovery.bands import ExpectedBand


def typical_now(week: int, band: ExpectedBand, own_median: float | None = None) -> str:
    """One or two sentences for the patient in `week` after surgery (0 = the first)."""
    if week < 0:
        raise ValueError(f"week {week} is before the operation")
    if own_median is not None and not 0 <= own_median <= 10:
        raise ValueError(f"leg pain {own_median} must be 0-10")
    point = band.at(week)
    usual, most = _whole(point.median, ROUND_HALF_UP), _whole(point.high, ROUND_CEILING)
    when = "In the first week after surgery" if week == 0 else f"At {_weeks(week)} after surgery"
    text = (
        f"{when}, most people's leg pain is about {usual} out of 10, "
        f"and 8 in 10 are at {most} or lower."
    )
    if own_median is None:
        return text
    own = _whole(own_median, ROUND_HALF_UP)
    if own > most:
        return (
            f"{text} Yours this week is about {own}, which is higher than most. Your care "
            "team can see this and will get in touch if they want to change anything."
        )
    if own < usual:
        return f"{text} Yours this week is about {own}, which is lower than most."
    return f"{text} Yours this week is about {own}, which is within the usual range."


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _whole(x: float, rounding: str) -> int:
    # Round to 0.1 first, so 5.0000001 from interpolation is read as the 5 it is.
    tenth = Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return int(tenth.quantize(Decimal(1), rounding=rounding))
