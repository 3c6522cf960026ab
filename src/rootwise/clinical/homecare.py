"""Home care (README section 5): ice, heat and TENS, each with when it suits and why.

`home_care(context)` says, for each of ice, heat and TENS, whether it suits the patient
now and why (or why not), how to use it, when in recovery it is for, what to watch for,
and, for the clinician, the basis, the facts used and the evidence caveat. Triage is not
done here: TENS logged with an implanted device is graded by `rules/modalities.py`.

`None` means not known, never "no". A wound not known to have healed is treated as
healing until `WOUND_HEALING_DAYS`; numbness not asked about keeps the general
numb-skin caution, and numbness reported adds a plain, personal one.

Every patient text is a whole sentence written out here, with no value filled in, so a
page in another language finds each one in its catalogue as it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rootwise.clinical.model import (
    Change,
    CheckIn,
    Condition,
    ModalityKind,
    PainQuality,
    Procedure,
    WoundSign,
)

# Ice is the main home treatment for the first days after surgery, when swelling is at
# its worst (it peaks over the first 2-3 days); afterwards it is for flare-ups [SEED].
ICE_FIRST_DAYS: Final = 3
# Heat is not for a fresh wound [SEED], and TENS pads never go over the incision [TENS].
# Skin edges close and stitches or clips come out at about 10-14 days, so without word
# from the team a wound counts as healing until day 14 (README section 6: 0-6 weeks is
# wound care). A wound reported as draining, bleeding or open counts as healing whatever
# the day.
WOUND_HEALING_DAYS: Final = 14

_DEVICES: Final = (Condition.PACEMAKER, Condition.IMPLANTED_STIMULATOR)
# Why not TENS, and when, for each implanted device or both.
_DEVICE_WORDS: Final = {
    (Condition.PACEMAKER,): (
        "Do not use a TENS machine. You have a pacemaker, and the current from a TENS "
        "machine can upset it.",
        "Not while you have a pacemaker.",
    ),
    (Condition.IMPLANTED_STIMULATOR,): (
        "Do not use a TENS machine. You have an implanted stimulator, and the current from "
        "a TENS machine can upset it.",
        "Not while you have an implanted stimulator.",
    ),
    _DEVICES: (
        "Do not use a TENS machine. You have a pacemaker and an implanted stimulator, and "
        "the current from a TENS machine can upset it.",
        "Not while you have these devices.",
    ),
}
# The numb-skin cautions of ice and heat: in general, and for numbness reported.
_NUMB_SKIN: Final = {
    ModalityKind.ICE: (
        "Do not use ice on skin that feels numb. You might not feel it if it starts to hurt "
        "your skin.",
        "You told us part of your leg or foot feels numb. Keep ice away from that part.",
    ),
    ModalityKind.HEAT: (
        "Do not use heat on skin that feels numb. You might not feel it if it starts to hurt "
        "your skin.",
        "You told us part of your leg or foot feels numb. Keep heat away from that part.",
    ),
}
# Wound signs that say the wound has not closed yet.
_OPEN_WOUND: Final = frozenset(
    {WoundSign.OPENING, WoundSign.DRAINAGE_PUS, WoundSign.DRAINAGE_CLEAR, WoundSign.BLEEDING}
)
# Answers that mean some leg or foot numbness is there ("unchanged" may be unchanged
# numbness; read as numb, the safe side, it only adds a caution).
_NUMB: Final = frozenset({Change.NEW, Change.WORSE, Change.UNCHANGED, Change.BETTER})


@dataclass(frozen=True, slots=True)
class HomeCareContext:
    """What home care advice depends on. `None` means not known."""

    day_after_surgery: int
    procedure: Procedure
    conditions: frozenset[Condition] = frozenset()
    recent_numbness: bool | None = None  # numb skin reported in recent check-ins
    wound_healed: bool | None = None  # True only when the team says so

    def __post_init__(self) -> None:
        if self.day_after_surgery < 0:
            raise ValueError("day_after_surgery must not be negative")


@dataclass(frozen=True, slots=True)
class HomeCareAdvice:
    """One home treatment. Every text but `clinician_note` is for the patient."""

    kind: ModalityKind
    suitable_now: bool
    reason: str  # why it suits now, or why not
    how: tuple[str, ...]  # steps
    when: str  # where in recovery it belongs
    cautions: tuple[str, ...]
    clinician_note: str
    sources: tuple[str, ...]


def home_care(context: HomeCareContext) -> tuple[HomeCareAdvice, ...]:
    """Ice, heat and TENS, in that order, as they apply to this patient today."""
    return (_ice(context), _heat(context), _tens(context))


def home_care_context(
    *,
    day_after_surgery: int,
    procedure: Procedure,
    conditions: frozenset[Condition],
    recent: Iterable[CheckIn],
    wound_healed: bool | None = None,
) -> HomeCareContext:
    """The context from recent check-ins: numbness and any sign of an open wound.

    Numbness is reported when any recent check-in has leg or foot numbness (or numbness
    among the pain's qualities); not reported when they were asked and said none; unknown
    otherwise. Check-ins cannot show that a wound has healed, only that it has not.
    """
    numb: bool | None = None
    for c in recent:
        if c.numbness in _NUMB or PainQuality.NUMBNESS in (c.pain_qualities or ()):
            numb = True
        elif c.numbness is Change.NONE and numb is None:
            numb = False
        if (c.wound or frozenset()) & _OPEN_WOUND:
            wound_healed = False
    return HomeCareContext(
        day_after_surgery=day_after_surgery,
        procedure=procedure,
        conditions=conditions,
        recent_numbness=numb,
        wound_healed=wound_healed,
    )


def wound_still_healing(c: HomeCareContext) -> bool:
    """Healing unless the team says it has healed, or it is day 14 with no sign otherwise."""
    if c.wound_healed is not None:
        return not c.wound_healed
    return c.day_after_surgery < WOUND_HEALING_DAYS


def _numb_skin(c: HomeCareContext, treatment: ModalityKind) -> tuple[str, ...]:
    general, reported = _NUMB_SKIN[treatment]
    return (general, reported) if c.recent_numbness else (general,)


def _facts(c: HomeCareContext) -> str:
    numbness = {True: "reported", False: "none reported", None: "not answered"}
    healed = {True: "healed (team)", False: "not healed", None: "not confirmed"}
    return (
        f"Day {c.day_after_surgery} after {c.procedure.value.replace('_', ' ')}; recent "
        f"numbness {numbness[c.recent_numbness]}; wound {healed[c.wound_healed]}."
    )


def _ice(c: HomeCareContext) -> HomeCareAdvice:
    early = c.day_after_surgery < ICE_FIRST_DAYS
    how = [
        "Wrap an ice pack or a bag of frozen peas in a thin, dry cloth.",
        "Hold it on the sore spot for 15 to 20 minutes, then take it off.",
        "Keep the cloth between the ice and your skin the whole time.",
        "You can do this again every 2 to 3 hours.",
    ]
    if wound_still_healing(c):
        how.insert(1, "Put the ice pack in a plastic bag too, so your dressing stays dry.")
    return HomeCareAdvice(
        kind=ModalityKind.ICE,
        suitable_now=True,
        reason=(
            "Ice helps most in the first few days after surgery. It can ease pain and swelling."
            if early
            else "Ice is good for flare-ups, when your pain suddenly gets worse for a while."
        ),
        how=tuple(how),
        when="In the first few days after surgery, and later for flare-ups.",
        cautions=(
            *_numb_skin(c, ModalityKind.ICE),
            "Take the ice off if your skin turns white, blotchy or very red, or if it stings "
            "or burns.",
        ),
        clinician_note=(
            "Ice for the first post-operative days and for acute flares, 15-20 min with a "
            "cloth barrier [SEED]. Not on numb skin: cold injury goes unnoticed there. " + _facts(c)
        ),
        sources=("SEED",),
    )


def _heat(c: HomeCareContext) -> HomeCareAdvice:
    healing = wound_still_healing(c)
    if c.wound_healed:
        reason = "Heat can ease aching and stiff muscles now that your wound has healed."
    elif not healing:
        reason = (
            "Heat can ease aching and stiff muscles. Use it only once your wound has fully "
            "closed and is dry."
        )
    elif c.wound_healed is False:
        reason = (
            "Not yet: your wound is still healing. Heat on a wound that is not fully closed "
            "can harm it."
        )
    else:
        reason = (
            "Not yet: heat can harm a fresh wound. Most wounds have healed by about 2 weeks. "
            "Ask your team if you are not sure."
        )
    return HomeCareAdvice(
        kind=ModalityKind.HEAT,
        suitable_now=not healing,
        reason=reason,
        how=(
            "Use a warm heat pack, hot water bottle or warm towel. It should feel warm, not hot.",
            "Wrap it in a cloth, so it does not touch bare skin.",
            "Put it on stiff, aching muscles for 15 to 20 minutes.",
            "Do not lie on it or fall asleep with it on.",
        ),
        when="For aching and stiffness, once your wound has fully healed. That is about 2 "
        "weeks after surgery for most people.",
        cautions=(
            *_numb_skin(c, ModalityKind.HEAT),
            "Never put heat on your wound until it has fully closed and is dry.",
            "Take the heat off if your skin gets very red, sore or blistered.",
        ),
        clinician_note=(
            "Heat for chronic aching and muscle stiffness, not on a fresh wound [SEED]; "
            f"offered once the wound is confirmed healed or from day {WOUND_HEALING_DAYS} "
            "without contrary signs. Not on numb skin: burns go unnoticed there. " + _facts(c)
        ),
        sources=("SEED",),
    )


def _tens(c: HomeCareContext) -> HomeCareAdvice:
    devices = tuple(d for d in _DEVICES if d in c.conditions)
    pregnant = Condition.PREGNANT in c.conditions
    when = "Once your wound has healed, for short-term relief."
    if devices:
        reason, when = _DEVICE_WORDS[devices]
    elif pregnant:
        reason = (
            "Do not use a TENS machine on your back or belly while you are pregnant. Ask your "
            "team before you use one anywhere else."
        )
        when = "Not on your back or belly while you are pregnant."
    elif wound_still_healing(c):
        reason = "Not yet: wait until your wound has healed. The pads must never go on it."
    else:
        reason = (
            "A TENS machine may ease pain for a short time. Ask your team before you start, "
            "as it does not help everyone."
        )
    excluded = [d.value for d in (*_DEVICES, Condition.PREGNANT) if d in c.conditions]
    return HomeCareAdvice(
        kind=ModalityKind.TENS,
        suitable_now=not devices and not pregnant and not wound_still_healing(c),
        reason=reason,
        how=(
            "Ask your team or physical therapist to show you where the pads go.",
            "Put the pads on clean, dry skin near the pain. Never put them on your scar.",
            "Start on the lowest setting. Turn it up slowly until you feel a strong but "
            "comfortable tingle.",
            "Use it for up to 30 minutes at a time, unless your team tells you otherwise.",
            "Turn it off before you move or take off the pads.",
        ),
        when=when,
        cautions=(
            "Never put the pads on or over your scar.",
            "Do not use TENS if you have a pacemaker or an implanted stimulator.",
            "If you are pregnant, do not put the pads on your back or belly.",
            "Do not put the pads on skin that feels numb.",
            "Do not use it while you drive, in the bath or shower, or in bed as you fall asleep.",
        ),
        clinician_note=(
            "TENS: low-voltage current that may override pain signals (gate control); relief "
            "is temporary [SEED]. Evidence caveat: NICE NG59 advises against offering TENS "
            "for low back pain with or without sciatica [NG59]. Contraindicated with a "
            "pacemaker or implanted stimulator; not over the trunk in pregnancy; not over the "
            "incision [TENS]. "
            + (f"Not suitable: {', '.join(excluded).replace('_', ' ')}. " if excluded else "")
            + _facts(c)
        ),
        sources=("SEED", "TENS", "NG59"),
    )


def patient_texts() -> tuple[str, ...]:
    """Every text `home_care` can give a patient, for the translation catalogues: the
    advice in each situation it tells apart (the early days, a healing or healed wound,
    numbness, each device and pregnancy)."""
    days = sorted({0, ICE_FIRST_DAYS - 1, ICE_FIRST_DAYS, WOUND_HEALING_DAYS - 1})
    days.append(WOUND_HEALING_DAYS)
    flags = (None, False, True)
    excluding = (*_DEVICES, Condition.PREGNANT)
    texts: list[str] = []
    for day, numb, healed, count in itertools.product(days, flags, flags, range(4)):
        for conditions in itertools.combinations(excluding, count):
            context = HomeCareContext(
                day_after_surgery=day,
                procedure=Procedure.DISCECTOMY,
                conditions=frozenset(conditions),
                recent_numbness=numb,
                wound_healed=healed,
            )
            for advice in home_care(context):
                texts += [advice.reason, *advice.how, advice.when, *advice.cautions]
    return tuple(dict.fromkeys(texts))
