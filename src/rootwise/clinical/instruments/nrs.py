"""Numeric rating scale for pain: one item, `nrs.1`, 0 (no pain) to 10 (worst imaginable).

The score is the answer. Bands (a common convention, not a validated cut-off): none 0,
mild 1-3, moderate 4-6, severe 7-10. A change of at least 2 points or 30 % is clinically
important (IMMPACT consensus, Dworkin et al. 2008; Farrar et al. 2001). After lumbar
surgery leg-pain MCIDs of 1.6 (Copay 2008) to 3.2 (Swespine) are reported, so callers
may pass their clinic's own `Mcid`; the default is 2 points.
"""

from __future__ import annotations

from rootwise.clinical.instruments.base import Answers, Instrument, Item, Mcid, Score, answered

NAME = "nrs"
ITEMS = (Item("nrs.1", tuple(range(11))),)
MCID = Mcid(points=2)
BANDS = ((0, "none"), (3, "mild"), (6, "moderate"), (10, "severe"))  # (highest score, band)


def band(value: int) -> str:
    return next(name for highest, name in BANDS if value <= highest)


def score(answers: Answers) -> Score:
    values, missing = answered(ITEMS, answers)
    if missing:
        return Score(NAME, None, None, complete=False, missing=missing)
    value = values["nrs.1"]
    return Score(NAME, value, band(value), complete=True)


def meaningful_change(baseline: Score, followup: Score, mcid: Mcid = MCID) -> bool | None:
    """True when pain fell by at least the MCID; None when either score is missing."""
    return mcid.reached(baseline, followup)


INSTRUMENT = Instrument(
    name=NAME,
    title="Pain numeric rating scale (0-10)",
    items=ITEMS,
    score=score,
    mcid=MCID,
    source="Farrar JT et al. Pain 2001;94:149; Dworkin RH et al. J Pain 2008;9:105",
)
