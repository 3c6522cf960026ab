"""Questionnaire scores over the schedule, with the important-improvement mark.

Its words are in the language of the page being built (`rootwise.web.i18n`), English
outside a page; the caller gives the title, the scale's label and each time point's label
in that language."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from rootwise.web.charts import layout
from rootwise.web.charts.chart import Chart, ChartTable, document
from rootwise.web.charts.layout import PLOT, Key, LineStyle, Scale, Tick
from rootwise.web.charts.svg import el, num
from rootwise.web.charts.svg import points as path_through
from rootwise.web.charts.words import short_day
from rootwise.web.i18n import gettext as _

SCORE = LineStyle(colour=layout.BLUE, width=3, marker="circle")
TARGET = LineStyle(colour=layout.GREEN, width=2, dash="9 5")


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One questionnaire's score, at the timepoint `label` ("2 weeks"), filled in `when`."""

    when: date
    label: str
    score: float
    # The instrument's own verdict on the change since baseline, when the caller has one
    # (an MCID may be met by points or by per cent); otherwise the points mark decides.
    important: bool | None = None


def score_chart(
    points: Sequence[ScorePoint],
    *,
    title: str,
    y_max: float,
    y_label: str,
    baseline: float | None,
    mcid_points: float | None,
    lower_is_better: bool = True,
    chart_id: str | None = None,
) -> Chart:
    """Scores in date order, evenly spaced and labelled with their values, and a dashed
    line at the important-improvement mark: `baseline` - `mcid_points` (+ when higher is
    better), left out when either is None or the mark is off the 0-`y_max` scale.

    The table's "reached" column compares each score with that mark only; an instrument
    may also count a percentage change. Raises ValueError on a score outside 0-`y_max`."""
    _check(points, y_max=y_max, baseline=baseline, mcid_points=mcid_points)
    ordered = sorted(points, key=lambda p: p.when)
    target = _target(baseline, mcid_points, lower_is_better)
    on_scale = target is not None and 0 <= target <= y_max

    count = max(len(ordered), 1)
    x = Scale(-0.5, count - 0.5, PLOT.left, PLOT.right)
    y = Scale(0, y_max, PLOT.bottom, PLOT.top)
    grid, frame, below = layout.axes(
        x=x,
        y=y,
        x_ticks=_timepoint_ticks(ordered, slot=(PLOT.right - PLOT.left) / count),
        y_ticks=[Tick(v, (num(v),)) for v in _value_ticks(y_max)],
        x_label=None,
        y_label=y_label,
    )
    keys = [Key(_("Score"), SCORE)]
    body = [grid]
    if target is not None and on_scale:
        if lower_is_better:
            mark = _("Important improvement: {points} points below the first score")
        else:
            mark = _("Important improvement: {points} points above the first score")
        keys.append(Key(mark.format(points=num(mcid_points or 0)), TARGET))
        level = y(target)
        body.append(
            layout.line(
                TARGET,
                path_through([(PLOT.left, level), (PLOT.right, level)]),
                class_="chart__target",
            )
        )
    where = [(x(i), y(p.score)) for i, p in enumerate(ordered)]
    series = [layout.line(SCORE, path_through(where))] if len(where) > 1 else []
    series += [layout.marker(SCORE, px, py) for px, py in where]
    # Values sit on a white halo (the stroke painted under the letters), so a line
    # passing behind a number does not cut through it.
    series += [
        el(
            "text",
            num(p.score),
            x=px,
            y=py - 10,
            text_anchor="middle",
            font_weight="700",
            stroke="#fff",
            stroke_width=4,
            stroke_linejoin="round",
            paint_order="stroke",
            class_="chart__value",
        )
        for p, (px, py) in zip(ordered, where, strict=True)
    ]
    body.append(el("g", *series, class_="chart__series chart__series--score"))
    legend, bottom = layout.legend(keys, below + 4)
    body += [frame, legend]

    caption = _caption(
        ordered, baseline, mcid_points, target if on_scale else None, lower_is_better
    )
    drawn = _("Line chart of {scale} at each questionnaire, from 0 to {top}.")
    desc = f"{drawn.format(scale=y_label, top=num(y_max))} {caption}"
    chart_id, svg = document(
        title=title, desc=desc, height=bottom + 10, body=body, chart_id=chart_id
    )
    table = _table(ordered, baseline, mcid_points, lower_is_better)
    return Chart(chart_id, title, svg, caption, table)


def _check(
    scored: Sequence[ScorePoint], *, y_max: float, baseline: float | None, mcid_points: float | None
) -> None:
    if y_max <= 0:
        raise ValueError(f"y_max must be above 0, not {y_max}")
    if mcid_points is not None and mcid_points <= 0:
        raise ValueError(f"mcid_points must be above 0, not {mcid_points}")
    for value in [*(p.score for p in scored), *([] if baseline is None else [baseline])]:
        if not 0 <= value <= y_max:
            raise ValueError(f"score {value} is outside 0-{y_max}")


