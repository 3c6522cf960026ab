"""How charts write dates, values and missing answers in their captions and tables.

Every word is in the language of the page being built (`rootwise.web.i18n`): the charts
are drawn while the page's language is set, so a chart function needs no language of its
own. Outside a page (tests, scripts) they are in English.
"""

from __future__ import annotations

from datetime import date

from rootwise.web import i18n
from rootwise.web.i18n import N_

# Null means the question was not answered, never "no pain": say so in words, because a
# dash is read out as nothing (or "dash") by screen readers.
NOT_ANSWERED = N_("not answered")


def not_answered() -> str:
    return i18n.gettext(NOT_ANSWERED)


def short_day(day: date) -> str:
    """`Mar 3, 2026` / `3 mar 2026`, as the history table writes dates (short enough for a
    phone)."""
    return i18n.format_short_day(day)


def since_surgery(surgery_date: date, day: date) -> str:
    """`the day of surgery`, `3 days after surgery`, `6 weeks after surgery` (whole weeks,
    as people count them once past the first fortnight)."""
    days = (day - surgery_date).days
    if days == 0:
        return i18n.gettext("the day of surgery")
    if days < 14:
        return i18n.ngettext("{days} day after surgery", "{days} days after surgery", days).format(
            days=days
        )
    weeks = days // 7
    return i18n.ngettext("{weeks} week after surgery", "{weeks} weeks after surgery", weeks).format(
        weeks=weeks
    )


def day_span(first: date, last: date) -> str:
    """`Jan 12 to 18, 2026`, `Jan 26 to Feb 1, 2026`, `Dec 28, 2026 to Jan 3, 2027` (in
    Spanish `12 al 18 ene 2026`, ...): the year and month only where they change, so a week
    fits a phone's table column. Words, not a dash, which screen readers may read as
    "minus"."""
    if first == last:
        return short_day(first)
    if first.year != last.year:
        # Translators: a span of dates in a chart's table, e.g. "Dec 28, 2026 to Jan 3, 2027".
        return i18n.gettext("{first} to {last}").format(
            first=short_day(first), last=short_day(last)
        )
    if first.month != last.month:
        # Translators: a span of dates in one year, e.g. "Jan 26 to Feb 1, 2026".
        return i18n.gettext("{first} to {last}, {year}").format(
            first=i18n.format_short_month_day(first),
            last=i18n.format_short_month_day(last),
            year=last.year,
        )
    # Translators: a span of dates in one month, e.g. "Jan 12 to 18, 2026" ({month} is
    # the month shortened, as in "Jan").
    return i18n.gettext("{month} {first} to {last}, {year}").format(
        month=i18n.format_short_month(first), first=first.day, last=last.day, year=last.year
    )
