"""PEG-3: average pain, interference with enjoyment of life, with general activity (past week).

Items `peg.1`-`peg.3`, each 0-10. The score is their mean, rounded to one decimal (halves
up). It is given only when all three are answered: a mean of two items would not be the
PEG. There are no validated severity bands, so `band` is None. The minimal important
difference is about 1 point (0.6-1.75 across methods) or 30 % (Krebs EE et al. J Gen
Intern Med 2009;24:733). Free to use.
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

NAME = "peg"
ITEMS = numbered(NAME, 3, tuple(range(11)))
MCID = Mcid(points=1)


def score(answers: Answers) -> Score:
    values, missing = answered(ITEMS, answers)
    if missing:
        return Score(NAME, None, None, complete=False, missing=missing)
    mean = round_half_up(Fraction(sum(values.values()), len(ITEMS)), 1)
    return Score(NAME, float(mean), None, complete=True)


def meaningful_change(baseline: Score, followup: Score, mcid: Mcid = MCID) -> bool | None:
    """True when the PEG fell by at least the MID; None when either score is missing."""
    return mcid.reached(baseline, followup)


INSTRUMENT = Instrument(
    name=NAME,
    title="PEG-3 (pain, enjoyment of life, general activity)",
    items=ITEMS,
    score=score,
    mcid=MCID,
    source="Krebs EE et al. J Gen Intern Med 2009;24:733",
)