def _target(baseline: float | None, mcid: float | None, lower_is_better: bool) -> float | None:
    if baseline is None or mcid is None:
        return None
    return baseline - mcid if lower_is_better else baseline + mcid


def _timepoint_ticks(ordered: Sequence[ScorePoint], *, slot: float) -> list[Tick]:
    """A label under each score, wrapped to fit its slot. When single words are too wide
    for one slot, every second label drops below its neighbours to get two; when even two
    are too few (many scores on a phone), only every so many points is labelled."""
    gap = 6
    widest = max((layout.text_width(w) for p in ordered for w in p.label.split()), default=0)
    need = math.ceil((widest + gap) / slot)
    if need == 2:
        wrapped = [layout.wrap(p.label, 2 * slot - gap) for p in ordered]
        upper = max(len(lines) for lines in wrapped[::2])
        return [Tick(i, lines, drop=upper if i % 2 else 0) for i, lines in enumerate(wrapped)]
    return [
        Tick(i, layout.wrap(p.label, need * slot - gap))
        for i, p in enumerate(ordered)
        if i % need == 0
    ]


def _value_ticks(y_max: float) -> list[float]:
    """0, then round steps (1, 2 or 5 times a power of ten) up to `y_max`: 5 or so ticks."""
    power = 10 ** math.floor(math.log10(y_max / 5))
    step = next(m * power for m in (1, 2, 5, 10) if y_max / (m * power) <= 5)
    return [i * step for i in range(int(y_max / step + 1e-9) + 1)]


def _caption(
    ordered: Sequence[ScorePoint],
    baseline: float | None,
    mcid: float | None,
    target: float | None,
    lower_is_better: bool,
) -> str:
    """The latest score, its change from the first, and whether it reached the mark."""
    would_be = None
    if target is not None:
        if lower_is_better:
            would_be = _("An important improvement would be {target} or lower.")
        else:
            would_be = _("An important improvement would be {target} or higher.")
        would_be = would_be.format(target=num(target))
    if not ordered:
        none_yet = _("No scores yet.")
        return f"{none_yet} {would_be}" if would_be else none_yet
    latest = ordered[-1]
    sentences = [
        _("Latest score: {score} ({timepoint}, {day}).").format(
            score=num(latest.score), timepoint=latest.label, day=short_day(latest.when)
        )
    ]
    if baseline is not None:
        difference = _difference(latest.score, baseline)
        if difference == 0:
            sentences.append(_("That is the same as the first score."))
        else:
            if difference < 0:
                than = _("That is {points} lower than the first score, {first}.")
            else:
                than = _("That is {points} higher than the first score, {first}.")
            sentences.append(than.format(points=num(float(abs(difference))), first=num(baseline)))
    if would_be and target is not None and baseline is not None and mcid is not None:
        if not _reached(latest, baseline, mcid, lower_is_better):
            sentences.append(would_be)
        elif lower_is_better:
            reached = _("It has reached an important improvement ({target} or lower).")
            sentences.append(reached.format(target=num(target)))
        else:
            reached = _("It has reached an important improvement ({target} or higher).")
            sentences.append(reached.format(target=num(target)))
    return " ".join(sentences)


def _table(
    ordered: Sequence[ScorePoint],
    baseline: float | None,
    mcid: float | None,
    lower_is_better: bool,
) -> ChartTable:
    headers = [_("Timepoint"), _("Date"), _("Score")]
    if baseline is not None:
        headers.append(_("Change from first score"))
    if baseline is not None and mcid is not None:
        headers.append(_("Important improvement reached?"))
    rows = []
    for p in ordered:
        row = [p.label, short_day(p.when), num(p.score)]
        if baseline is not None:
            row.append(_change(p.score, baseline))
        if baseline is not None and mcid is not None:
            row.append(_("Yes") if _reached(p, baseline, mcid, lower_is_better) else _("No"))
        rows.append(tuple(row))
    return ChartTable(tuple(headers), tuple(rows))


def _change(score: float, baseline: float) -> str:
    """`12 lower`, `3 higher` or `no change`: the direction in words, not a sign to miss."""
    difference = _difference(score, baseline)
    if difference == 0:
        return _("no change")
    points = num(float(abs(difference)))
    # Translators: a change of score in a table cell, e.g. "12 lower".
    return (_("{points} lower") if difference < 0 else _("{points} higher")).format(points=points)


def _difference(score: float, baseline: float) -> Fraction:
    """`score` - `baseline` in exact decimals."""
    return Fraction(str(score)) - Fraction(str(baseline))


def _reached(point: ScorePoint, baseline: float, mcid: float, lower_is_better: bool) -> bool:
    """Whether `point` improved on `baseline` by at least `mcid` points, unless the point
    carries its own verdict. In exact decimals, as the instruments' own MCID check works:
    40 - 30.1 must not fall short of 9.9 by a binary rounding error."""
    if point.important is not None:
        return point.important
    drop = Fraction(str(baseline)) - Fraction(str(point.score))
    return (drop if lower_is_better else -drop) >= Fraction(str(mcid))
