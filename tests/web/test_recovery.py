"""What the home page says about recovery, and when the questionnaires fall due."""

from __future__ import annotations

from datetime import date

import pytest
import textstat

from rootwise.web.pages.recovery import (
    next_questionnaire,
    questionnaire_schedule,
    typical_this_week,
)

SURGERY = date(2026, 1, 31)


@pytest.mark.parametrize(
    ("procedure", "day", "expected"),
    [
        ("discectomy", -3, "still to come"),
        ("discectomy", 0, "Leg pain is often the first thing to get better"),
        ("discectomy", 13, "About 8 in 10 people have less leg pain within two weeks"),
        ("laminectomy", 14, "often keeps easing up to about six weeks"),
        ("discectomy", 41, "Numbness and tingling take longer"),
        ("discectomy", 42, "about 9 in 10 people have much less leg pain"),
        ("discectomy", 200, "up to a year"),
        ("discectomy", 365, "can still change slowly"),
        # Fusion runs about two weeks behind, and says so.
        ("fusion", 20, "Leg pain is often the first thing to get better"),
        ("fusion", 20, "about two weeks longer"),
        ("fusion", 28, "often keeps easing up to about six weeks"),
        ("fusion", 56, "about 9 in 10 people"),
    ],
)
def test_what_is_typical_depends_on_the_week_and_the_operation(
    procedure: str, day: int, expected: str
) -> None:
    assert expected in typical_this_week(procedure, day)


def test_only_fusion_is_said_to_be_slower() -> None:
    assert "two weeks longer" not in typical_this_week("discectomy", 10)


@pytest.mark.usefixtures("syllables_from_pyphen")
@pytest.mark.parametrize("day", [-1, 0, 20, 50, 400])
@pytest.mark.parametrize("procedure", ["discectomy", "fusion"])
def test_what_is_typical_reads_at_about_a_6th_grade_level(procedure: str, day: int) -> None:
    text = typical_this_week(procedure, day)
    assert textstat.flesch_kincaid_grade(text) <= 8, text


def test_the_questionnaires_fall_at_baseline_2_and_6_weeks_then_3_6_and_12_months() -> None:
    schedule = questionnaire_schedule(SURGERY)
    assert [(q.name, q.due) for q in schedule] == [
        ("before-surgery", date(2026, 1, 31)),
        ("2-week", date(2026, 2, 14)),
        ("6-week", date(2026, 3, 14)),
        ("3-month", date(2026, 4, 30)),  # April has no 31st
        ("6-month", date(2026, 7, 31)),
        ("12-month", date(2027, 1, 31)),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 20), "before-surgery"),
        (date(2026, 2, 1), "2-week"),
        (date(2026, 2, 14), "2-week"),  # due today is still next
        (date(2026, 2, 15), "6-week"),
        (date(2026, 12, 1), "12-month"),
    ],
)
def test_the_next_questionnaire_is_the_first_due_today_or_later(today: date, expected: str) -> None:
    found = next_questionnaire(SURGERY, today)
    assert found is not None
    assert found.name == expected


def test_after_a_year_there_is_no_next_questionnaire() -> None:
    assert next_questionnaire(SURGERY, date(2027, 2, 1)) is None
