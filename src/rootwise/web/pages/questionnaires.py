"""The recovery questionnaires: the schedule, answering one, and what the score means.

A questionnaire is shown either whole on one page or one question per screen, as the
patient chooses (kept in a cookie). One question per screen needs no script and no draft
on the server: each screen carries the answers so far as hidden fields, and only the
last one stores the response.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.contract.errors import InputError
from rootwise.fhir.questionnaires import FormItem, QuestionnaireForm
from rootwise.services.errors import NotFound
from rootwise.services.questionnaires import (
    AlreadyAnswered,
    form_to_answer,
    own_score_series,
    questionnaire_plan,
    submit_response,
)
from rootwise.web.deps import RuntimeDep
from rootwise.web.i18n import N_
from rootwise.web.pages.checkin_form import FormValues
from rootwise.web.pages.language import page_speech
from rootwise.web.pages.questionnaire_text import score_meaning
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import CSRF_FIELD, PatientVisitor, Visitor, csrf_matches

router = APIRouter()

LAYOUT_COOKIE = "rootwise_questionnaire_layout"
ONE_AT_A_TIME = "one"
ALL_AT_ONCE = "all"
_YEAR_SECONDS = 365 * 24 * 3600

# What the patient reads of an answer that is refused, in their language (`| t`). The
# questionnaire service explains a refusal in English for the API ("not an allowed
# value: 7"); the page says what to do instead.
CHOOSE_ONE = N_("choose one of the answers shown")
NOT_IN_THIS_QUESTIONNAIRE = N_("this question is not part of this questionnaire")
_SERVICE_PROBLEMS = {
    "unknown link id": NOT_IN_THIS_QUESTIONNAIRE,
    "not an allowed value": CHOOSE_ONE,
    "not an allowed answer": CHOOSE_ONE,
}


@router.get("/questionnaires", response_class=HTMLResponse)
def questionnaires(
    request: Request, runtime: RuntimeDep, visitor: PatientVisitor, done: str | None = None
) -> Response:
    """Every time point of the schedule: what is due now, what is done, what comes next;
    after a questionnaire is sent (`done`), what its score means first."""
    now = runtime.clock()
    plan = questionnaire_plan(runtime.sessions, visitor.who, now=now, settings=runtime.settings)
    series = own_score_series(runtime.sessions, visitor.who, now=now, settings=runtime.settings)
    with page_speech(request, visitor):
        scores = {
            (point.timepoint, s.key): score_meaning(s, point) for s in series for point in s.points
        }
        just_sent = next(
            (score_meaning(s, s.points[-1]) for s in series if s.key == done and s.points), None
        )
    return render(
        request,
        "questionnaires/list.html",
        {"plan": plan, "scores": scores, "layout": _layout(request), "just_sent": just_sent},
        visitor=visitor,
    )


@router.get("/questionnaires/{timepoint}/{key}", response_class=HTMLResponse)
def questionnaire_page(
    request: Request,
    runtime: RuntimeDep,
    visitor: PatientVisitor,
    *,
    timepoint: str,
    key: str,
    layout: str | None = None,
) -> Response:
    """The questionnaire, whole or from its first question; `layout` switches between them."""
    chosen = layout if layout in (ONE_AT_A_TIME, ALL_AT_ONCE) else _layout(request)
    try:
        _, form = form_to_answer(
            runtime.sessions,
            visitor.who,
            timepoint=timepoint,
            key=key,
            now=runtime.clock(),
            settings=runtime.settings,
        )
    except AlreadyAnswered:
        return RedirectResponse("/questionnaires", status.HTTP_303_SEE_OTHER)
    except NotFound:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    response = _form_page(
        request, visitor, timepoint=timepoint, form=form, posted=FormValues(), layout=chosen, step=0
    )
    if layout == chosen:
        response.set_cookie(
            LAYOUT_COOKIE, chosen, max_age=_YEAR_SECONDS, httponly=True, samesite="lax"
        )
    return response


@router.post("/questionnaires/{timepoint}/{key}", response_class=HTMLResponse)
async def answer_questionnaire(
    request: Request, runtime: RuntimeDep, visitor: PatientVisitor, timepoint: str, key: str
) -> Response:
    """The next screen, or, once every screen is through, the stored response's result."""
    posted = FormValues.from_pairs((await request.form()).multi_items())
    if not csrf_matches(visitor.session_token, posted.get(CSRF_FIELD)):
        return render(request, "errors/form_expired.html", {}, visitor=visitor, status_code=403)
    load = partial(
        form_to_answer,
        runtime.sessions,
        visitor.who,
        timepoint=timepoint,
        key=key,
        now=runtime.clock(),
        settings=runtime.settings,
    )
    try:
        _, form = await run_in_threadpool(load)
    except AlreadyAnswered:
        return RedirectResponse("/questionnaires", status.HTTP_303_SEE_OTHER)
    except NotFound:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    layout = ONE_AT_A_TIME if posted.get("layout") == ONE_AT_A_TIME else ALL_AT_ONCE
    step = _step(posted.get("step"), len(form.items))
    if posted.get("move") == "back":
        return _form_page(
            request,
            visitor,
            timepoint=timepoint,
            form=form,
            posted=posted,
            layout=layout,
            step=max(step - 1, 0),
        )
    try:
        answers = read_answers(form, posted)
    except InputError as error:
        return _form_page(
            request,
            visitor,
            timepoint=timepoint,
            form=form,
            posted=posted,
            layout=layout,
            step=step,
            error=error,
        )
    if layout == ONE_AT_A_TIME and step + 1 < len(form.items):
        return _form_page(
            request,
            visitor,
            timepoint=timepoint,
            form=form,
            posted=posted,
            layout=layout,
            step=step + 1,
        )
    store = partial(
        submit_response,
        runtime.sessions,
        visitor.who,
        timepoint=timepoint,
        key=key,
        answers=answers,
        now=runtime.clock(),
        settings=runtime.settings,
    )
    try:
        await run_in_threadpool(store)
    except (AlreadyAnswered, NotFound):
        # Sent twice, or the window closed meanwhile: the list says where things stand.
        return RedirectResponse("/questionnaires", status.HTTP_303_SEE_OTHER)
    except InputError as error:
        return _form_page(
            request,
            visitor,
            timepoint=timepoint,
            form=form,
            posted=posted,
            layout=layout,
            step=step,
            error=in_patient_words(error),
        )
    return RedirectResponse(f"/questionnaires?done={key}", status.HTTP_303_SEE_OTHER)


