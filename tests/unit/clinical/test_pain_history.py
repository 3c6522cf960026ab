"""Leg pain over days: rebound after a clear improvement, and pain that stays severe.

README section 2: a rebound of at least 3 points above the recent low, to at least 6/10,
after a clear improvement (>= 2 points) is soon (possible recurrent herniation); leg
pain of 8/10 or more on 3 or more consecutive days is soon (uncontrolled pain). Only
check-ins recorded before the current one count; their order in the request does not.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from rootwise.clinical.model import CheckIn, Level
from tests.unit.clinical.builders import (
    NOW,
    Case,
    RuleSpec,
    assessed,
    case,
    checkin,
    days_before,
    finding,
    on_day,
)

SOON, ROUTINE = Level.SOON, Level.ROUTINE


def pain(days: float, score: int | None) -> CheckIn:
    """A check-in `days` before now whose only news is its leg pain."""
    return days_before(days, leg_pain=score)


SAME_INSTANT = NOW - timedelta(days=5)

REBOUND = RuleSpec(
    "pain.leg_rebound",
    fires=[
        case(
            "8 then 3 then 6: a rise of exactly 3 to exactly 6 after a clear improvement",
            SOON,
            leg_pain=6,
            history=(pain(20, 8), pain(10, 3)),
        ),
        case(
            "an improvement of exactly 2 (5 to 3) is a clear improvement",
            SOON,
            leg_pain=6,
            history=(pain(20, 5), pain(10, 3)),
        ),
        case(
            "a rebound from 0 to 10 fires",
            SOON,
            leg_pain=10,
            history=(pain(20, 7), pain(5, 0)),
        ),
        case(
            "a low exactly 28 days ago is inside the window",
            SOON,
            leg_pain=6,
            history=(pain(40, 9), pain(28, 2), pain(5, 5)),
        ),
        case(
            "the improvement may have started before the 28-day window",
            SOON,
            leg_pain=6,
            history=(pain(60, 9), pain(20, 3)),
        ),
        case(
            "with two equal lows the later one still follows the improvement",
            SOON,
            leg_pain=6,
            history=(pain(20, 3), pain(15, 8), pain(8, 3)),
        ),
        case(
            "history given newest first is read oldest first",
            SOON,
            leg_pain=7,
            history=(pain(3, 4), pain(9, 2), pain(16, 8)),
        ),
        case(
            "a low earlier today counts",
            SOON,
            leg_pain=6,
            history=(pain(10, 8), checkin(at=NOW - timedelta(hours=3), leg_pain=3)),
        ),
        case(
            "a low before the improvement must not hide a later rebound "
            "(2 on a nerve block, 7, better to 3, back to 7)",
            SOON,
            leg_pain=7,
            history=(pain(18, 2), pain(16, 7), pain(9, 3)),
        ),
    ],
    misses=[
        case(
            "a rise of 2 (4 to 6) is not a rebound",
            ROUTINE,
            leg_pain=6,
            history=(pain(20, 8), pain(10, 4)),
        ),
        case(
            "a rise of 3 to 5 is below the floor of 6",
            ROUTINE,
            leg_pain=5,
            history=(pain(20, 8), pain(10, 2)),
        ),
        case(
            "an improvement of 1 (4 to 3) is not a clear improvement",
            ROUTINE,
            leg_pain=6,
            history=(pain(20, 4), pain(10, 3)),
        ),
        case(
            "no rebound without an earlier improvement: the low was the first score",
            ROUTINE,
            leg_pain=7,
            history=(pain(10, 3), pain(5, 4)),
        ),
        case(
            "no history, no rebound",
            ROUTINE,
            leg_pain=9,
        ),
        case(
            "a low 29 days ago is outside the 28-day window",
            ROUTINE,
            leg_pain=6,
            history=(pain(40, 9), pain(29, 2), pain(5, 5)),
        ),
        case(
            "a low 28 days and one minute ago is just outside the window",
            ROUTINE,
            leg_pain=6,
            history=(pain(40, 9), pain(28 + 1 / (24 * 60), 2), pain(5, 5)),
        ),
        case(
            "a low recorded after the current check-in is ignored",
            ROUTINE,
            leg_pain=6,
            history=(pain(20, 8), checkin(at=NOW + timedelta(hours=1), leg_pain=2)),
        ),
        case(
            "a check-in at the same instant as the current one is not history",
            ROUTINE,
            leg_pain=6,
            history=(pain(20, 8), checkin(at=NOW, leg_pain=2)),
        ),
        case(
            "two scores at the same instant are not an improvement (8 then 3)",
            ROUTINE,
            leg_pain=7,
            history=(checkin(at=SAME_INSTANT, leg_pain=8), checkin(at=SAME_INSTANT, leg_pain=3)),
        ),
        case(
            "two scores at the same instant are not an improvement (3 then 8)",
            ROUTINE,
            leg_pain=7,
            history=(checkin(at=SAME_INSTANT, leg_pain=3), checkin(at=SAME_INSTANT, leg_pain=8)),
        ),
        case(
            "history without leg pain scores shows no improvement",
            ROUTINE,
            leg_pain=8,
            history=(pain(20, None), pain(10, None)),
        ),
        case(
            "leg pain unanswered today cannot rebound",
            ROUTINE,
            leg_pain=None,
            history=(pain(20, 8), pain(10, 2)),
        ),
    ],
)

UNCONTROLLED = RuleSpec(
    "pain.leg_uncontrolled",
    fires=[
        case(
            "8 on 3 consecutive days is uncontrolled",
            SOON,
            leg_pain=8,
            history=(on_day(2, leg_pain=8), on_day(1, leg_pain=8)),
        ),
        case(
            "9, 10, 8 on 3 consecutive days is uncontrolled",
            SOON,
            leg_pain=8,
            history=(on_day(2, leg_pain=9), on_day(1, leg_pain=10)),
        ),
        case(
            "4 consecutive days is uncontrolled",
            SOON,
            leg_pain=9,
            history=(on_day(3, leg_pain=8), on_day(2, leg_pain=8), on_day(1, leg_pain=8)),
        ),
        case(
            "several check-ins on one day count as that day's worst",
            SOON,
            leg_pain=8,
            history=(
                on_day(2, hour=7, leg_pain=3),
                on_day(2, hour=21, leg_pain=9),
                on_day(1, leg_pain=8),
            ),
        ),
        case(
            "a better evening does not undo a day's worst",
            SOON,
            leg_pain=8,
            history=(
                on_day(2, hour=7, leg_pain=9),
                on_day(2, hour=21, leg_pain=2),
                on_day(1, leg_pain=8),
            ),
        ),
        case(
            "calendar days, not 24-hour periods: late evening and early morning are two days",
            SOON,
            leg_pain=8,
            at=on_day(0, hour=0, minute=30).recorded_at,
            history=(on_day(2, hour=23, leg_pain=8), on_day(1, hour=0, minute=5, leg_pain=8)),
        ),
    ],
    misses=[
        case(
            "2 consecutive days is not yet uncontrolled",
            ROUTINE,
            leg_pain=8,
            history=(on_day(1, leg_pain=8),),
        ),
        case(
            "a 7 on one of the 3 days breaks the run",
            ROUTINE,
            leg_pain=8,
            history=(on_day(2, leg_pain=7), on_day(1, leg_pain=8)),
        ),
        case(
            "7 today is below the threshold whatever came before",
            ROUTINE,
            leg_pain=7,
            history=(on_day(2, leg_pain=9), on_day(1, leg_pain=9)),
        ),
        case(
            "a missing day breaks the run",
            ROUTINE,
            leg_pain=8,
            history=(on_day(4, leg_pain=9), on_day(3, leg_pain=9), on_day(1, leg_pain=9)),
        ),
        case(
            "a day whose leg pain was not answered breaks the run",
            ROUTINE,
            leg_pain=8,
            history=(on_day(3, leg_pain=9), on_day(2, leg_pain=None), on_day(1, leg_pain=9)),
        ),
        case(
            "two check-ins on one day are one day, not two",
            ROUTINE,
            leg_pain=9,
            history=(on_day(1, leg_pain=9), on_day(0, hour=6, leg_pain=9)),
        ),
        case(
            "a check-in recorded after the current one is ignored",
            ROUTINE,
            leg_pain=8,
            history=(on_day(1, leg_pain=8), checkin(at=NOW + timedelta(days=1), leg_pain=8)),
        ),
    ],
)

SPECS = (REBOUND, UNCONTROLLED)


@pytest.mark.parametrize("c", REBOUND.fires)
def test_leg_pain_that_rebounds_after_a_clear_improvement_is_soon(c: Case) -> None:
    REBOUND.assert_fires(c)


@pytest.mark.parametrize("c", REBOUND.misses)
def test_a_small_rise_no_improvement_or_an_old_low_is_not_a_rebound(c: Case) -> None:
    REBOUND.assert_misses(c)


@pytest.mark.parametrize("c", UNCONTROLLED.fires)
def test_leg_pain_of_8_or_more_on_3_consecutive_days_is_soon(c: Case) -> None:
    UNCONTROLLED.assert_fires(c)


@pytest.mark.parametrize("c", UNCONTROLLED.misses)
def test_fewer_than_3_consecutive_days_at_8_or_more_is_not_uncontrolled(c: Case) -> None:
    UNCONTROLLED.assert_misses(c)


def test_rebound_evidence_gives_the_low_its_day_and_the_earlier_high() -> None:
    a = assessed(checkin(leg_pain=7), history=(pain(20, 8), on_day(10, leg_pain=3)))
    f = finding(a, "pain.leg_rebound")
    assert f is not None
    assert dict(f.evidence) == {
        "leg_pain": 7,
        "recent_low": 3,
        "recent_low_on": "2026-10-10",
        "earlier_high": 8,
    }
    assert "recurrent disc herniation" in f.clinician_note


def test_uncontrolled_evidence_gives_each_day_worst_score_and_the_first_day() -> None:
    a = assessed(
        checkin(leg_pain=8),
        history=(
            on_day(3, leg_pain=5),
            on_day(2, hour=7, leg_pain=8),
            on_day(2, hour=20, leg_pain=10),
            on_day(1, leg_pain=9),
        ),
    )
    f = finding(a, "pain.leg_uncontrolled")
    assert f is not None
    assert dict(f.evidence) == {"days": 3, "since": "2026-10-18", "leg_pain_by_day": [10, 9, 8]}
