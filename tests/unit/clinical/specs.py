"""Every rule's specification table, gathered from the family test modules.

The rule-book, assessment and plain-language tests read these, so a rule without a
table that fires it and a near-miss that does not is caught in one place.
"""

from __future__ import annotations

from tests.unit.clinical import (
    test_cauda_equina,
    test_csf_leak,
    test_infection,
    test_medication_checks,
    test_medicines,
    test_modalities,
    test_neurology,
    test_pain_history,
    test_screening,
    test_thrombosis,
)
from tests.unit.clinical.builders import Case, RuleSpec

ALL_SPECS: tuple[RuleSpec, ...] = (
    *test_cauda_equina.SPECS,
    *test_neurology.SPECS,
    *test_infection.SPECS,
    *test_thrombosis.SPECS,
    *test_csf_leak.SPECS,
    *test_medicines.SPECS,
    *test_medication_checks.SPECS,
    *test_pain_history.SPECS,
    *test_modalities.SPECS,
    *test_screening.SPECS,
)


def first_firing_case(rule_id: str) -> Case:
    """The first row of `rule_id`'s table that fires it today (rows marked as bugs skipped)."""
    spec = next(s for s in ALL_SPECS if s.rule == rule_id)
    case = next(p.values[0] for p in spec.fires if not p.marks)
    assert isinstance(case, Case)
    return case