def read_answers(form: QuestionnaireForm, posted: FormValues) -> dict[str, int | bool]:
    """The answers in `posted` as the instrument takes them; unanswered items are left out.

    Raises InputError naming the item for a value that is not one of its options.
    """
    answers: dict[str, int | bool] = {}
    for item in form.items:
        sent = posted.get(field_name(item))
        if not sent:
            continue
        chosen = next((o for o in item.options if o.code == sent), None)
        if chosen is None:
            raise InputError((item.link_id, CHOOSE_ONE))
        answers[item.link_id] = chosen.value
    return answers


def in_patient_words(error: InputError) -> InputError:
    """The service's refusal of an answer, with each problem in words the page translates
    (any problem it does not know reads as "choose one of the answers shown")."""
    return InputError(
        *(
            (field, _SERVICE_PROBLEMS.get(problem.partition(":")[0], CHOOSE_ONE))
            for field, problem in error.errors
        )
    )


def field_name(item: FormItem) -> str:
    """The form field of an item: its link id with the dot made safe for an HTML id."""
    return "item-" + item.link_id.replace(".", "-")


@dataclass(frozen=True, slots=True)
class Screen:
    """Which items one page shows, and which travel along hidden."""

    shown: tuple[FormItem, ...]
    carried: tuple[tuple[str, str], ...]
    step: int
    last: bool


def _screen(form: QuestionnaireForm, posted: FormValues, layout: str, step: int) -> Screen:
    if layout != ONE_AT_A_TIME:
        return Screen(form.items, (), 0, last=True)
    shown = form.items[step]
    carried = tuple(
        (field_name(item), posted.get(field_name(item)))
        for item in form.items
        if item is not shown and posted.get(field_name(item))
    )
    return Screen((shown,), carried, step, last=step + 1 == len(form.items))


def _form_page(
    request: Request,
    visitor: Visitor,
    *,
    timepoint: str,
    form: QuestionnaireForm,
    posted: FormValues,
    layout: str,
    step: int,
    error: InputError | None = None,
) -> Response:
    screen = _screen(form, posted, layout, step)
    context: dict[str, Any] = {
        "form": form,
        "timepoint": timepoint,
        "values": posted,
        "layout": layout,
        "screen": screen,
        "count": len(form.items),
        "error_at": {} if error is None else {error.field: error.problem},
        "field_name": field_name,
    }
    return render(
        request,
        "questionnaires/form.html",
        context,
        visitor=visitor,
        status_code=200 if error is None else 422,
    )


def _layout(request: Request) -> str:
    chosen = request.cookies.get(LAYOUT_COOKIE)
    return ONE_AT_A_TIME if chosen == ONE_AT_A_TIME else ALL_AT_ONCE


def _step(sent: str, count: int) -> int:
    return int(sent) if sent.isdigit() and int(sent) < count else 0
