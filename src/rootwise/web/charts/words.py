"""How charts write dates, values and missing answers in their captions and tables."""

from __future__ import annotations

from datetime import date

# Null means the question was not answered, never "no pain": say so in words, because a
# dash is read out as nothing (or "dash") by screen readers.
NOT_ANSWERED = "not answered"


def short_day(day: date) -> str:
    """`Mar 3, 2026`, as the history table writes dates (short enough for a phone)."""
    return f"{day:%b} {day.day}, {day.year}"


def since_surgery(surgery_date: date, day: date) -> str:
    """`the day of surgery`, `3 days after surgery`, `6 weeks after surgery` (whole weeks,
    as people count them once past the first fortnight)."""
    days = (day - surgery_date).days
    if days == 0:
        return "the day of surgery"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''} after surgery"
    return f"{days // 7} weeks after surgery"


def day_span(first: date, last: date) -> str:
    """`Jan 12 to 18, 2026`, `Jan 26 to Feb 1, 2026`, `Dec 28, 2026 to Jan 3, 2027`: the
    year and month only where they change, so a week fits a phone's table column."""
    if first == last:
        return short_day(first)
    if first.year != last.year:
        return f"{short_day(first)} to {short_day(last)}"
    end = f"{last.day}" if first.month == last.month else f"{last:%b} {last.day}"
    return f"{first:%b} {first.day} to {end}, {last.year}"
