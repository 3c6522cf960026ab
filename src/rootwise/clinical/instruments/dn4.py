"""DN4-interview: 7 yes/no items, `dn4.1`-`dn4.7`, one point for each yes.

A total of 3 or more out of 7 suggests neuropathic pain (band "positive"), below 3 it does
not ("negative") (Bouhassira D et al. Pain 2005;114:29; the full DN4 adds 3 examination
items and uses >= 4/10). Item text is licensed (Mapi Research Trust) and is not shipped:
only the link ids and the scoring.

Rule for missing items, chosen here: with any item missing, `score` is None, `complete`
is false and `details["partial_count"]` holds the yes answers so far, so that nobody
mistakes a partial count for a total. The band is still "positive" once 3 answers are
yes, since missing items can only add to the count; a "negative" needs every item.
"""

from __future__ import annotations

from rootwise.clinical.instruments.base import Answers, Instrument, Score, answered, numbered

NAME = "dn4"
ITEMS = numbered(NAME, 7, (0, 1), yes_no=True)
POSITIVE_FROM = 3


def score(answers: Answers) -> Score:
    values, missing = answered(ITEMS, answers)
    count = sum(values.values())
    if missing:
        details: dict[str, object] = {"partial_count": count, "answered": len(values)}
        already = "positive" if count >= POSITIVE_FROM else None
        return Score(NAME, None, already, complete=False, missing=missing, details=details)
    band = "positive" if count >= POSITIVE_FROM else "negative"
    return Score(NAME, count, band, complete=True, details={"positive_from": POSITIVE_FROM})


INSTRUMENT = Instrument(
    name=NAME,
    title="DN4-interview (neuropathic pain screen)",
    items=ITEMS,
    score=score,
    mcid=None,
    source="Bouhassira D et al. Pain 2005;114:29",
)
