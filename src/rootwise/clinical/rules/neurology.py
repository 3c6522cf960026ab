"""New weakness and numbness in the legs."""

from __future__ import annotations

from rootwise.clinical.model import Answer, CheckIn, Level, Onset, Side
from rootwise.clinical.rule import Evidence, Fired, Situation, rule


def _weakness_evidence(c: CheckIn) -> Evidence:
    return {
        "weakness": c.weakness.value if c.weakness else None,
        "weakness_onset": c.weakness_onset.value if c.weakness_onset else None,
        "weakness_side": c.weakness_side.value if c.weakness_side else None,
    }


@rule(
    "weakness.sudden",
    Level.EMERGENCY,
    sources=("SEED", "HEMATOMA"),
    fires_when="weakness is new or worse and weakness_onset is sudden (within hours)",
    patient="A leg that has become weak within hours needs to be checked in hospital "
    "straight away. Something may be pressing on a nerve.",
    clinician="New or worse leg weakness of sudden onset: exclude a compressive lesion, such "
    "as epidural haematoma (symptomatic in about 0.1-0.2 % after lumbar surgery) or "
    "recurrent herniation. Urgent examination and imaging.",
)
def sudden_weakness(s: Situation) -> Fired | None:
    c = s.checkin
    if not c.weakness_is_new_or_worse or c.weakness_onset is not Onset.SUDDEN:
        return None
    return Fired(_weakness_evidence(c))


@rule(
    "weakness.both_legs",
    Level.EMERGENCY,
    sources=("GIRFT-CES",),
    fires_when="weakness is new or worse and weakness_side is both",
    patient="New weakness in both legs needs to be checked in hospital straight away.",
    clinician="New or worse weakness in both legs: bilateral root or cauda equina "
    "involvement until proven otherwise; emergency examination and MRI.",
)
def weakness_both_legs(s: Situation) -> Fired | None:
    c = s.checkin
    if not c.weakness_is_new_or_worse or c.weakness_side is not Side.BOTH:
        return None
    return Fired(_weakness_evidence(c))


@rule(
    "weakness.gradual_or_unknown_onset",
    Level.SAME_DAY,
    sources=("SEED",),
    fires_when="weakness is new or worse and weakness_onset is gradual, unsure or not answered",
    patient="New or worse weakness in your leg needs a check by your surgical team today.",
    clinician="New or worse leg weakness, onset gradual or unknown: examine the same day "
    "(power by myotome, reflexes, sensation). Unknown onset is graded as gradual unless "
    "other findings point to a sudden or compressive cause; those rules fire on their own.",
)
def gradual_weakness(s: Situation) -> Fired | None:
    c = s.checkin
    if not c.weakness_is_new_or_worse or c.weakness_onset is Onset.SUDDEN:
        return None
    return Fired(_weakness_evidence(c))


@rule(
    "numbness.new_or_worse",
    Level.SOON,
    sources=("SEED",),
    fires_when="numbness is new or worse",
    patient="New or worse numbness in your leg is worth telling your care team about in "
    "the next 1 to 3 days. It is often from swelling around the nerve. Numbness around your "
    "bottom or groin is different: if you have that, call emergency services now.",
    clinician="New or worse leg numbness: often swelling or scar around the root; examine "
    "at the next contact. Saddle numbness and weakness are graded by their own rules.",
)
def new_numbness(s: Situation) -> Fired | None:
    value = s.checkin.numbness
    if value is None or not value.is_new_or_worse:
        return None
    return Fired({"numbness": value.value})


def new_deficit(c: CheckIn) -> Evidence:
    """The new neurological signs in a check-in, as evidence; empty when there are none."""
    deficit: Evidence = {}
    if c.weakness is not None and c.weakness.is_new_or_worse:
        deficit["weakness"] = c.weakness.value
    if c.numbness is not None and c.numbness.is_new_or_worse:
        deficit["numbness"] = c.numbness.value
    if c.saddle_numbness is Answer.YES:
        deficit["saddle_numbness"] = c.saddle_numbness.value
    if c.bladder is not None and c.bladder.is_new_symptom:
        deficit["bladder"] = c.bladder.value
    if c.bowel is not None and c.bowel.is_new_symptom:
        deficit["bowel"] = c.bowel.value
    return deficit


RULES = (sudden_weakness, weakness_both_legs, gradual_weakness, new_numbness)
