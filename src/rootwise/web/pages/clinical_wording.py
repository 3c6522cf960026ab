"""The clinical core's patient wording, in the language of the page.

The clinical core writes for the patient in English and knows nothing of languages, and
an assessment keeps the English it was given (it is the record of what was advised).
A page in another language translates such a text by recognising the template it was
made from, taking the values back out of it (a threshold, a number of weeks), and
filling the same values into that template's translation. So the figures a patient
reads are exactly the ones of the English advice.

A text that matches no known template (wording changed since an old check-in was
assessed) or has no translation is shown as it is, in English: advice is never dropped.
The tests hold every current rule and sentence to a complete translation.

Text the core works out for the page being built (what seems to help, the walking goal)
comes with its templates and values (`clinical.wording.Wording`) and needs no matching:
`wording` translates each whole-sentence template and fills in the same values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

from rootwise.clinical.helps import HelpEstimate
from rootwise.clinical.model import Level
from rootwise.clinical.rules import RULES
from rootwise.clinical.wording import Wording
from rootwise.web import i18n
from rootwise.web.catalogue import HELPS_DID_CONTEXT, HELPS_NOUN_CONTEXT
from rootwise.web.i18n import N_

_FIELD = re.compile(r"\{(\w+)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what `template.format(...)` can produce."""
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[position : field.start()]))
        name = field.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = field.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


def values_in(template: str, text: str) -> dict[str, str] | None:
    """The values `template` was filled with to give `text`, or None if it was not."""
    found = _pattern(template).fullmatch(text)
    return None if found is None else found.groupdict()


def _fill(translated: str, values: Mapping[str, str]) -> str | None:
    try:
        return translated.format_map(values)
    except (KeyError, IndexError, ValueError):
        return None  # a translation naming a value its English does not have


def _translate(context: str | None, template: str, text: str) -> str | None:
    values = values_in(template, text)
    if values is None:
        return None
    translated = i18n.pgettext(context, template) if context else i18n.gettext(template)
    return _fill(translated, values)


def rule_advice(rule_id: str, text: str) -> str:
    """A rule's patient advice, as stored in English, in the page's language."""
    rule = RULES.get(rule_id)
    if i18n.language() == i18n.DEFAULT or rule is None:
        return text
    return _translate(rule_id, rule.patient_advice, text) or text


# The headline of each level (`clinical.advice.patient_headline`), for the result page.
# The date is written again in the page's language from the surgery date itself.
HEADLINES = {
    Level.EMERGENCY: N_(
        "Call {number} now, or have someone take you to the nearest emergency department. "
        "Do not drive yourself. Tell them you had back surgery on {date}."
    ),
    Level.SAME_DAY: N_(
        "Call your surgical team today. If their office is closed, call their on-call number. "
        "If you get worse before you reach them, call {number}."
    ),
    Level.SOON: N_(
        "Tell your care team about this in the next 1 to 3 days. Keep checking in each day, "
        "and call them sooner if it gets worse."
    ),
    Level.ROUTINE: N_(
        "Nothing in today's answers needs action. Keep going with your plan, and check in "
        "again tomorrow."
    ),
}


def headline(level: str, text: str, *, surgery_date: date) -> str:
    """A level's headline, as stored in English, in the page's language."""
    template = HEADLINES.get(Level(level))
    if i18n.language() == i18n.DEFAULT or template is None:
        return text
    values = values_in(template, text)
    if values is None:
        return text
    if "date" in values:
        values["date"] = i18n.format_long_date(surgery_date)
    return _fill(i18n.gettext(template), values) or text


# Sentences the clinical core writes about recovery (`clinical.recovery.wording`).
SENTENCES = (
    N_(
        "In the first week after surgery, most people's leg pain is about {usual} out of 10, "
        "and 8 in 10 are at {most} or lower."
    ),
    N_(
        "At 1 week after surgery, most people's leg pain is about {usual} out of 10, "
        "and 8 in 10 are at {most} or lower."
    ),
    N_(
        "At {weeks} weeks after surgery, most people's leg pain is about {usual} out of 10, "
        "and 8 in 10 are at {most} or lower."
    ),
    N_("Yours this week is about {own}, which is higher than most."),
    N_("Your care team can see this and will get in touch if they want to change anything."),
    N_("Yours this week is about {own}, which is lower than most."),
    N_("Yours this week is about {own}, which is within the usual range."),
)


def sentences(text: str, known: Iterable[str] = SENTENCES) -> str:
    """A text of known sentences, each in the page's language; else the text as it is."""
    if i18n.language() == i18n.DEFAULT:
        return text
    translated = []
    for sentence in _SENTENCE_END.split(text.strip()):
        found = next(
            (t for template in known if (t := _translate(None, template, sentence)) is not None),
            None,
        )
        if found is None:
            return text
        translated.append(found)
    return " ".join(translated)


def wording(text: Wording, words: Mapping[str, str] | None = None) -> str:
    """Patient text of the core in the page's language: each whole-sentence template
    translated and filled with the same values. A value named in `words` is itself
    translated, under the context given there (what the patient did, ...); others are
    figures. A template with no usable translation leaves the whole text in English."""
    if i18n.language() == i18n.DEFAULT:
        return text.text
    contexts = words or {}
    values = {
        name: i18n.pgettext(contexts[name], value) if name in contexts else value
        for name, value in text.values
    }
    filled = [_fill(i18n.gettext(template), values) for template in text.templates]
    if any(sentence is None for sentence in filled):
        return text.text
    return " ".join(sentence for sentence in filled if sentence is not None)


_HELPS_WORDS = {"did": HELPS_DID_CONTEXT, "noun": HELPS_NOUN_CONTEXT}


def helps(estimate: HelpEstimate) -> str:
    """What seems to help, for one thing the patient used, in the page's language."""
    return wording(estimate.patient_wording, _HELPS_WORDS)
