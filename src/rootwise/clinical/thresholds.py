"""Numbers a clinic may tune. The defaults are those of `shared/clinical/README.md`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Triage thresholds; services build one from settings, tests use the defaults."""

    # Fever that suggests surgical-site infection: 38.3 °C, i.e. 100.9 °F [SEED].
    fever_c: Decimal = Decimal("38.3")
    # With a new neurological deficit any fever counts: epidural abscess rarely shows
    # the full triad, so the usual 38.0 °C definition is used, not the SSI one [SEA].
    deficit_fever_c: Decimal = Decimal("38.0")
    # Rebound: this many points above the recent low, and at least this high.
    rebound_rise: int = 3
    rebound_floor: int = 6
    rebound_window_days: int = 28
    # A clear improvement before the low: the consensus MCID for pain NRS.
    improvement_points: int = 2
    # Uncontrolled leg pain: at least this score on this many consecutive days.
    uncontrolled_pain: int = 8
    uncontrolled_days: int = 3


DEFAULT_THRESHOLDS = Thresholds()
