"""Assessment requests from JSON to core values, by `spec/assessment-request.schema.json`.

Each object of the schema has a TypedDict here (`CheckInJson`, ...) that states its rules;
pydantic-core checks the JSON text against them in one pass and builds the core dataclass
of the same name directly. Absent keys take the dataclass defaults, so an unanswered
question (absent, or null where the schema allows null) is `None`, while `"wound": []`
is an answer: nothing. The rules the schema states only in its descriptions are checked
too: plausible temperatures here, and `recorded_at` in `parse_request`/`parse_checkin`,
which need the clock and the surgery date. Every problem becomes an `InputError`.
"""

# No `from __future__ import annotations`: TypedDict reads `Required[...]` when the class
# is created, and `__optional_keys__` (used for error wording) is only right if it can.
import json
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Required, TypeVar

from pydantic import AfterValidator, ConfigDict, Field, TypeAdapter, ValidationError, with_config
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

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
    Onset,
    PainQuality,
    Patient,
    Procedure,
    Side,
    SideEffect,
    Surgery,
    Temperature,
    TemperatureUnit,
    WoundSign,
)
from rootwise.contract.errors import InputError, input_error
from rootwise.contract.json_types import DateTime, Distinct, Object, OneOf, Says, Whole

FUTURE_TOLERANCE = timedelta(minutes=5)
PLAUSIBLE_TEMPERATURE = {
    TemperatureUnit.CELSIUS: (34.0, 43.0),
    TemperatureUnit.FAHRENHEIT: (93.2, 109.4),
}
# Numbness compares with the last check-in as weakness does, but has no "unsure".
NUMBNESS_CHANGES = (Change.NONE, Change.UNCHANGED, Change.NEW, Change.WORSE, Change.BETTER)

_JSON_OBJECT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
_T = TypeVar("_T")


def _without_nul(text: str) -> str:
    # PostgreSQL text and jsonb cannot hold U+0000; refusing it here keeps both databases
    # answering alike (a 422 naming the field, not a 500 on one of them).
    if "\x00" in text:
        raise PydanticCustomError("nul_character", "must not contain the character U+0000")
    return text


WithoutNul = AfterValidator(_without_nul)
Score = Annotated[int, Whole(0, 10)]
Minutes = Annotated[int, Whole(1, 600)]
Day = Annotated[date, Says("date", "must be a date like 2026-11-01")]
Moment = Annotated[datetime, DateTime()]
SpinalLevels = Annotated[
    str,
    Field(pattern=r"^(T12|L[1-5])-(L[1-5]|S1)$"),
    Says("spinal_levels", "must be two spinal levels like L4-L5 or L5-S1"),
]


# --- The schema's objects, and the core values they become ------------------------------


@with_config(_JSON_OBJECT)
class TemperatureJson(TypedDict):
    value: Annotated[int | float, Says("number", "must be a number", got="json")]
    unit: Annotated[TemperatureUnit, OneOf()]


def _plausible(temperature: Temperature) -> Temperature:
    low, high = PLAUSIBLE_TEMPERATURE[temperature.unit]
    if not low <= temperature.value <= high:
        raise PydanticCustomError(
            "implausible_temperature",
            "must be {low}-{high} for {unit}, got {value}",
            {
                "low": low,
                "high": high,
                "unit": temperature.unit.value,
                "value": temperature.value,
                "at": "value",
            },
        )
    return temperature


@with_config(_JSON_OBJECT)
class MedicationJson(TypedDict, total=False):
    name: Required[Annotated[str, Field(min_length=1, max_length=100), WithoutNul]]
    drug_class: Required[Annotated[MedicationClass, OneOf(), Field(alias="class")]]
    dose_mg: Annotated[float, Field(gt=0, le=10000)]
    doses_per_day: Annotated[int, Whole(1, 24)]


@with_config(_JSON_OBJECT)
class ModalityJson(TypedDict, total=False):
    kind: Required[Annotated[ModalityKind, OneOf()]]
    minutes: Minutes
    relief: Score


@with_config(_JSON_OBJECT)
class ExerciseJson(TypedDict, total=False):
    kind: Required[Annotated[ExerciseKind, OneOf()]]
    minutes: Minutes


@with_config(_JSON_OBJECT)
class CheckInJson(TypedDict, total=False):
    recorded_at: Required[Moment]
    leg_pain: Score | None
    back_pain: Score | None
    leg_pain_side: Annotated[Side | None, OneOf()]
    pain_qualities: Annotated[frozenset[PainQuality], Distinct()]
    numbness: Annotated[Change | None, OneOf(NUMBNESS_CHANGES)]
    weakness: Annotated[Change | None, OneOf()]
    weakness_onset: Annotated[Onset | None, OneOf()]
    weakness_side: Annotated[Side | None, OneOf()]
    bladder: Annotated[Bladder | None, OneOf()]
    bowel: Annotated[Bowel | None, OneOf()]
    saddle_numbness: Annotated[Answer | None, OneOf()]
    temperature: Annotated[Temperature, Object(TemperatureJson, _plausible)] | None
    chills: bool | None
    wound: Annotated[frozenset[WoundSign], Distinct()]
    calf_pain_or_swelling: bool | None
    chest_pain_or_breathless: bool | None
    headache_when_upright: bool | None
    walking_minutes: Annotated[int, Whole(0, 1440)] | None
    sleep_quality: Score | None
    medications: Annotated[
        tuple[Annotated[Medication, Object(MedicationJson)], ...],
        Field(max_length=50),
    ]
    side_effects: Annotated[frozenset[SideEffect], Distinct()]
    modalities: Annotated[
        tuple[Annotated[Modality, Object(ModalityJson)], ...], Field(max_length=20)
    ]
    exercises: Annotated[
        tuple[Annotated[Exercise, Object(ExerciseJson)], ...], Field(max_length=20)
    ]
    note: Annotated[str, Field(max_length=2000), WithoutNul] | None


