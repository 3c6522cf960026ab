"""The patient's plan: home care, today's walking goal and the exercises for this stage.

The page is in the patient's language: its own words are marked in the template; the
clinical core's texts are in the catalogue (`web.catalogue`), plain ones shown with
`| t` and those with figures (`Wording`) with `| wording`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rootwise.clinical.exercises import EMERGENCY_SIGNS, call_team_today_wording
from rootwise.services.plan import patient_plan
from rootwise.web.deps import RuntimeDep
from rootwise.web.i18n import N_
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import PatientVisitor

router = APIRouter()

# What each home treatment is called on the page.
TREATMENT_NAMES = {"ice": N_("Ice"), "heat": N_("Heat"), "tens": N_("TENS machine")}
# What each kind of logged exercise is called, as the check-in asks about it.
EXERCISE_NAMES = {
    "walking": N_("Walking"),
    "nerve_glide": N_("Nerve glides"),
    "core_stabilization": N_("Core exercises"),
    "other": N_("Other exercise"),
}


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request, runtime: RuntimeDep, visitor: PatientVisitor) -> Response:
    """What suits the patient at home now, and their exercises, with when to stop."""
    view = patient_plan(runtime.sessions, visitor.who, now=runtime.clock())
    return render(
        request,
        "plan/page.html",
        {
            "plan": view,
            "days": view.day_after_surgery,
            "treatment_names": TREATMENT_NAMES,
            "exercise_names": EXERCISE_NAMES,
            "emergency_signs": EMERGENCY_SIGNS,
            "call_team_signs": call_team_today_wording(runtime.settings.thresholds()),
        },
        visitor=visitor,
    )
