"""A patient's recovery as charts: pain against the expected band, and each
questionnaire's scores with its important-improvement mark.

Called while a page is built, so every word is in the page's language (`i18n`): the care
team's pages are in English, a patient's in their own.
"""

from __future__ import annotations

from rootwise.services.questionnaires import ScoreSeries
from rootwise.services.recovery import RecoveryView
from rootwise.web import i18n
from rootwise.web.catalogue import CHART_LABEL_CONTEXT
from rootwise.web.charts import BandKnot, Chart, PainPoint, ScorePoint, pain_chart, score_chart
from rootwise.web.i18n import N_

_SCALE_NAMES = {
    "odi": N_("Score (0-100)"),
    "dn4": N_("Signs (0-7)"),
    "startback": N_("Score (0-9)"),
}
_OUT_OF_10 = N_("Score (0-10)")
PAIN_TITLE = N_("Leg and back pain since surgery")


def recovery_charts(view: RecoveryView) -> tuple[Chart, ...]:
    """The pain chart first, then one chart per questionnaire answered at least once."""
    return (pain_over_time(view), *(scores_over_time(s) for s in view.scores if s.points))


def pain_over_time(view: RecoveryView) -> Chart:
    return pain_chart(
        [PainPoint(d.day, d.leg, d.back) for d in view.daily],
        [BandKnot(p.week, p.low, p.median, p.high) for p in view.band.points],
        surgery_date=view.surgery_date,
        today=view.today,
        title=i18n.gettext(PAIN_TITLE),
        chart_id="pain-chart",
    )


def scores_over_time(series: ScoreSeries) -> Chart:
    baseline = series.baseline
    scored = [p for p in series.points if p.score is not None]
    return score_chart(
        [
            ScorePoint(
                p.authored_on, i18n.pgettext(CHART_LABEL_CONTEXT, p.label), p.score, p.important
            )
            for p in scored
            if p.score is not None
        ],
        title=i18n.translate(series.title),
        y_max=series.maximum,
        y_label=i18n.gettext(_SCALE_NAMES.get(series.key, _OUT_OF_10)),
        baseline=None if baseline is None else baseline.score,
        mcid_points=None if series.mcid is None else series.mcid.points,
        chart_id=f"scores-{series.key}",
    )
