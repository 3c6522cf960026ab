"""The daily check-in form: shown, sent through the same service as the JSON API, and
shown again with every problem placed beside its field when something is wrong."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from functools import partial
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.contract.errors import InputError
from rootwise.services.checkins import submit_checkin
from rootwise.services.errors import IdempotencyConflict, NotFound
from rootwise.services.patient_pages import earlier_submission, patient_time_zone
from rootwise.web.deps import RuntimeDep
from rootwise.web.pages import checkin_questions
from rootwise.web.pages.checkin_form import (
    FORM_TOP,
    MEDICATION_FIELDS,
    FieldError,
    FormValues,
    checkin_body,
    field_errors,
    same_answers,
)
from rootwise.web.pages.language import page_speech
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import CSRF_FIELD, PatientVisitor, Visitor, csrf_matches

router = APIRouter()

IDEMPOTENCY_FIELD = "idempotency_key"
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,100}")


@router.get("/checkin", response_class=HTMLResponse)
def checkin_page(request: Request, visitor: PatientVisitor) -> Response:
    """An empty check-in form with a fresh one-time key against double sending."""
    return _form_page(request, visitor, FormValues(), _new_key(), errors=())


@router.post("/checkin", response_class=HTMLResponse)
async def send_checkin(request: Request, runtime: RuntimeDep, visitor: PatientVisitor) -> Response:
    """Store and assess the check-in, then show its result; or show the form again."""
    posted = await request.form()
    form = FormValues.from_pairs(posted.multi_items())
    if not csrf_matches(visitor.session_token, form.get(CSRF_FIELD)):
        return render(request, "errors/form_expired.html", {}, visitor=visitor, status_code=403)
    # The key makes a second tap of "Send" (or a reload) return the first result.
    key = form.get(IDEMPOTENCY_FIELD)
    key = key if _KEY_SHAPE.fullmatch(key) else _new_key()
    who = visitor.who
    zone = await run_in_threadpool(patient_time_zone, runtime.sessions, who)
    now = runtime.clock()
    with page_speech(request, visitor):  # the labels of any problems, in the page's language
        conversion = checkin_body(form, recorded_at=now.astimezone(ZoneInfo(zone)))
    send = partial(
        submit_checkin,
        runtime.sessions,
        patient_id=who.patient_id or 0,
        user_id=who.user_id,
        body=json.dumps(conversion.body, ensure_ascii=False).encode(),
        now=now,
        settings=runtime.settings,
    )
    try:
        try:
            receipt = await run_in_threadpool(partial(send, idempotency_key=key))
        except IdempotencyConflict:
            # Each send has its own time, so a second tap of the same form conflicts.
            earlier = await run_in_threadpool(earlier_submission, runtime.sessions, who, key)
            if earlier is not None and same_answers(earlier.answers, conversion.body):
                return RedirectResponse(
                    f"/checkins/{earlier.checkin_id}?again=1", status.HTTP_303_SEE_OTHER
                )
            # Different answers on a form sent before (e.g. after going back to it): a
            # new check-in, so that a new warning sign is never swallowed as a repeat.
            receipt = await run_in_threadpool(partial(send, idempotency_key=_new_key()))
    except InputError as exc:
        with page_speech(request, visitor):
            errors = field_errors(exc, conversion.origins)
        return _form_page(request, visitor, form, key, errors=errors, status_code=422)
    except NotFound:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    return RedirectResponse(f"/checkins/{receipt.checkin_id}", status.HTTP_303_SEE_OTHER)


def _new_key() -> str:
    return secrets.token_urlsafe(24)


def _extra_medicines_used(form: FormValues, errors: Sequence[FieldError]) -> bool:
    """True when medicine rows after the first hold answers or errors, so they show."""
    extra = [
        f"medications-{row}-{name}"
        for row in range(2, checkin_questions.MEDICATION_ROWS + 1)
        for name in MEDICATION_FIELDS
    ]
    return any(form.get(key) for key in extra) or any(e.key in extra for e in errors)


def _form_page(
    request: Request,
    visitor: Visitor,
    form: FormValues,
    key: str,
    *,
    errors: Sequence[FieldError],
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "checkin/form.html",
        {
            "form": form,
            "idempotency_key": key,
            "errors": errors,
            "error_at": {e.key: e.message for e in errors if e.key is not None},
            "q": checkin_questions,
            "form_top": FORM_TOP,
            "more_medicines_open": _extra_medicines_used(form, errors),
        },
        visitor=visitor,
        status_code=status_code,
    )
