"""What the rules may read of earlier check-ins.

History-aware rules look at the time, the leg pain, the temperature and the medicines
of earlier check-ins, nothing else: the fields of `model.PastCheckIn`. Declaring it lets
the store load just those (a patient may have months of daily check-ins). The type
checker holds the rules to it (history is `CheckIn | PastCheckIn`, so a rule can read
only what both have), and so does a test: assessing with `as_history` copies gives the
same result as assessing with full check-ins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, Final

from rootwise.clinical.model import CheckIn, EarlierCheckIn, MedicationClass, PastCheckIn

HISTORY_FIELDS: Final = tuple(f.name for f in fields(PastCheckIn))


def as_history(c: CheckIn) -> PastCheckIn:
    """`c` with only the fields rules read from history."""
    kept: dict[str, Any] = {name: getattr(c, name) for name in HISTORY_FIELDS}
    return PastCheckIn(**kept)


def listed_since(
    drug_class: MedicationClass, checkin: CheckIn, earlier: Iterable[EarlierCheckIn]
) -> date | None:
    """The first day of the unbroken run of days listing `drug_class` that ends today.

    `None` when today's check-in does not list it. Days are the patient's calendar days.
    A day lists the class when any check-in that day lists it; a day whose check-ins
    answered the medicines question without it breaks the run. Days with no check-in,
    or only check-ins that left the question unanswered, neither break nor extend it:
    not answering is not "no", and a missed day is not a day off the medicine.
    """
    if drug_class not in checkin.medication_classes():
        return None
    listed: dict[date, bool] = {}
    for c in earlier:
        if c.medications is not None and c.local_date < checkin.local_date:
            listed[c.local_date] = listed.get(c.local_date, False) or (
                drug_class in c.medication_classes()
            )
    start = checkin.local_date
    for day in sorted(listed, reverse=True):
        if not listed[day]:
            break
        start = day
    return start
