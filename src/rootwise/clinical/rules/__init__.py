"""The rule book: every triage rule, in one explicit registry.

To add a rule, write it in the module of its family and list it here; the rule book
(`rootwise rules`), the rules version and the documentation tests all read `RULES`.
"""

from __future__ import annotations

from typing import Final

from rootwise.clinical.rule import Rule
from rootwise.clinical.rules import (
    cauda_equina,
    csf_leak,
    infection,
    medication_checks,
    medicines,
    modalities,
    neurology,
    pain,
    screening,
    thrombosis,
)

_FAMILIES = (
    cauda_equina.RULES,
    neurology.RULES,
    infection.RULES,
    thrombosis.RULES,
    csf_leak.RULES,
    medicines.RULES,
    medication_checks.RULES,
    pain.RULES,
    modalities.RULES,
    screening.RULES,
)

RULES: Final[dict[str, Rule]] = {r.id: r for family in _FAMILIES for r in family}
