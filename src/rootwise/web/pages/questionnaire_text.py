"""What a questionnaire score means, said plainly for the patient.

Each sentence gives the score on its own scale, its band in everyday words, and, after
baseline, whether the change since then is large enough to matter (the instrument's
MCID). Bands that sound harsh in a clinic ("crippling" on the ODI) are softened here;
the clinician's pages keep the instrument's own names.
"""

from __future__ import annotations

from rootwise.services.questionnaires import ScorePoint, ScoreSeries
from rootwise.web.i18n import N_, ngettext, translate
from rootwise.web.i18n import gettext as _

_WHAT = {
    "nrs-leg": N_("Leg pain"),
    "nrs-back": N_("Back pain"),
    "peg": N_("Pain and how much it gets in the way"),
    "odi": N_("How much pain limits daily life"),
    "dn4": N_("Signs of nerve pain"),
    "startback": N_("Risk of back pain lasting"),
}

_BAND_WORDS = {
    "none": N_("no pain"),
    "mild": N_("mild"),
    "moderate": N_("moderate"),
    "severe": N_("severe"),
    "minimal": N_("a little"),
    "crippling": N_("a great deal"),
    "bed-bound": N_("almost everything"),
    "positive": N_("likely nerve pain"),
    "negative": N_("nerve pain less likely"),
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
}

_SCALE = {"odi": N_("out of 100"), "dn4": N_("of 7 signs"), "startback": N_("out of 9")}
_OUT_OF_10 = N_("out of 10")


def score_meaning(series: ScoreSeries, point: ScorePoint) -> str:
    """One or two short sentences: the score, its band, and the change since baseline, in
    the language of the page being built (`rootwise.web.i18n`)."""
    what = translate(_WHAT.get(series.key, series.title))
    if point.score is None:
        return _("{what}: too many questions were skipped to give a score.").format(what=what)
    scale = translate(_SCALE.get(series.key, _OUT_OF_10))
    score = _number(point.score)
    if point.band:
        band = translate(_BAND_WORDS.get(point.band, point.band))
        sentence = _("{what}: {score} {scale} ({band}).").format(
            what=what, score=score, scale=scale, band=band
        )
    else:
        sentence = _("{what}: {score} {scale}.").format(what=what, score=score, scale=scale)
    if point.change is None:
        return sentence
    if point.change == 0:
        return f"{sentence} {_('This is the same as before surgery.')}"
    size = abs(point.change)
    # Spanish and English alike: one point, 1.5 points.
    count = 1 if size == 1 else 2
    number = _number(size)
    if point.important and point.change < 0:
        change = ngettext(
            "That is {number} point lower than before surgery: a real improvement.",
            "That is {number} points lower than before surgery: a real improvement.",
            count,
        )
    elif point.change < 0:
        change = ngettext(
            "That is {number} point lower than before surgery.",
            "That is {number} points lower than before surgery.",
            count,
        )
    else:
        change = ngettext(
            "That is {number} point higher than before surgery.",
            "That is {number} points higher than before surgery.",
            count,
        )
        change += " " + _("Your care team can see this and will talk it through with you.")
    return f"{sentence} {change.format(number=number)}"


def _number(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
