"""The check-in form, from what the browser posts to the schema's check-in JSON, and from
the service's input errors back to messages beside the fields.

The form does no validation of its own: it only reshapes answers, and passes anything it
cannot read (a word where a number goes) through unchanged, so that the one validator the
JSON API uses (`submit_checkin` -> `parse_checkin`) refuses it, naming the field. A
question left unanswered is left out of the JSON, which the schema reads as `null`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rootwise.contract.errors import InputError
from rootwise.web.i18n import N_, translate
from rootwise.web.i18n import gettext as _
from rootwise.web.pages.checkin_questions import (
    BOOLEAN_QUESTIONS,
    EXERCISES,
    MEDICATION_ROWS,
    MODALITIES,
    NONE_OF_THESE,
    QUESTIONS,
)

_DECIMAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_WHOLE = re.compile(r"[+-]?\d+")
MEDICATION_FIELDS = ("name", "class", "dose_mg", "doses_per_day")
# Anchor of errors that belong to no one field (e.g. the check-in's own time).
FORM_TOP = "checkin-questions"


@dataclass(frozen=True, slots=True)
class FormValues:
    """The answers exactly as the browser sent them, to convert and to show again."""

    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, object]]) -> FormValues:
        collected: dict[str, list[str]] = {}
        for name, value in pairs:
            if isinstance(value, str):  # uploads have no place in this form
                collected.setdefault(name, []).append(value)
        return cls({name: tuple(values) for name, values in collected.items()})

    def get(self, name: str) -> str:
        """The first value sent for `name`, or ""."""
        values = self.fields.get(name, ())
        return values[0] if values else ""

    def has(self, name: str, value: str) -> bool:
        """True when the box or button `value` of `name` was chosen."""
        return value in self.fields.get(name, ())

    def all(self, name: str) -> tuple[str, ...]:
        return self.fields.get(name, ())


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a list item of the JSON came from in the form."""

    prefix: str  # e.g. "medications-2", the start of its inputs' ids
    label: str  # e.g. "Medicine 2", as the error summary names it


@dataclass(frozen=True, slots=True)
class Conversion:
    body: dict[str, Any]
    # "medications[0]" -> the form row it came from, to place errors beside it.
    origins: dict[str, Origin]


def checkin_body(form: FormValues, *, recorded_at: datetime) -> Conversion:
    """The check-in JSON for these answers, recorded at `recorded_at` (aware)."""
    body: dict[str, Any] = {"recorded_at": recorded_at.isoformat()}
    origins: dict[str, Origin] = {}
    for question in QUESTIONS.values():
        if question.kind == "checkbox":
            ticked = form.all(question.name)
            if ticked:
                # "None of these" with a sign ticked too: the sign is the safer reading.
                body[question.name] = [v for v in dict.fromkeys(ticked) if v != NONE_OF_THESE]
        elif value := form.get(question.name):
            body[question.name] = _choice_value(question.name, question.kind, value)
    if temperature := form.get("temperature-value").strip():
        reading: dict[str, Any] = {"value": _number(temperature)}
        if unit := form.get("temperature-unit"):
            reading["unit"] = unit
        body["temperature"] = reading
    if walking := form.get("walking_minutes").strip():
        body["walking_minutes"] = _number(walking)
    for group, items in (
        ("medications", _medications(form)),
        ("modalities", _modalities(form)),
        ("exercises", _exercises(form)),
    ):
        if items:
            body[group] = [item for item, _ in items]
            origins.update({f"{group}[{i}]": origin for i, (_, origin) in enumerate(items)})
        elif form.has(f"{group}-none", "yes"):
            body[group] = []
    if note := form.get("note").strip():
        body["note"] = note
    return Conversion(body=body, origins=origins)


