"""Patient text kept as whole-sentence templates and the values that fill them.

The clinical core writes for the patient in English and knows nothing of languages. Where
a text carries figures or names (days, points, minutes, what the patient used), the core
keeps it as whole-sentence templates with named placeholders (`{days}`) beside the values
it filled them with. `text` is the English a patient reads; a page in another language
translates each template as a whole sentence and fills in the same values, so a sentence
is never put together from separately translated pieces, and the figures stay exactly
those of the English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Wording:
    """Sentences for the patient: `templates`, each one or more whole sentences with
    `{name}` placeholders, and the `values` they are filled with, as (name, text) pairs."""

    templates: tuple[str, ...]
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, *templates: str, **values: object) -> Wording:
        """`templates` filled with `values` (each written as `str(value)`)."""
        return cls(templates, tuple((name, str(value)) for name, value in values.items()))

    @property
    def text(self) -> str:
        """The English: every template filled in, joined by spaces."""
        values = dict(self.values)
        return " ".join(template.format_map(values) for template in self.templates)
