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
    # After fusion with no restriction date recorded, NSAIDs are restricted this long:
    # many surgeons restrict them for about 3 months [NSAID-FUSION].
    nsaid_fusion_days: int = 90
    # Muscle relaxants are for days to about 2 weeks; flag a run longer than this [SEED].
    muscle_relaxant_days: int = 21
    # An opioid still taken this many days after surgery needs a taper plan [CDC2022].
    opioid_after_surgery_days: int = 42
    # Continued opioids are reassessed at least this often [CDC2022].
    opioid_reassess_days: int = 14


DEFAULT_THRESHOLDS = Thresholds()
