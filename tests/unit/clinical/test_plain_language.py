"""What the patient reads: plain words, about a 6th-grade reading level, no jargon.

Someone frightened at 3 a.m. must understand at once what to do. Every rule's patient
advice and every level's headline is held to a Flesch-Kincaid grade of 8 or less, free of
clinical jargon, and an emergency always tells them to get help straight away.

textstat counts syllables with the CMU pronouncing dictionary, which it downloads through
nltk on first use; that download is not possible here or in CI. The fixture below makes
textstat use its bundled pyphen hyphenation for every word instead (its own fallback for
words missing from the dictionary), so grades are the same on every machine, offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
import textstat
from textstat.backend.counts import _count_syllables

from rootwise.clinical.advice import patient_headline
from rootwise.clinical.model import Level
from rootwise.clinical.rules import RULES
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS
from tests.unit.clinical.builders import assessed, checkin
from tests.unit.clinical.specs import first_firing_case

MAX_GRADE = 8
SURGERY = date(2026, 10, 1)

HEADLINES = {
    level: patient_headline(level, emergency_number="911", surgery_date=SURGERY) for level in Level
}
PATIENT_TEXTS = {
    **{f"rule {rule_id}": r.patient_text(DEFAULT_THRESHOLDS) for rule_id, r in RULES.items()},
    **{f"headline {level.value}": text for level, text in HEADLINES.items()},
}

# Words a patient should not have to know. Each has a plain equivalent in the wording.
JARGON = (
    "cauda",
    "equina",
    "haematoma",
    "hematoma",
    "SSI",
    "CSF",
    "dural",
    "durotomy",
    "anaesthesia",
    "anesthesia",
    "NSAID",
    "contraindicated",
    "respiratory",
    "perineum",
    "perineal",
    "radicular",
    "neurological",
    "deficit",
    "thrombosis",
    "DVT",
    "embolism",
    "erythema",
    "purulent",
    "dehiscence",
    "melaena",
    "melena",
    "orthostatic",
    "gabapentinoid",
    "benzodiazepine",
    "analgesia",
    "CNS",
    "MRI",
    "abscess",
    "pseudomeningocele",
)

# Words that tell someone to wait; an emergency's own advice must not contain them.
WAITING = ("today", "next day", "next few days", "1 to 3 days", "next time", "tomorrow")


@pytest.fixture(scope="module", autouse=True)
def _syllables_from_pyphen() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        # A missing dictionary makes textstat fall back to pyphen for every word.
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        yield


def _grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@pytest.mark.parametrize("name", list(PATIENT_TEXTS))
def test_patient_text_reads_at_about_a_6th_grade_level(name: str) -> None:
    grade = _grade(PATIENT_TEXTS[name])
    assert grade <= MAX_GRADE, f"{name} reads at grade {grade:.1f}: {PATIENT_TEXTS[name]}"


def test_the_grade_measure_tells_plain_from_clinical_wording() -> None:
    # Guards the offline syllable counting: a clinical sentence must score far higher.
    plain = "Call your surgical team today. Tell them your leg feels weak."
    clinical = (
        "Progressive neurological deficit necessitates expeditious multidisciplinary "
        "evaluation, including contrast-enhanced magnetic resonance imaging."
    )
    assert _grade(plain) <= 6
    assert _grade(clinical) >= 14


@pytest.mark.parametrize("name", list(PATIENT_TEXTS))
def test_patient_text_uses_no_medical_jargon(name: str) -> None:
    text = PATIENT_TEXTS[name]
    found = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", text, flags=re.IGNORECASE)]
    assert not found, f"{name} uses {found}: {text}"


EMERGENCY_RULES = [rule_id for rule_id, r in RULES.items() if r.level is Level.EMERGENCY]


@pytest.mark.parametrize("rule_id", EMERGENCY_RULES)
def test_every_emergency_tells_the_patient_to_get_help_straight_away(rule_id: str) -> None:
    case = first_firing_case(rule_id)
    a = case.run()
    advice = a.patient_advice
    assert a.level is Level.EMERGENCY
    assert advice.startswith("Call 911 now")
    own = RULES[rule_id].patient_text(DEFAULT_THRESHOLDS)
    assert own in advice
    assert re.search(r"straight away|\bnow\b", own), "the rule's own words say it is urgent"
    assert not [w for w in WAITING if w in own.lower()], f"{rule_id} tells the patient to wait"


def test_every_headline_says_what_to_do_and_when() -> None:
    assert re.search(r"\bnow\b", HEADLINES[Level.EMERGENCY])
    assert "today" in HEADLINES[Level.SAME_DAY]
    assert "1 to 3 days" in HEADLINES[Level.SOON]
    assert "Keep going" in HEADLINES[Level.ROUTINE]


def test_an_emergency_never_also_tells_the_patient_they_can_wait() -> None:
    # screen.unanswered (soon) and a same-day calf finding fire beside the emergency.
    a = assessed(checkin(chest_pain_or_breathless=True, calf_pain_or_swelling=True, wound=None))
    assert a.level is Level.EMERGENCY
    waiting = [w for w in WAITING if w in a.patient_advice.lower()]
    assert not waiting, a.patient_advice
