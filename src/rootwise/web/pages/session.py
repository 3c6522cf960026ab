"""Log-in and log-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.services.login_attempts import TooManyLogIns
from rootwise.web.deps import RuntimeDep, check_log_in
from rootwise.web.i18n import N_, NATIVE_NAMES, SUPPORTED
from rootwise.web.pages.language import (
    LANGUAGE_COOKIE,
    LANGUAGE_PARAMETER,
    chosen_before_log_in,
)
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import (
    CSRF_FIELD,
    LOGIN_COOKIE,
    LOGIN_COOKIE_SECONDS,
    SESSION_COOKIE,
    OptionalVisitor,
    clear_cookie,
    csrf_matches,
    landing_page,
    new_login_binding,
    set_cookie,
)

router = APIRouter()

_LONGEST_EMAIL = 254
_LONGEST_PASSWORD = 1000
_WRONG = N_("The e-mail address or password is not right. Please try again.")
_TOO_MANY = N_("There have been too many tries to log in from this phone or computer.")
_EXPIRED = N_("This page had been open too long. Please enter your details again.")
_YEAR_SECONDS = 365 * 24 * 3600


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, visitor: OptionalVisitor) -> Response:
    """The log-in form; someone already signed in goes straight to their pages."""
    if visitor is not None:
        return RedirectResponse(landing_page(visitor.who), status.HTTP_303_SEE_OTHER)
    return _login_page(request, email="", problem=None, status_code=200)


@router.post("/login", response_class=HTMLResponse)
async def log_in(
    request: Request,
    runtime: RuntimeDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """Check the e-mail and password; on success start a session and go to the landing page."""
    if not csrf_matches(request.cookies.get(LOGIN_COOKIE), csrf):
        return _login_page(request, email=email[:_LONGEST_EMAIL], problem=_EXPIRED, status_code=403)
    try:
        who = (
            await check_log_in(request, runtime, email, password)
            if _could_be_real(email, password)
            else None
        )
    except TooManyLogIns as exc:
        return _login_page(
            request,
            email=email[:_LONGEST_EMAIL],
            problem=_TOO_MANY,
            status_code=429,
            wait_minutes=exc.minutes,
        )
    if who is None:
        # Never say which of the two was wrong: that would confirm who has an account.
        return _login_page(request, email=email[:_LONGEST_EMAIL], problem=_WRONG, status_code=401)
    response = RedirectResponse(landing_page(who), status.HTTP_303_SEE_OTHER)
    set_cookie(
        response,
        request,
        SESSION_COOKIE,
        runtime.tokens.issue(who),
        max_age=runtime.settings.token_hours * 3600,
    )
    clear_cookie(response, request, LOGIN_COOKIE)
    return response


@router.post("/logout")
def log_out(
    request: Request,
    visitor: OptionalVisitor,
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """End the session on this device and go back to the log-in page."""
    if visitor is not None and not csrf_matches(visitor.session_token, csrf):
        return render(
            request,
            "errors/form_expired.html",
            {},
            visitor=visitor,
            status_code=status.HTTP_403_FORBIDDEN,
        )
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    clear_cookie(response, request, SESSION_COOKIE)
    return response


def _could_be_real(email: str, password: str) -> bool:
    # Refused here rather than by Form(max_length=...), which would answer with JSON.
    # No real address or password holds a NUL, and PostgreSQL text cannot store one.
    return len(password) <= _LONGEST_PASSWORD and "\x00" not in email and "\x00" not in password


def _login_page(
    request: Request,
    *,
    email: str,
    problem: str | None,
    status_code: int,
    wait_minutes: int | None = None,
) -> Response:
    # A random value in a cookie keys the form's CSRF token until there is a session;
    # it is kept while it lasts, so two open log-in tabs both work.
    binding = request.cookies.get(LOGIN_COOKIE, "")
    if not 32 <= len(binding) <= 64:
        binding = new_login_binding()
    language = chosen_before_log_in(request)
    response = render(
        request,
        "auth/login.html",
        {
            "email": email,
            "problem": problem,
            "wait_minutes": wait_minutes,
            "emergency_number": request.app.state.runtime.settings.emergency_number,
            # The other languages, each offered in its own words.
            "switch_to": [(code, NATIVE_NAMES[code]) for code in SUPPORTED if code != language],
        },
        visitor=None,
        status_code=status_code,
        login_binding=binding,
    )
    set_cookie(response, request, LOGIN_COOKIE, binding, max_age=LOGIN_COOKIE_SECONDS)
    if request.query_params.get(LANGUAGE_PARAMETER) == language:
        # Chosen with the page's language link: remembered on this device.
        set_cookie(response, request, LANGUAGE_COOKIE, language, max_age=_YEAR_SECONDS)
    return response
