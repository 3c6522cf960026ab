"""What the result and home pages choose to show, as plain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import textstat

from rootwise.services.patient_pages import CheckinLine
from rootwise.web.pages import checkin_form
from rootwise.web.pages.patient import advice_paragraphs, more_urgent_earlier

HEADLINE = "Call 911 now. Do not drive yourself."
SADDLE = "Numbness around your bottom can mean the nerves are pressed."
BLADDER = "New trouble with your bladder can mean the nerves are pressed."


def test_the_advice_is_cut_into_its_headline_and_one_paragraph_per_finding() -> None:
    advice = f"{HEADLINE} {SADDLE} {BLADDER}"
    assert advice_paragraphs(advice, [SADDLE, BLADDER]) == [HEADLINE, SADDLE, BLADDER]


def test_advice_that_cannot_be_cut_cleanly_is_shown_whole() -> None:
    advice = f"{HEADLINE} Something the findings do not say."
    assert advice_paragraphs(advice, [SADDLE]) == [advice]
    assert advice_paragraphs(SADDLE, [SADDLE]) == [SADDLE]  # no headline left over


def line(level: str, minutes_ago: int) -> CheckinLine:
    at = datetime(2026, 3, 20, 14, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago)
    return CheckinLine(id=minutes_ago, recorded_at=at, leg_pain=None, back_pain=None, level=level)


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([], None),
        (["routine"], None),
        (["routine", "soon"], "soon"),
        (["routine", "soon", "emergency", "same_day"], "emergency"),
        (["emergency", "same_day"], None),  # the latest is already the most urgent
        (["same_day", "same_day"], None),
    ],
)
def test_a_calmer_later_check_in_does_not_hide_a_more_urgent_earlier_one(
    levels: list[str], expected: str | None
) -> None:
    newest_first = [line(level, minutes) for minutes, level in enumerate(levels)]
    found = more_urgent_earlier(newest_first)
    assert (found.level if found else None) == expected


@pytest.mark.usefixtures("syllables_from_pyphen")
@pytest.mark.parametrize("name", sorted(checkin_form.FIELD_MESSAGES))
def test_form_error_messages_read_at_about_a_6th_grade_level(name: str) -> None:
    text = checkin_form.FIELD_MESSAGES[name]
    assert textstat.flesch_kincaid_grade(text) <= 8, text
