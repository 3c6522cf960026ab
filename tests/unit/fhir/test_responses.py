"""Answers to and from a FHIR QuestionnaireResponse: exact round trips, strict reading."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given
from hypothesis import strategies as st

from rootwise.fhir import (
    ANSWER_SYSTEM,
    QUESTIONNAIRE_KEYS,
    answers_from_response,
    instrument_for,
    load_form,
    questionnaire_response,
    response_form_key,
)

AUTHORED = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
PATIENT = "Patient/17"
LOINC = "http://loinc.org"


def allowed_answers(key: str) -> st.SearchStrategy[dict[str, int | bool]]:
    """Any answers the instrument accepts, each item answered or left out."""
    optional: dict[str, st.SearchStrategy[int | bool]] = {
        item.link_id: st.booleans() if item.yes_no else st.sampled_from(item.values)
        for item in instrument_for(key).items
    }
    return st.fixed_dictionaries({}, optional=optional)


def any_answers() -> st.SearchStrategy[tuple[str, dict[str, int | bool]]]:
    return st.sampled_from(QUESTIONNAIRE_KEYS).flatmap(
        lambda key: st.tuples(st.just(key), allowed_answers(key))
    )


def respond(key: str, answers: dict[str, int | bool], **kwargs: Any) -> dict[str, Any]:
    return questionnaire_response(
        key, answers, patient_reference=PATIENT, authored=AUTHORED, **kwargs
    )


def typed(answers: dict[str, int | bool]) -> dict[str, tuple[type, int | bool]]:
    # True == 1 in Python: compare types too, so a yes never comes back as 1.
    return {link_id: (type(value), value) for link_id, value in answers.items()}


@given(any_answers())
def test_answers_come_back_exactly_as_they_were_given(case: tuple[str, dict[str, Any]]) -> None:
    key, answers = case
    resource = respond(key, answers)
    assert typed(answers_from_response(resource)) == typed(answers)


@given(any_answers())
def test_every_response_is_a_valid_r4b_questionnaire_response_and_plain_json(
    case: tuple[str, dict[str, Any]],
) -> None:
    key, answers = case
    resource = respond(key, answers)
    QuestionnaireResponse.model_validate(resource)
    stored = json.loads(json.dumps(resource))
    assert typed(answers_from_response(stored)) == typed(answers)


@pytest.mark.parametrize("key", QUESTIONNAIRE_KEYS)
def test_a_fully_answered_response_validates_for_every_questionnaire(key: str) -> None:
    highest = {
        item.link_id: True if item.yes_no else item.values[-1] for item in instrument_for(key).items
    }
    parsed = QuestionnaireResponse.model_validate(respond(key, highest))
    assert parsed.item is not None
    assert len(parsed.item) == len(highest)


def test_the_response_points_at_the_packaged_questionnaire_and_its_version() -> None:
    resource = respond("peg", {"peg.1": 4}, status="in-progress")
    form = load_form("peg")
    assert (
        resource["questionnaire"] == f"https://rootwise.org/fhir/Questionnaire/peg|{form.version}"
    )
    assert (resource["status"], resource["subject"], resource["authored"]) == (
        "in-progress",
        {"reference": PATIENT},
        "2026-11-12T09:30:00+00:00",
    )


def test_items_follow_the_questionnaire_and_unanswered_items_are_left_out() -> None:
    resource = respond("odi", {"odi.10": 2, "odi.1": 0, "odi.4": 5})
    assert [item["linkId"] for item in resource["item"]] == ["odi.1", "odi.4", "odi.10"]


def test_yes_no_answers_are_booleans_and_choices_are_codings_without_any_wording() -> None:
    dn4 = respond("dn4", {"dn4.1": True, "dn4.2": False})
    assert [item["answer"] for item in dn4["item"]] == [
        [{"valueBoolean": True}],
        [{"valueBoolean": False}],
    ]
    odi = respond("odi", {"odi.3": 4})
    assert odi["item"] == [
        {"linkId": "odi.3", "answer": [{"valueCoding": {"system": ANSWER_SYSTEM, "code": "4"}}]}
    ]


def test_the_authored_time_keeps_the_patients_own_offset() -> None:
    local = AUTHORED.astimezone(timezone(timedelta(hours=-5)))
    resource = questionnaire_response(
        "nrs-leg", {"nrs.1": 3}, patient_reference=PATIENT, authored=local
    )
    assert resource["authored"] == "2026-11-12T04:30:00-05:00"


@pytest.mark.parametrize(
    ("key", "answers", "message"),
    [
        ("odi", {"odi.11": 1}, r"^odi\.11: unknown link id for odi"),
        ("nrs-leg", {"peg.1": 1}, r"^peg\.1: unknown link id for nrs-leg"),
        ("odi", {"odi.1": 6}, r"^odi\.1: not an allowed value: 6"),
        ("odi", {"odi.2": True}, r"^odi\.2: not an allowed value: True"),
        ("dn4", {"dn4.3": 1}, r"^dn4\.3: not an allowed value: 1"),
        ("startback", {"startback.9": 5}, r"^startback\.9: not an allowed value: 5"),
    ],
)
def test_answers_the_instrument_does_not_accept_are_refused_naming_the_link_id(
    key: str, answers: dict[str, int | bool], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        respond(key, answers)


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^authored: must carry a time zone"):
        questionnaire_response(
            "peg", {}, patient_reference=PATIENT, authored=AUTHORED.replace(tzinfo=None)
        )


def test_a_response_needs_a_patient_and_a_known_status() -> None:
    with pytest.raises(ValueError, match=r"^patient_reference: required"):
        questionnaire_response("peg", {}, patient_reference="", authored=AUTHORED)
    with pytest.raises(ValueError, match=r"^status: must be completed or in-progress"):
        respond("peg", {}, status="amended")


def test_any_version_of_a_rootwise_questionnaire_is_read() -> None:
    resource = respond("nrs-back", {"nrs.1": 7})
    resource["questionnaire"] = "https://rootwise.org/fhir/Questionnaire/nrs-back|0.9.0"
    assert response_form_key(resource) == "nrs-back"
    assert answers_from_response(resource) == {"nrs.1": 7}


def test_an_item_without_an_answer_is_unanswered() -> None:
    resource = respond("peg", {"peg.1": 2})
    resource["item"].append({"linkId": "peg.2"})
    assert answers_from_response(resource) == {"peg.1": 2}


def _replace_answer(resource: dict[str, Any], answer: object) -> None:
    resource["item"][0]["answer"] = [answer]


@pytest.mark.parametrize(
    ("key", "answers", "spoil", "message"),
    [
        (
            "odi",
            {"odi.1": 2},
            lambda r: r["item"].append({"linkId": "odi.11", "answer": []}),
            r"^odi\.11: unknown link id for odi",
        ),
        (
            "odi",
            {"odi.1": 2},
            lambda r: r["item"].append(dict(r["item"][0])),
            r"^odi\.1: appears more than once",
        ),
        (
            "odi",
            {"odi.1": 2},
            lambda r: r["item"][0]["answer"].append(r["item"][0]["answer"][0]),
            r"^odi\.1: must have at most one answer",
        ),
        (
            "odi",
            {"odi.1": 2},
            lambda r: _replace_answer(r, {"valueCoding": {"system": ANSWER_SYSTEM, "code": "6"}}),
            r"^odi\.1: not an allowed answer",
        ),
        (
            "odi",
            {"odi.1": 2},
            lambda r: _replace_answer(
                r, {"valueCoding": {"system": "http://loinc.org", "code": "2"}}
            ),
            r"^odi\.1: not an allowed answer",
        ),
        (
            "odi",
            {"odi.1": 2},
            lambda r: _replace_answer(r, {"valueInteger": 2}),
            r"^odi\.1: the answer must be one valueCoding",
        ),
        (
            "dn4",
            {"dn4.1": True},
            lambda r: _replace_answer(r, {"valueBoolean": True, "valueInteger": 1}),
            r"^dn4\.1: the answer must be one valueBoolean",
        ),
        (
            "dn4",
            {"dn4.1": True},
            lambda r: _replace_answer(r, {"valueBoolean": "yes"}),
            r"^dn4\.1: not an allowed answer",
        ),
        (
            "peg",
            {"peg.1": 2},
            lambda r: r["item"][0].update(item=[]),
            r"^peg\.1: nested items are not expected",
        ),
        (
            "peg",
            {"peg.1": 2},
            lambda r: r.update(questionnaire="https://example.org/Questionnaire/peg"),
            r"^questionnaire: not a Rootwise questionnaire",
        ),
        (
            "peg",
            {"peg.1": 2},
            lambda r: r.update(resourceType="Observation"),
            r"^resourceType: must be QuestionnaireResponse",
        ),
    ],
)
def test_a_response_that_is_not_one_of_ours_is_refused_naming_the_link_id(
    key: str, answers: dict[str, int | bool], spoil: Any, message: str
) -> None:
    resource = respond(key, answers)
    spoil(resource)
    with pytest.raises(ValueError, match=message):
        answers_from_response(resource)
