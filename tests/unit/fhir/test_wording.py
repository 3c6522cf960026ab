"""What the patient reads in Rootwise's own questionnaire wording: plain, grade 8 or less.

Grades are measured as in `tests/unit/clinical/test_plain_language.py`: textstat counts
syllables with its bundled pyphen hyphenation, so the grade is the same offline.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import textstat
from textstat.backend.counts import _count_syllables

from rootwise.fhir import load_form

MAX_GRADE = 8
OWN_WORDS = ("nrs-leg", "nrs-back", "peg", "startback")
TEXTS = {
    f"{key} {item.link_id}": item.text or "" for key in OWN_WORDS for item in load_form(key).items
}
LABELS = {
    f"{key} {item.link_id} = {option.value}": option.label
    for key in OWN_WORDS
    for item in load_form(key).items
    for option in item.options
}


@pytest.fixture(scope="module", autouse=True)
def _syllables_from_pyphen() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        # A missing dictionary makes textstat fall back to pyphen for every word.
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        yield


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_question_reads_at_grade_8_or_below(name: str) -> None:
    grade = float(textstat.flesch_kincaid_grade(TEXTS[name]))
    assert grade <= MAX_GRADE, f"{name} reads at grade {grade:.1f}: {TEXTS[name]}"


@pytest.mark.parametrize("name", list(LABELS))
def test_every_answer_label_is_a_few_everyday_words(name: str) -> None:
    assert len(LABELS[name].split()) <= 6, LABELS[name]
