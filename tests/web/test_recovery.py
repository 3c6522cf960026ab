"""What the home page says about recovery this week."""

from __future__ import annotations

from datetime import date

import pytest
import textstat

from rootwise.web.pages.recovery import typical_this_week

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
