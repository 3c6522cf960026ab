"""What goes into the translation catalogues, besides the text marked in templates and in
Python (`_()`, `{% trans %}`, `N_()`): wording that lives in data, not in code.

`babel.cfg` names the two extractors below, so `make i18n` (pybabel) and the catalogue
tests (`extract_messages`) collect exactly the same messages:

- `clinical_wording`: each triage rule's patient advice, as a template with its
  thresholds in braces (`{fever_c}`), under the rule id as context, so the same English
  in two rules can still be translated apart; and the questionnaire time points' labels.
- `patient_texts`: every `patient_text="..."` written as a plain string in a clinical
  module (the stepped-care suggestions), shown with `{{ text | t }}`.
- `questionnaire_wording`: the titles, questions and answer labels of the FHIR
  Questionnaires Rootwise ships in its own words (a clinic's licensed wording is used as
  the clinic loads it, untranslated).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

# The contexts of wording that is not written in the web layer.
WINDOW_CONTEXT = "questionnaire window"
HEADING_CONTEXT = "questionnaire heading"

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
