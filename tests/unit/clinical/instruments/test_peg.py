"""PEG-3: the mean of 3 items 0-10, to one decimal, only when all 3 are answered."""

from __future__ import annotations

import pytest

from rootwise.clinical.instruments import peg


def answers(*values: int) -> dict[str, int | bool]:
    return {f"peg.{n}": v for n, v in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("values", "mean"),
    [
        ((0, 0, 0), 0.0),
        ((10, 10, 10), 10.0),
        ((3, 3, 4), 3.3),  # 10 / 3 = 3.333...
        ((6, 7, 7), 6.7),  # 20 / 3 = 6.666...
        ((5, 6, 7), 6.0),  # 18 / 3
    ],
)
def test_the_score_is_the_mean_to_one_decimal(values: tuple[int, ...], mean: float) -> None:
    result = peg.score(answers(*values))
    assert (result.score, result.complete, result.band) == (mean, True, None)


def test_with_one_item_missing_there_is_no_score() -> None:
    result = peg.score({"peg.1": 5, "peg.3": 5})
    assert (result.score, result.complete, result.missing) == (None, False, ("peg.2",))


def test_a_boolean_is_not_a_pain_score() -> None:
    with pytest.raises(ValueError, match=r"^peg\.1:"):
        peg.score({"peg.1": True, "peg.2": 1, "peg.3": 1})


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        ((6, 7, 7), (5, 6, 7), False),  # 6.7 -> 6.0: 0.7 points, 10 %
        ((6, 6, 6), (5, 5, 5), True),  # 6.0 -> 5.0: exactly 1 point
        ((3, 3, 4), (2, 2, 3), True),  # 3.3 -> 2.3: 1.0 point (no float drift)
        ((2, 2, 2), (1, 1, 2), True),  # 2.0 -> 1.3: 0.7 points but 35 %
        ((5, 5, 5), (6, 6, 6), False),  # worse
    ],
)
def test_a_meaningful_change_is_1_point_or_30_percent_down(
    before: tuple[int, ...], after: tuple[int, ...], meaningful: bool
) -> None:
    assert peg.meaningful_change(peg.score(answers(*before)), peg.score(answers(*after))) is (
        meaningful
    )


def test_change_is_unknown_when_a_score_is_incomplete() -> None:
    assert peg.meaningful_change(peg.score(answers(5, 5, 5)), peg.score(answers(1, 1))) is None
