"""What a chart function returns, and the `<svg>` element that wraps every chart."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from markupsafe import Markup

from rootwise.web.charts import layout
from rootwise.web.charts.svg import el, num

_ID = re.compile(r"[a-z][a-z0-9-]*\Z")


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The numbers behind a chart, for people who cannot see it or would rather read them.
    Every cell is plain text (the template escapes it); the first cell of a row names it."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart ready for `_chart.html`: inline SVG, one sentence on what it shows, the same
    data as a table. `id` is unique to the chart's content and prefixes every id it uses."""

    id: str
    title: str
    svg: Markup
    caption: str
    table: ChartTable


def document(
    *, title: str, desc: str, height: float, body: list[Markup], chart_id: str | None
) -> tuple[str, Markup]:
    """The chart's id and its `<svg>`: scaled to its container, named by its title and
    described by `desc` for assistive technology, with `body` drawn inside."""
    drawing = Markup("").join(body)
    if chart_id is None:
        # Derived from what is drawn, so two different charts on a page never share ids
        # and the same chart keeps its id from one request to the next.
        digest = hashlib.blake2b(f"{title}\n{desc}\n{drawing}".encode(), digest_size=5)
        chart_id = f"chart-{digest.hexdigest()}"
    elif not _ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r} must be lower-case letters, digits and -")
    svg = el(
        "svg",
        el("title", title, id=f"{chart_id}-title"),
        el("desc", desc, id=f"{chart_id}-desc"),
        drawing,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {layout.WIDTH} {num(height)}",
        width="100%",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        class_="chart__svg",
        font_family="system-ui, sans-serif",
        font_size=layout.FONT,
        fill=layout.INK,
    )
    return chart_id, svg
