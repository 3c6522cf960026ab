"""A clinic's licensed wording: merged when it fits the packaged file, refused when not.

The texts below are made-up placeholders; no licensed wording is in this repository.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rootwise.fhir import ANSWER_SYSTEM, QuestionnaireFileError, load_form
from tests.unit.fhir.packaged import packaged_json

Change = Callable[[dict[str, Any]], None]


def licensed(key: str) -> dict[str, Any]:
    """The packaged file as a clinic would have it: every item and answer worded."""
    document = packaged_json(key)
    document["url"] = f"https://clinic.example/Questionnaire/{key}"
    document["copyright"] = f"{key.upper()} placeholder licence notice"
    for number, item in enumerate(document["item"], start=1):
        item["text"] = f"{key.upper()} section {number} (licensed text)"
        for option in item.get("answerOption", []):
            code = option["valueCoding"]["code"]
            option["valueCoding"]["display"] = f"{key.upper()} {number} answer {code} (licensed)"
    return document


def write(folder: Path, key: str, document: dict[str, Any]) -> Path:
    path = folder / f"{key}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def item(document: dict[str, Any], link_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in document["item"] if i["linkId"] == link_id)
    return found


def test_a_licensed_odi_file_supplies_the_item_text_and_answer_labels(tmp_path: Path) -> None:
    write(tmp_path, "odi", licensed("odi"))
    form = load_form("odi", text_dir=tmp_path)
    assert form.has_text
    first = form.items[0]
    assert first.text == "ODI section 1 (licensed text)"
    assert [o.label for o in first.options][:2] == [
        "ODI 1 answer 0 (licensed)",
        "ODI 1 answer 1 (licensed)",
    ]
    assert form.copyright == "ODI placeholder licence notice"


def test_the_licensed_text_changes_nothing_the_scoring_relies_on(tmp_path: Path) -> None:
    packaged = load_form("odi")
    write(tmp_path, "odi", licensed("odi"))
    worded = load_form("odi", text_dir=tmp_path)
    assert [(i.link_id, i.kind, [o.value for o in i.options]) for i in worded.items] == [
        (i.link_id, i.kind, [o.value for o in i.options]) for i in packaged.items
    ]
    assert (worded.key, worded.instrument, worded.canonical) == (
        packaged.key,
        packaged.instrument,
        packaged.canonical,
    )


def test_a_licensed_dn4_file_words_its_yes_no_questions(tmp_path: Path) -> None:
    write(tmp_path, "dn4", licensed("dn4"))
    form = load_form("dn4", text_dir=tmp_path)
    assert [i.text for i in form.items][-1] == "DN4 section 7 (licensed text)"
    assert [(o.value, o.label) for o in form.items[0].options] == [(True, "Yes"), (False, "No")]


def test_items_may_come_in_any_order_and_keep_the_packaged_order(tmp_path: Path) -> None:
    document = licensed("odi")
    document["item"].reverse()
    write(tmp_path, "odi", document)
    form = load_form("odi", text_dir=tmp_path)
    assert [i.link_id for i in form.items] == [f"odi.{n}" for n in range(1, 11)]
    assert [i.text for i in form.items][::9] == [
        "ODI section 1 (licensed text)",
        "ODI section 10 (licensed text)",
    ]


def test_a_clinic_may_load_the_published_startback_wording_too(tmp_path: Path) -> None:
    write(tmp_path, "startback", licensed("startback"))
    form = load_form("startback", text_dir=tmp_path)
    assert form.items[8].text == "STARTBACK section 9 (licensed text)"


def test_without_the_clinics_file_the_packaged_form_is_used(tmp_path: Path) -> None:
    write(tmp_path, "dn4", licensed("dn4"))
    assert load_form("odi", text_dir=tmp_path) is load_form("odi")


def test_a_replaced_file_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, "odi", licensed("odi"))
    assert load_form("odi", text_dir=tmp_path).items[0].text == "ODI section 1 (licensed text)"
    document = licensed("odi")
    item(document, "odi.1")["text"] = "ODI section 1, second edition (licensed text)"
    write(tmp_path, "odi", document)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_form("odi", text_dir=tmp_path).items[0].text == (
        "ODI section 1, second edition (licensed text)"
    )


def _extra_item(document: dict[str, Any]) -> None:
    document["item"].append({**item(document, "odi.1"), "linkId": "odi.11"})


def _no_item_10(document: dict[str, Any]) -> None:
    document["item"] = [i for i in document["item"] if i["linkId"] != "odi.10"]


def _code_6(document: dict[str, Any]) -> None:
    item(document, "odi.3")["answerOption"][5]["valueCoding"]["code"] = "6"


def _one_answer_short(document: dict[str, Any]) -> None:
    del item(document, "odi.8")["answerOption"][5]


def _leading_zero(document: dict[str, Any]) -> None:
    item(document, "odi.9")["answerOption"][1]["valueCoding"]["code"] = "01"


def _boolean(document: dict[str, Any]) -> None:
    item(document, "odi.4").update(type="boolean")
    del item(document, "odi.4")["answerOption"]


def _no_text(document: dict[str, Any]) -> None:
    del item(document, "odi.5")["text"]


def _other_system(document: dict[str, Any]) -> None:
    item(document, "odi.2")["answerOption"][0]["valueCoding"]["system"] = "http://loinc.org"


def _twice(document: dict[str, Any]) -> None:
    document["item"].append(dict(item(document, "odi.6")))


def _not_fhir(document: dict[str, Any]) -> None:
    del item(document, "odi.7")["type"]


def _free_text(document: dict[str, Any]) -> None:
    item(document, "odi.1").update(type="string")
    del item(document, "odi.1")["answerOption"]


@pytest.mark.parametrize(
    ("change", "link_id", "problem"),
    [
        (_extra_item, "odi.11", "not a link id of odi"),
        (_no_item_10, "odi.10", "missing"),
        (_code_6, "odi.3", "answer codes 0, 1, 2, 3, 4, 6 do not match 0, 1, 2, 3, 4, 5"),
        (_one_answer_short, "odi.8", "answer codes 0, 1, 2, 3, 4 do not match"),
        (_leading_zero, "odi.9", "whose code is a whole number"),
        (_boolean, "odi.4", "must be of type choice"),
        (_free_text, "odi.1", "type must be choice or boolean, got string"),
        (_no_text, "odi.5", "has no text"),
        (_other_system, "odi.2", f"each answer must be a valueCoding of {ANSWER_SYSTEM}"),
        (_twice, "odi.6", "appears more than once"),
        (_not_fhir, "odi.7", "not a valid FHIR R4B Questionnaire"),
    ],
)
def test_a_file_that_does_not_fit_is_refused_naming_the_file_and_the_link_id(
    tmp_path: Path, change: Change, link_id: str, problem: str
) -> None:
    document = licensed("odi")
    change(document)
    path = write(tmp_path, "odi", document)
    with pytest.raises(QuestionnaireFileError) as refused:
        load_form("odi", text_dir=tmp_path)
    message = str(refused.value)
    assert message.startswith(f"{path}: {link_id}: "), message
    assert problem in message


def test_a_dn4_file_with_answer_options_on_a_yes_no_item_is_refused(tmp_path: Path) -> None:
    document = licensed("dn4")
    item(document, "dn4.2")["answerOption"] = [{"valueString": "oui"}]
    path = write(tmp_path, "dn4", document)
    with pytest.raises(QuestionnaireFileError, match="a boolean item takes no answer options"):
        load_form("dn4", text_dir=tmp_path)
    with pytest.raises(QuestionnaireFileError, match=f"^{re.escape(str(path))}: dn4\\.2: "):
        load_form("dn4", text_dir=tmp_path)


def test_a_file_that_is_not_json_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "odi.json"
    path.write_text('{"resourceType": "Questionnaire",', encoding="utf-8")
    with pytest.raises(QuestionnaireFileError, match=f"^{re.escape(str(path))}: not valid JSON"):
        load_form("odi", text_dir=tmp_path)


def test_a_file_of_another_resource_type_is_refused(tmp_path: Path) -> None:
    document = licensed("odi")
    document["resourceType"] = "QuestionnaireResponse"
    path = write(tmp_path, "odi", document)
    refused = f"^{re.escape(str(path))}: .*not a valid FHIR R4B"
    with pytest.raises(QuestionnaireFileError, match=refused):
        load_form("odi", text_dir=tmp_path)
