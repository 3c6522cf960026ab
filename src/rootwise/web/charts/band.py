"""The expected recovery band: knots by week, the range at any week between them, and its
drawing as a shaded area with a dashed median."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from rootwise.web.charts import layout
from rootwise.web.charts.svg import el, num, points

RANGE = layout.AreaStyle(fill=layout.BAND_FILL, edge=layout.GREEN)
MEDIAN = layout.LineStyle(colour=layout.GREEN, width=2, dash="9 5")


@dataclass(frozen=True, slots=True)
class BandKnot:
    """The expected pain at `week` after surgery: most people between `low` and `high`,
    half above and half below `median` (0-10)."""

    week: float
    low: float
    median: float
    high: float


def checked(band: Sequence[BandKnot]) -> tuple[BandKnot, ...]:
    """The knots by week; a band that is out of order or out of 0-10 is a caller's bug,
    refused loudly rather than drawn wrong."""
    knots = tuple(sorted(band, key=lambda knot: knot.week))
    for knot in knots:
        if not 0 <= knot.low <= knot.median <= knot.high <= 10:
            raise ValueError(f"band knot {knot} must have 0 <= low <= median <= high <= 10")
    if len({knot.week for knot in knots}) != len(knots):
        raise ValueError("band knots must be at different weeks")
    return knots


def at(knots: Sequence[BandKnot], week: float) -> BandKnot | None:
    """The band at `week`, straight between the knots either side; None outside them
    (the band says nothing about weeks it does not cover)."""
    if not knots or not knots[0].week <= week <= knots[-1].week:
        return None
    for before, after in pairwise(knots):
        if before.week <= week <= after.week:
            share = (week - before.week) / (after.week - before.week)
            return BandKnot(
                week,
                _blend(before.low, after.low, share),
                _blend(before.median, after.median, share),
                _blend(before.high, after.high, share),
            )
    return knots[0]  # a single knot, asked about its own week


def draw(knots: Sequence[BandKnot], x: layout.Scale, y: layout.Scale) -> Markup:
    """The band between weeks `x.low` and `x.high`: range shaded, median dashed."""
    if not knots:
        return Markup("")
    first, last = max(x.low, knots[0].week), min(x.high, knots[-1].week)
    if first > last:
        return Markup("")
    weeks = [first, *(k.week for k in knots if first < k.week < last), last]
    shown = [knot for week in weeks if (knot := at(knots, week)) is not None]
    upper = [(x(k.week), y(k.high)) for k in shown]
    lower = [(x(k.week), y(k.low)) for k in reversed(shown)]
    outline = " ".join(f"{num(a)},{num(b)}" for a, b in upper + lower)
    median = [(x(k.week), y(k.median)) for k in shown]
    return el(
        "g",
        el("polygon", points=outline, fill=RANGE.fill, stroke=RANGE.edge, stroke_width=1),
        layout.line(MEDIAN, points(median)),
        class_="chart__band",
    )


def _blend(a: float, b: float, share: float) -> float:
    return a + (b - a) * share
