"""DN4-interview: 7 yes/no items; 3 or more yes suggests neuropathic pain."""

from __future__ import annotations

import pytest

from rootwise.clinical.instruments import dn4


def answers(yes: int, answered: int = 7) -> dict[str, int | bool]:
    return {f"dn4.{n}": n <= yes for n in range(1, answered + 1)}


@pytest.mark.parametrize(
    ("yes", "band"),
    [(0, "negative"), (2, "negative"), (3, "positive"), (7, "positive")],
)
def test_each_yes_counts_one_and_3_of_7_is_positive(yes: int, band: str) -> None:
    result = dn4.score(answers(yes))
    assert (result.score, result.band, result.complete) == (yes, band, True)


def test_with_an_item_missing_three_yes_answers_are_already_positive() -> None:
    # 6 answered, 4 of them yes: not a total, so no score; but the missing item can only
    # add to 4, which is past the threshold of 3, so the screen is positive already.
    result = dn4.score(answers(4, answered=6))
    assert (result.score, result.band, result.complete, result.missing) == (
        None,
        "positive",
        False,
        ("dn4.7",),
    )
    assert result.details == {"partial_count": 4, "answered": 6}


def test_with_an_item_missing_fewer_than_three_yes_answers_give_no_band() -> None:
    # 6 answered, 2 of them yes: the missing item could make it 3, so no band at all.
    result = dn4.score(answers(2, answered=6))
    assert (result.score, result.band, result.complete) == (None, None, False)
    assert result.details == {"partial_count": 2, "answered": 6}


def test_numbers_are_not_yes_or_no() -> None:
    with pytest.raises(ValueError, match=r"^dn4\.1:"):
        dn4.score({"dn4.1": 1})


def test_dn4_has_no_mcid() -> None:
    assert dn4.INSTRUMENT.mcid is None
