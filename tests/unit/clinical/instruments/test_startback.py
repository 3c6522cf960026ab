"""STarT Back: total 0-9, psychosocial subscale items 5-9; low, medium or high risk."""

from __future__ import annotations

import pytest

from rootwise.clinical.instruments import startback


def answers(*values: int) -> dict[str, int | bool]:
    return {f"startback.{n}": v for n, v in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("values", "total", "subscale", "band"),
    [
        # items 1-8, then item 9 (0-4)
        ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, "low"),
        ((1, 1, 1, 0, 0, 0, 0, 0, 2), 3, 0, "low"),  # bothersomeness 2 counts 0
        ((1, 1, 0, 0, 0, 0, 0, 0, 3), 3, 1, "low"),  # 3 counts 1: total 3
        ((1, 1, 1, 1, 0, 0, 0, 0, 0), 4, 0, "medium"),  # total 4, subscale 0
        ((0, 0, 0, 0, 1, 1, 1, 0, 4), 4, 4, "high"),  # 5+6+7 and item 9: subscale 4
        ((1, 0, 0, 0, 1, 1, 1, 0, 2), 4, 3, "medium"),  # subscale 3 stays medium
        ((1, 1, 1, 1, 1, 1, 1, 1, 4), 9, 5, "high"),
    ],
)
def test_the_risk_group_follows_the_total_and_the_subscale(
    values: tuple[int, ...], total: int, subscale: int, band: str
) -> None:
    result = startback.score(answers(*values))
    assert (result.score, result.band, result.complete) == (total, band, True)
    assert result.details["psychosocial_subscale"] == subscale


def test_every_result_says_it_was_made_for_primary_care_and_keeps_the_copyright() -> None:
    result = startback.score(answers(0, 0, 0, 0, 0, 0, 0, 0, 0))
    assert "primary care" in str(result.details["note"])
    assert result.details["copyright"] == startback.COPYRIGHT
    assert "Keele University" in startback.COPYRIGHT


def test_with_an_item_missing_there_is_no_risk_group() -> None:
    result = startback.score(answers(1, 1, 1, 1, 1, 1, 1, 1))
    assert (result.score, result.band, result.complete, result.missing) == (
        None,
        None,
        False,
        ("startback.9",),
    )


def test_items_1_to_8_take_only_0_or_1() -> None:
    with pytest.raises(ValueError, match=r"^startback\.2:"):
        startback.score({"startback.2": 2})
