"""What goes into the translation catalogues, besides the text marked in templates and in
Python (`_()`, `{% trans %}`, `N_()`): wording that lives in data, not in code.

`babel.cfg` names the extractors below, so `make i18n` (pybabel) and the catalogue
tests (`extract_messages`) collect exactly the same messages:

- `clinical_wording`: each triage rule's patient advice, as a template with its
  thresholds in braces (`{fever_c}`), under the rule id as context, so the same English
  in two rules can still be translated apart; and the questionnaire time points' labels.
- `patient_texts`: every `patient_text="..."` written as a plain string in a clinical
  module (the stepped-care suggestions), shown with `{{ text | t }}`.
- `helps_wording`: the whole-sentence templates of "what seems to help you"
  (`clinical.helps`), and what the patient did and what to call it, under their own
  contexts (`HELPS_DID_CONTEXT`, `HELPS_NOUN_CONTEXT`).
- `home_care_wording` and `exercise_wording`: every text of the plan page that the
  clinical core writes (`clinical.homecare`, `clinical.exercises`), plain sentences and
  templates with `{name}` placeholders alike.
- `questionnaire_wording`: the titles, questions and answer labels of the FHIR
  Questionnaires Rootwise ships in its own words (a clinic's licensed wording is used as
  the clinic loads it, untranslated).

The core's texts with values (`clinical.wording.Wording`) are shown in the page's language
by `pages.clinical_wording.wording`; plain ones with `{{ text | t }}`.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# The contexts of wording that is not written in the web layer.
WINDOW_CONTEXT = "questionnaire window"
HEADING_CONTEXT = "questionnaire heading"
CHART_LABEL_CONTEXT = "questionnaire chart label"
HELPS_DID_CONTEXT = "what seems to help: what you did"
HELPS_NOUN_CONTEXT = "what seems to help: what it is"

Extracted = Iterator[tuple[int, str, Any, list[str]]]


def clinical_wording(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """Every rule's patient advice and every questionnaire window's label.

    Mapped to `clinical/rules/__init__.py` alone: the registry holds every rule.
    """
    from rootwise.clinical.rules import RULES  # noqa: PLC0415 - only when extracting
    from rootwise.clinical.schedule import WINDOWS  # noqa: PLC0415

    for number, (rule_id, rule) in enumerate(sorted(RULES.items()), start=1):
        note = (
            f"Patient advice of rule {rule_id} ({rule.level.value}). Keep every {{name}} "
            "in braces exactly: it is filled in with a threshold."
        )
        yield number, "pgettext", (rule_id, rule.patient_advice), [note]
    for window in WINDOWS:
        note = 'Inside a sentence: "Your ___ questionnaires are ready".'
        yield 0, "pgettext", (WINDOW_CONTEXT, window.label), [note]
        note = "A heading in the list of questionnaire time points."
        yield 0, "pgettext", (HEADING_CONTEXT, window.label.capitalize()), [note]
        note = "A short label under a score in a chart of questionnaire scores."
        yield 0, "pgettext", (CHART_LABEL_CONTEXT, window.label), [note]


def patient_texts(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """Each `patient_text=` keyword given a plain (possibly concatenated) string."""
    for node in ast.walk(ast.parse(fileobj.read())):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "patient_text"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            yield node.value.lineno, "gettext", node.value.value, []


def helps_wording(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """The sentence templates of "what seems to help you", and the words they are filled
    with. Mapped to `clinical/helps.py`."""
    from rootwise.clinical.helps import (  # noqa: PLC0415 - only when extracting
        EXPOSURE_WORDS,
        PATIENT_TEMPLATES,
    )

    note = (
        "What seems to help you. Keep every {name} in braces: {did} is what the patient did "
        '(e.g. "used ice"), {noun} what it is (e.g. "ice"), the others are numbers.'
    )
    for template in dict.fromkeys(PATIENT_TEMPLATES):
        yield 0, "gettext", template, [note]
    for exposure, (did, noun) in EXPOSURE_WORDS.items():
        note = (
            f'What the patient did ({exposure}), as it is filled into "On days after you '
            '{did}, ...": translate it to fit after the words for "after" in your templates.'
        )
        yield 0, "pgettext", (HELPS_DID_CONTEXT, did), [note]
        note = (
            f"What it is called ({exposure}), as it is filled into "
            '"It is too soon to tell how {noun} affects your leg pain."'
        )
        yield 0, "pgettext", (HELPS_NOUN_CONTEXT, noun), [note]


def home_care_wording(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """Every home care text (ice, heat, TENS). Mapped to `clinical/homecare.py`."""
    from rootwise.clinical.homecare import patient_texts  # noqa: PLC0415

    yield from _texts(patient_texts(), "Home care on the patient's plan page.")


def exercise_wording(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """Every exercise text, the signs to get help, and the walking goal and programme
    notes (templates with their numbers in braces). Mapped to `clinical/exercises.py`."""
    from rootwise.clinical.exercises import patient_texts  # noqa: PLC0415

    yield from _texts(patient_texts(), "Exercises on the patient's plan page.")


def _texts(texts: Iterable[str], where: str) -> Extracted:
    for text in texts:
        note = f"{where} Keep every {{name}} in braces: it is filled in with a number."
        yield 0, "gettext", text, [note] if "{" in text else [where]


def questionnaire_wording(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Extracted:
    """The title, copyright note, questions and worded answers of one FHIR Questionnaire."""
    questionnaire = json.load(fileobj)
    texts = [questionnaire.get("title"), questionnaire.get("copyright")]
    for item in questionnaire.get("item", ()):
        texts.append(item.get("text"))
        texts.extend(
            option.get("valueCoding", {}).get("display") for option in item.get("answerOption", ())
        )
    for text in dict.fromkeys(texts):
        # A bare number ("7") reads the same in every language.
        if isinstance(text, str) and text and not text.isdigit():
            yield 0, "gettext", text, []


def extract_messages(root: Path) -> Catalog:
    """Every message of the project under `root`, as `make i18n` extracts them."""
    from babel.messages.catalog import Catalog  # noqa: PLC0415 - only when extracting
    from babel.messages.extract import extract_from_dir  # noqa: PLC0415
    from babel.messages.frontend import parse_mapping_cfg  # noqa: PLC0415

    with (root / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    catalog = Catalog(domain="messages")
    # Babel's default keywords (`_`, `gettext`, `pgettext`, `N_`, ...), as pybabel uses.
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root),
        method_map,
        options_map,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog
