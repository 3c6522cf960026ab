"""Who is looking at a page: the session cookie, the CSRF token of every form, and the
access check each page declares once (`PatientVisitor`, `StaffVisitor`).

The session cookie holds the same signed token the JSON API issues (`Tokens`), so there
is no server-side session store. A form's CSRF token is an HMAC keyed by that session
token: a page from another site can neither read the HttpOnly cookie nor compute the
token, and the token itself reveals nothing about the session. Before log-in, a random
cookie plays the part of the session token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response, status

from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.services.language import DEFAULT_LANGUAGE, page_details
from rootwise.services.patient_pages import ClinicContacts
from rootwise.web.deps import RuntimeDep

SESSION_COOKIE = "rootwise_session"
LOGIN_COOKIE = "rootwise_login"
CSRF_FIELD = "csrf_token"
LOGIN_COOKIE_SECONDS = 3600


def csrf_token(binding: str) -> str:
    """The token a form must send back, for the session (or log-in cookie) `binding`."""
    return hmac.new(binding.encode(), b"rootwise-form-v1", hashlib.sha256).hexdigest()


def csrf_matches(binding: str | None, submitted: str | None) -> bool:
    """True when `submitted` is the form token of `binding`; constant-time."""
    if not binding or not submitted:
        return False
    # Compared as bytes: compare_digest refuses str holding anything but ASCII.
    return hmac.compare_digest(csrf_token(binding).encode(), submitted.encode())


def new_login_binding() -> str:
    return secrets.token_urlsafe(32)


def set_cookie(
    response: Response, request: Request, name: str, value: str, *, max_age: int
) -> None:
    """An HttpOnly, SameSite=Lax cookie for the whole site; Secure over https."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(
        name, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


@dataclass(frozen=True, slots=True)
class Visitor:
    """A signed-in person, with their clinic's numbers for every page's header and, for a
    patient, the language they read their pages in."""

    who: Principal
    session_token: str
    contacts: ClinicContacts
    language: str = DEFAULT_LANGUAGE

    @property
    def csrf(self) -> str:
        return csrf_token(self.session_token)

    @property
    def is_patient(self) -> bool:
        return self.who.role == "patient" and self.who.patient_id is not None


def get_visitor(request: Request, runtime: RuntimeDep) -> Visitor | None:
    """The signed-in visitor, or None when there is no valid, unexpired session."""
    token = request.cookies.get(SESSION_COOKIE)
    who = runtime.tokens.read(token) if token else None
    if token is None or who is None:
        return None
    try:
        details = page_details(runtime.sessions, who)
    except NotFound:
        return None
    return Visitor(
        who=who, session_token=token, contacts=details.contacts, language=details.language
    )


OptionalVisitor = Annotated[Visitor | None, Depends(get_visitor)]


def _go_to(path: str) -> HTTPException:
    # A redirect raised from a dependency: browsers follow the Location and ignore the body.
    return HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": path})


def landing_page(who: Principal) -> str:
    """Where someone lands after log-in: patients at home, the care team at the clinic."""
    return "/" if who.role == "patient" and who.patient_id is not None else "/clinic"


def get_patient_visitor(visitor: OptionalVisitor) -> Visitor:
    """A signed-in patient; anyone else is sent to log in, or to their own pages."""
    if visitor is None:
        raise _go_to("/login")
    if not visitor.is_patient:
        raise _go_to(landing_page(visitor.who))
    return visitor


def get_staff_visitor(visitor: OptionalVisitor) -> Visitor:
    """A signed-in clinician or admin; anyone else is sent to log in, or home."""
    if visitor is None:
        raise _go_to("/login")
    if not visitor.who.is_clinical_staff:
        raise _go_to(landing_page(visitor.who))
    return visitor


PatientVisitor = Annotated[Visitor, Depends(get_patient_visitor)]
StaffVisitor = Annotated[Visitor, Depends(get_staff_visitor)]
