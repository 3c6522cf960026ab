"""The patient's plan: home care, today's walking goal and the exercises for this stage."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rootwise.clinical.exercises import EMERGENCY_SIGNS, call_team_today_signs
from rootwise.services.plan import patient_plan
from rootwise.web.deps import RuntimeDep
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import PatientVisitor

router = APIRouter()

# What each home treatment is called on the page.
TREATMENT_NAMES = {"ice": "Ice", "heat": "Heat", "tens": "TENS machine"}
# What each kind of logged exercise is called, as the check-in asks about it.
EXERCISE_NAMES = {
    "walking": "Walking",
    "nerve_glide": "Nerve glides",
    "core_stabilization": "Core exercises",
    "other": "Other exercise",
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
            "call_team_signs": call_team_today_signs(runtime.settings.thresholds()),
        },
        visitor=visitor,
    )
