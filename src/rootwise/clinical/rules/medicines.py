"""Side effects of pain medicines that need a call or a review."""

from __future__ import annotations

from rootwise.clinical.model import SEDATING_CLASSES, Level, MedicationClass, SideEffect
from rootwise.clinical.rule import Fired, JsonValue, Situation, names, rule


def _sedating(s: Situation) -> list[JsonValue]:
    return names(s.checkin.medication_classes() & SEDATING_CLASSES)


@rule(
    "medication.breathing_slow",
    Level.EMERGENCY,
    sources=("FDA2019",),
    fires_when="side_effects include breathing_slow (whatever medicines are listed)",
    patient="Slow or shallow breathing can be caused by pain medicines. Get help straight "
    "away. Do not take another dose.",
    clinician="Slow or shallow breathing reported: possible respiratory depression. Risk is "
    "highest with an opioid plus a gabapentinoid or other CNS depressant (FDA, Dec 2019); "
    "graded as an emergency even when no sedating medicine is listed, because the list may "
    "be incomplete.",
)
def breathing_slow(s: Situation) -> Fired | None:
    if not s.checkin.has_side_effect(SideEffect.BREATHING_SLOW):
        return None
    return Fired(
        {
            "side_effects": [SideEffect.BREATHING_SLOW.value],
            "sedating_medicines": _sedating(s),
        }
    )


@rule(
    "medication.confusion",
    Level.SAME_DAY,
    sources=("FDA2019",),
    fires_when="side_effects include confusion",
    patient="New confusion needs a check by your surgical team today. Do not take another "
    "dose of strong pain medicine (such as oxycodone or morphine) or sleep medicine until "
    "you have spoken to them. Someone should stay "
    "with you.",
    clinician="Confusion reported: medication toxicity (opioid, gabapentinoid, "
    "benzodiazepine), delirium, or infection. Same-day review of medicines and vital signs.",
)
def confusion(s: Situation) -> Fired | None:
    if not s.checkin.has_side_effect(SideEffect.CONFUSION):
        return None
    return Fired(
        {
            "side_effects": [SideEffect.CONFUSION.value],
            "sedating_medicines": _sedating(s),
        }
    )


@rule(
    "medication.sedation_with_combination",
    Level.SAME_DAY,
    sources=("FDA2019",),
    fires_when="side_effects include drowsiness while taking two or more kinds of sedating "
    "medicine (opioid, gabapentinoid, benzodiazepine, muscle relaxant)",
    patient="Feeling very sleepy while taking these medicines together can slow your "
    "breathing. Call your surgical team today. If your breathing gets slow or you cannot "
    "stay awake, call emergency services.",
    clinician="Drowsiness on a combination of CNS depressants (opioid, gabapentinoid, "
    "benzodiazepine, muscle relaxant): risk of respiratory depression, highest with an "
    "opioid plus a gabapentinoid (FDA, Dec 2019). Review doses today; consider naloxone.",
)
def sedation_with_combination(s: Situation) -> Fired | None:
    combined = len(s.checkin.medication_classes() & SEDATING_CLASSES) >= 2
    if not combined or not s.checkin.has_side_effect(SideEffect.DROWSINESS):
        return None
    return Fired(
        {
            "side_effects": [SideEffect.DROWSINESS.value],
            "sedating_medicines": _sedating(s),
        }
    )


@rule(
    "medication.dizziness_or_drowsiness",
    Level.SOON,
    sources=("FDA2019", "CG173", "MATHIESON2017"),
    fires_when="side_effects include dizziness or drowsiness while taking a gabapentinoid, "
    "muscle relaxant, opioid or benzodiazepine, or with the medicines question unanswered",
    patient="Feeling dizzy or sleepy can come from your pain medicines. Take care getting "
    "up, and tell your care team in the next 1 to 3 days so they can check the dose.",
    clinician="Dizziness or drowsiness on a sedating medicine: dose review and fall risk. "
    "On pregabalin for sciatica, dizziness affected 40 % vs 13 % on placebo.",
)
def dizziness_or_drowsiness(s: Situation) -> Fired | None:
    reported = names(
        e for e in (SideEffect.DIZZINESS, SideEffect.DROWSINESS) if s.checkin.has_side_effect(e)
    )
    medicines = _sedating(s)
    unknown = s.checkin.medications is None
    if not reported or not (medicines or unknown):
        return None
    return Fired(
        {
            "side_effects": reported,
            "sedating_medicines": medicines,
            "medications_answered": not unknown,
        }
    )


@rule(
    "medication.black_stools",
    Level.SAME_DAY,
    sources=("NSAID-GI",),
    fires_when="side_effects include black_stools",
    patient="Black, tar-like stools can mean bleeding in the stomach. Stop anti-inflammatory "
    "pain pills such as ibuprofen or naproxen, and call your surgical team today. If you "
    "vomit blood or feel faint, call emergency services.",
    clinician="Melaena reported: possible upper GI bleed, more likely on an NSAID, an "
    "anticoagulant or with a previous GI bleed. Same-day assessment.",
)
def black_stools(s: Situation) -> Fired | None:
    if not s.checkin.has_side_effect(SideEffect.BLACK_STOOLS):
        return None
    return Fired(
        {
            "side_effects": [SideEffect.BLACK_STOOLS.value],
            "nsaid": MedicationClass.NSAID in s.checkin.medication_classes(),
            "conditions": names(s.patient.conditions),
        }
    )


@rule(
    "medication.stomach_pain_on_nsaid",
    Level.SOON,
    sources=("NSAID-GI",),
    fires_when="side_effects include stomach_pain while taking an NSAID",
    patient="Stomach pain can be a side effect of anti-inflammatory pain pills. Take them "
    "with food, and tell your care team in the next 1 to 3 days.",
    clinician="Dyspepsia on an NSAID: review the indication, consider gastroprotection or "
    "stopping; check for anticoagulation and previous GI bleed.",
)
def stomach_pain_on_nsaid(s: Situation) -> Fired | None:
    on_nsaid = MedicationClass.NSAID in s.checkin.medication_classes()
    if not on_nsaid or not s.checkin.has_side_effect(SideEffect.STOMACH_PAIN):
        return None
    return Fired({"side_effects": [SideEffect.STOMACH_PAIN.value], "nsaid": True})


RULES = (
    breathing_slow,
    confusion,
    sedation_with_combination,
    dizziness_or_drowsiness,
    black_stools,
    stomach_pain_on_nsaid,
)
