"""Leg and back pain by week after surgery, drawn over the usual range for leg pain.

Its words are in the language of the page being built (`rootwise.web.i18n`), English
outside a page."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup

from rootwise.web.charts import band as expected
from rootwise.web.charts import layout
from rootwise.web.charts.band import BandKnot
from rootwise.web.charts.chart import Chart, ChartTable, document
from rootwise.web.charts.layout import PLOT, Key, LineStyle, Scale, Tick
from rootwise.web.charts.readings import PainPoint, Reading, by_day, by_week, daily_worst
from rootwise.web.charts.svg import el, num, points
from rootwise.web.charts.words import day_span, not_answered, short_day, since_surgery
from rootwise.web.i18n import gettext as _

# Different colour, dash and marker shape, so the two lines differ without colour.
LEG = LineStyle(colour=layout.BLUE, width=3, marker="circle")
BACK = LineStyle(colour=layout.AMBER, width=2.5, dash="6 4", marker="square")

# A line joins readings up to 3 days apart (2 days missing between them); over a longer
# gap it breaks rather than draw pain nobody reported.
_MAX_JOIN_DAYS = 3
# Markers closer than this (viewBox units) would merge into a smear: then only the line
# is drawn, with markers left on readings that stand alone and on the latest one.
_MARKER_SPACING = 7
# Days closer than this are drawn as weekly averages: a year of daily points is an
# unreadable zigzag on a phone (and a large SVG).
_DAY_SPACING = 3
_MIN_WEEKS = 6
# Tick steps in weeks for axes up to so many weeks: at most 7 ticks fit on a phone, and
# past 40 weeks steps of 13 and 26 weeks fall on 3, 6, 9 and 12 months.
_WEEK_STEPS = ((6, 1), (12, 2), (24, 4), (40, 8), (78, 13), (156, 26))


def pain_chart(
    series: Sequence[PainPoint],
    band: Sequence[BandKnot],
    *,
    surgery_date: date,
    today: date,
    title: str,
    weeks_shown: int | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Leg pain (solid, circles) and back pain (dashed, squares) by week after surgery,
    over the usual range of leg pain (shaded, median dashed), with today marked.

    Several check-ins on one day count as that day's worst; days before surgery are left
    out. The x axis runs from surgery to `weeks_shown` weeks (default: enough for today
    and every check-in, at least 6 weeks); check-ins after it are left out of the chart
    and its table alike. When the axis is too long for single days to show (more than
    about 15 weeks), each week's average is drawn and tabled instead. `chart_id` sets the
    prefix of the SVG's ids (default: derived from the content). Raises ValueError on a
    pain score or band value outside 0-10."""
    knots = expected.checked(band)
    days, earlier = daily_worst(series, surgery_date)
    latest = max([_weeks(surgery_date, today), *(_weeks(surgery_date, d.day) for d in days)])
    end = _weeks_to_show(latest) if weeks_shown is None else weeks_shown
    if end < 1:
        raise ValueError(f"weeks_shown must be at least 1, not {end}")
    days = [d for d in days if _weeks(surgery_date, d.day) <= end]

    x = Scale(0, end, PLOT.left, PLOT.right)
    y = Scale(0, 10, PLOT.bottom, PLOT.top)
    per_day = x(1 / 7) - x(0)
    weekly = per_day < _DAY_SPACING
    readings = by_week(days, surgery_date) if weekly else by_day(days, surgery_date)
    markers = per_day * (7 if weekly else 1) >= _MARKER_SPACING

    step = _week_step(end)
    grid, frame, below = layout.axes(
        x=x,
        y=y,
        x_ticks=[Tick(week, (str(week),)) for week in range(0, end + 1, step)],
        y_ticks=[Tick(value, (str(value),)) for value in range(0, 11, 2)],
        x_label=_("Weeks after surgery"),
        y_label=_("Pain (0-10)"),
    )
    if weekly:
        leg_key, back_key = _("Leg pain, weekly average"), _("Back pain, weekly average")
    else:
        leg_key, back_key = _("Leg pain"), _("Back pain")
    keys = [Key(leg_key, LEG, markers), Key(back_key, BACK, markers)]
    if knots:
        keys += [
            Key(_("Usual range of leg pain"), expected.RANGE),
            Key(_("Typical leg pain"), expected.MEDIAN),
        ]
    legend, bottom = layout.legend(keys, below + 4)
    body = [
        grid,
        expected.draw(knots, x, y),
        _today(x, _weeks(surgery_date, today)),
        # Back pain first, so the leg pain the chart is about is drawn on top.
        _series(readings, lambda r: r.back, BACK, x=x, y=y, markers=markers, name="back"),
        _series(readings, lambda r: r.leg, LEG, x=x, y=y, markers=markers, name="leg"),
        frame,
        legend,
    ]
    caption = _caption(days, knots, surgery_date, earlier=earlier, weekly=weekly)
    if knots:
        drawn = _(
            "Line chart of leg pain and back pain from 0 to 10 by week after surgery, "
            "weeks 0 to {end}, over the usual range of leg pain."
        )
    else:
        drawn = _(
            "Line chart of leg pain and back pain from 0 to 10 by week after surgery, "
            "weeks 0 to {end}."
        )
    desc = f"{drawn.format(end=end)} {caption}"
    chart_id, svg = document(
        title=title, desc=desc, height=bottom + 10, body=body, chart_id=chart_id
    )
    return Chart(chart_id, title, svg, caption, _table(readings, knots, weekly=weekly))


