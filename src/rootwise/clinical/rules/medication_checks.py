"""Medication checks (README section 4): what is taken, with what, for how long.

`medicines.py` grades side effects; these rules grade the medicine list itself, so a
risk is seen before it causes harm. None of them tells the patient to stop a medicine
on Rootwise's authority: they say not to take more than prescribed and to talk to the
team before changing anything.

Levels. A check that needs a prescriber to act within days is `soon` (a worklist item):
an NSAID inside the surgeon's restriction or with bleeding or kidney risks, a
gabapentinoid with kidney disease or above its labelled maximum, a muscle relaxant past
3 weeks, an opioid past 6 weeks. Two findings are `routine`, shown to the clinician and
to the patient without raising the level: an opioid with a gabapentinoid and nothing
else, a combination planned in most multimodal regimens after surgery, where alerting
every time would teach the team to ignore it; and an opioid taken for more than 2 weeks
within the first 6 weeks, where reassessment is due but a taper may already be planned.
The combination becomes `soon` with a benzodiazepine, or with sleep apnoea, the added
risks for breathing that FDA 2019 and CDC 2022 name. Symptoms on any of these are graded
by `medicines.py` (drowsiness on the combination same day, slow breathing emergency).
"""

from __future__ import annotations

from datetime import date, timedelta

from rootwise.clinical.dosing import (
    GABAPENTIN,
    HIGHEST_MAX_MG,
    PREGABALIN,
    DailyDose,
    daily_doses,
    kidney_comparison,
)
from rootwise.clinical.history import listed_since
from rootwise.clinical.model import Condition, Level, MedicationClass, Procedure, SideEffect
from rootwise.clinical.rule import Fired, JsonValue, Situation, names, rule

_NSAID_RISKS = frozenset(
    {Condition.ANTICOAGULATED, Condition.CHRONIC_KIDNEY_DISEASE, Condition.GI_BLEED_HISTORY}
)


def _named(s: Situation, drug_class: MedicationClass) -> list[JsonValue]:
    """The names of today's medicines of one class, sorted, for evidence."""
    found: list[JsonValue] = []
    found.extend(sorted(m.name for m in s.checkin.medications or () if m.drug_class is drug_class))
    return found


def _takes(s: Situation, *classes: MedicationClass) -> bool:
    return set(classes) <= s.checkin.medication_classes()


def _nsaid_restriction(s: Situation) -> tuple[date, str] | None:
    """The last restricted day and where it comes from, or None when NSAIDs are allowed."""
    if s.patient.nsaid_restricted_until is not None:
        return s.patient.nsaid_restricted_until, "recorded"
    if s.patient.surgery.procedure is Procedure.FUSION:
        default = s.patient.surgery.date + timedelta(days=s.thresholds.nsaid_fusion_days)
        return default, "fusion_default"
    return None


@rule(
    "medication.nsaid_in_restriction_window",
    Level.SOON,
    sources=("NSAID-FUSION", "SEED"),
    fires_when="an NSAID is listed on or before the patient's NSAID restriction date; after "
    "fusion with no date recorded, within {nsaid_fusion_days} days of surgery",
    patient="Anti-inflammatory pain pills, such as ibuprofen or naproxen, can slow bone "
    "healing. Your surgeon may want you to avoid them for now. Talk to your care team in "
    "the next 1 to 3 days before you take more. Ask them what to use for pain instead.",
    clinician="NSAID inside the NSAID restriction window. After fusion, prolonged or "
    "high-dose NSAID use is associated with non-union, while short courses at normal doses "
    "appear safer; the meta-analyses differ on how much, hence restrictions of about 3 "
    "months. Confirm the surgeon's plan and agree another analgesic.",
)
def nsaid_in_restriction_window(s: Situation) -> Fired | None:
    restriction = _nsaid_restriction(s)
    if not _takes(s, MedicationClass.NSAID) or restriction is None:
        return None
    until, basis = restriction
    if s.checkin.local_date > until:
        return None
    detail = (
        f"Restricted until {until.isoformat()}, the date recorded for this patient."
        if basis == "recorded"
        else f"Restricted until {until.isoformat()}: no date is recorded, so the default of "
        f"{s.thresholds.nsaid_fusion_days} days after fusion applies; recording the "
        "surgeon's date replaces it."
    )
    return Fired(
        {
            "nsaid": _named(s, MedicationClass.NSAID),
            "restricted_until": until.isoformat(),
            "restriction": basis,
            "day_after_surgery": s.day_after_surgery,
        },
        detail,
    )


