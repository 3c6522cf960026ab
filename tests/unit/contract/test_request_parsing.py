"""`parse_request` and `parse_checkin`: JSON in, core values or one plain line out."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rootwise.clinical.model import (
    Answer,
    AssessmentRequest,
    Bladder,
    Bowel,
    Change,
    CheckIn,
    Condition,
    Exercise,
    ExerciseKind,
    Medication,
    MedicationClass,
    Modality,
    ModalityKind,
    PainQuality,
    Patient,
    Procedure,
    Side,
    SideEffect,
    Surgery,
    Temperature,
    TemperatureUnit,
)
from rootwise.contract.errors import InputError
from rootwise.contract.request import parse_checkin, parse_request

from .corpus import FULL, FULL_CHECKIN, MINIMAL, NOW

SURGERY_DATE = date(2026, 11, 1)
PLUS_ONE = timezone(timedelta(hours=1))


def request(**checkin: Any) -> str:
    """The minimal request, with `checkin` fields added or replaced."""
    return json.dumps({**MINIMAL, "checkin": {**MINIMAL["checkin"], **checkin}})


def refusal(text: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_request(text, now=NOW)
    return caught.value


# --- Valid documents become core values -------------------------------------------------


def test_a_minimal_request_leaves_every_question_unanswered() -> None:
    parsed = parse_request(json.dumps(MINIMAL), now=NOW)

    assert parsed == AssessmentRequest(
        patient=Patient(surgery=Surgery(Procedure.DISCECTOMY, SURGERY_DATE)),
        checkin=CheckIn(recorded_at=datetime(2026, 11, 25, 8, 30, tzinfo=PLUS_ONE)),
    )
    assert parsed.patient.surgery.durotomy is None
    assert parsed.checkin.wound is None
    assert parsed.history == ()


def test_a_full_request_becomes_the_matching_core_values() -> None:
    parsed = parse_request(json.dumps(FULL), now=NOW)

    checkin = CheckIn(
        recorded_at=datetime(2026, 11, 25, 8, 30, tzinfo=PLUS_ONE),
        leg_pain=6,
        back_pain=3,
        leg_pain_side=Side.LEFT,
        pain_qualities=frozenset({PainQuality.BURNING, PainQuality.TINGLING}),
        numbness=Change.UNCHANGED,
        weakness=Change.NONE,
        weakness_onset=None,
        weakness_side=Side.NONE,
        bladder=Bladder.NORMAL,
        bowel=Bowel.NORMAL,
        saddle_numbness=Answer.NO,
        temperature=Temperature(37.2, TemperatureUnit.CELSIUS),
        chills=False,
        wound=frozenset(),
        calf_pain_or_swelling=False,
        chest_pain_or_breathless=False,
        headache_when_upright=False,
        walking_minutes=30,
        sleep_quality=6,
        medications=(Medication("gabapentin", MedicationClass.GABAPENTINOID, 300.0, 3),),
        side_effects=frozenset({SideEffect.DROWSINESS}),
        modalities=(Modality(ModalityKind.ICE, minutes=20, relief=4),),
        exercises=(Exercise(ExerciseKind.WALKING, minutes=30),),
        note="Worse after sitting.",
    )
    assert parsed == AssessmentRequest(
        patient=Patient(
            surgery=Surgery(Procedure.FUSION, SURGERY_DATE, ("L4-L5", "L5-S1"), durotomy=False),
            birth_year=1968,
            conditions=frozenset({Condition.DIABETES, Condition.SMOKER}),
            nsaid_restricted_until=date(2027, 2, 1),
        ),
        checkin=checkin,
        history=(
            CheckIn(**{**_fields(checkin), "recorded_at": checkin.recorded_at - timedelta(1)}),
            CheckIn(
                recorded_at=datetime(2026, 11, 23, 20, tzinfo=timezone(timedelta(hours=-5))),
                leg_pain=7,
            ),
        ),
    )


def _fields(checkin: CheckIn) -> dict[str, Any]:
    return {name: getattr(checkin, name) for name in CheckIn.__dataclass_fields__}


def test_enum_answers_come_out_as_the_core_enums() -> None:
    parsed = parse_request(json.dumps(FULL), now=NOW)

    assert parsed.checkin.saddle_numbness is Answer.NO
    assert parsed.patient.surgery.procedure is Procedure.FUSION
    assert all(type(q) is PainQuality for q in parsed.checkin.pain_qualities or ())


@pytest.mark.parametrize(
    "field",
    [
        "leg_pain",
        "back_pain",
        "leg_pain_side",
        "numbness",
        "weakness",
        "weakness_onset",
        "weakness_side",
        "bladder",
        "bowel",
        "saddle_numbness",
        "temperature",
        "chills",
        "calf_pain_or_swelling",
        "chest_pain_or_breathless",
        "headache_when_upright",
        "walking_minutes",
        "sleep_quality",
        "note",
    ],
)
def test_null_and_left_out_both_mean_not_answered(field: str) -> None:
    as_null = parse_request(request(**{field: None}), now=NOW)
    left_out = parse_request(request(), now=NOW)

    assert getattr(as_null.checkin, field) is None
    assert as_null == left_out


@pytest.mark.parametrize(
    ("field", "empty"),
    [
        ("wound", frozenset()),
        ("pain_qualities", frozenset()),
        ("side_effects", frozenset()),
        ("medications", ()),
        ("modalities", ()),
        ("exercises", ()),
    ],
)
def test_an_empty_list_is_an_answer_but_a_left_out_list_is_not(field: str, empty: object) -> None:
    assert getattr(parse_request(request(**{field: []}), now=NOW).checkin, field) == empty
    assert getattr(parse_request(request(), now=NOW).checkin, field) is None
    assert refusal(request(**{field: None})).problem == (
        "must not be null (leave it out if not answered)"
    )


def test_a_left_out_wound_answer_is_distinct_from_no_wound_signs() -> None:
    unanswered = parse_request(request(), now=NOW).checkin
    none_seen = parse_request(request(wound=[]), now=NOW).checkin

    assert unanswered.wound is None
    assert none_seen.wound == frozenset()
    assert unanswered != none_seen


def test_a_fahrenheit_reading_stays_in_fahrenheit() -> None:
    parsed = parse_request(request(temperature={"value": 100.9, "unit": "F"}), now=NOW)

    assert parsed.checkin.temperature == Temperature(100.9, TemperatureUnit.FAHRENHEIT)
    assert str(parsed.checkin.temperature.celsius) == "38.3"


@pytest.mark.parametrize("value", [37, 37.0, 37.25])
def test_a_temperature_keeps_the_number_as_sent(value: float) -> None:
    parsed = parse_request(request(temperature={"value": value, "unit": "C"}), now=NOW)

    assert parsed.checkin.temperature is not None
    assert repr(parsed.checkin.temperature.value) == repr(value)


def test_the_medication_class_on_the_wire_becomes_drug_class() -> None:
    parsed = parse_request(request(medications=[{"name": "tramadol", "class": "opioid"}]), now=NOW)

    assert parsed.checkin.medications == (Medication("tramadol", MedicationClass.OPIOID),)


def test_drug_class_is_not_a_wire_name() -> None:
    medication = {"name": "tramadol", "class": "opioid", "drug_class": "opioid"}

    assert str(refusal(request(medications=[medication]))) == (
        "checkin.medications[0].drug_class: unknown field"
    )


@pytest.mark.parametrize("literal", ["6.0", "6e0", "0.6e1", "600e-2", "6"])
def test_a_whole_number_with_a_decimal_point_counts_as_an_integer(literal: str) -> None:
    text = request(leg_pain=0).replace('"leg_pain": 0', f'"leg_pain": {literal}')

    leg_pain = parse_request(text, now=NOW).checkin.leg_pain

    assert leg_pain == 6
    assert type(leg_pain) is int


def test_recorded_at_keeps_the_patients_own_utc_offset() -> None:
    recorded_at = parse_request(request(), now=NOW).checkin.recorded_at

    assert recorded_at.utcoffset() == timedelta(hours=1)
    assert type(recorded_at.tzinfo) is timezone  # a standard-library timezone
    assert recorded_at == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


def test_lower_case_t_and_z_are_valid_rfc_3339() -> None:
    parsed = parse_request(request(recorded_at="2026-11-25t07:30:00z"), now=NOW)

    assert parsed.checkin.recorded_at == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


def test_the_surgery_date_is_compared_with_the_local_calendar_day() -> None:
    # 1 November in Kiribati (UTC+14) is still 31 October in UTC: not before surgery
    local = parse_request(request(recorded_at="2026-11-01T08:00:00+14:00"), now=NOW)
    # 31 October in Brazil (UTC-2) is already 1 November in UTC: before surgery
    refused = refusal(request(recorded_at="2026-10-31T23:30:00-02:00"))

    assert local.checkin.local_date == SURGERY_DATE
    assert str(refused) == "checkin.recorded_at: is before the surgery date 2026-11-01"


def test_a_check_in_up_to_five_minutes_ahead_of_the_clock_is_accepted() -> None:
    parse_request(request(recorded_at="2026-11-25T12:05:00Z"), now=NOW)

    assert str(refusal(request(recorded_at="2026-11-25T12:05:00.000001Z"))) == (
        "checkin.recorded_at: is more than 5 minutes in the future"
    )


def test_history_keeps_the_order_it_was_sent_in() -> None:
    days = ["2026-11-20T08:00:00Z", "2026-11-22T08:00:00Z", "2026-11-21T08:00:00Z"]
    document = {**MINIMAL, "history": [{"recorded_at": day} for day in days]}

    parsed = parse_request(json.dumps(document), now=NOW)

    assert [c.recorded_at.day for c in parsed.history] == [20, 22, 21]


def test_bytes_text_and_a_leading_byte_order_mark_give_the_same_request() -> None:
    text = json.dumps(FULL)

    from_text = parse_request(text, now=NOW)

    assert parse_request(text.encode(), now=NOW) == from_text
    assert parse_request("\ufeff" + text, now=NOW) == from_text
    assert parse_request(b"\xef\xbb\xbf" + text.encode(), now=NOW) == from_text


# --- Bad documents give one line naming the field ---------------------------------------


def test_leg_pain_above_ten_is_refused_naming_the_field() -> None:
    error = refusal(request(leg_pain=11))

    assert str(error) == "checkin.leg_pain: must be 0-10, got 11"
    assert (error.field, error.problem) == ("checkin.leg_pain", "must be 0-10, got 11")


def _in_history(index: int, **checkin: Any) -> str:
    history = [{"recorded_at": "2026-11-20T08:00:00Z"} for _ in range(index + 1)]
    history[index].update(checkin)
    return json.dumps({**MINIMAL, "history": history})


def _surgery(**changes: Any) -> str:
    surgery = {**MINIMAL["patient"]["surgery"], **changes}
    return json.dumps({**MINIMAL, "patient": {"surgery": surgery}})


def _patient(**changes: Any) -> str:
    return json.dumps({**MINIMAL, "patient": {**MINIMAL["patient"], **changes}})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(request(leg_pain=-1), "checkin.leg_pain: must be 0-10, got -1", id="below 0"),
        pytest.param(
            request(leg_pain="5"),
            'checkin.leg_pain: must be a whole number, got "5"',
            id="number as text",
        ),
        pytest.param(
            request(leg_pain=5.5),
            "checkin.leg_pain: must be a whole number, got 5.5",
            id="fraction",
        ),
        pytest.param(
            request(leg_pain=True),
            "checkin.leg_pain: must be a whole number, got true",
            id="boolean for a number",
        ),
        pytest.param(
            request(walking_minutes=1441),
            "checkin.walking_minutes: must be 0-1440, got 1441",
            id="more minutes than a day has",
        ),
        pytest.param(
            request(saddle_numbness="maybe"),
            "checkin.saddle_numbness: must be one of no, yes, unsure (or null), got 'maybe'",
            id="unknown answer",
        ),
        pytest.param(
            request(numbness="unsure"),
            "checkin.numbness: must be one of none, unchanged, new, worse, better (or null),"
            " got 'unsure'",
            id="numbness has no unsure",
        ),
        pytest.param(
            request(chills=1),
            "checkin.chills: must be true or false, got 1",
            id="1 for true",
        ),
        pytest.param(
            request(bladder_x="yes"),
            "checkin.bladder_x: unknown field",
            id="misspelt red-flag field",
        ),
        pytest.param(
            json.dumps({"checkin": MINIMAL["checkin"], "patient": {}}),
            "patient.surgery: required",
            id="missing surgery",
        ),
        pytest.param(
            request(recorded_at=None),
            "checkin.recorded_at: must not be null",
            id="null for a required field",
        ),
        pytest.param(
            request(pain_qualities=None),
            "checkin.pain_qualities: must not be null (leave it out if not answered)",
            id="null for a list",
        ),
        pytest.param(
            request(wound=["warmth", "warmth"]),
            "checkin.wound: duplicate item 'warmth'",
            id="repeated wound sign",
        ),
        pytest.param(
            request(wound=["pus"]),
            "checkin.wound[0]: must be one of redness_spreading, warmth, swelling,"
            " drainage_clear, drainage_pus, bleeding, opening, got 'pus'",
            id="unknown wound sign",
        ),
        pytest.param(
            request(temperature={"value": 60, "unit": "C"}),
            "checkin.temperature.value: must be 34.0-43.0 for C, got 60",
            id="implausible celsius",
        ),
        pytest.param(
            request(temperature={"value": 37.5, "unit": "F"}),
            "checkin.temperature.value: must be 93.2-109.4 for F, got 37.5",
            id="celsius reading marked F",
        ),
        pytest.param(
            request(temperature={"value": "38.5", "unit": "C"}),
            'checkin.temperature.value: must be a number, got "38.5"',
            id="temperature as text",
        ),
        pytest.param(
            request(temperature={"value": 38.5, "unit": "K"}),
            "checkin.temperature.unit: must be one of C, F, got 'K'",
            id="kelvin",
        ),
        pytest.param(
            request(recorded_at="2026-11-25T08:30:00"),
            "checkin.recorded_at: must include a UTC offset, e.g. 2026-11-25T08:30:00+01:00",
            id="naive date-time",
        ),
        pytest.param(
            request(recorded_at="2026-11-25T13:00:00Z"),
            "checkin.recorded_at: is more than 5 minutes in the future",
            id="future",
        ),
        pytest.param(
            request(recorded_at="2026-10-31T08:00:00Z"),
            "checkin.recorded_at: is before the surgery date 2026-11-01",
            id="before surgery",
        ),
        pytest.param(
            request(recorded_at=1764059400),
            "checkin.recorded_at: must be a date-time like 2026-11-25T08:30:00+01:00,"
            " got 1764059400",
            id="timestamp",
        ),
        pytest.param(
            request(recorded_at="2026-11-25 08:30"),
            "checkin.recorded_at: must be a date-time like 2026-11-25T08:30:00+01:00,"
            " got '2026-11-25 08:30'",
            id="not RFC 3339",
        ),
        pytest.param(
            request(recorded_at="2026-02-30T08:30:00Z"),
            "checkin.recorded_at: must be a real date and time, got '2026-02-30T08:30:00Z'",
            id="30 February",
        ),
        pytest.param(
            _in_history(3, temperature={"value": 44, "unit": "C"}),
            "history[3].temperature.value: must be 34.0-43.0 for C, got 44",
            id="history item",
        ),
        pytest.param(
            _in_history(1, recorded_at="2026-10-01T08:00:00Z"),
            "history[1].recorded_at: is before the surgery date 2026-11-01",
            id="history before surgery",
        ),
        pytest.param(
            request(medications=[{"name": "x", "class": "painkiller"}]),
            "checkin.medications[0].class: must be one of gabapentinoid, nsaid,"
            " muscle_relaxant, opioid, acetaminophen, snri, tricyclic, oral_steroid,"
            " benzodiazepine, other, got 'painkiller'",
            id="unknown medication class",
        ),
        pytest.param(
            request(medications=[{"name": "x", "class": "nsaid", "dose_mg": 0}]),
            "checkin.medications[0].dose_mg: must be more than 0, got 0",
            id="zero dose",
        ),
        pytest.param(
            request(medications=[{"name": "x", "class": "nsaid", "dose_mg": 10000.5}]),
            "checkin.medications[0].dose_mg: must be at most 10000, got 10000.5",
            id="huge dose",
        ),
        pytest.param(
            request(medications=[{"name": "", "class": "nsaid"}]),
            "checkin.medications[0].name: must not be empty",
            id="empty medication name",
        ),
        pytest.param(
            request(medications=[{"name": "x", "class": "nsaid"}] * 51),
            "checkin.medications: must have at most 50 items, got 51",
            id="too many medications",
        ),
        pytest.param(
            request(note="x" * 2001),
            "checkin.note: must be at most 2000 characters long, got 2001",
            id="long note",
        ),
        pytest.param(
            request(note=5),
            "checkin.note: must be a string, got 5",
            id="number for text",
        ),
        pytest.param(
            request(modalities={"kind": "ice"}),
            'checkin.modalities: must be an array, got {"kind": "ice"}',
            id="object for a list",
        ),
        pytest.param(
            request(temperature=37.5),
            "checkin.temperature: must be an object, got 37.5",
            id="number for an object",
        ),
        pytest.param(
            _surgery(levels=["L6-S1"]),
            "patient.surgery.levels[0]: must be two spinal levels like L4-L5 or L5-S1, got 'L6-S1'",
            id="no such level",
        ),
        pytest.param(
            _surgery(date="2026-02-30"),
            "patient.surgery.date: must be a date like 2026-11-01, got '2026-02-30'",
            id="30 February surgery",
        ),
        pytest.param(
            _surgery(procedure="spinal_fusion"),
            "patient.surgery.procedure: must be one of discectomy, laminectomy, laminotomy,"
            " foraminotomy, fusion, disc_replacement, other, got 'spinal_fusion'",
            id="unknown procedure",
        ),
        pytest.param(
            _patient(birth_year=1899),
            "patient.birth_year: must be 1900-2100, got 1899",
            id="birth year",
        ),
        pytest.param(
            _patient(conditions=["smoker", "smoker"]),
            "patient.conditions: duplicate item 'smoker'",
            id="repeated condition",
        ),
        pytest.param(
            json.dumps({**MINIMAL, "extra": 1}),
            "extra: unknown field",
            id="unknown top-level field",
        ),
        pytest.param(
            request(**{"bladder\nretention": "yes"}),
            'checkin["bladder\\nretention"]: unknown field',
            id="a field name with a line break",
        ),
    ],
)
def test_each_kind_of_problem_reads_as_one_plain_line(text: str, message: str) -> None:
    error = refusal(text)

    assert str(error) == message
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "input: not valid JSON (EOF while parsing a value at line 1 column 0)"),
        pytest.param(request()[:-7], "input: not valid JSON (", id="truncated"),
        pytest.param("{'patient': 1}", "input: not valid JSON (", id="single quotes"),
        pytest.param(b"\xff\xfe{}", "input: not valid JSON (", id="not UTF-8"),
        pytest.param("{} {}", "input: not valid JSON (trailing characters", id="two documents"),
        pytest.param("[" * 5000 + "]" * 5000, "input: not valid JSON (", id="very deep"),
        pytest.param("[1, 2]", "input: must be a JSON object, got an array", id="array"),
        pytest.param('"text"', "input: must be a JSON object, got a string", id="string"),
        pytest.param("null", "input: must be a JSON object, got null", id="null"),
        pytest.param("7", "input: must be a JSON object, got a number", id="number"),
    ],
)
def test_a_document_that_is_not_a_json_object_is_refused_as_input(
    text: str | bytes, message: str
) -> None:
    assert str(refusal(text)).startswith(message)


def test_text_with_a_lone_surrogate_is_refused_as_input() -> None:
    assert str(refusal('{"patient": "\ud800"}')).startswith("input: not valid JSON")


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("NaN", "checkin.leg_pain: must be a whole number, got NaN"),
        ("Infinity", "checkin.leg_pain: must be a whole number, got Infinity"),
        ("1e400", "checkin.leg_pain: must be a whole number, got Infinity"),
        ("1e300", "checkin.leg_pain: must be 0-10, got 1e+300"),
    ],
)
def test_numbers_must_be_finite(literal: str, message: str) -> None:
    text = request(leg_pain=0).replace('"leg_pain": 0', f'"leg_pain": {literal}')

    assert str(refusal(text)) == message


@pytest.mark.parametrize("literal", ["NaN", "-Infinity", "1e400"])
def test_a_temperature_must_be_a_finite_number(literal: str) -> None:
    text = request(temperature={"value": 0, "unit": "C"}).replace(
        '"value": 0', f'"value": {literal}'
    )

    assert refusal(text).field == "checkin.temperature.value"


# --- Every problem is kept --------------------------------------------------------------


def test_every_problem_is_kept_in_document_order_and_the_line_counts_the_rest() -> None:
    error = refusal(request(leg_pain=11, bladder="leaking", wound=None))

    assert error.errors == (
        ("checkin.leg_pain", "must be 0-10, got 11"),
        (
            "checkin.bladder",
            "must be one of normal, new_retention, new_incontinence, new_reduced_sensation,"
            " unsure (or null), got 'leaking'",
        ),
        ("checkin.wound", "must not be null (leave it out if not answered)"),
    )
    assert str(error) == "checkin.leg_pain: must be 0-10, got 11 (and 2 more problems)"


def test_one_more_problem_is_counted_in_the_singular() -> None:
    error = refusal(request(leg_pain=11, back_pain=12))

    assert str(error) == "checkin.leg_pain: must be 0-10, got 11 (and 1 more problem)"


def test_every_misdated_check_in_is_reported() -> None:
    document = {
        **MINIMAL,
        "checkin": {"recorded_at": "2026-12-01T08:00:00Z"},
        "history": [
            {"recorded_at": "2026-10-01T08:00:00Z"},
            {"recorded_at": "2026-11-20T08:00:00Z"},
        ],
    }

    assert refusal(json.dumps(document)).errors == (
        ("checkin.recorded_at", "is more than 5 minutes in the future"),
        ("history[0].recorded_at", "is before the surgery date 2026-11-01"),
    )


def test_an_input_error_is_a_value_error_that_survives_pickling() -> None:
    error = refusal(request(leg_pain=11, back_pain=12))

    copy = pickle.loads(pickle.dumps(error))

    assert isinstance(error, ValueError)
    assert (copy.errors, str(copy)) == (error.errors, str(error))


def test_an_input_error_keeps_line_breaks_out_of_its_line() -> None:
    error = InputError(("note", "first\nsecond\u2028third"))

    assert str(error) == "note: first\\u000asecond\\u2028third"
    assert len(str(error).splitlines()) == 1


def test_an_input_error_needs_a_problem() -> None:
    with pytest.raises(TypeError):
        InputError()


def test_the_clock_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_request(json.dumps(MINIMAL), now=datetime(2026, 11, 25, 12))


# --- A bare check-in, as the HTTP API posts it ------------------------------------------


def test_a_bare_check_in_becomes_a_core_check_in() -> None:
    checkin = parse_checkin(json.dumps(FULL_CHECKIN), now=NOW, surgery_date=SURGERY_DATE)

    assert checkin == parse_request(json.dumps(FULL), now=NOW).checkin


@pytest.mark.parametrize(
    ("checkin", "message"),
    [
        ({"recorded_at": "2026-11-25T08:00:00Z", "leg_pain": 11}, "leg_pain: must be 0-10, got 11"),
        ({"leg_pain": 3}, "recorded_at: required"),
        (
            {"recorded_at": "2026-10-31T08:00:00Z"},
            "recorded_at: is before the surgery date 2026-11-01",
        ),
        (
            {"recorded_at": "2026-11-25T12:06:00Z"},
            "recorded_at: is more than 5 minutes in the future",
        ),
        (
            {"recorded_at": "2026-11-25T08:00:00Z", "medications": [{"name": "x"}]},
            "medications[0].class: required",
        ),
        ([], "input: must be a JSON object, got an array"),
    ],
)
def test_a_bare_check_in_names_fields_from_its_own_root(checkin: Any, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_checkin(json.dumps(checkin), now=NOW, surgery_date=SURGERY_DATE)

    assert str(caught.value) == message


# --- Whatever arrives, the only failure is an InputError --------------------------------

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
SMALL_JSON_VALUES = st.recursive(
    JSON_SCALARS | st.sampled_from(["yes", "none", "C", "2026-11-20T08:00:00Z"]),
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.sampled_from(["value", "unit", "name", "kind"]), inner, max_size=2)
    ),
    max_leaves=3,
)
CHECKINS = st.dictionaries(
    st.sampled_from([*FULL_CHECKIN, "unknown"]), SMALL_JSON_VALUES, max_size=5
)
REQUEST_SHAPED = st.fixed_dictionaries(
    {
        "patient": st.fixed_dictionaries(
            {
                "surgery": st.dictionaries(
                    st.sampled_from(["procedure", "date", "levels"]), SMALL_JSON_VALUES
                )
            }
        ),
        "checkin": CHECKINS,
    },
    optional={"history": st.lists(CHECKINS, max_size=2)},
)


def _only_input_errors(text: str | bytes) -> None:
    """Parse `text`; any failure must be an InputError of one line that names a field."""
    error = None
    try:
        parse_request(text, now=NOW)
    except InputError as caught:
        error = caught
    if error is not None:
        assert error.field
        assert error.problem
        assert str(error).startswith(f"{error.field}: ")
        assert len(str(error).splitlines()) == 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_nothing_but_an_input_error(data: bytes) -> None:
    _only_input_errors(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_raises_nothing_but_an_input_error(text: str) -> None:
    _only_input_errors(text)


@settings(max_examples=100, deadline=None)
@given(JSON_VALUES)
def test_arbitrary_json_values_raise_nothing_but_an_input_error(value: Any) -> None:
    _only_input_errors(json.dumps(value))


@settings(max_examples=100, deadline=None)
@given(REQUEST_SHAPED)
def test_request_shaped_nonsense_raises_nothing_but_an_input_error(document: Any) -> None:
    _only_input_errors(json.dumps(document))


def test_a_repeated_key_is_refused_so_a_yes_cannot_be_overwritten_by_a_null() -> None:
    text = (
        '{"patient": {"surgery": {"procedure": "fusion", "date": "2026-11-01"}},'
        ' "checkin": {"recorded_at": "2026-11-20T08:00:00Z",'
        ' "saddle_numbness": "yes", "saddle_numbness": null}}'
    )
    with pytest.raises(InputError) as refused:
        parse_request(text, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert str(refused.value) == "saddle_numbness: appears more than once in the same object"
