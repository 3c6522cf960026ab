"""What every questionnaire shares: its items, its result, and its minimal important change.

An instrument module (`nrs.py`, `odi.py`, ...) lists its items with the values each may
take, scores a mapping of answers by link id, and says what change is clinically
important. An unanswered item is simply absent from the mapping. Input is checked at the
edge (`rootwise.contract.scores`); `answered` checks again, so that the core never scores
a value it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import floor

Answer = int | bool
Answers = Mapping[str, Answer]


@dataclass(frozen=True, slots=True)
class Item:
    """One question, by link id, with the answers it accepts (bool for yes/no items)."""

    link_id: str
    values: tuple[int, ...]
    yes_no: bool = False

    def accepts(self, value: Answer) -> bool:
        if self.yes_no:
            return isinstance(value, bool)
        return not isinstance(value, bool) and isinstance(value, int) and value in self.values


@dataclass(frozen=True, slots=True)
class Score:
    """The result: `score` is None when too few items were answered to give one."""

    instrument: str
    score: int | float | None
    band: str | None
    complete: bool
    missing: tuple[str, ...] = ()
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mcid:
    """The smallest improvement that matters: so many points, or so many per cent."""

    points: float
    percent: float = 30.0

    def reached(self, baseline: Score, followup: Score) -> bool | None:
        """Whether the follow-up improved on the baseline by at least the MCID (lower is
        better for every scored instrument here); None when either score is missing."""
        if baseline.instrument != followup.instrument:
            raise ValueError(f"cannot compare {baseline.instrument} with {followup.instrument}")
        if baseline.score is None or followup.score is None:
            return None
        before = Fraction(str(baseline.score))
        drop = before - Fraction(str(followup.score))
        if drop >= Fraction(str(self.points)):
            return True
        return before > 0 and drop * 100 >= before * Fraction(str(self.percent))


@dataclass(frozen=True, slots=True)
class Instrument:
    """A questionnaire: its items, how to score them, and its MCID (None if it has none)."""

    name: str
    title: str
    items: tuple[Item, ...]
    score: Callable[[Answers], Score]
    mcid: Mcid | None
    source: str

    @property
    def link_ids(self) -> tuple[str, ...]:
        return tuple(item.link_id for item in self.items)

    def item(self, link_id: str) -> Item | None:
        return next((item for item in self.items if item.link_id == link_id), None)


def answered(items: tuple[Item, ...], answers: Answers) -> tuple[dict[str, int], tuple[str, ...]]:
    """The answered items' values (yes = 1, no = 0) and the link ids left unanswered.

    Raises ValueError for an unknown link id or a value the item does not accept.
    """
    known = {item.link_id: item for item in items}
    for link_id, value in answers.items():
        item = known.get(link_id)
        if item is None:
            raise ValueError(f"{link_id}: unknown link id")
        if not item.accepts(value):
            raise ValueError(f"{link_id}: not an allowed value: {value!r}")
    values = {i.link_id: int(answers[i.link_id]) for i in items if i.link_id in answers}
    missing = tuple(i.link_id for i in items if i.link_id not in answers)
    return values, missing


def round_half_up(value: Fraction, digits: int = 0) -> Fraction:
    """`value` rounded to `digits` decimals, halves away from zero (values here are >= 0)."""
    scale = Fraction(10) ** digits
    return Fraction(floor(value * scale + Fraction(1, 2))) / scale


def numbered(
    prefix: str, count: int, values: tuple[int, ...], *, yes_no: bool = False
) -> tuple[Item, ...]:
    """Items `prefix.1` ... `prefix.count`, all accepting `values`."""
    return tuple(Item(f"{prefix}.{n}", values, yes_no) for n in range(1, count + 1))