@rule(
    "medication.nsaid_with_bleeding_or_kidney_risk",
    Level.SOON,
    sources=("NSAID-GI",),
    fires_when="an NSAID is listed and the patient is anticoagulated, has chronic kidney "
    "disease or has had a GI bleed",
    patient="Anti-inflammatory pain pills, such as ibuprofen or naproxen, need extra care "
    "for you. They can raise the risk of bleeding or harm the kidneys. Do not take more "
    "than the label says. Talk to your care team in the next 1 to 3 days about whether "
    "they are right for you. If your stools turn black, call your team the same day.",
    clinician="NSAID with a labelled caution: anticoagulation (bleeding risk), chronic "
    "kidney disease (acute kidney injury, fluid retention, hyperkalaemia) or a previous GI "
    "bleed (recurrence). Review the indication; avoid, or limit dose and duration with "
    "gastroprotection. Black stools or stomach pain on an NSAID are graded separately.",
)
def nsaid_with_bleeding_or_kidney_risk(s: Situation) -> Fired | None:
    risks = s.patient.conditions & _NSAID_RISKS
    if not risks or not _takes(s, MedicationClass.NSAID):
        return None
    return Fired({"nsaid": _named(s, MedicationClass.NSAID), "conditions": names(risks)})


def _high_risk_combination(s: Situation) -> list[JsonValue]:
    """Why an opioid combination carries an added breathing risk (empty when it does not)."""
    if not _takes(s, MedicationClass.OPIOID):
        return []
    reasons: list[JsonValue] = []
    if _takes(s, MedicationClass.BENZODIAZEPINE):
        reasons.append("benzodiazepine")
    if _takes(s, MedicationClass.GABAPENTINOID) and Condition.SLEEP_APNEA in s.patient.conditions:
        reasons.append(Condition.SLEEP_APNEA.value)
    return reasons


def _sedating(s: Situation) -> list[JsonValue]:
    trio = {MedicationClass.OPIOID, MedicationClass.GABAPENTINOID, MedicationClass.BENZODIAZEPINE}
    return names(s.checkin.medication_classes() & trio)


def _age_detail(s: Situation) -> str:
    if s.patient.birth_year is None:
        return ""
    age = s.checkin.local_date.year - s.patient.birth_year
    return f"Aged about {age}: FDA 2019 names older adults as at higher risk." if age >= 65 else ""


@rule(
    "medication.opioid_with_gabapentinoid",
    Level.ROUTINE,
    sources=("FDA2019",),
    fires_when="an opioid and a gabapentinoid are both listed, with no benzodiazepine and "
    "no sleep apnoea (those make it medication.sedative_combination_high_risk)",
    patient="You are taking a strong pain medicine and a nerve pain medicine together. This "
    "is common after surgery, but together they can make you sleepy and slow your "
    "breathing. Do not drink alcohol with them, and ask your care team before you take any "
    "sleeping pills. If your breathing is slow or you cannot stay awake, call emergency "
    "services.",
    clinician="Opioid with a gabapentinoid, for awareness: FDA (Dec 2019) warns of serious "
    "breathing problems when gabapentinoids are combined with opioids or other CNS "
    "depressants, and in older patients or those with reduced lung function. Routine level "
    "because the combination is common in planned post-operative analgesia; symptoms on it "
    "raise the level through other rules (dizziness or drowsiness soon, drowsiness on the "
    "combination same day, slow breathing emergency). Use the lowest effective doses, plan "
    "the opioid's end, consider naloxone.",
)
def opioid_with_gabapentinoid(s: Situation) -> Fired | None:
    if not _takes(s, MedicationClass.OPIOID, MedicationClass.GABAPENTINOID):
        return None
    if _high_risk_combination(s):
        return None
    return Fired({"sedating_medicines": _sedating(s)}, _age_detail(s))


@rule(
    "medication.sedative_combination_high_risk",
    Level.SOON,
    sources=("FDA2019", "CDC2022"),
    fires_when="an opioid is listed with a benzodiazepine (with or without a gabapentinoid), "
    "or with a gabapentinoid in a patient with sleep apnoea",
    patient="You are taking medicines together that can make you very sleepy and slow "
    "your breathing. Tell your care team in the next 1 to 3 days so they can check the "
    "doses. Do not drink alcohol with them. If your breathing is slow or you cannot stay "
    "awake, call emergency services.",
    clinician="Opioid with a benzodiazepine, or opioid with a gabapentinoid in sleep "
    "apnoea: added risk of respiratory depression. FDA (Dec 2019) names opioids, other CNS "
    "depressants and reduced lung function as risk factors for gabapentinoids; CDC 2022 "
    "advises particular caution with opioids and benzodiazepines together. Review within "
    "3 working days whether each is needed, use the lowest doses, offer naloxone.",
)
def sedative_combination_high_risk(s: Situation) -> Fired | None:
    reasons = _high_risk_combination(s)
    if not reasons:
        return None
    return Fired({"sedating_medicines": _sedating(s), "added_risks": reasons}, _age_detail(s))


