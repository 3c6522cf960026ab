"""One alert for the care team: what fired and why, and the buttons to acknowledge and
resolve it. Plain POST forms with a CSRF token, answered with a redirect to the page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rootwise.clinical.rules import RULES
from rootwise.clinical.sources import SOURCES
from rootwise.clinical.thresholds import Thresholds
from rootwise.notify.escalation import escalation_history
from rootwise.services.alerts import (
    NOTE_LIMIT,
    AlertClosed,
    AlertDetail,
    acknowledge_alert,
    alert_detail,
    resolve_alert,
)
from rootwise.services.errors import NotFound
from rootwise.web.deps import RuntimeDep, page_row_id
from rootwise.web.pages.clinic import not_found, staff_page
from rootwise.web.pages.patient import advice_paragraphs
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import CSRF_FIELD, StaffVisitor, Visitor, csrf_matches
from rootwise.web.runtime import Runtime

router = APIRouter()

_NOTE_MISSING = "Write what was done, so the next person reading this alert knows."
_NOTE_TOO_LONG = f"Keep the note to {NOTE_LIMIT} characters; put the rest in the medical record."
_ALREADY_RESOLVED = "Someone resolved this alert already; their note is shown below."


@router.get("/clinic/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(
    request: Request, runtime: RuntimeDep, visitor: StaffVisitor, alert_id: str
) -> Response:
    """The alert, each finding with its basis, and what the patient was told."""
    return _show(request, runtime, visitor, alert_id, problem=None, note="", status_code=200)


@router.post("/clinic/alerts/{alert_id}/acknowledge")
def acknowledge(
    request: Request,
    runtime: RuntimeDep,
    visitor: StaffVisitor,
    alert_id: str,
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """Mark the alert seen by this clinician; pressing it again changes nothing."""
    if not csrf_matches(visitor.session_token, csrf):
        return _expired(request, visitor)
    try:
        acknowledge_alert(runtime.sessions, visitor.who, page_row_id(alert_id), now=runtime.clock())
    except NotFound:
        return not_found(request, visitor)
    return RedirectResponse(f"/clinic/alerts/{alert_id}", status.HTTP_303_SEE_OTHER)


@router.post("/clinic/alerts/{alert_id}/resolve", response_class=HTMLResponse)
def resolve(
    request: Request,
    runtime: RuntimeDep,
    visitor: StaffVisitor,
    alert_id: str,
    *,
    note: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    """Close the alert with a note of what was done; the note is required."""
    if not csrf_matches(visitor.session_token, csrf):
        return _expired(request, visitor)
    text = note.strip()
    problem = _note_problem(text)
    if problem is None:
        try:
            resolve_alert(
                runtime.sessions, visitor.who, page_row_id(alert_id), note=text, now=runtime.clock()
            )
        except NotFound:
            return not_found(request, visitor)
        except AlertClosed:
            problem = _ALREADY_RESOLVED
        else:
            return RedirectResponse(f"/clinic/alerts/{alert_id}", status.HTTP_303_SEE_OTHER)
    code = status.HTTP_409_CONFLICT if problem == _ALREADY_RESOLVED else 422
    return _show(request, runtime, visitor, alert_id, problem=problem, note=note, status_code=code)


def _note_problem(text: str) -> str | None:
    if not text:
        return _NOTE_MISSING
    return _NOTE_TOO_LONG if len(text) > NOTE_LIMIT else None


def _show(
    request: Request,
    runtime: Runtime,
    visitor: Visitor,
    alert_id: str,
    *,
    problem: str | None,
    note: str,
    status_code: int,
) -> Response:
    now = runtime.clock()
    try:
        found = alert_detail(runtime.sessions, visitor.who, page_row_id(alert_id), now=now)
    except NotFound:
        return not_found(request, visitor)
    # Read after the access check above: the alert is this clinic's.
    escalations = escalation_history(runtime.sessions, found.id)
    return staff_page(
        request,
        "clinic/alert.html",
        {
            **alert_context(found, runtime.settings.thresholds()),
            "escalations": escalations,
            "problem": problem,
            "note": note[:NOTE_LIMIT],
            "note_limit": NOTE_LIMIT,
        },
        visitor=visitor,
        zone=found.clinic_time_zone,
        now=now,
        status_code=status_code,
    )


def alert_context(found: AlertDetail, thresholds: Thresholds) -> dict[str, Any]:
    """The alert with each finding's basis spelled out: when its rule fires (with the
    thresholds in force now), its sources in full, and the patient's advice as shown."""
    findings = found.assessment["findings"]
    level = str(found.assessment["level"])
    own = [str(f["patient_advice"]) for f in findings if f["level"] == level]
    # The patient's result page lists lower findings apart, under the main advice.
    others = [str(f["patient_advice"]) for f in findings if f["level"] != level]
    return {
        "alert": found,
        "findings": [
            {
                **finding,
                "fires_when": _fires_when(str(finding["rule"]), thresholds),
                "citations": [
                    (s, SOURCES.get(s, "(no longer in the source list)")) for s in _ids(finding)
                ],
            }
            for finding in findings
        ],
        "patient_advice": advice_paragraphs(str(found.assessment["advice"]["patient"]), own),
        "patient_also": list(dict.fromkeys(others)),
        "clinician_advice": str(found.assessment["advice"]["clinician"]),
        "can_acknowledge": found.status == "open",
        "can_resolve": found.status in ("open", "acknowledged"),
    }


def _fires_when(rule_id: str, thresholds: Thresholds) -> str:
    # Rules are versioned with the code; an old alert may name one since retired.
    rule = RULES.get(rule_id)
    return rule.trigger(thresholds) if rule else "This rule is no longer in the rule book."


def _ids(finding: dict[str, Any]) -> list[str]:
    return [part.strip() for part in str(finding.get("source", "")).split(",") if part.strip()]


def _expired(request: Request, visitor: Visitor) -> Response:
    return render(
        request,
        "clinic/form_expired.html",
        {},
        visitor=visitor,
        status_code=status.HTTP_403_FORBIDDEN,
    )
