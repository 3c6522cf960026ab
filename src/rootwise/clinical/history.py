"""What the rules may read of earlier check-ins.

History-aware rules look at the time, the leg pain and the temperature of earlier
check-ins, nothing else. Declaring it lets the store load just those (a patient may
have months of daily check-ins), and a test holds the rules to it: assessing with
`as_history` copies gives the same result as assessing with full check-ins.
"""

from __future__ import annotations

from typing import Any, Final

from rootwise.clinical.model import CheckIn

HISTORY_FIELDS: Final = ("recorded_at", "leg_pain", "temperature")


def as_history(c: CheckIn) -> CheckIn:
    """`c` with only the fields rules read from history."""
    kept: dict[str, Any] = {name: getattr(c, name) for name in HISTORY_FIELDS}
    return CheckIn(**kept)
