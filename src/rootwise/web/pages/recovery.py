"""What the home page says about recovery: what is typical this week, and the next
questionnaire. Plain functions of dates, so they are tested without a server.

The wording follows the recovery timeline in `shared/clinical/README.md` section 3
[BASS2011] [SEED]: leg pain usually eases first (about 8 in 10 people have leg-pain relief
by 1-2 weeks after discectomy or decompression, about 9 in 10 by 6 weeks), fusion runs
about 2 weeks slower, and numbness and tingling take months, improving for up to a year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Fusion recovery runs about two weeks behind discectomy and decompression.
_FUSION_DELAY_DAYS = 14


def typical_this_week(procedure: str, days_since_surgery: int) -> str:
    """A short, plain sentence or two on what most people notice at this point."""
    if days_since_surgery < 0:
        return "Your surgery is still to come. After it, check in here once a day."
    fusion = procedure == "fusion"
    days = days_since_surgery - (_FUSION_DELAY_DAYS if fusion else 0)
    slower = " After fusion, this often takes about two weeks longer." if fusion else ""
    if days < 14:
        return (
            "Leg pain is often the first thing to get better. About 8 in 10 people have "
            f"less leg pain within two weeks. Some soreness near the cut is normal.{slower}"
        )
    if days < 42:
        return (
            "Most people now have less leg pain than before surgery, and it often keeps "
            "easing up to about six weeks. Numbness and tingling take longer to go."
            f"{slower}"
        )
    if days < 365:
        return (
            "By now about 9 in 10 people have much less leg pain. Numbness and tingling "
            "can take months, and feeling can keep getting better for up to a year."
        )
    return (
        "Feeling in the leg can still change slowly. Keep doing what helps, and tell your "
        "care team about anything new."
    )


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """One scheduled recovery questionnaire."""

    name: str
    due: date


# Baseline at surgery, then 2 weeks, 6 weeks, 3, 6 and 12 months after it.
_SCHEDULE: tuple[tuple[str, int, int], ...] = (
    ("before-surgery", 0, 0),
    ("2-week", 14, 0),
    ("6-week", 42, 0),
    ("3-month", 0, 3),
    ("6-month", 0, 6),
    ("12-month", 0, 12),
)


def questionnaire_schedule(surgery_date: date) -> tuple[Questionnaire, ...]:
    """Every recovery questionnaire and when it is due."""
    return tuple(
        Questionnaire(name, _add_months(surgery_date, months) + timedelta(days=days))
        for name, days, months in _SCHEDULE
    )


def next_questionnaire(surgery_date: date, today: date) -> Questionnaire | None:
    """The first questionnaire due today or later, or None when the schedule is over."""
    return next((q for q in questionnaire_schedule(surgery_date) if q.due >= today), None)


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