@with_config(_JSON_OBJECT)
class SurgeryJson(TypedDict, total=False):
    procedure: Required[Annotated[Procedure, OneOf()]]
    date: Required[Day]
    levels: tuple[SpinalLevels, ...]
    durotomy: bool


@with_config(_JSON_OBJECT)
class PatientJson(TypedDict, total=False):
    surgery: Required[Annotated[Surgery, Object(SurgeryJson)]]
    birth_year: Annotated[int, Whole(1900, 2100)]
    conditions: Annotated[frozenset[Condition], Distinct()]
    nsaid_restricted_until: Day


CheckInValue = Annotated[CheckIn, Object(CheckInJson)]


@with_config(_JSON_OBJECT)
class RequestJson(TypedDict, total=False):
    patient: Required[Annotated[Patient, Object(PatientJson)]]
    checkin: Required[CheckInValue]
    history: Annotated[tuple[CheckInValue, ...], Field(max_length=5000)]


_REQUEST: TypeAdapter[AssessmentRequest] = TypeAdapter(
    Annotated[AssessmentRequest, Object(RequestJson)]
)
_CHECKIN: TypeAdapter[CheckIn] = TypeAdapter(CheckInValue)
_SHAPES = (
    RequestJson,
    PatientJson,
    SurgeryJson,
    CheckInJson,
    TemperatureJson,
    MedicationJson,
    ModalityJson,
    ExerciseJson,
)
_OPTIONAL_FIELDS = frozenset(key for shape in _SHAPES for key in shape.__optional_keys__)


# --- Entry points -----------------------------------------------------------------------


def parse_request(text: str | bytes, *, now: datetime) -> AssessmentRequest:
    """The request in `text`, or InputError naming every problem with it.

    `now` (aware) is the server clock: no `recorded_at` may be more than five minutes
    after it, nor on a calendar day (in its own offset) before the surgery date.
    """
    latest = _latest(now)
    request, _ = _validate(_REQUEST, text)
    surgery_date = request.patient.surgery.date
    problems: list[tuple[str, str]] = []
    if problem := _misdated(request.checkin.recorded_at, surgery_date, latest):
        problems.append(("checkin.recorded_at", problem))
    for index, earlier in enumerate(request.history):
        if problem := _misdated(earlier.recorded_at, surgery_date, latest):
            problems.append((f"history[{index}].recorded_at", problem))
    if problems:
        raise InputError(*problems)
    return request


def parse_checkin(text: str | bytes, *, now: datetime, surgery_date: date) -> CheckIn:
    """A bare check-in object (as the HTTP API receives it); fields are named from its root."""
    checkin, _ = read_checkin(text, now=now, surgery_date=surgery_date)
    return checkin


def read_checkin(
    text: str | bytes, *, now: datetime, surgery_date: date
) -> tuple[CheckIn, dict[str, Any]]:
    """As `parse_checkin`, with the decoded JSON document too, ready to be stored as sent."""
    latest = _latest(now)
    checkin, document = _validate(_CHECKIN, text)
    if problem := _misdated(checkin.recorded_at, surgery_date, latest):
        raise InputError(("recorded_at", problem))
    return checkin, document


def _validate(adapter: TypeAdapter[_T], text: str | bytes) -> tuple[_T, dict[str, Any]]:
    # A leading byte order mark may be ignored (RFC 8259, section 8.1); pydantic refuses it.
    if isinstance(text, bytes):
        text = text.removeprefix(b"\xef\xbb\xbf")
    else:
        text = text.removeprefix("\ufeff")
    try:
        value = adapter.validate_json(text)
    except ValidationError as exc:
        raise input_error(exc, optional_fields=_OPTIONAL_FIELDS) from None
    # The parser keeps the last of repeated keys, so {"saddle_numbness": "yes",
    # "saddle_numbness": null} would quietly become "not answered": refuse repeats.
    document: dict[str, Any] = json.loads(text, object_pairs_hook=_refuse_repeated_keys)
    return value, document


def _refuse_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise InputError((key, "appears more than once in the same object"))
        found[key] = value
    return found


def _latest(now: datetime) -> datetime:
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return now + FUTURE_TOLERANCE


def _misdated(recorded_at: datetime, surgery_date: date, latest: datetime) -> str | None:
    """Why a check-in cannot have been recorded at `recorded_at`, or None."""
    if recorded_at > latest:
        return "is more than 5 minutes in the future"
    if recorded_at.date() < surgery_date:
        return f"is before the surgery date {surgery_date.isoformat()}"
    return None