@rule(
    "medication.gabapentinoid_with_kidney_disease",
    Level.SOON,
    sources=("LABEL",),
    fires_when="a gabapentinoid is listed and the patient has chronic kidney disease",
    patient="Your kidneys clear nerve pain medicines such as gabapentin and pregabalin from "
    "your body. When the kidneys work less well, a lower dose is often needed. Do not take "
    "more than you were prescribed. Tell your care team in the next 1 to 3 days so they can "
    "check the dose.",
    clinician="Gabapentinoid with chronic kidney disease: both drugs are cleared by the "
    "kidney and the labels lower the dose by creatinine clearance (mL/min): "
    f"{GABAPENTIN.ranges()}; {PREGABALIN.ranges()}. CrCl is not recorded here: check a "
    "recent creatinine or eGFR.",
)
def gabapentinoid_with_kidney_disease(s: Situation) -> Fired | None:
    ckd = Condition.CHRONIC_KIDNEY_DISEASE in s.patient.conditions
    if not ckd or not _takes(s, MedicationClass.GABAPENTINOID):
        return None
    doses = daily_doses(s.checkin.medications or ())
    return Fired(
        {
            "conditions": [Condition.CHRONIC_KIDNEY_DISEASE.value],
            "gabapentinoids": [_dose_evidence(d) for d in doses],
        },
        " ".join(kidney_comparison(d) for d in doses),
    )


def _dose_evidence(d: DailyDose) -> JsonValue:
    """A gabapentinoid's daily dose; `daily_mg` is a lower bound when not all were reported."""
    return {
        "names": list(d.names),
        "drug": d.label,
        "daily_mg": d.known_mg,
        "all_doses_reported": d.complete,
    }


@rule(
    "medication.gabapentinoid_above_maximum",
    Level.SOON,
    sources=("LABEL",),
    fires_when="the daily dose listed (dose x doses per day, entries of one drug added up) is "
    f"above {GABAPENTIN.max_daily_mg} mg of gabapentin or {PREGABALIN.max_daily_mg} mg of "
    f"pregabalin, or above {HIGHEST_MAX_MG} mg of a gabapentinoid not identified by name",
    patient="The daily dose you listed for your nerve pain medicine is more than the usual "
    "highest dose. Please check the label. Do not take more than you were prescribed. Tell "
    "your care team in the next 1 to 3 days.",
    clinician="Daily gabapentinoid dose above the labelled maximum at any kidney function "
    f"(gabapentin {GABAPENTIN.max_daily_mg} mg/day, pregabalin {PREGABALIN.max_daily_mg} "
    "mg/day): check for an entry error (dose per "
    "intake vs per day), duplicate prescriptions, or more taken than prescribed.",
)
def gabapentinoid_above_maximum(s: Situation) -> Fired | None:
    over = [
        d
        for d in daily_doses(s.checkin.medications or ())
        if d.above(d.drug.max_daily_mg if d.drug else HIGHEST_MAX_MG)
    ]
    if not over:
        return None
    return Fired(
        {"gabapentinoids": [_dose_evidence(d) for d in over]},
        " ".join(f"{', '.join(d.names)}: {d.label} {d.amount}." for d in over),
    )


def _run_evidence(s: Situation, drug_class: MedicationClass, since: date) -> dict[str, JsonValue]:
    return {
        "medicines": _named(s, drug_class),
        "listed_since": since.isoformat(),
        "days": (s.checkin.local_date - since).days,
    }


@rule(
    "medication.muscle_relaxant_beyond_3_weeks",
    Level.SOON,
    sources=("SEED", "CASHIN2021"),
    fires_when="a muscle relaxant is listed today and has been listed without a break for "
    "more than {muscle_relaxant_days} days (a day whose check-ins answered the medicines "
    "question without one breaks the run; a day with no check-in, or the question "
    "unanswered, does not)",
    patient="Muscle relaxants are meant for a short time, often up to 2 weeks. You have "
    "listed one for more than {muscle_relaxant_days} days. Talk to your care team in the "
    "next 1 to 3 days about your plan for it. Do not take more than you were prescribed, "
    "and talk to them before you change it.",
    clinician="Muscle relaxant listed for more than {muscle_relaxant_days} days: meant for "
    "short courses (days to about 2 weeks) for spasm; sedation and falls. For acute low "
    "back pain the benefit is small and of very low certainty, with about 1.6 times the "
    "adverse events (Cashin 2021). Review and plan to stop; taper agents with withdrawal "
    "effects (e.g. baclofen, carisoprodol).",
)
def muscle_relaxant_beyond_3_weeks(s: Situation) -> Fired | None:
    since = listed_since(MedicationClass.MUSCLE_RELAXANT, s.checkin, s.history)
    if since is None or (s.checkin.local_date - since).days <= s.thresholds.muscle_relaxant_days:
        return None
    return Fired(_run_evidence(s, MedicationClass.MUSCLE_RELAXANT, since))


