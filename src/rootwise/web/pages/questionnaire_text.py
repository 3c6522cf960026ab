"""What a questionnaire score means, said plainly for the patient.

Each sentence gives the score on its own scale, its band in everyday words, and, after
baseline, whether the change since then is large enough to matter (the instrument's
MCID). Bands that sound harsh in a clinic ("crippling" on the ODI) are softened here;
the clinician's pages keep the instrument's own names.
"""

from __future__ import annotations

from rootwise.services.questionnaires import ScorePoint, ScoreSeries

_WHAT = {
    "nrs-leg": "Leg pain",
    "nrs-back": "Back pain",
    "peg": "Pain and how much it gets in the way",
    "odi": "How much pain limits daily life",
    "dn4": "Signs of nerve pain",
    "startback": "Risk of back pain lasting",
}

_BAND_WORDS = {
    "none": "no pain",
    "mild": "mild",
    "moderate": "moderate",
    "severe": "severe",
    "minimal": "a little",
    "crippling": "a great deal",
    "bed-bound": "almost everything",
    "positive": "likely nerve pain",
    "negative": "nerve pain less likely",
    "low": "low",
    "medium": "medium",
    "high": "high",
}

_SCALE = {"odi": "out of 100", "dn4": "of 7 signs", "startback": "out of 9"}


def score_meaning(series: ScoreSeries, point: ScorePoint) -> str:
    """One or two short sentences: the score, its band, and the change since baseline."""
    what = _WHAT.get(series.key, series.title)
    if point.score is None:
        return f"{what}: too many questions were skipped to give a score."
    scale = _SCALE.get(series.key, "out of 10")
    band = f" ({_BAND_WORDS.get(point.band or '', point.band)})" if point.band else ""
    sentence = f"{what}: {_number(point.score)} {scale}{band}."
    if point.change is None:
        return sentence
    if point.change == 0:
        return f"{sentence} This is the same as before surgery."
    direction = "lower" if point.change < 0 else "higher"
    amount = f"{_number(abs(point.change))} {_points(abs(point.change))} {direction}"
    if point.important and point.change < 0:
        return f"{sentence} That is {amount} than before surgery: a real improvement."
    if point.change < 0:
        return f"{sentence} That is {amount} than before surgery."
    return (
        f"{sentence} That is {amount} than before surgery. "
        "Your care team can see this and will talk it through with you."
    )


def _number(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _points(value: float) -> str:
    return "point" if value == 1 else "points"
