"""The shape of a triage rule, and what it produces when it fires.

A rule is a plain function of a `Situation` that returns the evidence that fired it, or
`None`. The `rule` decorator attaches everything a clinician needs to check it by hand:
its level, when it fires, what the patient is told, the clinician note and the sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rootwise.clinical.model import CheckIn, EarlierCheckIn, Level, Patient
from rootwise.clinical.sources import SOURCES
from rootwise.clinical.thresholds import Thresholds

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
Evidence = dict[str, JsonValue]


def names(values: Iterable[StrEnum]) -> list[JsonValue]:
    """Wire values of some enum members, sorted, for evidence that reads the same every time."""
    wire: list[JsonValue] = []
    wire.extend(sorted(v.value for v in values))
    return wire


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything a rule may look at: the check-in, the patient, and earlier check-ins.

    `history` holds only check-ins recorded before this one, oldest first.
    """

    patient: Patient
    checkin: CheckIn
    history: tuple[EarlierCheckIn, ...]
    thresholds: Thresholds

    @property
    def day_after_surgery(self) -> int:
        """0 on the day of the operation."""
        return (self.checkin.local_date - self.patient.surgery.date).days


@dataclass(frozen=True, slots=True)
class Fired:
    """A rule's result: the facts that fired it and, optionally, a note for this case."""

    evidence: Evidence
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One fired rule, explained for the patient and for the clinician."""

    rule: str
    level: Level
    evidence: Mapping[str, JsonValue]
    patient_advice: str
    clinician_note: str
    sources: tuple[str, ...]

    @property
    def source(self) -> str:
        return ", ".join(self.sources)


Check = Callable[[Situation], Fired | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named check with its level, trigger, wording and sources.

    Its texts may name thresholds in braces, e.g. `{fever_c}` or `{fever_f}`; they are
    filled in from the thresholds in force.
    """

    id: str
    level: Level
    sources: tuple[str, ...]
    fires_when: str
    patient_advice: str
    clinician_note: str
    check: Check = field(repr=False)

    def __post_init__(self) -> None:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"rule {self.id} cites unknown sources {unknown}")

    def trigger(self, thresholds: Thresholds) -> str:
        """When the rule fires, with the thresholds in force."""
        return self.fires_when.format_map(_threshold_values(thresholds))

    def patient_text(self, thresholds: Thresholds) -> str:
        return self.patient_advice.format_map(_threshold_values(thresholds))

    def clinician_text(self, thresholds: Thresholds) -> str:
        return self.clinician_note.format_map(_threshold_values(thresholds))

    def evaluate(self, situation: Situation) -> Finding | None:
        """The finding this rule makes in `situation`, or `None` when it does not fire."""
        fired = self.check(situation)
        if fired is None:
            return None
        note = self.clinician_text(situation.thresholds)
        return Finding(
            rule=self.id,
            level=self.level,
            evidence=fired.evidence,
            patient_advice=self.patient_text(situation.thresholds),
            clinician_note=f"{note} {fired.detail}" if fired.detail else note,
            sources=self.sources,
        )


def rule(
    rule_id: str,
    level: Level,
    *,
    sources: tuple[str, ...],
    fires_when: str,
    patient: str,
    clinician: str,
) -> Callable[[Check], Rule]:
    """Turn a check function into a `Rule` carrying its wording and sources."""

    def wrap(check: Check) -> Rule:
        return Rule(
            id=rule_id,
            level=level,
            sources=sources,
            fires_when=fires_when,
            patient_advice=patient,
            clinician_note=clinician,
            check=check,
        )

    return wrap


def _threshold_values(thresholds: Thresholds) -> dict[str, object]:
    values: dict[str, object] = {
        name: getattr(thresholds, name) for name in thresholds.__dataclass_fields__
    }
    # Patients in the US read °F, so fever wording gives both units.
    values["fever_f"] = f"{float(thresholds.fever_c) * 9 / 5 + 32:.1f}"
    values["deficit_fever_f"] = f"{float(thresholds.deficit_fever_c) * 9 / 5 + 32:.1f}"
    return values
