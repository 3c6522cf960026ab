"""Fever, epidural abscess and the wound."""

from __future__ import annotations

from datetime import timedelta

from rootwise.clinical.model import Change, Level, WoundSign
from rootwise.clinical.rule import Fired, Situation, names, rule
from rootwise.clinical.rules.neurology import new_deficit

_IMPLANT_INFECTION_DAYS = 90


def _fever_onset_day(s: Situation) -> int:
    """The day after surgery on which this run of fever began (today if it is new).

    Each calendar day back from today with a reading at or above the threshold extends
    the run; a day without one ends it.
    """
    febrile_days = {
        c.local_date
        for c in s.history
        if c.temperature is not None and c.temperature.celsius >= s.thresholds.fever_c
    }
    start = s.checkin.local_date
    while start - timedelta(days=1) in febrile_days:
        start -= timedelta(days=1)
    return (start - s.patient.surgery.date).days


def _fever_detail(s: Situation) -> str:
    """Context for the clinician: when in the recovery the fever started matters."""
    day = _fever_onset_day(s)
    notes = [f"Fever since day {day} after surgery (today is day {s.day_after_surgery})."]
    if day <= 2:
        notes.append("Fever in the first 2 days after surgery is common and usually benign.")
    elif day >= 4:
        notes.append(
            "Fever starting on or after day 4 is far more often infection "
            "(13.2 % vs 0.9 % in one series)."
        )
    implant = s.patient.surgery.procedure.leaves_implant
    if implant and s.day_after_surgery <= _IMPLANT_INFECTION_DAYS:
        notes.append("Implant in place: deep infection can appear up to 90 days after surgery.")
    return " ".join(notes)


@rule(
    "infection.fever",
    Level.SAME_DAY,
    sources=("SEED", "NHSN"),
    fires_when="temperature at or above {fever_c} °C ({fever_f} °F), with or without chills",
    patient="A temperature of {fever_c} °C ({fever_f} °F) or more after surgery can be a "
    "sign of infection. Your surgical team needs to hear about it today.",
    clinician="Temperature at or above {fever_c} °C: possible surgical-site infection "
    "(1-4 % after spine surgery; more after fusion and with diabetes, obesity or smoking). "
    "Review the wound and inflammatory markers.",
)
def fever(s: Situation) -> Fired | None:
    temperature = s.checkin.temperature
    if temperature is None or temperature.celsius < s.thresholds.fever_c:
        return None
    return Fired(
        {
            "temperature_c": float(temperature.celsius),
            "temperature": {"value": temperature.value, "unit": temperature.unit.value},
            "chills": s.checkin.chills,
            "day_after_surgery": s.day_after_surgery,
        },
        _fever_detail(s),
    )


@rule(
    "infection.fever_with_new_deficit",
    Level.EMERGENCY,
    sources=("SEA",),
    fires_when="temperature at or above {deficit_fever_c} °C, or chills, together with new "
    "or worse weakness or numbness, saddle numbness, or a new bladder or bowel symptom",
    patient="A fever or chills together with new weakness or numbness needs to be checked "
    "in hospital straight away.",
    clinician="Fever with a new neurological deficit: consider spinal epidural abscess. The "
    "full triad (fever, back pain, deficit) is present in only a minority; do not wait for "
    "all three. Emergency MRI with contrast, blood cultures.",
)
def fever_with_new_deficit(s: Situation) -> Fired | None:
    c = s.checkin
    deficit = new_deficit(c)
    if not deficit or not _febrile(s):
        return None
    temperature_c = float(c.temperature.celsius) if c.temperature else None
    return Fired({"temperature_c": temperature_c, "chills": c.chills, **deficit})


