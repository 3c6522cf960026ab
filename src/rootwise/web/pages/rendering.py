"""Rendering pages: the Jinja2 environment, the filters templates use, and the headers
every page is sent with."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

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
    "emergency": "Emergency",
    "same_day": "Call your team today",
    "soon": "Tell your team in 1 to 3 days",
    "routine": "Nothing urgent",
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
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["tel"] = tel_href
    env.filters["day"] = format_day
    env.filters["short_day"] = format_short_day
    env.filters["clock"] = format_clock
    env.filters["level_name"] = LEVEL_NAMES.__getitem__
    return Jinja2Templates(env=env)


def tel_href(number: str) -> str:
    """A `tel:` link for a number as a clinic writes it: `(555) 010-0100` -> `tel:5550100100`."""
    return "tel:" + re.sub(r"[^0-9+*#]", "", number)


def format_day(day: date) -> str:
    """`Friday, March 20, 2026`: the day spelled out, as people say it."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def format_short_day(day: date) -> str:
    """`Mar 20, 2026`: short enough for a table on a phone."""
    return f"{day:%b} {day.day}, {day.year}"


def format_clock(moment: datetime) -> str:
    """`9:05 AM`."""
    return f"{moment:%I:%M %p}".removeprefix("0")


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
    number (the visitor's clinic's, else `emergency_number`, else the deployment's) and
    the CSRF token for its forms. `scripts` lets the page load this site's scripts
    (clinician pages only: patient pages never run any)."""
    templates: Jinja2Templates = request.app.state.templates
    if visitor is not None:
        number = visitor.contacts.emergency_number
        token = visitor.csrf
    else:
        number = emergency_number or request.app.state.runtime.settings.emergency_number
        token = csrf_token(login_binding) if login_binding else ""
    response = templates.TemplateResponse(
        request,
        name,
        {**context, "visitor": visitor, "emergency_number": number, "csrf_token": token},
        status_code=status_code,
    )
    response.headers.update(_SECURITY_HEADERS)
    if scripts:
        response.headers["Content-Security-Policy"] = _STAFF_POLICY
    return response
