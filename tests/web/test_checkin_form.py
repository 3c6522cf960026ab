"""From the posted form to the check-in JSON, and from input errors back to the fields;
no server needed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rootwise.contract.errors import InputError
from rootwise.web.pages.checkin_form import (
    FORM_TOP,
    FieldError,
    FormValues,
    Origin,
    checkin_body,
    field_errors,
)
from rootwise.web.pages.checkin_questions import QUESTIONS

AT = datetime(2026, 3, 20, 14, 0, tzinfo=UTC)


def body(**fields: str | list[str]) -> dict[str, object]:
    pairs = [
        (name, value)
        for name, values in fields.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    return checkin_body(FormValues.from_pairs(pairs), recorded_at=AT).body


def test_an_empty_form_is_a_check_in_with_nothing_answered() -> None:
    assert body() == {"recorded_at": "2026-03-20T14:00:00+00:00"}


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("20", 20),
        (" 20 ", 20),
        ("20.5", 20.5),
        ("20,5", 20.5),
        (".5", 0.5),
        ("twenty", "twenty"),
        ("1e3", "1e3"),
        ("nan", "nan"),
        ("-3", -3),
    ],
)
def test_numbers_are_read_and_anything_else_is_passed_on_for_the_validator(
    typed: str, sent: object
) -> None:
    assert body(walking_minutes=typed)["walking_minutes"] == sent


@pytest.mark.parametrize("name", ["chills", "calf_pain_or_swelling", "headache_when_upright"])
def test_yes_and_no_become_true_and_false(name: str) -> None:
    assert body(**{name: "yes"})[name] is True
    assert body(**{name: "no"})[name] is False


def test_red_flag_words_are_sent_as_the_schema_names_them() -> None:
    sent = body(bladder="new_retention", saddle_numbness="unsure", weakness_onset="sudden")
    assert sent["bladder"] == "new_retention"
    assert sent["saddle_numbness"] == "unsure"
    assert sent["weakness_onset"] == "sudden"


def test_a_unit_without_a_temperature_is_no_answer() -> None:
    assert "temperature" not in body(**{"temperature-unit": "C"})


def test_a_temperature_without_a_unit_is_sent_for_the_validator_to_ask_for_one() -> None:
    assert body(**{"temperature-value": "38.4"})["temperature"] == {"value": 38.4}


def test_empty_medicine_rows_are_skipped_and_filled_ones_remember_their_row() -> None:
    pairs = [
        ("medications-2-name", "Oxycodone"),
        ("medications-2-class", "opioid"),
        ("medications-4-class", "other"),
    ]
    converted = checkin_body(FormValues.from_pairs(pairs), recorded_at=AT)
    assert converted.body["medications"] == [
        {"name": "Oxycodone", "class": "opioid"},
        {"class": "other"},
    ]
    assert converted.origins == {
        "medications[0]": Origin("medications-2", "Medicine 2"),
        "medications[1]": Origin("medications-4", "Medicine 4"),
    }


def test_minutes_or_relief_alone_count_as_having_used_ice_heat_or_tens() -> None:
    assert body(**{"modalities-heat-minutes": "10"})["modalities"] == [
        {"kind": "heat", "minutes": 10}
    ]


def test_uploads_are_ignored() -> None:
    values = FormValues.from_pairs([("note", object()), ("note", "hello")])
    assert values.all("note") == ("hello",)


ORIGINS = {
    "medications[0]": Origin("medications-3", "Medicine 3"),
    "modalities[0]": Origin("modalities-tens", "TENS machine"),
    "exercises[0]": Origin("exercises-nerve_glide", "Nerve glides"),
}


@pytest.mark.parametrize(
    ("field", "key", "anchor", "label"),
    [
        ("temperature.value", "temperature-value", "temperature-value", "Temperature"),
        ("temperature.unit", "temperature-unit", "temperature-unit-C", "Temperature"),
        ("walking_minutes", "walking_minutes", "walking_minutes", "Walking"),
        ("note", "note", "note", "Note"),
        ("medications[0].class", "medications-3-class", "medications-3-class", "Medicine 3"),
        ("medications[0].name", "medications-3-name", "medications-3-name", "Medicine 3"),
        ("medications[0]", "medications-3-name", "medications-3-name", "Medicine 3"),
        (
            "modalities[0].relief",
            "modalities-tens-relief",
            "modalities-tens-relief",
            "TENS machine",
        ),
        ("modalities[0].kind", "modalities-tens-used", "modalities-tens-used", "TENS machine"),
        (
            "exercises[0].kind",
            "exercises-nerve_glide-done",
            "exercises-nerve_glide-done",
            "Nerve glides",
        ),
        ("leg_pain", "leg_pain", "leg_pain-0", QUESTIONS["leg_pain"].legend),
        ("bladder", "bladder", "bladder-normal", QUESTIONS["bladder"].legend),
        ("recorded_at", None, FORM_TOP, "Check-in"),
        ("medications[7].name", None, FORM_TOP, "Medicines"),
    ],
)
def test_each_error_is_placed_beside_its_field(
    field: str, key: str | None, anchor: str, label: str
) -> None:
    [placed] = field_errors(InputError((field, "must be something else")), ORIGINS)
    assert (placed.key, placed.anchor, placed.label) == (key, anchor, label)
    assert placed.message


def test_an_error_the_form_has_no_words_for_still_says_what_is_wrong() -> None:
    [placed] = field_errors(InputError(("surprise", "is odd")), {})
    assert placed == FieldError(None, FORM_TOP, "Check-in", "Please check this answer (is odd).")


def test_a_surgery_date_after_today_is_explained_in_plain_words() -> None:
    error = InputError(("recorded_at", "is before the surgery date 2026-04-01"))
    [placed] = field_errors(error, {})
    assert "call your care team" in placed.message
