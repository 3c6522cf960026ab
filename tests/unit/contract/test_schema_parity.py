"""The JSON Schema file and the parser accept and refuse the same documents.

The corpus (`corpus.py`) says what the schema should decide for each document, so a
wrong expectation in the corpus fails as loudly as a parser that disagrees.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from rootwise.contract.errors import InputError
from rootwise.contract.request import parse_request

from .corpus import (
    DESCRIPTION_ONLY,
    FULL,
    LIBRARY_QUIRKS,
    NOW,
    SCHEMA,
    STRUCTURAL,
    Case,
    changed,
    where,
)

SCHEMA_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _params(cases: list[Case]) -> list[Any]:
    return [pytest.param(case, id=case.id) for case in cases]


def _parser_accepts(document: Any) -> tuple[bool, InputError | None]:
    try:
        parse_request(json.dumps(document), now=NOW)
    except InputError as error:
        return False, error
    return True, None


def test_the_schema_file_is_itself_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("case", _params(STRUCTURAL))
def test_the_schema_and_the_parser_agree(case: Case) -> None:
    assert SCHEMA_VALIDATOR.is_valid(case.document) is case.valid, "corpus expectation is wrong"
    accepted, error = _parser_accepts(case.document)
    assert accepted is case.valid, error
    if error is not None:
        assert all(field.startswith(case.where) for field, _ in error.errors), error.errors


@pytest.mark.parametrize("case", _params(DESCRIPTION_ONLY))
def test_rules_stated_only_in_descriptions_are_still_refused(case: Case) -> None:
    assert SCHEMA_VALIDATOR.is_valid(case.document)
    accepted, error = _parser_accepts(case.document)
    assert not accepted
    assert error is not None
    assert (error.field, error.problem) == (case.where, case.message)


@pytest.mark.parametrize("case", _params(LIBRARY_QUIRKS))
def test_a_final_newline_that_the_jsonschema_package_lets_through_is_refused(case: Case) -> None:
    assert SCHEMA_VALIDATOR.is_valid(case.document)  # the package's quirk, not the standard
    accepted, error = _parser_accepts(case.document)
    assert not accepted
    assert error is not None
    assert error.field == case.where


def _schema_fields(node: dict[str, Any], path: str = "") -> set[str]:
    """Every property of the schema, named like "history[].medications[].class"."""
    if "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
    fields: set[str] = set()
    for alternative in node.get("oneOf", []):
        fields |= _schema_fields(alternative, path)
    if "items" in node:
        fields |= _schema_fields(node["items"], f"{path}[]")
    for name, child in node.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        fields |= {child_path} | _schema_fields(child, child_path)
    return fields


def test_the_corpus_tries_every_field_of_the_schema_both_ways() -> None:
    fields = _schema_fields(SCHEMA)
    accepted = {case.field for case in STRUCTURAL if case.valid}
    refused = {case.field for case in STRUCTURAL if not case.valid}
    assert len(fields) > 50
    assert fields - refused == set()
    # a required object has no valid variant of its own: only the base documents
    assert fields - accepted == {"patient", "patient.surgery", "checkin"}


def test_the_corpus_tries_an_unknown_key_in_every_object() -> None:
    objects = {c.field[:-1].removesuffix(".") for c in STRUCTURAL if c.field.endswith("*")}
    assert objects == {
        "",
        "patient",
        "patient.surgery",
        "checkin",
        "checkin.temperature",
        "checkin.medications[]",
        "checkin.modalities[]",
        "checkin.exercises[]",
        "history[]",
        "history[].temperature",
        "history[].medications[]",
        "history[].modalities[]",
        "history[].exercises[]",
    }


# --- Beyond the corpus: random damage to a valid document -------------------------------


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


PATHS = _paths(FULL)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2101),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "C", "F", "yes", "none", "L4-L5", "2026-11-20", "2026-11-20T08:00:00Z"]),
    st.text(max_size=8),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=JSON_VALUES)
def test_a_valid_document_with_one_value_replaced_is_judged_as_the_schema_judges_it(
    path: tuple[str | int, ...], value: Any
) -> None:
    document = changed(FULL, path, value)
    schema_accepts = SCHEMA_VALIDATOR.is_valid(document)
    accepted, error = _parser_accepts(document)
    if schema_accepts and not accepted:
        # only the rules the schema states in prose may refuse what the schema accepts
        assert error is not None
        for field, _ in error.errors:
            assert field.endswith(("temperature.value", "recorded_at")), error.errors
    else:
        assert accepted is schema_accepts, (where(path), error)
