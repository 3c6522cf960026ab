"""The care team's worklist and the admins' undelivered notifications, plus what every
clinician page shares: rendering with htmx allowed, and reading ids from links."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.notify import dead_letters
from rootwise.services.errors import NotFound
from rootwise.services.worklist import NOTE_LIMIT, Worklist, close_item, worklist
from rootwise.web.deps import RuntimeDep, page_row_id
from rootwise.web.pages.clinic_text import display_helpers
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import (
    CSRF_FIELD,
    OptionalVisitor,
    StaffVisitor,
    Visitor,
    csrf_matches,
    get_staff_visitor,
)

router = APIRouter()


def is_htmx(request: Request) -> bool:
    """True for a request htmx made from an open page, which wants a fragment back."""
    return request.headers.get("HX-Request") == "true"


def get_polling_visitor(request: Request, visitor: OptionalVisitor) -> Visitor:
    """A clinician or admin, as `StaffVisitor`; but when a poll finds the session over,
    the page itself is sent to log in, rather than the log-in page being swapped into
    the table."""
    try:
        return get_staff_visitor(visitor)
    except HTTPException as refused:
        if is_htmx(request) and refused.headers:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                headers={"HX-Redirect": refused.headers["Location"]},
            ) from None
        raise


PollingVisitor = Annotated[Visitor, Depends(get_polling_visitor)]


def staff_page(
    request: Request,
    name: str,
    context: Mapping[str, Any],
    *,
    visitor: Visitor,
    zone: str,
    now: datetime,
    status_code: int = 200,
) -> HTMLResponse:
    """A clinician page: allowed to load htmx, with times shown in the clinic's `zone`."""
    return render(
        request,
        name,
        {**display_helpers(zone, now), "now": now, **context},
        visitor=visitor,
        status_code=status_code,
        scripts=True,
    )


def not_found(request: Request, visitor: Visitor) -> HTMLResponse:
    return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)


@router.get("/clinic", response_class=HTMLResponse)
def worklist_page(request: Request, runtime: RuntimeDep, visitor: PollingVisitor) -> Response:
    """Open alerts, check-ins to review and missed check-ins; just the rows for htmx."""
    now = runtime.clock()
    found = worklist(runtime.sessions, visitor.who, now=now)
    response = staff_page(
        request,
        "worklist/_rows.html" if is_htmx(request) else "worklist/page.html",
        worklist_context(found, missed_days=runtime.settings.missed_checkin_days),
        visitor=visitor,
        zone=found.clinic_time_zone,
        now=now,
    )
    # One address, two answers: caches must keep the page and the fragment apart.
    response.headers["Vary"] = "HX-Request"
    return response


def worklist_context(found: Worklist, *, missed_days: int) -> dict[str, Any]:
    # The same setting the notification worker flags missed check-ins by, so the
    # caption describes the list it actually made.
    return {"worklist": found, "missed_days": missed_days}


@router.post("/clinic/items/{item_id}/done")
def mark_item_reviewed(
    request: Request,
    runtime: RuntimeDep,
    visitor: StaffVisitor,
    item_id: str,
    *,
    note: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """Take a review item off the worklist as reviewed by this clinician."""
    if not csrf_matches(visitor.session_token, csrf):
        return render(request, "errors/form_expired.html", {}, visitor=visitor, status_code=403)
    try:
        close_item(
            runtime.sessions,
            visitor.who,
            page_row_id(item_id),
            note=note[:NOTE_LIMIT],
            now=runtime.clock(),
        )
    except NotFound:
        return not_found(request, visitor)
    return RedirectResponse("/clinic", status.HTTP_303_SEE_OTHER)


@router.get("/clinic/dead-letters", response_class=HTMLResponse)
def dead_letters_page(request: Request, runtime: RuntimeDep, visitor: StaffVisitor) -> Response:
    """Notifications Rootwise gave up delivering, for the clinic's admins to follow up.

    They hold contact addresses and alert ids, not patient data, so the read is not
    audited; the alerts they point to are, when opened.
    """
    now = runtime.clock()
    if visitor.who.role != "admin":
        return render(
            request,
            "clinic/forbidden.html",
            {},
            visitor=visitor,
            status_code=status.HTTP_403_FORBIDDEN,
        )
    letters = dead_letters(runtime.sessions, visitor.who.clinic_id)
    return staff_page(
        request,
        "clinic/dead_letters.html",
        {"letters": letters},
        visitor=visitor,
        # Outbox times are compared with mail and webhook logs, which speak UTC.
        zone="UTC",
        now=now,
    )
