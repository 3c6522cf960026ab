"""A patient's answers as a FHIR QuestionnaireResponse, and the answers read back from one.

The response points at the packaged questionnaire (`url|version`) and holds one item per
answered link id: `valueBoolean` for a yes/no item, a `valueCoding` of the answer-value
code system for a choice. It holds no question or answer wording: licensed text must not
travel into stored or exported records, and the codes alone say what was answered.

Answers are checked against the instrument when the response is built, so building it
does not run the (slower) fhir.resources validation as well; the tests do that.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from rootwise.fhir.forms import FormItem, FormKind, QuestionnaireForm
from rootwise.fhir.questionnaires import (
    ANSWER_SYSTEM,
    QUESTIONNAIRE_KEYS,
    QUESTIONNAIRE_URL,
    instrument_for,
    load_form,
)

Status = Literal["completed", "in-progress"]
_STATUSES: frozenset[str] = frozenset(("completed", "in-progress"))


def questionnaire_response(
    form_key: str,
    answers: Mapping[str, int | bool],
    *,
    patient_reference: str,
    authored: datetime,
    status: Status = "completed",
) -> dict[str, Any]:
    """A QuestionnaireResponse (as a JSON-ready dict) holding `answers` by link id.

    Items follow the questionnaire's order; an unanswered item is left out. Raises
    ValueError naming the link id for an unknown link id or a value the instrument does
    not accept, and for a naive `authored`, an empty reference or an unknown status.
    """
    form = load_form(form_key)
    instrument = instrument_for(form_key)
    for link_id, value in answers.items():
        spec = instrument.item(link_id)
        if spec is None:
            raise ValueError(f"{link_id}: unknown link id for {form_key}")
        if not spec.accepts(value):
            raise ValueError(f"{link_id}: not an allowed value: {value!r}")
    if authored.utcoffset() is None:
        raise ValueError("authored: must carry a time zone")
    if not patient_reference:
        raise ValueError("patient_reference: required")
    if status not in _STATUSES:
        raise ValueError(f"status: must be completed or in-progress, got {status!r}")
    items = [
        {"linkId": item.link_id, "answer": [_answer(item, answers[item.link_id])]}
        for item in form.items
        if item.link_id in answers
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": form.canonical,
        "status": status,
        "subject": {"reference": patient_reference},
        "authored": authored.isoformat(),
        "item": items,
    }


def response_form_key(resource: Mapping[str, Any]) -> str:
    """The key of the Rootwise questionnaire a QuestionnaireResponse answers.

    Any version of the questionnaire is accepted: versions change wording, never link ids
    or answer codes, which the instrument fixes. Raises ValueError otherwise.
    """
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise ValueError("resourceType: must be QuestionnaireResponse")
    canonical = resource.get("questionnaire")
    url = canonical.partition("|")[0] if isinstance(canonical, str) else ""
    key = url.removeprefix(QUESTIONNAIRE_URL)
    if not url.startswith(QUESTIONNAIRE_URL) or key not in QUESTIONNAIRE_KEYS:
        raise ValueError(f"questionnaire: not a Rootwise questionnaire: {canonical!r}")
    return key


def answers_from_response(resource: Mapping[str, Any]) -> dict[str, int | bool]:
    """The answers by link id in a QuestionnaireResponse built by `questionnaire_response`.

    Raises ValueError naming the link id for an unknown link id, a repeated item, more than
    one answer to an item, or a value the questionnaire does not offer.
    """
    form = load_form(response_form_key(resource))
    items = resource.get("item", [])
    if not isinstance(items, list):
        raise ValueError("item: must be a list")
    answers: dict[str, int | bool] = {}
    for entry in items:
        if not isinstance(entry, dict):
            raise ValueError("item: each item must be an object")
        item = _known_item(form, entry)
        if item.link_id in answers:
            raise ValueError(f"{item.link_id}: appears more than once")
        given = entry.get("answer", [])
        if not isinstance(given, list) or len(given) > 1:
            raise ValueError(f"{item.link_id}: must have at most one answer")
        if given:
            answers[item.link_id] = _value(item, given[0])
    return answers


def _answer(item: FormItem, value: int | bool) -> dict[str, Any]:
    if item.kind is FormKind.YES_NO:
        return {"valueBoolean": value}
    return {"valueCoding": {"system": ANSWER_SYSTEM, "code": str(value)}}


def _known_item(form: QuestionnaireForm, entry: dict[str, Any]) -> FormItem:
    link_id = entry.get("linkId")
    if not isinstance(link_id, str):
        raise ValueError("item: each item needs a linkId")
    item = form.item(link_id)
    if item is None:
        raise ValueError(f"{link_id}: unknown link id for {form.key}")
    if "item" in entry:
        raise ValueError(f"{link_id}: nested items are not expected")
    return item


def _value(item: FormItem, answer: object) -> int | bool:
    """The one value[x] of an answer, which must be of the kind the item asks for."""
    expected = "valueBoolean" if item.kind is FormKind.YES_NO else "valueCoding"
    values = [key for key in answer if key.startswith("value")] if isinstance(answer, dict) else []
    if not isinstance(answer, dict) or values != [expected]:
        raise ValueError(f"{item.link_id}: the answer must be one {expected}")
    given = answer[expected]
    if item.kind is FormKind.YES_NO:
        if isinstance(given, bool):
            return given
    elif isinstance(given, dict) and given.get("system") == ANSWER_SYSTEM:
        code = given.get("code")
        option = next((o for o in item.options if o.code == code), None)
        if option is not None:
            return option.value
    raise ValueError(f"{item.link_id}: not an allowed answer: {given!r}")
