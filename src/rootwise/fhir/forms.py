"""A questionnaire as the web layer renders it: plain values, no FHIR.

`questionnaires.load_form` builds these from the FHIR files, so that a template needs to
know only three kinds of question: a 0-10 `scale` shown as one row of numbers, a `choice`
shown as a list of radio buttons, and a `yes_no` question.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FormKind(StrEnum):
    SCALE = "scale"
    CHOICE = "choice"
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class AnswerOption:
    """One answer: the value the instrument scores and the words shown for it."""

    value: int | bool
    label: str

    @property
    def code(self) -> str:
        """The option as an HTML form value: "yes"/"no" for yes/no items, else the number."""
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return str(self.value)


@dataclass(frozen=True, slots=True)
class FormItem:
    """One question. `text` is None where the wording is licensed and was not loaded."""

    link_id: str
    text: str | None
    options: tuple[AnswerOption, ...]
    kind: FormKind


@dataclass(frozen=True, slots=True)
class QuestionnaireForm:
    """A questionnaire by key (`nrs-leg`, `odi`, ...), scored by the named instrument."""

    key: str
    instrument: str
    title: str
    description: str
    copyright: str | None
    items: tuple[FormItem, ...]
    url: str
    version: str

    @property
    def has_text(self) -> bool:
        """Whether every question has words to show (false for DN4 and ODI until a clinic
        loads its licensed text)."""
        return all(item.text for item in self.items)

    @property
    def canonical(self) -> str:
        """The `url|version` a QuestionnaireResponse points at."""
        return f"{self.url}|{self.version}"

    def item(self, link_id: str) -> FormItem | None:
        return next((item for item in self.items if item.link_id == link_id), None)
