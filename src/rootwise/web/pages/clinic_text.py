"""How clinician pages put things into words: levels, rule ids, evidence and deadlines.

Plain functions of plain values, so each can be tested without a page, and handed to
templates through `display_helpers`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# Clinicians read the level itself; patients read what to do (rendering.LEVEL_NAMES).
STAFF_LEVEL_NAMES = {
    "emergency": "Emergency",
    "same_day": "Same day",
    "soon": "Soon",
    "routine": "Routine",
}
STATUS_NAMES = {"open": "Open", "acknowledged": "Acknowledged", "resolved": "Resolved"}
_ACRONYMS = {"csf": "CSF", "nsaid": "NSAID", "tens": "TENS", "vte": "VTE"}


def _words(snake: str) -> str:
    return " ".join(_ACRONYMS.get(word, word) for word in snake.split("_"))


def rule_label(rule_id: str) -> str:
    """`cauda_equina.saddle_numbness` -> `Cauda equina: saddle numbness`.

    Read off the id, so a rule added to the registry is named without more code.
    """
    family, _, name = rule_id.partition(".")
    family_words = _words(family)
    heading = family_words[:1].upper() + family_words[1:]
    return f"{heading}: {_words(name)}" if name else heading


def readable(value: Any) -> str:
    """A piece of evidence as a sentence fragment: `["new", "worse"]` -> `new, worse`."""
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return _words(value)
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value) or "none"
    if isinstance(value, Mapping):
        return "; ".join(f"{_words(str(k))} {readable(v)}" for k, v in value.items())
    return str(value)


def field_name(key: str) -> str:
    """An evidence key as a label: `saddle_numbness` -> `Saddle numbness`."""
    words = _words(key)
    return words[:1].upper() + words[1:]


@dataclass(frozen=True, slots=True)
class Deadline:
    """How long is left before a deadline, or how long it has been missed."""

    text: str
    overdue: bool


def time_left(due_by: datetime, now: datetime) -> Deadline:
    """`12 min left`, `3 h 5 min left`, `Overdue by 7 min`."""
    remaining = due_by - now
    if remaining < timedelta():
        return Deadline(f"Overdue by {span(-remaining)}", overdue=True)
    return Deadline(f"{span(remaining)} left", overdue=False)


def span(length: timedelta) -> str:
    """A duration the way a busy reader takes it in: the two largest units, rounded down."""
    minutes = int(length.total_seconds() // 60)
    if minutes < 1:
        return "less than 1 min"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def display_helpers(zone: str, now: datetime) -> dict[str, Callable[..., Any]]:
    """What clinician templates call: names for levels, statuses and rules, readable
    evidence, times in the clinic's zone, and the time left before a deadline."""
    clinic_zone = ZoneInfo(zone)
    return {
        "level_name": STAFF_LEVEL_NAMES.__getitem__,
        "status_name": STATUS_NAMES.__getitem__,
        "rule_label": rule_label,
        "readable": readable,
        "field_name": field_name,
        "local": lambda moment: moment.astimezone(clinic_zone),
        "time_left": lambda due_by: time_left(due_by, now),
    }
