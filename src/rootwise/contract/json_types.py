"""JSON Schema rules that pydantic has no ready type for, as `Annotated` markers.

Each marker builds a pydantic-core schema, so the rule runs in pydantic-core's single pass
over the JSON text, and reports failure in the project's own words (`errors.py` adds the
field and, when the error's context says `got`, the offending value):

    Annotated[int, Whole(0, 10)]                  # "must be 0-10", 5.0 allowed, "5" not
    Annotated[Answer | None, OneOf()]             # "must be one of no, yes, unsure (or null)"
    Annotated[frozenset[WoundSign], Distinct()]   # uniqueItems, as a frozenset
    Annotated[datetime, DateTime()]               # RFC 3339 with a UTC offset or Z
    Annotated[CheckIn, Object(CheckInJson)]       # a JSON object straight into a dataclass
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import NoneType
from typing import Any, get_args

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError
from pydantic_core import core_schema as cs

EXAMPLE_DATE_TIME = "2026-11-25T08:30:00+01:00"
# RFC 3339 section 5.6, with ASCII digits only. The calendar (no 30 February) is left to
# datetime.fromisoformat; the offset is checked separately so that its absence gets its
# own message.
_OFFSET = r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
_DATE_TIME_SHAPE = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    + _OFFSET
    + "?$"
)
_ENDS_WITH_OFFSET = _OFFSET + "$"


def says(schema: CoreSchema, kind: str, message: str, got: str | None = None) -> CoreSchema:
    """`schema`, reporting any failure as one error of type `kind` saying `message`.

    `got` asks for the value after the message: "json" shows it as JSON, so its type
    shows (`"5"`, `true`); "text" shows a string in single quotes (`'maybe'`).
    """
    return cs.custom_error_schema(
        schema,
        custom_error_type=kind,
        custom_error_message=message,
        custom_error_context=None if got is None else {"got": got},
    )


@dataclass(frozen=True, slots=True)
class Says:
    """Any failure of the annotated type, reported as `message` and the value."""

    kind: str
    message: str
    got: str = "text"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return says(handler(source), self.kind, self.message, self.got)


@dataclass(frozen=True, slots=True)
class Whole:
    """A JSON integer from `low` to `high`. As in JSON Schema, 5.0 counts; "5" and true do not."""

    low: int
    high: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        integral = cs.union_schema(
            [
                cs.int_schema(strict=True),
                cs.float_schema(strict=True, allow_inf_nan=False, multiple_of=1),
            ]
        )
        in_range = cs.int_schema(strict=False, ge=self.low, le=self.high)  # and 5.0 -> 5
        return cs.chain_schema(
            [
                says(integral, "whole_number", "must be a whole number", "json"),
                says(in_range, "out_of_range", f"must be {self.low}-{self.high}", "json"),
            ]
        )


def choice(allowed: tuple[StrEnum, ...], *, nullable: bool) -> CoreSchema:
    """One of `allowed`, given as its JSON string; the enum member comes out."""
    names = ", ".join(allowed) + (" (or null)" if nullable else "")
    schema: CoreSchema = cs.literal_schema(list(allowed))
    if nullable:
        schema = cs.nullable_schema(schema)
    return says(schema, "choice", f"must be one of {names}", "text")


@dataclass(frozen=True, slots=True)
class OneOf:
    """A member of the annotated enum (only of `allowed`, if given); null if the type has None."""

    allowed: tuple[StrEnum, ...] = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        members = get_args(source) or (source,)
        (enum,) = (m for m in members if m is not NoneType)
        return choice(self.allowed or tuple(enum), nullable=NoneType in members)


@dataclass(frozen=True, slots=True)
class Distinct:
    """A JSON array of enum values with no value twice (uniqueItems), as a frozenset.

    pydantic's own frozenset would drop a repeat silently; this refuses it.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        (enum,) = get_args(source)
        items = cs.list_schema(choice(tuple(enum), nullable=False), strict=True)
        return cs.no_info_after_validator_function(_distinct, items)


def _distinct(items: list[StrEnum]) -> frozenset[StrEnum]:
    distinct = frozenset(items)
    if len(distinct) < len(items):
        seen: set[StrEnum] = set()
        for item in items:
            if item in seen:
                raise PydanticCustomError(
                    "duplicate_item", "duplicate item '{item}'", {"item": item.value}
                )
            seen.add(item)
    return distinct


@dataclass(frozen=True, slots=True)
class DateTime:
    """An RFC 3339 date-time with a UTC offset or Z (`format: date-time`), as an aware
    datetime with a standard-library timezone. Numbers and naive times are refused."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        shaped = cs.str_schema(strict=True, pattern=_DATE_TIME_SHAPE)
        with_offset = cs.str_schema(pattern=_ENDS_WITH_OFFSET)
        return cs.chain_schema(
            [
                says(shaped, "date_time", f"must be a date-time like {EXAMPLE_DATE_TIME}", "text"),
                says(
                    with_offset,
                    "utc_offset",
                    f"must include a UTC offset, e.g. {EXAMPLE_DATE_TIME}",
                ),
                cs.no_info_plain_validator_function(_moment),
            ]
        )


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.upper())  # RFC 3339 allows "t" and "z"
    except ValueError:  # a shape the pattern allows but the calendar does not: 02-30, 25:00
        raise PydanticCustomError(
            "date_time", "must be a real date and time", {"got": "text"}
        ) from None


@dataclass(frozen=True, slots=True)
class Object:
    """A JSON object validated by the TypedDict `shape` and built into the annotated
    dataclass by pydantic-core itself, which is several times faster than calling the
    dataclass from Python. Left-out keys take the dataclass defaults; unknown keys are
    refused. `check`, if given, then vets the whole value (and may raise
    PydanticCustomError).

    `shape` must name exactly the dataclass's fields, in any order.
    """

    shape: object
    check: Callable[[Any], object] | None = None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        wire = handler.resolve_ref_schema(handler.generate_schema(self.shape))
        if wire["type"] != "typed-dict":
            raise TypeError(f"{self.shape!r} must be a TypedDict")
        defaults = {f.name: f.default for f in dataclasses.fields(source)}
        if defaults.keys() != wire["fields"].keys():
            raise TypeError(f"{self.shape!r} must have exactly the fields of {source!r}")
        fields = []
        for name, field in wire["fields"].items():
            schema = field["schema"]
            if not field.get("required"):
                if defaults[name] is dataclasses.MISSING:
                    raise TypeError(f"{source.__name__}.{name} may be left out: give it a default")
                schema = cs.with_default_schema(schema, default=defaults[name])
            alias = field.get("validation_alias")
            fields.append(cs.dataclass_field(name, schema, validation_alias=alias))
        built = cs.dataclass_schema(
            source,
            cs.dataclass_args_schema(source.__name__, fields, extra_behavior="forbid"),
            list(defaults),
            slots=True,
            frozen=True,
            config=wire.get("config"),
        )
        if self.check is None:
            return built
        return cs.no_info_after_validator_function(self.check, built)
