"""A clinic's own expected band, from its own patients' weekly leg pain.

README section 3: the default band is replaced by the clinic's own once it has at least
200 patients. The percentiles are those of `statistics.quantiles(method="inclusive")`:
linear interpolation between the sorted values (type 7 of Hyndman and Fan, the default
of R and NumPy), so the 50th is the ordinary median and the 20th and 80th never leave
the range of the data.

Each patient counts once per week (several values for one patient in one week are
combined by their median), so a patient who checks in often does not outweigh one who
checks in weekly. A week is kept only when `min_per_week` patients contribute to it; the
band's weeks are the kept ones, and the patients counted towards `min_patients` are
those who contribute to a kept week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from statistics import median, quantiles
from typing import Final

from rootwise.clinical.recovery.bands import BandPoint, ExpectedBand, ProcedureGroup

MIN_PATIENTS: Final = 200
# Below about 20 values the 20th and 80th percentiles rest on 4 patients each side.
MIN_PER_WEEK: Final = 20
COHORT_SOURCE: Final = (
    "this clinic's own check-ins: 20th, 50th and 80th percentiles of patients' weekly "
    "median leg pain"
)


def cohort_band(
    observations: Iterable[tuple[Hashable, int, float]],
    *,
    procedure_group: ProcedureGroup,
    min_patients: int = MIN_PATIENTS,
    min_per_week: int = MIN_PER_WEEK,
) -> ExpectedBand | None:
    """The band of this clinic's patients in `procedure_group`, or None with too few.

    `observations` are (patient id, week after surgery, that week's leg pain), already
    limited to the group by the caller; the group names the basis.
    """
    if min_patients < 1 or min_per_week < 2:
        raise ValueError("min_patients must be at least 1 and min_per_week at least 2")
    by_week: defaultdict[int, defaultdict[Hashable, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for patient, week, value in observations:
        if week < 0 or not 0 <= value <= 10:
            raise ValueError(f"patient {patient!r} week {week}: needs week >= 0 and 0-10 pain")
        by_week[week][patient].append(value)

    kept = {week: per for week, per in by_week.items() if len(per) >= min_per_week}
    patients = {patient for per in kept.values() for patient in per}
    if len(patients) < min_patients:
        return None
    points = []
    for week in sorted(kept):
        values = [median(v) for v in kept[week].values()]
        deciles = quantiles(values, n=10, method="inclusive")
        points.append(BandPoint(week, deciles[1], deciles[4], deciles[7]))
    return ExpectedBand(
        tuple(points),
        basis=f"this clinic's {len(patients)} patients after {procedure_group.label}",
        source=COHORT_SOURCE,
    )
