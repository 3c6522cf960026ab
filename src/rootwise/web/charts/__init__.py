"""Charts people would rather look at than read: inline SVG drawn on the server, each with
a caption and the same numbers as a table (render with `templates/_chart.html`).

Inputs are plain frozen dataclasses defined here, so the charts need nothing from the
store or the services; the SVG uses presentation attributes only (no `style`, no script,
no external reference), as the pages' Content Security Policy requires. Their words and
dates are in the language of the page being built (`rootwise.web.i18n`), English outside
a page; the caller gives the title and labels in that language.
"""

from rootwise.web.charts.band import BandKnot
from rootwise.web.charts.chart import Chart, ChartTable
from rootwise.web.charts.pain import pain_chart
from rootwise.web.charts.readings import PainPoint
from rootwise.web.charts.scores import ScorePoint, score_chart

__all__ = [
    "BandKnot",
    "Chart",
    "ChartTable",
    "PainPoint",
    "ScorePoint",
    "pain_chart",
    "score_chart",
]
