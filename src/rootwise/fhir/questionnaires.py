"""The questionnaires Rootwise ships, as FHIR R4 files, loaded into plain forms.

Each questionnaire key (`nrs-leg`, `odi`, ...) has a FHIR Questionnaire in
`questionnaires/<key>.json` beside this module and is scored by one instrument of
`rootwise.clinical.instruments`. Loading checks that the file's link ids and answer codes
are exactly the instrument's, so the form a patient fills in and the scoring can never
drift apart.

DN4 and ODI wording is licensed, so their files carry no item text. A clinic with a
licence puts its own FHIR Questionnaire, `<key>.json`, in a text folder; `load_form`
takes the item text and answer labels from it after checking that its link ids and
answer codes are the packaged ones. The same works for a clinic that prefers the
published NRS, PEG or STarT Back wording to Rootwise's own.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from rootwise.clinical.instruments import INSTRUMENTS, Instrument
from rootwise.fhir.forms import AnswerOption, FormItem, FormKind, QuestionnaireForm
from rootwise.fhir.parsing import (
    ANSWER_SYSTEM,
    QuestionnaireFileError,
    form_items,
    read_questionnaire,
)

QUESTIONNAIRE_URL = "https://rootwise.org/fhir/Questionnaire/"

# Questionnaire key -> the instrument that scores it; leg and back pain share the NRS.
_INSTRUMENT_OF: dict[str, str] = {
    "nrs-leg": "nrs",
    "nrs-back": "nrs",
    "peg": "peg",
    "dn4": "dn4",
    "odi": "odi",
    "startback": "startback",
}
QUESTIONNAIRE_KEYS: tuple[str, ...] = tuple(_INSTRUMENT_OF)

__all__ = [
    "ANSWER_SYSTEM",
    "QUESTIONNAIRE_KEYS",
    "QUESTIONNAIRE_URL",
    "AnswerOption",
    "FormItem",
    "FormKind",
    "QuestionnaireFileError",
    "QuestionnaireForm",
    "instrument_for",
    "load_form",
]


def instrument_for(key: str) -> Instrument:
    """The instrument that scores the questionnaire `key`; KeyError for an unknown key."""
    if key not in _INSTRUMENT_OF:
        raise KeyError(f"unknown questionnaire: {key!r}")
    return INSTRUMENTS[_INSTRUMENT_OF[key]]


def load_form(key: str, *, text_dir: Path | None = None) -> QuestionnaireForm:
    """The questionnaire `key` as a plain form, with the clinic's own wording when
    `text_dir` holds `<key>.json`.

    Raises KeyError for an unknown key and QuestionnaireFileError for a file that does
    not fit. Both the packaged and the clinic's files are parsed once and then cached.
    """
    packaged = _packaged(key)
    if text_dir is None:
        return packaged
    path = text_dir / f"{key}.json"
    try:
        stat = path.stat()
    except FileNotFoundError:
        return packaged
    # The modification time and size are part of the cache key, so a replaced file is
    # read again without a restart.
    return _with_text(key, str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _packaged(key: str) -> QuestionnaireForm:
    instrument = instrument_for(key)
    source = f"{key}.json"
    text = files("rootwise.fhir").joinpath("questionnaires", source).read_text(encoding="utf-8")
    questionnaire = read_questionnaire(text, source)
    url = f"{QUESTIONNAIRE_URL}{key}"
    if questionnaire.url != url or not questionnaire.version:
        raise QuestionnaireFileError(f"{source}: needs url {url} and a version")
    if not questionnaire.title or not questionnaire.description:
        raise QuestionnaireFileError(f"{source}: needs a title and a description")
    items = form_items(questionnaire, source)
    _check_fits(items, instrument, source)
    return QuestionnaireForm(
        key=key,
        instrument=instrument.name,
        title=questionnaire.title,
        description=questionnaire.description,
        copyright=questionnaire.copyright,
        items=items,
        url=url,
        version=questionnaire.version,
    )


@lru_cache(maxsize=64)
def _with_text(key: str, path: str, mtime_ns: int, size: int) -> QuestionnaireForm:
    packaged = _packaged(key)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireFileError(f"{path}: cannot be read ({exc})") from None
    questionnaire = read_questionnaire(text, path)
    theirs = _by_link_id(form_items(questionnaire, path), path)
    for link_id in theirs:
        if packaged.item(link_id) is None:
            raise QuestionnaireFileError(f"{path}: {link_id}: not a link id of {key}")
    items = tuple(_worded(ours, theirs.get(ours.link_id), path) for ours in packaged.items)
    return replace(
        packaged,
        title=questionnaire.title or packaged.title,
        description=questionnaire.description or packaged.description,
        # A licensed text comes with its own notice, which must be shown with it.
        copyright=questionnaire.copyright or packaged.copyright,
        items=items,
    )


def _worded(ours: FormItem, theirs: FormItem | None, source: str) -> FormItem:
    """Our item with the text and option labels of the clinic's matching item."""
    where = f"{source}: {ours.link_id}"
    if theirs is None:
        raise QuestionnaireFileError(f"{where}: missing")
    if (theirs.kind is FormKind.YES_NO) != (ours.kind is FormKind.YES_NO):
        expected = "boolean" if ours.kind is FormKind.YES_NO else "choice"
        raise QuestionnaireFileError(f"{where}: must be of type {expected}")
    labels = {option.value: option.label for option in theirs.options}
    if set(labels) != {option.value for option in ours.options}:
        raise QuestionnaireFileError(
            f"{where}: answer codes {_codes(theirs)} do not match {_codes(ours)}"
        )
    if not theirs.text:
        raise QuestionnaireFileError(f"{where}: has no text")
    options = tuple(replace(option, label=labels[option.value]) for option in ours.options)
    return replace(ours, text=theirs.text, options=options)


def _by_link_id(items: tuple[FormItem, ...], source: str) -> dict[str, FormItem]:
    found: dict[str, FormItem] = {}
    for item in items:
        if item.link_id in found:
            raise QuestionnaireFileError(f"{source}: {item.link_id}: appears more than once")
        found[item.link_id] = item
    return found


def _check_fits(items: tuple[FormItem, ...], instrument: Instrument, source: str) -> None:
    """Refuses a packaged file whose questions are not exactly the instrument's."""
    link_ids = tuple(item.link_id for item in items)
    if link_ids != instrument.link_ids:
        raise QuestionnaireFileError(
            f"{source}: {_first_difference(link_ids, instrument.link_ids)}: link ids must be "
            f"{', '.join(instrument.link_ids)}, as {instrument.name} scores them"
        )
    for item, spec in zip(items, instrument.items, strict=True):
        where = f"{source}: {item.link_id}"
        if spec.yes_no != (item.kind is FormKind.YES_NO):
            expected = "boolean" if spec.yes_no else "choice"
            raise QuestionnaireFileError(f"{where}: must be of type {expected}")
        values = tuple(option.value for option in item.options)
        if not spec.yes_no and values != spec.values:
            raise QuestionnaireFileError(
                f"{where}: answer codes {_codes(item)} differ from {instrument.name}'s "
                f"{', '.join(map(str, spec.values))}"
            )


def _first_difference(ours: tuple[str, ...], expected: tuple[str, ...]) -> str:
    for index, link_id in enumerate(ours):
        if index >= len(expected) or link_id != expected[index]:
            return link_id
    return expected[len(ours)]


def _codes(item: FormItem) -> str:
    return ", ".join(option.code for option in item.options)
