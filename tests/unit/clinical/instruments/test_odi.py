"""ODI v2.1a: sum / (5 x sections answered) x 100, at most one section missing."""

from __future__ import annotations

import pytest

from rootwise.clinical.instruments import Score, odi


def answers(*values: int | None) -> dict[str, int | bool]:
    return {f"odi.{n}": v for n, v in enumerate(values, start=1) if v is not None}


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (10, "minimal"),  # 10 / 50 = 20 %
        (11, "moderate"),  # 22 %
        (20, "moderate"),  # 40 %
        (21, "severe"),  # 42 %
        (30, "severe"),  # 60 %
        (31, "crippling"),  # 62 %
        (40, "crippling"),  # 80 %
        (41, "bed-bound"),  # 82 %
        (50, "bed-bound"),  # 100 %
    ],
)
def test_with_all_ten_sections_the_score_is_twice_the_sum(total: int, band: str) -> None:
    values = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    values += [0] * (10 - len(values))
    result = odi.score(answers(*values))
    assert (result.score, result.band, result.complete) == (total * 2, band, True)


def test_one_missing_section_is_left_out_of_the_denominator() -> None:
    # 9 sections summing to 17: 17 / 45 x 100 = 37.78 -> 38, moderate.
    result = odi.score(answers(2, 2, 2, 2, 2, 2, 2, 2, 1, None))
    assert (result.score, result.band, result.complete, result.missing) == (
        38,
        "moderate",
        True,
        ("odi.10",),
    )


def test_the_nine_section_score_rounds_down_below_a_half() -> None:
    # 9 sections summing to 1: 1 / 45 x 100 = 2.22 -> 2.
    assert odi.score(answers(None, 1, 0, 0, 0, 0, 0, 0, 0, 0)).score == 2


def test_two_missing_sections_give_no_score() -> None:
    result = odi.score(answers(3, 3, 3, 3, 3, 3, 3, 3))
    assert (result.score, result.band, result.complete, result.missing) == (
        None,
        None,
        False,
        ("odi.9", "odi.10"),
    )


def test_a_section_above_5_is_refused_by_the_core() -> None:
    with pytest.raises(ValueError, match=r"^odi\.3:"):
        odi.score({"odi.3": 6})


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        (50, 40, True),  # 10 points
        (50, 42, False),  # 8 points, 16 %
        (20, 14, True),  # 6 points but 30 %
        (20, 16, False),  # 4 points, 20 %
        (30, 40, False),  # worse
    ],
)
def test_a_meaningful_change_is_10_points_or_30_percent_down(
    before: int, after: int, meaningful: bool
) -> None:
    def of(percent: int) -> Score:
        total = percent // 2
        return odi.score(answers(*([5] * (total // 5) + [total % 5] + [0] * 9)[:10]))

    assert (of(before).score, of(after).score) == (before, after)
    assert odi.meaningful_change(of(before), of(after)) is meaningful


def test_change_is_unknown_when_a_score_is_missing() -> None:
    full = odi.score(answers(*[2] * 10))
    assert odi.meaningful_change(full, odi.score({})) is None


def test_scores_of_different_instruments_are_not_compared() -> None:
    with pytest.raises(ValueError, match="cannot compare"):
        odi.meaningful_change(odi.score(answers(*[2] * 10)), Score("nrs", 5, None, True))