def same_answers(earlier: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """True when two check-ins hold the same answers, whenever each was recorded."""

    def answers(checkin: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in checkin.items() if k != "recorded_at"}

    return answers(earlier) == answers(body)


def _choice_value(name: str, kind: str, value: str) -> Any:
    if kind == "scale":
        return _number(value)
    if name in BOOLEAN_QUESTIONS and value in ("yes", "no"):
        return value == "yes"
    return value


def _number(text: str) -> Any:
    """The number in `text`, or `text` itself for the validator to refuse."""
    text = text.strip()
    if _WHOLE.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    return text


Item = tuple[dict[str, Any], Origin]


def _medications(form: FormValues) -> list[Item]:
    items: list[Item] = []
    for row in range(1, MEDICATION_ROWS + 1):
        prefix = f"medications-{row}"
        answers = {name: form.get(f"{prefix}-{name}").strip() for name in MEDICATION_FIELDS}
        if not any(answers.values()):
            continue
        item: dict[str, Any] = {}
        for name, answer in answers.items():
            if answer:
                item[name] = answer if name in ("name", "class") else _number(answer)
        items.append((item, Origin(prefix, _("Medicine {number}").format(number=row))))
    return items


def _modalities(form: FormValues) -> list[Item]:
    items: list[Item] = []
    for choice in MODALITIES:
        prefix = f"modalities-{choice.value}"
        minutes, relief = form.get(f"{prefix}-minutes").strip(), form.get(f"{prefix}-relief")
        if form.has(f"{prefix}-used", "yes") or minutes or relief:
            item: dict[str, Any] = {"kind": choice.value}
            if minutes:
                item["minutes"] = _number(minutes)
            if relief:
                item["relief"] = _number(relief)
            items.append((item, Origin(prefix, translate(choice.label))))
    return items


def _exercises(form: FormValues) -> list[Item]:
    items: list[Item] = []
    for choice in EXERCISES:
        prefix = f"exercises-{choice.value}"
        minutes = form.get(f"{prefix}-minutes").strip()
        if form.has(f"{prefix}-done", "yes") or minutes:
            item: dict[str, Any] = {"kind": choice.value}
            if minutes:
                item["minutes"] = _number(minutes)
            items.append((item, Origin(prefix, translate(choice.label))))
    return items


# --- Errors -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem, placed: `key` names the form control it sits beside (None: the form
    as a whole) and `anchor` the element id the error summary links to."""

    key: str | None
    anchor: str
    label: str
    message: str


_LIST_ITEM = re.compile(r"(medications|modalities|exercises)\[(\d+)\](?:\.(\w+))?")
# The input a list item's `kind` is entered in: the tick box of its row.
_KIND_INPUT = {"medications": "name", "modalities": "used", "exercises": "done"}

FIELD_MESSAGES = {
    "temperature.value": N_(
        "Enter a temperature from 34 to 43 °C, or from 93.2 to 109.4 °F. "
        "Check that you chose the right unit."
    ),
    "temperature.unit": N_("Choose °C or °F for your temperature."),
    "walking_minutes": N_("Enter the minutes as a whole number from 0 to 1440, like 20."),
    "medications.name": N_("Write the name of the medicine."),
    "medications.class": N_(
        "Choose what kind of medicine it is. If you are not sure, choose “Something else”."
    ),
    "medications.dose_mg": N_("Enter the dose in mg as a number up to 10000, like 300."),
    "medications.doses_per_day": N_("Enter how many times a day as a whole number from 1 to 24."),
    "modalities.minutes": N_("Enter the minutes as a whole number from 1 to 600."),
    "modalities.relief": N_("Choose how much it helped, from 0 to 10."),
    "exercises.minutes": N_("Enter the minutes as a whole number from 1 to 600."),
    "note": N_("Your note is too long. Please make it shorter."),
}
_LABELS = {
    "temperature": N_("Temperature"),
    "walking_minutes": N_("Walking"),
    "note": N_("Note"),
    "medications": N_("Medicines"),
    "modalities": N_("Ice, heat or TENS"),
    "exercises": N_("Exercises"),
}
_CHECK_IN = N_("Check-in")
_BY_KIND = {
    "scale": N_("Choose a number from 0 to 10."),
    "radio": N_("Choose one of the answers shown."),
    "checkbox": N_("Tick only the boxes shown."),
}


def field_errors(error: InputError, origins: Mapping[str, Origin]) -> tuple[FieldError, ...]:
    """Each problem of `error` beside its field, in plain words of the page's language."""
    return tuple(_place(name, problem, origins) for name, problem in error.errors)


def _place(name: str, problem: str, origins: Mapping[str, Origin]) -> FieldError:
    if match := _LIST_ITEM.fullmatch(name):
        group, index, member = match.groups()
        origin = origins.get(f"{group}[{index}]")
        if origin is not None:
            member = member or "kind"
            key = f"{origin.prefix}-{_KIND_INPUT[group] if member == 'kind' else member}"
            message = FIELD_MESSAGES.get(f"{group}.{member}")
            return FieldError(
                key, key, origin.label, translate(message) if message else _fallback(problem)
            )
    if name in QUESTIONS:
        question = QUESTIONS[name]
        # Only a tampered form can send a value outside the choices shown.
        return FieldError(
            name, question.first_id, translate(question.legend), translate(_BY_KIND[question.kind])
        )
    if name.startswith("temperature"):
        unit = name == "temperature.unit"
        key = "temperature-unit" if unit else "temperature-value"
        anchor = "temperature-unit-C" if unit else key
        message = FIELD_MESSAGES["temperature.unit" if unit else "temperature.value"]
        return FieldError(key, anchor, translate(_LABELS["temperature"]), translate(message))
    if name in ("walking_minutes", "note"):
        return FieldError(name, name, translate(_LABELS[name]), translate(FIELD_MESSAGES[name]))
    if name == "recorded_at":
        return FieldError(None, FORM_TOP, translate(_CHECK_IN), _dating_problem(problem))
    group = name.split("[", 1)[0]
    return FieldError(None, FORM_TOP, translate(_LABELS.get(group, _CHECK_IN)), _fallback(problem))


def _fallback(problem: str) -> str:
    # The validator's own words stay in English: only a tampered form gets here.
    return _("Please check this answer ({problem}).").format(problem=problem)


def _dating_problem(problem: str) -> str:
    if "before the surgery date" in problem:
        return _(
            "Our records show your surgery is after today, so this check-in cannot be "
            "saved. Please call your care team to fix the date."
        )
    return _("We could not save the time of this check-in. Please try again in a minute.")
