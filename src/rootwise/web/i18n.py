"""Translations of the patient pages: the catalogues, and the language of this request.

English is the language the pages are written in; every other supported language has a
gettext catalogue, `rootwise/locale/<lang>/LC_MESSAGES/messages.po`, kept up to date with
`make i18n`. The catalogues are compiled in memory when the app starts (`load_catalogues`),
so the reviewed `.po` file is the only copy in the repository: there is no generated `.mo`
binary to commit, to forget to rebuild, or to drift from its source. Compiling both takes a
few milliseconds.

The language of the page being built is held in a `ContextVar`, set with `speaking(...)`
for exactly as long as one request needs it. Each request (and each thread or task serving
one) sees only its own value, so two patients reading in different languages at the same
moment never get each other's words. `gettext` and friends below read it; so do the
`{% trans %}` blocks of the templates and the date filters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from gettext import NullTranslations
from importlib.resources import files
from io import BytesIO

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

SUPPORTED = ("en", "es")
DEFAULT = "en"
DOMAIN = "messages"
# The names each language is offered under, always in that language itself.
NATIVE_NAMES = {"en": "English", "es": "Español"}
# Dates follow the region the wording is written for: US English, Latin American Spanish.
_BABEL_LOCALES = {"en": "en_US", "es": "es_419"}


@dataclass(frozen=True, slots=True)
class Speech:
    """A language and its translations, as one request uses them."""

    language: str
    translations: NullTranslations


_ENGLISH = Speech(DEFAULT, NullTranslations())
_current: ContextVar[Speech] = ContextVar("rootwise_speech", default=_ENGLISH)


def po_path(language: str) -> str:
    """Where the catalogue of `language` lives, relative to the `rootwise` package."""
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


def compile_catalogue(po_text: bytes, language: str) -> Translations:
    """The translations in a `.po` file, compiled in memory; fuzzy entries are left out."""
    catalog = read_po(BytesIO(po_text), locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def load_catalogues() -> Mapping[str, Speech]:
    """Every supported language with its translations; English needs none."""
    package = files("rootwise")
    loaded = {DEFAULT: _ENGLISH}
    for language in SUPPORTED:
        if language != DEFAULT:
            po_text = package.joinpath(po_path(language)).read_bytes()
            loaded[language] = Speech(language, compile_catalogue(po_text, language))
    return loaded


@contextmanager
def speaking(speech: Speech) -> Iterator[None]:
    """Make `speech` the language of everything translated inside the block."""
    token = _current.set(speech)
    try:
        yield
    finally:
        _current.reset(token)


def language() -> str:
    """The language of the page being built."""
    return _current.get().language


def gettext(message: str) -> str:
    # An empty msgid would return the catalogue's header: never translate "".
    return _current.get().translations.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get().translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.get().translations.pgettext(context, message) if message else message


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.get().translations.npgettext(context, singular, plural, n)


def translate(message: str, context: str | None = None) -> str:
    """`message` (optionally under `context`) in the page's language: the `t` filter."""
    return pgettext(context, message) if context else gettext(message)


def N_(message: str) -> str:
    """Marks `message` for the catalogues (gettext tools look for `N_`) where it is
    defined; it is translated where it is shown."""
    return message


def best_language(accept_language: str | None) -> str:
    """The supported language a browser's `Accept-Language` header prefers, else English."""
    wanted = []
    for part in (accept_language or "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag and tag != "*" and weight > 0:
            wanted.append((weight, tag))
    # Stable sort: among equal weights, the browser's own order stands.
    preferred = [tag for _, tag in sorted(wanted, key=lambda pair: -pair[0])]
    try:
        found = Locale.negotiate(preferred, list(SUPPORTED), sep="-")
    except (UnknownLocaleError, ValueError):
        found = None
    return found.language if found is not None else DEFAULT


# --- Dates and times, in the words of the page's language ------------------------------


def _locale() -> str:
    return _BABEL_LOCALES[language()]


def format_day(day: date) -> str:
    """`Friday, March 20, 2026` / `viernes, 20 de marzo de 2026`: as people say it."""
    return format_date(day, "full", locale=_locale())


def format_long_date(day: date) -> str:
    """`March 2, 2026` / `2 de marzo de 2026`."""
    return format_date(day, "long", locale=_locale())


def format_short_day(day: date) -> str:
    """`Mar 20, 2026` / `20 mar 2026`: short enough for a table on a phone."""
    return format_date(day, "medium", locale=_locale())


def format_short_month_day(day: date) -> str:
    """`Mar 20` / `20 mar`: a short date without its year, for a span of dates."""
    return format_skeleton("MMMd", day, locale=_locale())


def format_short_month(day: date) -> str:
    """`Mar` / `mar`: the month of `day`, shortened as in `format_short_day`."""
    return str(get_month_names("abbreviated", locale=_locale())[day.month])


# US English reads a 12-hour clock; Spanish text reads better with 24 hours ("a las
# 21:05"), which also keeps "a.m." from running into the end of a sentence.
_CLOCKS = {"en": "h:mm a", "es": "H:mm"}


def format_clock(moment: datetime) -> str:
    """`9:05 PM` / `21:05` (with an ordinary space, which a phone may wrap)."""
    return format_time(moment, _CLOCKS[language()], locale=_locale())
