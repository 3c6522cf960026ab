"""Oswestry Disability Index v2.1a: 10 sections, `odi.1`-`odi.10`, each 0-5.

Score = sum / (5 x sections answered) x 100, rounded to the nearest whole number (halves
up). At most one section may be missing; with two or more, `score` is None (Fairbank JCT
& Pynsent PB. Spine 2000;25:2940). Bands: 0-20 minimal, 21-40 moderate, 41-60 severe,
61-80 crippling, 81-100 bed-bound. MCID 10 points (consensus; Copay 2008 reports 12.8)
or 30 %. Item text is licensed (Mapi Research Trust) and is not shipped: only the link
ids and the scoring.
"""

from __future__ import annotations

from fractions import Fraction

from rootwise.clinical.instruments.base import (
    Answers,
    Instrument,
    Mcid,
    Score,
    answered,
    numbered,
    round_half_up,
)

NAME = "odi"
ITEMS = numbered(NAME, 10, tuple(range(6)))
MCID = Mcid(points=10)
MOST_MISSING = 1
BANDS = ((20, "minimal"), (40, "moderate"), (60, "severe"), (80, "crippling"), (100, "bed-bound"))


def band(value: int) -> str:
    return next(name for highest, name in BANDS if value <= highest)


def score(answers: Answers) -> Score:
    values, missing = answered(ITEMS, answers)
    if len(missing) > MOST_MISSING:
        return Score(NAME, None, None, complete=False, missing=missing)
    percent = round_half_up(Fraction(sum(values.values()) * 100, 5 * len(values)))
    value = int(percent)
    return Score(NAME, value, band(value), complete=True, missing=missing)


def meaningful_change(baseline: Score, followup: Score, mcid: Mcid = MCID) -> bool | None:
    """True when the ODI fell by at least the MCID; None when either score is missing."""
    return mcid.reached(baseline, followup)


INSTRUMENT = Instrument(
    name=NAME,
    title="Oswestry Disability Index v2.1a",
    items=ITEMS,
    score=score,
    mcid=MCID,
    source="Fairbank JCT, Pynsent PB. Spine 2000;25:2940",
)
