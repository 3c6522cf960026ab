"""Home treatments used where they should not be."""

from __future__ import annotations

from rootwise.clinical.model import Condition, Level, ModalityKind
from rootwise.clinical.rule import Fired, Situation, names, rule

_IMPLANTED_DEVICES = frozenset({Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR})


def _used_tens(s: Situation) -> bool:
    return any(m.kind is ModalityKind.TENS for m in s.checkin.modalities or ())


@rule(
    "modality.tens_with_implanted_device",
    Level.SOON,
    sources=("TENS",),
    fires_when="a TENS session is logged and the patient has a pacemaker or implanted stimulator",
    patient="Please stop using your TENS machine for now. It can upset a pacemaker or an "
    "implanted stimulator. Tell your care team in the next 1 to 3 days.",
    clinician="TENS used with an implanted electrical device: contraindicated by device "
    "labelling; advise stopping and check device function if symptomatic.",
)
def tens_with_implanted_device(s: Situation) -> Fired | None:
    devices = s.patient.conditions & _IMPLANTED_DEVICES
    if not devices or not _used_tens(s):
        return None
    return Fired({"modality": ModalityKind.TENS.value, "conditions": names(devices)})


@rule(
    "modality.tens_in_pregnancy",
    Level.SOON,
    sources=("TENS",),
    fires_when="a TENS session is logged and the patient is pregnant",
    patient="Please do not use TENS on your back or belly while you are pregnant. Tell your "
    "care team in the next 1 to 3 days.",
    clinician="TENS used in pregnancy: labelling advises against use over the trunk; check "
    "where the pads were placed.",
)
def tens_in_pregnancy(s: Situation) -> Fired | None:
    if Condition.PREGNANT not in s.patient.conditions or not _used_tens(s):
        return None
    return Fired({"modality": ModalityKind.TENS.value, "conditions": [Condition.PREGNANT.value]})


RULES = (tens_with_implanted_device, tens_in_pregnancy)
