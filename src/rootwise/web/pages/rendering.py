"""Rendering pages: the Jinja2 environment, the filters templates use, and the headers
every page is sent with."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from rootwise.web import i18n
from rootwise.web.i18n import N_, format_clock, format_day, format_short_day
from rootwise.web.pages import clinical_wording
from rootwise.web.pages.language import page_speech
from rootwise.web.pages.security import Visitor, csrf_token

# Patient pages run no script at all; forms post only to this site; no framing.
_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# Clinician pages also load the vendored htmx from this site (no inline script, no
# eval), and let it fetch page fragments from this site.
_STAFF_POLICY = f"{_POLICY}; script-src 'self'; connect-src 'self'"
_SECURITY_HEADERS = {
    "Content-Security-Policy": _POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # Pages show health data: keep them out of shared caches and the back-button cache.
    "Cache-Control": "no-store",
}

# What each level means to the patient, in a few words; never colour alone.
LEVEL_NAMES = {
    "emergency": N_("Emergency"),
    "same_day": N_("Call your team today"),
    "soon": N_("Tell your team in 1 to 3 days"),
    "routine": N_("Nothing urgent"),
}


def page_templates() -> Jinja2Templates:
    """The templates of `rootwise.web`, autoescaped, failing loudly on a missing name."""
    env = Environment(
        loader=PackageLoader("rootwise.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # `{% trans %}` marks text for the translation catalogues (patient pages).
        extensions=["jinja2.ext.i18n"],
    )
    # Whitespace inside `{% trans %}` is collapsed, so line breaks never reach a msgid.
    env.policies["ext.i18n.trimmed"] = True
    # `{% trans %}` and `_()` translate into the language of the request being rendered
    # (`page_speech`).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext,
        i18n.ngettext,
        newstyle=True,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
    )
    # Each language offered in its own words: {"en": "English", "es": "Español"}.
    env.globals["language_names"] = i18n.NATIVE_NAMES
    env.filters["tel"] = tel_href
    env.filters["day"] = _per_request(format_day)
    env.filters["short_day"] = _per_request(format_short_day)
    env.filters["clock"] = _per_request(format_clock)
    env.filters["level_name"] = _per_request(level_name)
    # `{{ text | t }}`: text written in Python and marked there with `N_` (or data, such as
    # a questionnaire's wording), translated and escaped like any value. `_()` in a
    # template is for the template's own literal text.
    env.filters["t"] = _per_request(i18n.translate)
    # Patient text written by the clinical core, in English, in the page's language.
    env.filters["clinical_text"] = _per_request(clinical_wording.sentences)
    # The same for text the core gives as templates and values (`clinical.wording`).
    env.filters["wording"] = _per_request(clinical_wording.wording)
    env.filters["helps_text"] = _per_request(clinical_wording.helps)
    return Jinja2Templates(env=env)


def _per_request(words: Callable[..., str]) -> Callable[..., str]:
    """A filter whose result depends on the request's language: Jinja must not work it
    out once, when the template is compiled, as it does for plain filters given
    constants (`{{ "Home" | t }}`)."""

    @pass_context
    def filter_(_context: Context, value: Any, *args: Any, **kwargs: Any) -> str:
        return words(value, *args, **kwargs)

    return filter_


def tel_href(number: str) -> str:
    """A `tel:` link for a number as a clinic writes it: `(555) 010-0100` -> `tel:5550100100`."""
    return "tel:" + re.sub(r"[^0-9+*#]", "", number)


def level_name(level: str) -> str:
    """What a triage level means to the patient, in a few words of the page's language."""
    return i18n.gettext(LEVEL_NAMES[level])


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any],
    *,
    visitor: Visitor | None,
    emergency_number: str | None = None,
    status_code: int = 200,
    login_binding: str | None = None,
    scripts: bool = False,
) -> HTMLResponse:
    """Render template `name` with what every page needs: the visitor, the emergency
    number (the visitor's clinic's, else `emergency_number`, else the deployment's), the
    CSRF token for its forms and the page's language (`lang`), in which it is written.
    `scripts` lets the page load this site's scripts (clinician pages only: patient pages
    never run any)."""
    templates: Jinja2Templates = request.app.state.templates
    if visitor is not None:
        number = visitor.contacts.emergency_number
        token = visitor.csrf
    else:
        number = emergency_number or request.app.state.runtime.settings.emergency_number
        token = csrf_token(login_binding) if login_binding else ""
    # Patient pages in the patient's language; the care team's always in English.
    with page_speech(request, visitor):
        response = templates.TemplateResponse(
            request,
            name,
            {
                **context,
                "visitor": visitor,
                "emergency_number": number,
                "csrf_token": token,
                "lang": i18n.language(),
            },
            status_code=status_code,
        )
    response.headers.update(_SECURITY_HEADERS)
    if scripts:
        response.headers["Content-Security-Policy"] = _STAFF_POLICY
    return response
