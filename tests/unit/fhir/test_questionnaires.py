"""The packaged questionnaires: valid FHIR, exactly the instruments' items, licences kept."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from rootwise.clinical.instruments import INSTRUMENTS, Item
from rootwise.fhir import (
    ANSWER_SYSTEM,
    QUESTIONNAIRE_KEYS,
    FormKind,
    QuestionnaireFileError,
    instrument_for,
    load_form,
)
from tests.unit.fhir.packaged import packaged_json

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
LICENSED = ("dn4", "odi")
OWN_WORDS = ("nrs-leg", "nrs-back", "peg", "startback")


def test_there_is_one_file_for_each_questionnaire_key_and_no_other() -> None:
    folder = files("rootwise.fhir").joinpath("questionnaires")
    names = {entry.name for entry in folder.iterdir() if entry.name.endswith(".json")}
    assert names == {f"{key}.json" for key in QUESTIONNAIRE_KEYS}


@pytest.mark.parametrize("key", QUESTIONNAIRE_KEYS)
def test_every_packaged_file_is_a_valid_r4b_questionnaire(key: str) -> None:
    questionnaire = Questionnaire.model_validate(packaged_json(key))
    assert questionnaire.url == f"https://rootwise.org/fhir/Questionnaire/{key}"
    assert questionnaire.id == key
    assert questionnaire.version
    assert (questionnaire.status, questionnaire.publisher) == ("active", "Rootwise")


@pytest.mark.parametrize("key", QUESTIONNAIRE_KEYS)
def test_link_ids_and_answer_values_are_exactly_the_instruments(key: str) -> None:
    form = load_form(key)
    instrument = INSTRUMENTS[form.instrument]
    assert tuple(item.link_id for item in form.items) == instrument.link_ids
    for item, spec in zip(form.items, instrument.items, strict=True):
        values = tuple(option.value for option in item.options)
        assert values == ((True, False) if spec.yes_no else spec.values), item.link_id


@pytest.mark.parametrize("key", QUESTIONNAIRE_KEYS)
def test_every_choice_is_a_code_of_the_answer_value_system_without_leading_zeros(
    key: str,
) -> None:
    for item in packaged_json(key)["item"]:
        for option in item.get("answerOption", []):
            coding = option["valueCoding"]
            assert coding["system"] == ANSWER_SYSTEM
            assert coding["code"] == str(int(coding["code"]))


def test_leg_and_back_pain_are_both_scored_by_the_nrs() -> None:
    assert instrument_for("nrs-leg") is instrument_for("nrs-back") is INSTRUMENTS["nrs"]
    assert {key: instrument_for(key).name for key in ("peg", "dn4", "odi", "startback")} == {
        "peg": "peg",
        "dn4": "dn4",
        "odi": "odi",
        "startback": "startback",
    }


def test_an_unknown_questionnaire_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="promis"):
        load_form("promis")
    with pytest.raises(KeyError, match="promis"):
        instrument_for("promis")


@pytest.mark.parametrize("key", LICENSED)
def test_dn4_and_odi_ship_without_any_licensed_wording(key: str) -> None:
    for item in packaged_json(key)["item"]:
        assert "text" not in item, item["linkId"]
        for option in item.get("answerOption", []):
            assert set(option["valueCoding"]) == {"system", "code"}, item["linkId"]
    form = load_form(key)
    assert not form.has_text
    assert all(item.text is None for item in form.items)


def test_odi_answers_are_labelled_only_with_their_numbers() -> None:
    for item in load_form("odi").items:
        assert [option.label for option in item.options] == ["0", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize("key", LICENSED)
def test_the_licensed_files_say_how_a_clinic_loads_its_licensed_wording(key: str) -> None:
    form = load_form(key)
    assert "Mapi Research Trust" in form.description
    assert f"`{key}.json`" in form.description
    assert form.copyright is not None
    assert "licensed" in form.copyright


@pytest.mark.parametrize("key", OWN_WORDS)
def test_nrs_peg_and_startback_say_the_wording_is_rootwises_own(key: str) -> None:
    form = load_form(key)
    assert form.has_text
    assert "Rootwise's own words" in form.description
    assert f"`{key}.json`" in form.description


def test_startback_keeps_keeles_copyright_and_says_it_was_made_for_primary_care() -> None:
    copyright = load_form("startback").copyright
    assert copyright is not None
    assert "© Keele University 01/08/07" in copyright
    assert "owned by Keele University" in copyright
    assert "primary care, not for care after spine surgery" in copyright


def test_startback_agree_and_disagree_are_1_and_0_and_bother_runs_not_at_all_to_extremely() -> None:
    items = load_form("startback").items
    for item in items[:8]:
        assert [(o.value, o.label) for o in item.options] == [(0, "Disagree"), (1, "Agree")]
    labels = [option.label for option in items[8].options]
    assert (labels[0], labels[-1], len(labels)) == ("Not at all", "Extremely", 5)


@pytest.mark.parametrize(
    ("key", "kinds"),
    [
        ("nrs-leg", {FormKind.SCALE}),
        ("nrs-back", {FormKind.SCALE}),
        ("peg", {FormKind.SCALE}),
        ("dn4", {FormKind.YES_NO}),
        ("odi", {FormKind.CHOICE}),
        ("startback", {FormKind.CHOICE}),
    ],
)
def test_0_to_10_scales_are_shown_in_a_row_and_other_questions_as_a_list(
    key: str, kinds: set[FormKind]
) -> None:
    assert {item.kind for item in load_form(key).items} == kinds


@pytest.mark.parametrize("key", ["nrs-leg", "nrs-back", "peg"])
def test_scales_name_both_ends_and_number_every_step(key: str) -> None:
    for item in load_form(key).items:
        labels = [option.label for option in item.options]
        assert labels[0].startswith("0 (")
        assert labels[10].startswith("10 (")
        assert labels[1:10] == [str(n) for n in range(1, 10)]


@pytest.mark.parametrize(("key", "site"), [("nrs-leg", "61685007"), ("nrs-back", "37822005")])
def test_pain_scales_carry_the_loinc_code_and_their_body_site(key: str, site: str) -> None:
    document = packaged_json(key)
    assert document["code"] == [{"system": LOINC, "code": "72514-3"}]
    (item,) = document["item"]
    assert item["code"] == [{"system": LOINC, "code": "72514-3"}]
    sites = [e["valueCodeableConcept"] for e in item["extension"] if "body-site" in e["url"]]
    assert [c["coding"] for c in sites] == [[{"system": SNOMED, "code": site}]]


def test_peg_carries_its_loinc_panel_and_item_codes() -> None:
    document = packaged_json("peg")
    assert document["code"] == [{"system": LOINC, "code": "91148-7"}]
    codes = [item["code"][0]["code"] for item in document["item"]]
    assert codes == ["75893-8", "91145-3", "91146-1"]


def test_odi_carries_its_loinc_panel_code() -> None:
    assert packaged_json("odi")["code"] == [{"system": LOINC, "code": "97908-8"}]


def test_a_packaged_file_that_drifts_from_its_instrument_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Were PEG to gain a fourth item in the scoring only, the form must not load.
    peg = INSTRUMENTS["peg"]
    grown = replace(peg, items=(*peg.items, Item("peg.4", tuple(range(11)))))
    monkeypatch.setitem(INSTRUMENTS, "peg", grown)
    with pytest.raises(QuestionnaireFileError, match=r"^peg\.json: peg\.4: link ids must be"):
        load_form("peg")


def test_a_packaged_file_whose_answers_drift_from_the_instrument_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    odi = INSTRUMENTS["odi"]
    shrunk = replace(odi, items=(Item("odi.1", (0, 1, 2, 3, 4)), *odi.items[1:]))
    monkeypatch.setitem(INSTRUMENTS, "odi", shrunk)
    with pytest.raises(QuestionnaireFileError, match=r"^odi\.json: odi\.1: answer codes"):
        load_form("odi")


def test_a_packaged_yes_no_item_must_stay_yes_no(monkeypatch: pytest.MonkeyPatch) -> None:
    dn4 = INSTRUMENTS["dn4"]
    counted = replace(dn4, items=(Item("dn4.1", (0, 1)), *dn4.items[1:]))
    monkeypatch.setitem(INSTRUMENTS, "dn4", counted)
    with pytest.raises(QuestionnaireFileError, match=r"^dn4\.json: dn4\.1: must be of type"):
        load_form("dn4")


def test_a_form_is_read_once_and_then_served_from_the_cache() -> None:
    assert load_form("odi") is load_form("odi")
