"""The questionnaires Rootwise scores, one module each, listed in one registry."""

from __future__ import annotations

from rootwise.clinical.instruments import dn4, nrs, odi, peg, startback
from rootwise.clinical.instruments.base import Answers, Instrument, Item, Mcid, Score

INSTRUMENTS: dict[str, Instrument] = {
    "nrs": nrs.INSTRUMENT,
    "peg": peg.INSTRUMENT,
    "dn4": dn4.INSTRUMENT,
    "odi": odi.INSTRUMENT,
    "startback": startback.INSTRUMENT,
}

__all__ = ["INSTRUMENTS", "Answers", "Instrument", "Item", "Mcid", "Score"]
