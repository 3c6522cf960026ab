"""Which language a page is written in.

- A signed-in patient reads every page in the language stored for them
  (`patients.language`, changed on the settings page).
- The care team's pages stay in English: clinician wording (rule notes, thresholds,
  sources) is written and reviewed in English only, and is not in the catalogues.
- Before log-in, the log-in page's own language link (`?lang=es`), remembered in a cookie,
  else the browser's `Accept-Language`, else English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from rootwise.web.i18n import DEFAULT, SUPPORTED, Speech, best_language, speaking
from rootwise.web.pages.security import Visitor

LANGUAGE_COOKIE = "rootwise_language"
LANGUAGE_PARAMETER = "lang"


def chosen_before_log_in(request: Request) -> str:
    """The language of a page seen before log-in."""
    for choice in (
        request.query_params.get(LANGUAGE_PARAMETER),
        request.cookies.get(LANGUAGE_COOKIE),
    ):
        if choice in SUPPORTED:
            return choice
    return best_language(request.headers.get("accept-language"))


def page_language(request: Request, visitor: Visitor | None) -> str:
    if visitor is None:
        return chosen_before_log_in(request)
    return visitor.language if visitor.is_patient and visitor.language in SUPPORTED else DEFAULT


def speech_for(request: Request, language: str) -> Speech:
    """The loaded catalogue of `language` (`create_app` loads them all at start-up)."""
    catalogues: dict[str, Speech] = request.app.state.catalogues
    return catalogues[language]


@contextmanager
def page_speech(request: Request, visitor: Visitor | None) -> Iterator[None]:
    """Translate into the page's language inside the block: the rendering, and any text a
    route puts together in Python for the page (e.g. the advice of a check-in result)."""
    with speaking(speech_for(request, page_language(request, visitor))):
        yield
