"""FHIR Questionnaire JSON to the plain items of a form, refusing what does not fit.

Every problem is a `QuestionnaireFileError` whose message starts with the file and, where
there is one, the link id, so that whoever edits a clinic's file knows where to look.
"""

from __future__ import annotations

import json
import re

from fhir.resources.R4B.questionnaire import (
    Questionnaire,
    QuestionnaireItem,
    QuestionnaireItemAnswerOption,
)
from pydantic import ValidationError

from rootwise.fhir.forms import AnswerOption, FormItem, FormKind

ANSWER_SYSTEM = "https://rootwise.org/fhir/CodeSystem/answer-value"
# The core FHIR extension that asks for the options side by side: our 0-10 scales.
_ORIENTATION = "http://hl7.org/fhir/StructureDefinition/questionnaire-choiceOrientation"
# Codes are written without leading zeros, so each value has exactly one code.
_WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]*")
_YES_NO = (AnswerOption(True, "Yes"), AnswerOption(False, "No"))


class QuestionnaireFileError(ValueError):
    """A questionnaire file that is not valid FHIR or does not fit its instrument.

    The message starts with the file and, where there is one, the link id at fault.
    """


def read_questionnaire(text: str, source: str) -> Questionnaire:
    """`text` as a validated R4B Questionnaire; QuestionnaireFileError naming `source`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise QuestionnaireFileError(f"{source}: not valid JSON ({exc.msg} at {where})") from None
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _where(data, error["loc"])
        raise QuestionnaireFileError(
            f"{source}: {where}not a valid FHIR R4B Questionnaire: {error['msg']}"
        ) from None


def _where(data: object, loc: tuple[int | str, ...]) -> str:
    """The link id of the top-level item an error lies in, and the error's path."""
    path = ".".join(str(part) for part in loc)
    prefix = f"{path}: " if path else ""
    if len(loc) >= 2 and loc[0] == "item" and isinstance(loc[1], int) and isinstance(data, dict):
        items = data.get("item")
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            link_id = items[loc[1]].get("linkId")
            if isinstance(link_id, str):
                return f"{link_id}: {prefix}"
    return prefix


def form_items(questionnaire: Questionnaire, source: str) -> tuple[FormItem, ...]:
    """The questions of `questionnaire`, refusing what our forms cannot show or score."""
    return tuple(_item(item, source) for item in questionnaire.item or ())


def _item(item: QuestionnaireItem, source: str) -> FormItem:
    link_id = item.linkId
    if not link_id:  # fhir.resources requires it; this tells the type checker so
        raise QuestionnaireFileError(f"{source}: an item has no linkId")
    where = f"{source}: {link_id}"
    if item.item:
        # Our instruments are flat lists of questions; groups would need their own rules.
        raise QuestionnaireFileError(f"{where}: nested items are not supported")
    if item.type == "boolean":
        if item.answerOption:
            raise QuestionnaireFileError(f"{where}: a boolean item takes no answer options")
        return FormItem(link_id, item.text, _YES_NO, FormKind.YES_NO)
    if item.type != "choice":
        raise QuestionnaireFileError(f"{where}: type must be choice or boolean, got {item.type}")
    options = tuple(_option(option, where) for option in item.answerOption or ())
    values = [option.value for option in options]
    if not options or len(set(values)) != len(values):
        raise QuestionnaireFileError(f"{where}: needs answer options, each code once")
    horizontal = any(
        extension.url == _ORIENTATION and extension.valueCode == "horizontal"
        for extension in item.extension or ()
    )
    kind = FormKind.SCALE if horizontal else FormKind.CHOICE
    return FormItem(link_id, item.text, options, kind)


def _option(option: QuestionnaireItemAnswerOption, where: str) -> AnswerOption:
    coding = option.valueCoding
    if (
        coding is None
        or coding.system != ANSWER_SYSTEM
        or coding.code is None
        or not _WHOLE_NUMBER.fullmatch(coding.code)
    ):
        raise QuestionnaireFileError(
            f"{where}: each answer must be a valueCoding of {ANSWER_SYSTEM} "
            "whose code is a whole number"
        )
    return AnswerOption(int(coding.code), coding.display or coding.code)
