"""Leak of spinal fluid after a tear in the dura."""

from __future__ import annotations

from rootwise.clinical.model import Level, WoundSign
from rootwise.clinical.rule import Fired, Situation, rule

_CLINICIAN = (
    "Possible CSF leak after dural tear (incidental durotomy in about 3-10 % of lumbar "
    "operations): same-day review; consider MRI for a pseudomeningocele."
)


def _durotomy_detail(s: Situation) -> str:
    if s.patient.surgery.durotomy:
        return "A dural tear was recorded at the operation."
    return ""


@rule(
    "csf_leak.positional_headache",
    Level.SAME_DAY,
    sources=("DUROTOMY",),
    fires_when="headache_when_upright is true",
    patient="A headache that comes on when you sit or stand and eases when you lie down "
    "can mean a leak of spinal fluid. Lie flat, drink fluids, and call your surgical team "
    "today.",
    clinician=f"Orthostatic headache. {_CLINICIAN}",
)
def positional_headache(s: Situation) -> Fired | None:
    if s.checkin.headache_when_upright is not True:
        return None
    return Fired({"headache_when_upright": True}, _durotomy_detail(s))


@rule(
    "csf_leak.clear_drainage",
    Level.SAME_DAY,
    sources=("DUROTOMY",),
    fires_when="wound has drainage_clear",
    patient="Clear, watery fluid from your wound can be spinal fluid. Cover it with a clean "
    "dry dressing and call your surgical team today.",
    clinician=f"Clear fluid from the wound. {_CLINICIAN}",
)
def clear_drainage(s: Situation) -> Fired | None:
    if not s.checkin.has_wound_sign(WoundSign.DRAINAGE_CLEAR):
        return None
    return Fired({"wound": [WoundSign.DRAINAGE_CLEAR.value]}, _durotomy_detail(s))


RULES = (positional_headache, clear_drainage)
