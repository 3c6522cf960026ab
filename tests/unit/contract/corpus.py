"""Documents that the JSON Schema and the parser must judge alike, built field by field.

A few valid base documents; then, for every field of the schema, variants that are still
valid (boundaries, null where allowed, left out where optional) and variants that are not
(wrong type, one past a bound, unknown enum value, null where not allowed, a repeat in a
uniqueItems array, one item too many, an unknown key at every object level, a bad
pattern, an impossible date, a naive date-time). Enum values come from the schema file
itself, so a value added there is tested here without editing this file.

`DESCRIPTION_ONLY` holds documents that break only rules the schema states in prose
(plausible temperatures, `recorded_at` between the surgery date and `NOW`): the schema
accepts them and the parser must refuse them. `LIBRARY_QUIRKS` holds the two places
where the Python `jsonschema` package is looser than the standards it implements.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parents[4] / "shared" / "spec" / "assessment-request.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text())
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class _Absent:
    def __repr__(self) -> str:
        return "absent"


ABSENT: Any = _Absent()  # as a value in a variant: leave the key out


@dataclass(frozen=True)
class Case:
    """One document; `where` is the concrete path of the changed field."""

    field: str  # the schema's name for it: "history[].leg_pain"
    where: str  # this document's path: "history[0].leg_pain"
    label: str
    document: Any
    valid: bool
    message: str = ""  # for DESCRIPTION_ONLY: what the parser must say

    @property
    def id(self) -> str:
        verdict = "ok" if self.valid else "refused"
        return f"{self.where} = {self.label} ({verdict})"


# --- Base documents ---------------------------------------------------------------------

MINIMAL_CHECKIN: dict[str, Any] = {"recorded_at": "2026-11-25T08:30:00+01:00"}
FULL_CHECKIN: dict[str, Any] = {
    "recorded_at": "2026-11-25T08:30:00+01:00",
    "leg_pain": 6,
    "back_pain": 3,
    "leg_pain_side": "left",
    "pain_qualities": ["burning", "tingling"],
    "numbness": "unchanged",
    "weakness": "none",
    "weakness_onset": None,
    "weakness_side": "none",
    "bladder": "normal",
    "bowel": "normal",
    "saddle_numbness": "no",
    "temperature": {"value": 37.2, "unit": "C"},
    "chills": False,
    "wound": [],
    "calf_pain_or_swelling": False,
    "chest_pain_or_breathless": False,
    "headache_when_upright": False,
    "walking_minutes": 30,
    "sleep_quality": 6,
    "medications": [
        {"name": "gabapentin", "class": "gabapentinoid", "dose_mg": 300, "doses_per_day": 3}
    ],
    "side_effects": ["drowsiness"],
    "modalities": [{"kind": "ice", "minutes": 20, "relief": 4}],
    "exercises": [{"kind": "walking", "minutes": 30}],
    "note": "Worse after sitting.",
}
MINIMAL: dict[str, Any] = {
    "patient": {"surgery": {"procedure": "discectomy", "date": "2026-11-01"}},
    "checkin": MINIMAL_CHECKIN,
}
FULL: dict[str, Any] = {
    "patient": {
        "surgery": {
            "procedure": "fusion",
            "date": "2026-11-01",
            "levels": ["L4-L5", "L5-S1"],
            "durotomy": False,
        },
        "birth_year": 1968,
        "conditions": ["diabetes", "smoker"],
        "nsaid_restricted_until": "2027-02-01",
    },
    "checkin": FULL_CHECKIN,
    "history": [
        {**copy.deepcopy(FULL_CHECKIN), "recorded_at": "2026-11-24T08:30:00+01:00"},
        {"recorded_at": "2026-11-23T20:00:00-05:00", "leg_pain": 7},
    ],
}
BASES = {"minimal": MINIMAL, "full": FULL}


def changed(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A deep copy of `document` with the value at `path` replaced (ABSENT: removed)."""
    result = copy.deepcopy(document)
    if not path:
        return result if value is ABSENT else value
    *parents, last = path
    parent = result
    for key in parents:
        parent = parent[key]
    if value is ABSENT:
        del parent[last]
    else:
        parent[last] = value
    return result