@rule(
    "infection.fever_with_uncertain_weakness",
    Level.SAME_DAY,
    sources=("SEA", "SAFETY"),
    fires_when="temperature at or above {deficit_fever_c} °C, or chills, and weakness is unsure",
    patient="A fever or chills, and not being sure if a leg is weaker, needs a check by your "
    "surgical team today. If a leg gets weak quickly, call emergency services.",
    clinician="Fever or chills with an uncertain answer about new weakness: epidural abscess "
    "rarely shows every sign, so examine power the same day.",
)
def fever_with_uncertain_weakness(s: Situation) -> Fired | None:
    c = s.checkin
    if c.weakness is not Change.UNSURE or not _febrile(s):
        return None
    temperature_c = float(c.temperature.celsius) if c.temperature else None
    return Fired({"temperature_c": temperature_c, "chills": c.chills, "weakness": "unsure"})


@rule(
    "infection.chills_without_fever",
    Level.SOON,
    sources=("SEED", "NHSN"),
    fires_when="chills, with no temperature given or one below {fever_c} °C",
    patient="Chills can come with a fever. Take your temperature now and again in a few "
    "hours. If it is {fever_c} °C ({fever_f} °F) or more, call your surgical team today.",
    clinician="Chills without a recorded fever at or above {fever_c} °C: ask for a measured "
    "temperature and look at the wound.",
)
def chills_without_fever(s: Situation) -> Fired | None:
    c = s.checkin
    if c.chills is not True:
        return None
    if c.temperature is not None and c.temperature.celsius >= s.thresholds.fever_c:
        return None
    temperature_c = float(c.temperature.celsius) if c.temperature else None
    return Fired({"chills": True, "temperature_c": temperature_c})


@rule(
    "wound.pus_or_opening",
    Level.SAME_DAY,
    sources=("NHSN",),
    fires_when="wound has drainage_pus or opening",
    patient="Pus from your wound, or a wound that has opened, needs a check by your "
    "surgical team today. Cover it with a clean dry dressing until then.",
    clinician="Purulent drainage or dehiscence: meets surgical-site infection criteria "
    "(NHSN). Same-day wound review; consider cultures and imaging for deep infection.",
)
def pus_or_opening(s: Situation) -> Fired | None:
    signs = names(
        sign
        for sign in (WoundSign.DRAINAGE_PUS, WoundSign.OPENING)
        if s.checkin.has_wound_sign(sign)
    )
    return Fired({"wound": signs}) if signs else None


@rule(
    "wound.inflamed",
    Level.SOON,
    sources=("NHSN",),
    fires_when="wound has redness_spreading, warmth or swelling",
    patient="Redness that spreads, warmth or swelling around your wound can be an early "
    "sign of infection. Tell your care team in the next 1 to 3 days; a photo helps. If you "
    "get a fever or pus, call them today.",
    clinician="Spreading erythema, warmth or swelling at the incision: early SSI signs. "
    "Ask for a photo and review; with fever or pus the higher-level rules fire.",
)
def inflamed_wound(s: Situation) -> Fired | None:
    signs = names(
        sign
        for sign in (WoundSign.REDNESS_SPREADING, WoundSign.WARMTH, WoundSign.SWELLING)
        if s.checkin.has_wound_sign(sign)
    )
    return Fired({"wound": signs}) if signs else None


@rule(
    "wound.bleeding",
    Level.SOON,
    sources=("SAFETY",),
    fires_when="wound has bleeding",
    patient="Press on the wound with a clean pad for 10 minutes. Tell your care team in the "
    "next 1 to 3 days. If it keeps bleeding or soaks the dressing, call them today.",
    clinician="Bleeding from the incision reported: review; check anticoagulation and for a "
    "collection under the wound.",
)
def wound_bleeding(s: Situation) -> Fired | None:
    if not s.checkin.has_wound_sign(WoundSign.BLEEDING):
        return None
    return Fired({"wound": [WoundSign.BLEEDING.value]})


def _febrile(s: Situation) -> bool:
    """Any fever or chills, by the lower threshold used alongside neurological signs."""
    c = s.checkin
    return c.chills is True or (
        c.temperature is not None and c.temperature.celsius >= s.thresholds.deficit_fever_c
    )


RULES = (
    fever,
    fever_with_new_deficit,
    fever_with_uncertain_weakness,
    chills_without_fever,
    pus_or_opening,
    inflamed_wound,
    wound_bleeding,
)
