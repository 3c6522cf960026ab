"""Venous thromboembolism: pulmonary embolism and deep vein thrombosis."""

from __future__ import annotations

from rootwise.clinical.model import Level
from rootwise.clinical.rule import Fired, Situation, rule


@rule(
    "vte.chest_pain_or_breathless",
    Level.EMERGENCY,
    sources=("VTE",),
    fires_when="chest_pain_or_breathless is true",
    patient="Chest pain or trouble breathing after surgery can mean a blood clot in the "
    "lungs. Get help straight away.",
    clinician="Chest pain or breathlessness after spine surgery: exclude pulmonary embolism "
    "(VTE about 1-2 % after spine surgery, higher after fusion).",
)
def chest_pain_or_breathless(s: Situation) -> Fired | None:
    if s.checkin.chest_pain_or_breathless is not True:
        return None
    return Fired({"chest_pain_or_breathless": True})


@rule(
    "vte.calf",
    Level.SAME_DAY,
    sources=("VTE",),
    fires_when="calf_pain_or_swelling is true",
    patient="Pain or swelling in your calf can be a blood clot in the leg. Your surgical "
    "team needs to hear about it today. If you also get chest pain or feel short of "
    "breath, call emergency services.",
    clinician="Calf pain or swelling: assess for deep vein thrombosis the same day "
    "(Wells score, duplex ultrasound).",
)
def calf_pain_or_swelling(s: Situation) -> Fired | None:
    if s.checkin.calf_pain_or_swelling is not True:
        return None
    return Fired({"calf_pain_or_swelling": True})


RULES = (chest_pain_or_breathless, calf_pain_or_swelling)