def _weeks(surgery_date: date, day: date) -> float:
    return (day - surgery_date).days / 7


def _weeks_to_show(latest: float) -> int:
    end = max(_MIN_WEEKS, math.ceil(latest))
    step = _week_step(end)
    rounded = -(-end // step) * step
    # End on a labelled tick when that costs little room.
    return rounded if rounded - end <= 0.15 * end else end


def _week_step(end: int) -> int:
    return next((step for longest, step in _WEEK_STEPS if end <= longest), 52)


def _today(x: Scale, week: float) -> Markup:
    """A dotted upright line at today, labelled above the plot (when today is in it)."""
    if not x.low <= week <= x.high:
        return Markup("")
    at = x(week)
    today = _("Today")
    half = layout.text_width(today) / 2
    anchor = "end" if at + half > layout.WIDTH else "start" if at - half < 0 else "middle"
    return el(
        "g",
        el(
            "line",
            x1=at,
            x2=at,
            y1=PLOT.top,
            y2=PLOT.bottom,
            stroke=layout.INK,
            stroke_width=1.5,
            stroke_dasharray="2 4",
        ),
        el("text", today, x=at, y=PLOT.top - 8, text_anchor=anchor),
        class_="chart__today",
    )


def _series(
    readings: Sequence[Reading],
    pick: Callable[[Reading], float | None],
    style: LineStyle,
    *,
    x: Scale,
    y: Scale,
    markers: bool,
    name: str,
) -> Markup:
    """One pain series: lines through readings close enough together, and markers."""
    runs: list[list[tuple[Reading, float]]] = []
    for reading in readings:
        value = pick(reading)
        if value is None:
            continue
        if runs and (reading.first - runs[-1][-1][0].last).days <= _MAX_JOIN_DAYS:
            runs[-1].append((reading, value))
        else:
            runs.append([(reading, value)])
    lines = [
        layout.line(style, points([(x(r.weeks), y(value)) for r, value in run]))
        for run in runs
        if len(run) > 1
    ]
    last = runs[-1][-1] if runs else None
    dots = [
        layout.marker(style, x(r.weeks), y(value))
        for run in runs
        for r, value in run
        if markers or len(run) == 1 or (r, value) == last
    ]
    return el("g", *lines, *dots, class_=f"chart__series chart__series--{name}")


def _caption(
    days: Sequence[PainPoint],
    knots: Sequence[BandKnot],
    surgery_date: date,
    *,
    earlier: bool,
    weekly: bool,
) -> str:
    """What the chart says, in a few short sentences."""
    if not days:
        none_yet = _("No check-ins yet.")
        if not knots:
            return none_yet
        shaded = _("The shaded band shows the usual range of leg pain after this operation.")
        return f"{none_yet} {shaded}"
    sentences = []
    leg = next((d for d in reversed(days) if d.leg is not None), None)
    back = next((d for d in reversed(days) if d.back is not None), None)
    if leg is None and back is None:
        sentences.append(_("No leg or back pain scores yet."))
    if leg is not None:
        # Translators: {since} is e.g. "13 days after surgery" or "the day of surgery".
        latest = _("Latest leg pain: {score} out of 10 on {day}, {since}.")
        sentences.append(
            latest.format(
                score=leg.leg, day=short_day(leg.day), since=since_surgery(surgery_date, leg.day)
            )
        )
        usual = expected.at(knots, _weeks(surgery_date, leg.day))
        if usual is not None:
            sentences.append(
                _("The usual range then is {low} to {high}.").format(
                    low=num(usual.low), high=num(usual.high)
                )
            )
    if back is not None:
        latest = _("Latest back pain: {score} out of 10 on {day}.")
        sentences.append(latest.format(score=back.back, day=short_day(back.day)))
    if weekly:
        sentences.append(_("The lines show each week's average."))
    if earlier:
        sentences.append(_("Check-ins before the day of surgery are not shown."))
    return " ".join(sentences)


def _table(readings: Sequence[Reading], knots: Sequence[BandKnot], *, weekly: bool) -> ChartTable:
    def pain(value: float | None) -> str:
        return not_answered() if value is None else num(value)

    rows = [
        (
            day_span(r.first, r.last),
            num(r.weeks),
            pain(r.leg),
            pain(r.back),
            _("not known") if (usual := expected.at(knots, r.weeks)) is None else _range(usual),
        )
        for r in readings
    ]
    if weekly:
        when, leg, back = (
            _("Dates"),
            _("Leg pain (weekly average)"),
            _("Back pain (weekly average)"),
        )
    else:
        when, leg, back = _("Date"), _("Leg pain"), _("Back pain")
    headers = (when, _("Weeks after surgery"), leg, back, _("Usual range of leg pain"))
    return ChartTable(headers, tuple(rows))


def _range(knot: BandKnot) -> str:
    # "1 to 5" rather than "1-5", which screen readers may read as "1 minus 5".
    # Translators: a range of pain scores in a table cell, e.g. "1 to 5".
    return _("{low} to {high}").format(low=num(knot.low), high=num(knot.high))
