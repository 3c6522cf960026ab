"""Keele STarT Back Screening Tool: 9 items, `startback.1`-`startback.9`.

Items 1-8 are disagree (0) / agree (1). Item 9, bothersomeness, is 0-4 (not at all,
slightly, moderately, very much, extremely) and counts 1 point at 3 or 4. Total 0-9;
the psychosocial subscale is items 5-9 (item 9 as its point), 0-5. Total <= 3: low risk;
otherwise subscale >= 4: high risk, else medium (Hill JC et al. Arthritis Rheum
2008;59:632). Scored only when all 9 are answered. The tool was made for back pain in
primary care, not after surgery; every result says so. Free to use, with Keele's
copyright statement kept.
"""

from __future__ import annotations

from rootwise.clinical.instruments.base import Answers, Instrument, Item, Score, answered, numbered

NAME = "startback"
# The scoring is Keele's; the wording Rootwise ships is its own (a clinic may load the
# published wording), so the statement says whose tool it is without claiming the text.
COPYRIGHT = "STarT Back Screening Tool © Keele University 2007; scoring as published"
NOTE = (
    "Made for stratified care of back pain in primary care, not validated after spine "
    "surgery: read the risk group with care."
)
BOTHER = f"{NAME}.9"
ITEMS = (*numbered(NAME, 8, (0, 1)), Item(BOTHER, (0, 1, 2, 3, 4)))
SUBSCALE = tuple(f"{NAME}.{n}" for n in range(5, 10))
BOTHER_COUNTS_FROM = 3


def score(answers: Answers) -> Score:
    values, missing = answered(ITEMS, answers)
    points = dict(values)
    if BOTHER in points:
        points[BOTHER] = int(points[BOTHER] >= BOTHER_COUNTS_FROM)
    details: dict[str, object] = {"note": NOTE, "copyright": COPYRIGHT}
    if missing:
        return Score(NAME, None, None, complete=False, missing=missing, details=details)
    total = sum(points.values())
    subscale = sum(points[link_id] for link_id in SUBSCALE)
    if total <= 3:
        band = "low"
    elif subscale >= 4:
        band = "high"
    else:
        band = "medium"
    details["psychosocial_subscale"] = subscale
    return Score(NAME, total, band, complete=True, details=details)


INSTRUMENT = Instrument(
    name=NAME,
    title="Keele STarT Back Screening Tool",
    items=ITEMS,
    score=score,
    mcid=None,
    source="Hill JC et al. Arthritis Rheum 2008;59:632",
)