def where(path: tuple[str | int, ...]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "input"


# --- Variants by kind of field: (label, value, valid) -----------------------------------

Variant = tuple[str, Any, bool]


def _label(value: Any) -> str:
    text = "absent" if value is ABSENT else json.dumps(value)
    return text if len(text) <= 40 else f"{text[:30]}... ({len(text)} chars)"


def _variants(valid: list[Any], invalid: list[Any]) -> list[Variant]:
    return [(_label(v), v, True) for v in valid] + [(_label(v), v, False) for v in invalid]


def _presence(*, required: bool, nullable: bool) -> list[Variant]:
    return _variants(
        valid=([] if required else [ABSENT]) + ([None] if nullable else []),
        invalid=([ABSENT] if required else []) + ([] if nullable else [None]),
    )


def integer(low: int, high: int, *, nullable: bool = False) -> list[Variant]:
    middle = (low + high) // 2
    return _presence(required=False, nullable=nullable) + _variants(
        # JSON Schema counts 6.0 as an integer
        valid=[low, high, middle, float(middle)],
        invalid=[low - 1, high + 1, middle + 0.5, str(middle), True, [middle], {}],
    )


def boolean(*, nullable: bool = False) -> list[Variant]:
    return _presence(required=False, nullable=nullable) + _variants(
        valid=[True, False], invalid=[0, 1, "true", "false", [True]]
    )


def enum(values: list[Any], *, required: bool = False) -> list[Variant]:
    names = [v for v in values if v is not None]
    return _presence(required=required, nullable=None in values) + _variants(
        valid=names,
        invalid=["not_a_value", names[0].swapcase(), f" {names[0]}", "", 0, True, [names[0]]],
    )


def unique_enum_array(values: list[str]) -> list[Variant]:
    return _presence(required=False, nullable=False) + _variants(
        valid=[[], [values[0]], list(values), list(reversed(values))],
        invalid=[
            [values[0], values[0]],
            [*values, values[-1]],
            ["not_a_value"],
            [values[0].upper()],
            [None],
            [1],
            values[0],
            {},
        ],
    )


def calendar_date(valid: list[str], *, required: bool = False) -> list[Variant]:
    return _presence(required=required, nullable=False) + _variants(
        valid=valid,
        invalid=[
            "2026-02-30",
            "2026-13-01",
            "2026-11-1",
            "2026/11/01",
            "20261101",
            "2026-W45-1",
            "2026-11-01T00:00:00Z",
            "",
            20261101,
        ],
    )


def date_time(*, required: bool = True) -> list[Variant]:
    # Every valid one is on or after the surgery date, and at most 5 minutes after NOW.
    return _presence(required=required, nullable=False) + _variants(
        valid=[
            "2026-11-25T08:30:00+01:00",
            "2026-11-25T07:30:00Z",
            "2026-11-25t07:30:00z",
            "2026-11-25T07:30:00.5Z",
            "2026-11-25T07:30:00.123456789Z",
            "2026-11-25T07:30:00-00:00",
            "2026-11-25T23:00:00+23:59",
            "2026-11-25T12:05:00Z",  # exactly five minutes after NOW
            "2026-11-01T00:00:00+14:00",  # the surgery date locally, the day before in UTC
        ],
        invalid=[
            "2026-11-25T08:30:00",  # naive
            "2026-11-25",
            "2026-11-25 08:30:00Z",
            "2026-11-25T08:30Z",
            "2026-11-25T08:30:00+0100",
            "2026-11-25T08:30:00+01",
            "2026-11-25T08:30:00,5Z",
            "2026-11-25T08:30:00.Z",
            "2026-02-30T08:30:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T08:60:00Z",
            "2026-06-30T23:59:60Z",
            "2026-11-25T08:30:00+24:00",
            "2026-11-25T08:30:00+01:60",
            "+2026-11-25T08:30:00Z",
            "",
            1764059400,
            [],
        ],
    )


def text(low: int, high: int, *, required: bool = False, nullable: bool = False) -> list[Variant]:
    valid = ["x" * high, "\U0001f48a" * high, "paracétamol"[:high]]  # lengths in code points
    invalid = ["x" * (high + 1), "\U0001f48a" * (high + 1), 5, True, ["x"]]
    (valid if low == 0 else invalid).append("")
    if low:
        valid.append("x" * low)
    return _presence(required=required, nullable=nullable) + _variants(valid, invalid)


def number(valid: list[Any], invalid: list[Any], *, required: bool = False) -> list[Variant]:
    return _presence(required=required, nullable=False) + _variants(
        valid=valid, invalid=[*invalid, "38", True, [1], {}]
    )


def object_list(item: dict[str, Any], most: int) -> list[Variant]:
    return _presence(required=False, nullable=False) + _variants(
        valid=[[], [item], [item] * most],
        invalid=[[item] * (most + 1), [None], [5], ["x"], [{}], item],
    )


def levels() -> list[Variant]:
    return _presence(required=False, nullable=False) + _variants(
        valid=[
            [],
            ["L4-L5"],
            ["L5-S1"],
            ["T12-L1"],
            ["L1-L5"],
            ["L4-L5", "L4-L5"],  # levels has no uniqueItems
        ],
        invalid=[
            ["L6-S1"],
            ["l4-l5"],
            ["L4-L5 "],
            [" L4-L5"],
            ["L4L5"],
            ["T11-T12"],
            ["L5-S2"],
            ["S1-L5"],
            [""],
            [45],
            [None],
            "L4-L5",
        ],
    )


def _enum_values(definition: str, *keys: str) -> list[Any]:
    """The `enum` of a field in the schema, e.g. ("checkin", "medications", "class")."""
    node = SCHEMA["$defs"][definition]
    for key in keys:
        node = node.get("items", node)["properties"][key]
    return list(node.get("items", node)["enum"])


# --- The fields of each object of the schema --------------------------------------------

SURGERY_FIELDS = {
    "procedure": enum(_enum_values("patient", "surgery", "procedure"), required=True),
    # surgery dates stay on or before every check-in of the base documents
    "date": calendar_date(["2026-11-01", "2024-02-29", "2026-11-20"], required=True),
    "levels": levels(),
    "durotomy": boolean(),
}
PATIENT_FIELDS = {
    "birth_year": integer(1900, 2100),
    "conditions": unique_enum_array(_enum_values("patient", "conditions")),
    "nsaid_restricted_until": calendar_date(["2026-11-01", "2030-12-31", "2020-01-01"]),
}
TEMPERATURE_FIELDS = {
    "value": number(valid=[34.0, 37, 37.25, 43.0, 43], invalid=[], required=True),
    # "F" is tried with a whole temperature below: 37.2 F is not a body temperature
    "unit": [v for v in enum(_enum_values("temperature", "unit"), required=True) if v[1] != "F"],
}
MEDICATION_FIELDS = {
    "name": text(1, 100, required=True),
    "class": enum(_enum_values("checkin", "medications", "class"), required=True),
    "dose_mg": number(valid=[0.001, 1e-300, 2.5, 300, 10000, 10000.0], invalid=[0, -1, 10000.5]),
    "doses_per_day": integer(1, 24),
}
MODALITY_FIELDS = {
    "kind": enum(_enum_values("checkin", "modalities", "kind"), required=True),
    "minutes": integer(1, 600),
    "relief": integer(0, 10),
}
EXERCISE_FIELDS = {
    "kind": enum(_enum_values("checkin", "exercises", "kind"), required=True),
    "minutes": integer(1, 600),
}
_TEMPERATURE_F = {"value": 98.6, "unit": "F"}
CHECKIN_FIELDS = {
    "recorded_at": date_time(),
    "leg_pain": integer(0, 10, nullable=True),
    "back_pain": integer(0, 10, nullable=True),
    "leg_pain_side": enum(_enum_values("checkin", "leg_pain_side")),
    "pain_qualities": unique_enum_array(_enum_values("checkin", "pain_qualities")),
    "numbness": enum(_enum_values("checkin", "numbness"))
    + _variants(valid=[], invalid=["unsure"]),  # weakness has it; numbness does not
    "weakness": enum(_enum_values("checkin", "weakness")),
    "weakness_onset": enum(_enum_values("checkin", "weakness_onset")),
    "weakness_side": enum(_enum_values("checkin", "weakness_side")),
    "bladder": enum(_enum_values("checkin", "bladder")),
    "bowel": enum(_enum_values("checkin", "bowel")) + _variants([], ["new_retention"]),
    "saddle_numbness": enum(_enum_values("checkin", "saddle_numbness")),
    "temperature": _presence(required=False, nullable=True)
    + _variants(
        valid=[_TEMPERATURE_F, {"unit": "C", "value": 36.5}],
        invalid=[{}, {"value": 37}, {"unit": "C"}, 37.2, "37.2", [37.2, "C"], True],
    ),
    "chills": boolean(nullable=True),
    "wound": unique_enum_array(_enum_values("checkin", "wound")),
    "calf_pain_or_swelling": boolean(nullable=True),
    "chest_pain_or_breathless": boolean(nullable=True),
    "headache_when_upright": boolean(nullable=True),
    "walking_minutes": integer(0, 1440, nullable=True),
    "sleep_quality": integer(0, 10, nullable=True),
    "medications": object_list({"name": "ibuprofen", "class": "nsaid"}, 50),
    "side_effects": unique_enum_array(_enum_values("checkin", "side_effects")),
    "modalities": object_list({"kind": "heat"}, 20),
    "exercises": object_list({"kind": "nerve_glide"}, 20),
    "note": text(0, 2000, nullable=True),
}


def _sample(variants: list[Variant]) -> list[Variant]:
    """A few of `variants`: the first valid one and the first two invalid ones."""
    valid = [v for v in variants if v[2]][:1]
    return valid + [v for v in variants if not v[2]][:2]


def _locations() -> Iterator[tuple[str, Any, tuple[str | int, ...], dict[str, list[Variant]]]]:
    """(schema path, base document, concrete path, fields) for every object of the schema.

    Check-in fields are tried in full in `checkin`, on a base without history (smaller, so
    faster to validate), and by a sample in `history[0]`, which is the same definition.
    """
    single = changed(FULL, ("history",), ABSENT)
    yield "patient.surgery", single, ("patient", "surgery"), SURGERY_FIELDS
    yield "patient", single, ("patient",), PATIENT_FIELDS
    for name, base, path, sample in [
        ("checkin", single, ("checkin",), False),
        ("history[]", FULL, ("history", 0), True),
    ]:
        for suffix, within, fields in [
            ("", (), CHECKIN_FIELDS),
            (".temperature", ("temperature",), TEMPERATURE_FIELDS),
            (".medications[]", ("medications", 0), MEDICATION_FIELDS),
            (".modalities[]", ("modalities", 0), MODALITY_FIELDS),
            (".exercises[]", ("exercises", 0), EXERCISE_FIELDS),
        ]:
            chosen = {k: _sample(v) for k, v in fields.items()} if sample else fields
            yield f"{name}{suffix}", base, (*path, *within), chosen


def _field_cases() -> Iterator[Case]:
    for schema_path, base, path, fields in _locations():
        for name, variants in fields.items():
            at = (*path, name)
            for label, value, valid in variants:
                document = changed(base, at, value)
                yield Case(f"{schema_path}.{name}", where(at), label, document, valid)
        unknown = (*path, "unexpected")
        document = changed(base, unknown, 1)
        yield Case(f"{schema_path}.*", where(unknown), '"unknown key"', document, False)


def _whole_object_cases() -> Iterator[Case]:
    wrong: list[Any] = [None, [], "x", 5, {}]  # {} lacks a required key
    objects: list[tuple[str, tuple[str | int, ...], list[Variant]]] = [
        ("patient", ("patient",), _variants(valid=[], invalid=[ABSENT, *wrong])),
        ("patient.surgery", ("patient", "surgery"), _variants([], [ABSENT, *wrong])),
        ("checkin", ("checkin",), _variants(valid=[], invalid=[ABSENT, *wrong])),
        ("history[]", ("history", 0), _variants(valid=[], invalid=wrong)),
        (
            "history",
            ("history",),
            _presence(required=False, nullable=False)
            + _variants(
                valid=[[], [MINIMAL_CHECKIN], [MINIMAL_CHECKIN] * 5000],
                invalid=[[MINIMAL_CHECKIN] * 5001, MINIMAL_CHECKIN, "x"],
            ),
        ),
    ]
    for field, path, variants in objects:
        for label, value, valid in variants:
            yield Case(field, where(path), label, changed(FULL, path, value), valid)
    unknown = ("unexpected",)
    yield Case("*", "unexpected", '"unknown key"', changed(FULL, unknown, 1), False)
    for label, value, valid in _variants(valid=[], invalid=[[], [FULL], "x", 5, None, True]):
        yield Case("", "input", f"document {label}", value, valid)
    for name, base in BASES.items():
        yield Case("", "input", f"{name} base document", base, True)


def _minimal_cases() -> Iterator[Case]:
    """The required fields once more, on the minimal document."""
    for path in [("patient",), ("patient", "surgery", "procedure"), ("checkin", "recorded_at")]:
        yield Case(where(path), where(path), "absent", changed(MINIMAL, path, ABSENT), False)


STRUCTURAL = [*_field_cases(), *_whole_object_cases(), *_minimal_cases()]


# --- Rules stated only in the schema's descriptions --------------------------------------


def _description_only() -> Iterator[Case]:
    temperatures = [
        ({"value": 33.9, "unit": "C"}, "must be 34.0-43.0 for C, got 33.9"),
        ({"value": 43.1, "unit": "C"}, "must be 34.0-43.0 for C, got 43.1"),
        ({"value": 60, "unit": "C"}, "must be 34.0-43.0 for C, got 60"),
        ({"value": -40, "unit": "C"}, "must be 34.0-43.0 for C, got -40"),
        ({"value": 98.6, "unit": "C"}, "must be 34.0-43.0 for C, got 98.6"),
        ({"value": 93.1, "unit": "F"}, "must be 93.2-109.4 for F, got 93.1"),
        ({"value": 109.5, "unit": "F"}, "must be 93.2-109.4 for F, got 109.5"),
        ({"value": 37.5, "unit": "F"}, "must be 93.2-109.4 for F, got 37.5"),
        ({"value": 1e300, "unit": "F"}, "must be 93.2-109.4 for F, got 1e+300"),
    ]
    for checkin in [("checkin",), ("history", 0)]:
        path = (*checkin, "temperature")
        for temperature, message in temperatures:
            document = changed(FULL, path, temperature)
            yield Case(
                "temperature", f"{where(path)}.value", _label(temperature), document, False, message
            )
    times = [
        ("2026-10-31T23:59:59Z", "is before the surgery date 2026-11-01"),
        # 2026-11-01T01:30Z in UTC, but still 31 October where the patient is
        ("2026-10-31T23:30:00-02:00", "is before the surgery date 2026-11-01"),
        ("2025-11-25T08:30:00Z", "is before the surgery date 2026-11-01"),
        ("2026-11-25T12:05:01Z", "is more than 5 minutes in the future"),
        ("2026-11-25T13:06:00+01:00", "is more than 5 minutes in the future"),
        ("2027-01-01T00:00:00Z", "is more than 5 minutes in the future"),
    ]
    for checkin in [("checkin",), ("history", 0), ("history", 1)]:
        path = (*checkin, "recorded_at")
        for value, message in times:
            yield Case(
                "recorded_at",
                where(path),
                _label(value),
                changed(FULL, path, value),
                False,
                message,
            )


DESCRIPTION_ONLY = list(_description_only())

# jsonschema matches `pattern` and the date-time format with Python's `re`, whose `$` also
# matches before a final newline; ECMA-262 (which JSON Schema patterns follow) and RFC 3339
# do not allow the newline, and neither does the parser.
LIBRARY_QUIRKS = [
    Case(
        "patient.surgery.levels[]",
        "patient.surgery.levels[0]",
        '"L4-L5\\n"',
        changed(FULL, ("patient", "surgery", "levels"), ["L4-L5\n"]),
        False,
    ),
    Case(
        "checkin.recorded_at",
        "checkin.recorded_at",
        '"2026-11-25T08:30:00+01:00\\n"',
        changed(FULL, ("checkin", "recorded_at"), "2026-11-25T08:30:00+01:00\n"),
        False,
    ),
]
