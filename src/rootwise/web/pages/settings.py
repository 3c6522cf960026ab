"""The patient's settings: the language their pages are written in."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.services.errors import NotFound
from rootwise.services.language import set_language
from rootwise.web.deps import RuntimeDep
from rootwise.web.i18n import NATIVE_NAMES, SUPPORTED
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import CSRF_FIELD, PatientVisitor, Visitor, csrf_matches

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, visitor: PatientVisitor, saved: bool = False) -> Response:
    """The language form, with the patient's own language chosen."""
    return _page(request, visitor, saved=saved, problem=False)


@router.post("/settings/language", response_class=HTMLResponse)
async def change_language(
    request: Request,
    runtime: RuntimeDep,
    visitor: PatientVisitor,
    language: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """Store the chosen language (audited) and show the settings again, in it."""
    if not csrf_matches(visitor.session_token, csrf):
        return render(request, "errors/form_expired.html", {}, visitor=visitor, status_code=403)
    if language not in SUPPORTED:
        return _page(request, visitor, saved=False, problem=True, status_code=422)
    store = partial(set_language, runtime.sessions, visitor.who, language, now=runtime.clock())
    try:
        await run_in_threadpool(store)
    except NotFound:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    return RedirectResponse("/settings?saved=1", status.HTTP_303_SEE_OTHER)


def _page(
    request: Request,
    visitor: Visitor,
    *,
    saved: bool,
    problem: bool,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "settings/language.html",
        {
            "languages": [(code, NATIVE_NAMES[code]) for code in SUPPORTED],
            "current": visitor.language,
            "saved": saved,
            "problem": problem,
        },
        visitor=visitor,
        status_code=status_code,
    )
