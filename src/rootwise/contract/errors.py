"""Input errors: every problem with a request, each as one plain line naming the field.

Pydantic reports a failure as a list of error dicts; `input_error` turns each into a
`(field, problem)` pair such as `("checkin.leg_pain", "must be 0-10, got 11")`. Pydantic's
own errors are reworded here. The project's own (`json_types.py`, the temperature check)
carry their final wording in `msg`, and in `ctx` may add `got` (show the offending value
after the message, see `_show`) and `at` (a member of the object that the error is about).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

# Every character that str.splitlines() treats as a line break, written as an escape.
_LINE_BREAKS = str.maketrans(
    {c: f"\\u{ord(c):04x}" for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
)
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LONGEST_VALUE = 60

# Pydantic's own type errors: what the field must be. The offending value follows as JSON.
_MUST_BE = {
    "bool_type": "must be true or false",
    "string_type": "must be a string",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "dict_type": "must be an object",
    "dataclass_type": "must be an object",
    "list_type": "must be an array",
    "tuple_type": "must be an array",
}


class InputError(ValueError):
    """Input that breaks the request contract; `str()` is one line for a person to read.

    `field` and `problem` describe the first problem; `errors` holds every problem as a
    `(field, problem)` pair, in document order, so an HTTP 422 can list them all.
    """

    errors: tuple[tuple[str, str], ...]
    field: str
    problem: str

    def __init__(self, *errors: tuple[str, str]) -> None:
        if not errors:
            raise TypeError("InputError needs at least one (field, problem) pair")
        super().__init__(*errors)
        self.errors = tuple((_one_line(f), _one_line(p)) for f, p in errors)
        self.field, self.problem = self.errors[0]

    def __str__(self) -> str:
        first = f"{self.field}: {self.problem}"
        more = len(self.errors) - 1
        if more == 0:
            return first
        return f"{first} (and {more} more problem{'s' if more > 1 else ''})"


def input_error(exc: ValidationError, *, optional_fields: Iterable[str] = ()) -> InputError:
    """The InputError for a failed validation of a JSON document.

    `optional_fields` names the fields that may be left out; a null there gets a hint to
    leave the field out instead.
    """
    optional = frozenset(optional_fields)
    return InputError(*((_field(e["loc"], e), _problem(e, optional)) for e in exc.errors()))


def _field(loc: tuple[int | str, ...], error: ErrorDetails) -> str:
    """`history[3].temperature.value` for `("history", 3, "temperature", "value")`."""
    at = (error.get("ctx") or {}).get("at")
    parts = (*loc, at) if at else loc
    if not parts:
        return "input"
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_NAME.fullmatch(part):
            path += f".{part}" if path else part
        else:
            path += f"[{json.dumps(part)}]"
    return path


def _problem(error: ErrorDetails, optional: frozenset[str]) -> str:
    kind, value, loc = error["type"], error["input"], error["loc"]
    ctx = error.get("ctx") or {}
    if not loc:
        return _document_problem(kind, value, ctx)
    if kind == "missing":
        return "required"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field"
    if value is None:
        if loc[-1] in optional:
            return "must not be null (leave it out if not answered)"
        return "must not be null"
    if kind in _MUST_BE:
        return f"{_MUST_BE[kind]}, got {_show(value)}"
    if kind == "too_long":
        return f"must have at most {ctx['max_length']} items, got {ctx['actual_length']}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters long, got {len(value)}"
    if kind == "greater_than":
        return f"must be more than {_show(ctx['gt'])}, got {_show(value)}"
    if kind == "less_than_equal":
        return f"must be at most {_show(ctx['le'])}, got {_show(value)}"
    got = ctx.get("got")
    return error["msg"] if got is None else f"{error['msg']}, got {_show(value, got)}"


def _document_problem(kind: str, value: object, ctx: dict[str, object]) -> str:
    """A problem with the document as a whole: not JSON, or not a JSON object."""
    if kind == "json_invalid":
        return f"not valid JSON ({ctx['error']})"
    if kind == "string_unicode":
        return "not valid JSON (the text is not valid Unicode)"
    if kind in ("dict_type", "dataclass_type"):
        return f"must be a JSON object, got {_json_kind(value)}"
    return f"not a valid document ({kind})"


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"  # pragma: no cover - only objects are left in JSON


def _show(value: object, style: str = "json") -> str:
    """A value as the message shows it: a string of the right type in single quotes
    (`'maybe'`), anything else as JSON so that its type shows (`"5"`, `true`, `[1]`)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # a bound of 0 reads better than 0.0
    if style == "text" and isinstance(value, str):
        shown = "'" + json.dumps(value, ensure_ascii=False)[1:-1].replace('\\"', '"') + "'"
    else:
        try:
            shown = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):  # pragma: no cover - inputs come from JSON
            shown = repr(value)
    if len(shown) > _LONGEST_VALUE:
        shown = shown[: _LONGEST_VALUE - 3] + "..."
    return shown


def _one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)
