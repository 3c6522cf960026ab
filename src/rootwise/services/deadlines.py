"""When the care team must act: alert deadlines and working-day review windows."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_SATURDAY = 5


def add_working_days(start: datetime, days: int, time_zone: str) -> datetime:
    """`start` moved on by `days` working days (Monday to Friday) in the clinic's zone.

    Counting happens on the clinic's wall clock, so a Friday-evening item is due on the
    third working day after it, whatever the UTC date.
    """
    local = start.astimezone(ZoneInfo(time_zone))
    remaining = days
    while remaining:
        local += timedelta(days=1)
        if local.weekday() < _SATURDAY:
            remaining -= 1
    return local