@rule(
    "medication.opioid_beyond_6_weeks",
    Level.SOON,
    sources=("CDC2022", "SEED"),
    fires_when="an opioid is listed more than {opioid_after_surgery_days} days after surgery",
    patient="Strong pain medicines such as oxycodone are meant for a short time after "
    "surgery, and it is now more than {opioid_after_surgery_days} days since your operation. "
    "Talk to your care team in the next 1 to 3 days about a plan to cut down slowly. Do not "
    "take more than you were prescribed, and talk to them before you change it.",
    clinician="Opioid still taken beyond day {opioid_after_surgery_days} after surgery: "
    "opioids are for brief use after surgery, not for long-term nerve pain. CDC 2022: for "
    "acute pain 3 days or less is often enough and more than 7 rarely needed; when "
    "continued, reassess at least every 2 weeks. Agree a taper plan.",
)
def opioid_beyond_6_weeks(s: Situation) -> Fired | None:
    if not _takes(s, MedicationClass.OPIOID):
        return None
    if s.day_after_surgery <= s.thresholds.opioid_after_surgery_days:
        return None
    return Fired(
        {"medicines": _named(s, MedicationClass.OPIOID), "day_after_surgery": s.day_after_surgery}
    )


@rule(
    "medication.opioid_reassess",
    Level.ROUTINE,
    sources=("CDC2022",),
    fires_when="an opioid is listed today and has been listed without a break (as for muscle "
    "relaxants) for more than {opioid_reassess_days} days, up to day "
    "{opioid_after_surgery_days} after surgery (after that, medication.opioid_beyond_6_weeks)",
    patient="You have listed a strong pain medicine for more than {opioid_reassess_days} "
    "days. Your care team will want to check how it is working and plan when to cut down. "
    "You can bring this up at your next visit or call.",
    clinician="Opioid listed continuously for more than {opioid_reassess_days} days: CDC "
    "2022 advises reassessing benefits and harms at least every 2 weeks while opioids "
    "continue. Routine level because within the first {opioid_after_surgery_days} days a "
    "continued course may be planned; beyond that it becomes a soon finding.",
)
def opioid_reassess(s: Situation) -> Fired | None:
    if s.day_after_surgery > s.thresholds.opioid_after_surgery_days:
        return None
    since = listed_since(MedicationClass.OPIOID, s.checkin, s.history)
    if since is None or (s.checkin.local_date - since).days <= s.thresholds.opioid_reassess_days:
        return None
    return Fired(_run_evidence(s, MedicationClass.OPIOID, since))


@rule(
    "medication.leg_swelling",
    Level.SOON,
    sources=("LABEL", "NSAID-GI", "VTE"),
    fires_when="side_effects include swelling_legs (whatever medicines are listed)",
    patient="Swollen legs or ankles can be a side effect of some pain medicines, such as "
    "gabapentin, pregabalin or ibuprofen. Tell your care team in the next 1 to 3 days. Rest "
    "with your legs up when you sit. If one calf is painful, warm or more swollen than the "
    "other, call your surgical team today. If you have chest pain or are short of breath, "
    "call emergency services.",
    clinician="Leg swelling reported: peripheral oedema is a labelled, dose-related effect "
    "of gabapentin and pregabalin and a known effect of NSAIDs (fluid retention). Exclude "
    "venous thromboembolism (about 1-2 % after spine surgery, more after fusion): one-sided "
    "calf pain or swelling is graded same day by vte.calf. Review the dose.",
)
def leg_swelling(s: Situation) -> Fired | None:
    if not s.checkin.has_side_effect(SideEffect.SWELLING_LEGS):
        return None
    causes = s.checkin.medication_classes() & {MedicationClass.GABAPENTINOID, MedicationClass.NSAID}
    return Fired(
        {
            "side_effects": [SideEffect.SWELLING_LEGS.value],
            "medicines_that_can_cause_it": names(causes),
            "calf_pain_or_swelling": s.checkin.calf_pain_or_swelling,
        }
    )


RULES = (
    sedative_combination_high_risk,
    nsaid_in_restriction_window,
    nsaid_with_bleeding_or_kidney_risk,
    gabapentinoid_with_kidney_disease,
    gabapentinoid_above_maximum,
    muscle_relaxant_beyond_3_weeks,
    opioid_beyond_6_weeks,
    leg_swelling,
    opioid_with_gabapentinoid,
    opioid_reassess,
)
