"""Home treatments used where they should not be: TENS with an implant or in pregnancy.

README section 2: TENS used with a pacemaker or implanted stimulator is soon; section 5
adds that TENS is not for use over the trunk in pregnancy.
"""

from __future__ import annotations

import pytest

from rootwise.clinical.model import Condition, Level, ModalityKind
from tests.unit.clinical.builders import (
    Case,
    RuleSpec,
    assessed,
    case,
    checkin,
    finding,
    patient,
    used,
)

SOON, ROUTINE = Level.SOON, Level.ROUTINE
PACEMAKER = patient(conditions=frozenset({Condition.PACEMAKER}))
STIMULATOR = patient(conditions=frozenset({Condition.IMPLANTED_STIMULATOR}))
PREGNANT = patient(conditions=frozenset({Condition.PREGNANT}))

TENS_WITH_DEVICE = RuleSpec(
    "modality.tens_with_implanted_device",
    fires=[
        case(
            "TENS with a pacemaker is soon", SOON, modalities=used(ModalityKind.TENS), who=PACEMAKER
        ),
        case(
            "TENS with an implanted stimulator is soon",
            SOON,
            modalities=used(ModalityKind.TENS),
            who=STIMULATOR,
        ),
        case(
            "TENS logged among ice and heat with a pacemaker is soon",
            SOON,
            modalities=used(ModalityKind.ICE, ModalityKind.TENS, ModalityKind.HEAT),
            who=PACEMAKER,
        ),
    ],
    misses=[
        case(
            "TENS without an implanted device is all clear",
            ROUTINE,
            modalities=used(ModalityKind.TENS),
        ),
        case(
            "ice and heat with a pacemaker are all clear",
            ROUTINE,
            modalities=used(ModalityKind.ICE, ModalityKind.HEAT),
            who=PACEMAKER,
        ),
        case(
            "no treatments logged with a pacemaker is all clear",
            ROUTINE,
            modalities=None,
            who=PACEMAKER,
        ),
    ],
)

TENS_IN_PREGNANCY = RuleSpec(
    "modality.tens_in_pregnancy",
    fires=[
        case("TENS in pregnancy is soon", SOON, modalities=used(ModalityKind.TENS), who=PREGNANT),
    ],
    misses=[
        case(
            "heat in pregnancy is not TENS",
            ROUTINE,
            modalities=used(ModalityKind.HEAT),
            who=PREGNANT,
        ),
        case("TENS when not pregnant is all clear", ROUTINE, modalities=used(ModalityKind.TENS)),
    ],
)

SPECS = (TENS_WITH_DEVICE, TENS_IN_PREGNANCY)


@pytest.mark.parametrize("c", TENS_WITH_DEVICE.fires)
def test_tens_with_a_pacemaker_or_implanted_stimulator_is_soon(c: Case) -> None:
    TENS_WITH_DEVICE.assert_fires(c)


@pytest.mark.parametrize("c", TENS_WITH_DEVICE.misses)
def test_tens_without_a_device_or_a_device_without_tens_does_not_fire(c: Case) -> None:
    TENS_WITH_DEVICE.assert_misses(c)


@pytest.mark.parametrize("c", TENS_IN_PREGNANCY.fires)
def test_tens_in_pregnancy_is_soon(c: Case) -> None:
    TENS_IN_PREGNANCY.assert_fires(c)


@pytest.mark.parametrize("c", TENS_IN_PREGNANCY.misses)
def test_other_treatments_in_pregnancy_or_tens_outside_it_do_not_fire(c: Case) -> None:
    TENS_IN_PREGNANCY.assert_misses(c)


def test_tens_evidence_names_every_implanted_device() -> None:
    both = patient(conditions=frozenset({Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR}))
    a = assessed(checkin(modalities=used(ModalityKind.TENS)), who=both)
    f = finding(a, "modality.tens_with_implanted_device")
    assert f is not None
    assert dict(f.evidence) == {
        "modality": "tens",
        "conditions": ["implanted_stimulator", "pacemaker"],
    }


def test_the_tens_advice_tells_the_patient_to_stop_using_it() -> None:
    a = assessed(checkin(modalities=used(ModalityKind.TENS)), who=PACEMAKER)
    f = finding(a, "modality.tens_with_implanted_device")
    assert f is not None
    assert f.patient_advice.startswith("Please stop using your TENS machine")
