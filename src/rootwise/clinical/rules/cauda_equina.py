"""Cauda equina syndrome: bladder, bowel and saddle symptoms are emergencies."""

from __future__ import annotations

from rootwise.clinical.model import Answer, Level
from rootwise.clinical.rule import Fired, Situation, rule

_SOURCES = ("SEED", "GIRFT-CES", "AHN2000")
_PATIENT_TAIL = "This needs to be checked in hospital straight away."


@rule(
    "cauda_equina.bladder",
    Level.EMERGENCY,
    sources=_SOURCES,
    fires_when="bladder is new_retention, new_incontinence or new_reduced_sensation",
    patient="Not being able to pee, leaking pee without meaning to, or not feeling pee "
    "pass can mean the nerves at the base of your spine are being pressed. "
    f"{_PATIENT_TAIL}",
    clinician="New bladder symptom after lumbar surgery: suspected cauda equina syndrome. "
    "Needs emergency MRI and surgical review; outcome depends on decompression within hours "
    "to about 48 h. Retention is common in hospital after surgery (5.6-27 %), but a patient "
    "at home who cannot pass urine is an emergency.",
)
def bladder(s: Situation) -> Fired | None:
    value = s.checkin.bladder
    if value is None or not value.is_new_symptom:
        return None
    return Fired({"bladder": value.value})


@rule(
    "cauda_equina.bowel",
    Level.EMERGENCY,
    sources=("SEED", "GIRFT-CES"),
    fires_when="bowel is new_incontinence or new_reduced_sensation",
    patient="New loss of control or feeling when you open your bowels can mean the nerves "
    f"at the base of your spine are being pressed. {_PATIENT_TAIL}",
    clinician="New faecal incontinence or loss of rectal sensation: suspected cauda equina "
    "syndrome; emergency MRI and surgical review. Constipation alone on opioids is not a "
    "cauda equina sign.",
)
def bowel(s: Situation) -> Fired | None:
    value = s.checkin.bowel
    if value is None or not value.is_new_symptom:
        return None
    return Fired({"bowel": value.value})


@rule(
    "cauda_equina.saddle_numbness",
    Level.EMERGENCY,
    sources=_SOURCES,
    fires_when="saddle_numbness is yes",
    patient="Numbness around your bottom, groin or inner thighs can mean the nerves at the "
    f"base of your spine are being pressed. {_PATIENT_TAIL}",
    clinician="Saddle anaesthesia reported (perineum, buttocks, inner thighs): suspected "
    "cauda equina syndrome; emergency MRI and surgical review.",
)
def saddle_numbness(s: Situation) -> Fired | None:
    if s.checkin.saddle_numbness is not Answer.YES:
        return None
    return Fired({"saddle_numbness": Answer.YES.value})


RULES = (bladder, bowel, saddle_numbness)
