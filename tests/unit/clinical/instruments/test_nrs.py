"""NRS: the score is the answer; bands none / mild / moderate / severe; MCID 2 points or 30 %."""

from __future__ import annotations

import pytest

from rootwise.clinical.instruments import INSTRUMENTS, nrs
from rootwise.clinical.instruments.base import Mcid


@pytest.mark.parametrize(
    ("answer", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (3, "mild"),
        (4, "moderate"),
        (6, "moderate"),
        (7, "severe"),
        (10, "severe"),
    ],
)
def test_the_score_is_the_answer_and_the_band_follows_its_boundaries(
    answer: int, band: str
) -> None:
    result = nrs.score({"nrs.1": answer})
    assert (result.score, result.band, result.complete, result.missing) == (answer, band, True, ())


def test_an_unanswered_item_gives_no_score_and_names_the_item() -> None:
    result = nrs.score({})
    assert (result.score, result.band, result.complete, result.missing) == (
        None,
        None,
        False,
        ("nrs.1",),
    )


def test_a_value_outside_0_to_10_is_refused_by_the_core() -> None:
    with pytest.raises(ValueError, match=r"^nrs\.1:"):
        nrs.score({"nrs.1": 11})


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        (8, 6, True),  # 2 points: the absolute MCID
        (8, 7, False),  # 1 point, 12.5 %
        (3, 2, True),  # 1 point but 33 % of 3
        (4, 3, False),  # 1 point, 25 %
        (5, 7, False),  # worse
        (0, 0, False),  # nothing to improve, and no division by zero
    ],
)
def test_a_meaningful_change_is_2_points_or_30_percent_down(
    before: int, after: int, meaningful: bool
) -> None:
    change = nrs.meaningful_change(nrs.score({"nrs.1": before}), nrs.score({"nrs.1": after}))
    assert change is meaningful


def test_the_clinic_may_set_its_own_mcid() -> None:
    # 8 -> 5 is a 3-point drop (37.5 %); with MCID 3.2 points or 40 % it is not enough.
    strict = Mcid(points=3.2, percent=40)
    change = nrs.meaningful_change(nrs.score({"nrs.1": 8}), nrs.score({"nrs.1": 5}), strict)
    assert change is False


def test_change_is_unknown_when_either_score_is_missing() -> None:
    assert nrs.meaningful_change(nrs.score({}), nrs.score({"nrs.1": 2})) is None


def test_the_registry_lists_each_instrument_under_its_own_name() -> None:
    assert {name: i.name for name, i in INSTRUMENTS.items()} == {n: n for n in INSTRUMENTS}
    assert set(INSTRUMENTS) == {"nrs", "peg", "dn4", "odi", "startback"}
