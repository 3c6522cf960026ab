"""Recovery tracking: the expected course of leg pain, and each patient's trend against it.

- `bands`: expected percentile bands by week, the defaults and their sources.
- `cohort`: a clinic's own band once it has enough patients.
- `weekly`: daily scores to weekly medians, and robust slopes.
- `trend`: the trend classes and their definitions.
- `wording`: what is usual now, in plain words for the patient.
"""

from __future__ import annotations

from rootwise.clinical.recovery.bands import (
    DECOMPRESSION_KNOTS,
    FUSION_DELAY_WEEKS,
    BandPoint,
    ExpectedBand,
    Knot,
    ProcedureGroup,
    default_leg_band,
    procedure_group,
)
from rootwise.clinical.recovery.cohort import MIN_PATIENTS, MIN_PER_WEEK, cohort_band
from rootwise.clinical.recovery.trend import (
    DEFAULT_TREND_THRESHOLDS,
    Trend,
    TrendResult,
    TrendThresholds,
    classify_trend,
)
from rootwise.clinical.recovery.weekly import WeekSummary, theil_sen_slope, weekly_medians
from rootwise.clinical.recovery.wording import typical_now

__all__ = [
    "DECOMPRESSION_KNOTS",
    "DEFAULT_TREND_THRESHOLDS",
    "FUSION_DELAY_WEEKS",
    "MIN_PATIENTS",
    "MIN_PER_WEEK",
    "BandPoint",
    "ExpectedBand",
    "Knot",
    "ProcedureGroup",
    "Trend",
    "TrendResult",
    "TrendThresholds",
    "WeekSummary",
    "classify_trend",
    "cohort_band",
    "default_leg_band",
    "procedure_group",
    "theil_sen_slope",
    "typical_now",
    "weekly_medians",
]
