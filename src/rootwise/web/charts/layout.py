"""What every chart shares: its size, its colours and line styles, scales, axes, legend.

Sizes are in viewBox units. The SVG is 400 units wide and scales to its column, so 14-unit
text is 12.6 px on a 360 px phone and larger on anything wider.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from rootwise.web.charts.svg import el, num

WIDTH = 400
FONT = 14
# Text is about 0.55 em wide per character in the usual sans-serif faces; a little more
# keeps wrapped labels clear of each other.
_CHAR_WIDTH = 0.6 * FONT
LINE_HEIGHT = 18

# Colours of data drawn on white all have at least 3:1 contrast with it (WCAG 1.4.11),
# and no two series differ by colour alone: each has its own dash and marker too.
INK = "#1b1b1b"
GRID = "#d5d9dc"  # decoration only: the tick labels carry the values
BLUE = "#1d4f91"
AMBER = "#8a4b00"
GREEN = "#1e6b35"
BAND_FILL = "#d8ecdd"


@dataclass(frozen=True, slots=True)
class Rect:
    """The plot area: data is drawn inside it, ticks and labels around it."""

    left: float
    top: float
    right: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


# Room on the left for the y tick labels and the turned y-axis label, above for the
# "Today" marker and point values; below it are the x ticks, the x label and the legend.
PLOT = Rect(left=54, top=30, right=WIDTH - 16, bottom=220)


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from data values (`low`..`high`) to viewBox positions (`start`..`end`)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How one series is drawn, and its sample in the legend."""

    colour: str
    width: float
    dash: str | None = None
    marker: Literal["circle", "square"] | None = None


@dataclass(frozen=True, slots=True)
class AreaStyle:
    """A shaded range with an edge line, so its limits show even where the fill is faint."""

    fill: str
    edge: str


@dataclass(frozen=True, slots=True)
class Key:
    """One legend entry. `markers` says whether the chart draws this series' markers."""

    label: str
    style: LineStyle | AreaStyle
    markers: bool = True


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at `value`; its label on one or more lines, moved `drop` lines down (to
    stagger labels too wide to sit side by side)."""

    value: float
    lines: tuple[str, ...]
    drop: int = 0


def text_width(text: str) -> float:
    """About how wide `text` is drawn, to wrap and place labels without measuring fonts."""
    return len(text) * _CHAR_WIDTH


def wrap(text: str, width: float) -> tuple[str, ...]:
    """`text` broken between words into lines about `width` wide (a long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


def label(lines: Sequence[str], x: float, y: float, **attributes: str) -> Markup:
    """A `<text>` of one or more lines, the first with its baseline at `y`."""
    if len(lines) == 1:
        return el("text", lines[0], x=x, y=y, **attributes)
    spans = [
        el("tspan", line, x=x, dy=None if i == 0 else LINE_HEIGHT) for i, line in enumerate(lines)
    ]
    return el("text", *spans, x=x, y=y, **attributes)


def marker(style: LineStyle, x: float, y: float) -> Markup:
    """The series' marker at (x, y); a white rim keeps it apart from lines it sits on."""
    if style.marker == "square":
        return el("rect", x=x - 4, y=y - 4, width=8, height=8, fill=style.colour, stroke="#fff")
    return el("circle", cx=x, cy=y, r=4, fill=style.colour, stroke="#fff")


def line(style: LineStyle, d: str, **attributes: str) -> Markup:
    """A series' line along path data `d`."""
    return el(
        "path",
        d=d,
        fill="none",
        stroke=style.colour,
        stroke_width=style.width,
        stroke_dasharray=style.dash,
        stroke_linejoin="round",
        stroke_linecap="round" if style.dash is None else None,
        **attributes,
    )


def axes(
    *,
    x: Scale,
    y: Scale,
    x_ticks: Sequence[Tick],
    y_ticks: Sequence[Tick],
    x_label: str | None,
    y_label: str,
) -> tuple[Markup, Markup, float]:
    """The grid (drawn first, under the data), the axes with their ticks and labels
    (drawn last, over it) and the y just below the lowest axis text."""
    grid = [
        el("line", x1=PLOT.left, x2=PLOT.right, y1=y(t.value), y2=y(t.value), stroke=GRID)
        for t in y_ticks
    ]
    parts = [
        el("line", x1=PLOT.left, x2=PLOT.left, y1=PLOT.top, y2=PLOT.bottom, stroke=INK),
        el("line", x1=PLOT.left, x2=PLOT.right, y1=PLOT.bottom, y2=PLOT.bottom, stroke=INK),
    ]
    for t in y_ticks:
        parts.append(label(t.lines, PLOT.left - 6, y(t.value), dy="0.35em", text_anchor="end"))
    lowest = PLOT.bottom
    for t in x_ticks:
        at = x(t.value)
        parts.append(el("line", x1=at, x2=at, y1=PLOT.bottom, y2=PLOT.bottom + 5, stroke=INK))
        first = PLOT.bottom + 20 + LINE_HEIGHT * t.drop
        parts.append(label(t.lines, at, first, text_anchor="middle"))
        lowest = max(lowest, first + LINE_HEIGHT * (len(t.lines) - 1))
    if x_label is not None:
        lowest += 24
        parts.append(label([x_label], (PLOT.left + PLOT.right) / 2, lowest, text_anchor="middle"))
    middle = (PLOT.top + PLOT.bottom) / 2
    # Turned a quarter anticlockwise to read upwards along the axis, as printed charts do.
    parts.append(
        el(
            "text",
            y_label,
            x=-middle,
            y=16,
            transform="rotate(-90)",
            text_anchor="middle",
            class_="chart__y-label",
        )
    )
    return (
        el("g", *grid, class_="chart__grid"),
        el("g", *parts, class_="chart__axes"),
        lowest + 8,
    )


def legend(keys: Sequence[Key], top: float) -> tuple[Markup, float]:
    """The keys laid out left to right, wrapping to new rows as a phone needs; a label
    too long for the row wraps onto lines of its own. Returns the legend and its bottom."""
    sample, gap, spacing = 30, 6, 18
    available = PLOT.right - PLOT.left
    x, row_top, row_height = PLOT.left, top, 0.0
    entries = []
    for key in keys:
        lines = wrap(key.label, available - sample - gap)
        width = sample + gap + max(text_width(line) for line in lines)
        if x > PLOT.left and x + width > PLOT.right:
            x, row_top, row_height = PLOT.left, row_top + row_height + 6, 0.0
        middle = row_top + LINE_HEIGHT / 2
        entries.append(
            el(
                "g",
                _sample(key, x, middle, sample),
                label(lines, x + sample + gap, middle, dy="0.35em"),
                class_="chart__key",
            )
        )
        x += width + spacing
        row_height = max(row_height, LINE_HEIGHT * len(lines))
    return el("g", *entries, class_="chart__legend"), row_top + row_height


def _sample(key: Key, x: float, y: float, width: float) -> Markup:
    style = key.style
    if isinstance(style, AreaStyle):
        return el("rect", x=x, y=y - 7, width=width, height=14, fill=style.fill, stroke=style.edge)
    stroke = line(style, f"M{num(x)} {num(y)} L{num(x + width)} {num(y)}")
    if style.marker is None or not key.markers:
        return stroke
    return Markup("").join([stroke, marker(style, x + width / 2, y)])
