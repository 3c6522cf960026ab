"""The patient's own pages: home, the result of one check-in, and the history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rootwise.clinical.model import Level
from rootwise.services.errors import NotFound
from rootwise.services.patient_pages import (
    CheckinLine,
    CheckinResult,
    checkin_history,
    checkin_result,
    home_summary,
)
from rootwise.services.questionnaires import questionnaire_plan
from rootwise.web.deps import RuntimeDep, page_row_id
from rootwise.web.pages import clinical_wording
from rootwise.web.pages.language import page_speech
from rootwise.web.pages.recovery import typical_this_week
from rootwise.web.pages.recovery_charts import pain_over_time, scores_over_time
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import PatientVisitor

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, runtime: RuntimeDep, visitor: PatientVisitor) -> Response:
    """Today's status, where the patient is in recovery, and the way to check in."""
    now = runtime.clock()
    summary = home_summary(runtime.sessions, visitor.who, now=now, settings=runtime.settings)
    plan = questionnaire_plan(runtime.sessions, visitor.who, now=now, settings=runtime.settings)
    days = summary.days_since_surgery
    latest = summary.checkins_today[0] if summary.checkins_today else None
    # Drawn in the page's language: the charts' words, numbers' labels and dates.
    with page_speech(request, visitor):
        typical = typical_this_week(summary.procedure, days)
        pain = pain_over_time(summary.recovery) if days >= 0 else None
        scores = [scores_over_time(s) for s in summary.recovery.scores if s.points]
    return render(
        request,
        "patient/home.html",
        {
            "summary": summary,
            "days": days,
            "week": days // 7 + 1,
            "latest": latest,
            "urgent_earlier": more_urgent_earlier(summary.checkins_today),
            "typical": typical,
            "plan": plan,
            "pain_chart": pain,
            "score_charts": scores,
        },
        visitor=visitor,
    )


@router.get("/checkins/{checkin_id}", response_class=HTMLResponse)
def result(
    request: Request,
    runtime: RuntimeDep,
    visitor: PatientVisitor,
    checkin_id: str,
    again: bool = False,
) -> Response:
    """What to do now after one of the patient's own check-ins; 404 for anyone else's."""
    try:
        found = checkin_result(
            runtime.sessions, visitor.who, page_row_id(checkin_id), now=runtime.clock()
        )
    except NotFound:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    with page_speech(request, visitor):
        context = result_context(found)
    return render(request, "checkin/result.html", {**context, "again": again}, visitor=visitor)


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, runtime: RuntimeDep, visitor: PatientVisitor) -> Response:
    """The patient's check-ins, newest first."""
    lines = checkin_history(runtime.sessions, visitor.who, now=runtime.clock())
    return render(request, "patient/history.html", {"lines": lines}, visitor=visitor)


def result_context(found: CheckinResult) -> dict[str, Any]:
    """What the result page shows: the level's advice first, then what else was found.

    `advice.patient` already holds the advice of every finding at the assessment's own
    level. Findings below it are listed apart, under "other things from your answers", so a
    calmer line never sits beside an instruction to call emergency services now.

    The advice is stored in English; each paragraph is given in the page's language
    (`clinical_wording`), with the same figures.
    """
    assessment = found.assessment
    level = str(assessment["level"])
    findings = assessment["findings"]
    own = [str(f["patient_advice"]) for f in findings if f["level"] == level]
    others = [str(f["patient_advice"]) for f in findings if f["level"] != level]
    rule_of = {str(f["patient_advice"]): str(f["rule"]) for f in findings}

    def translated(text: str) -> str:
        if text in rule_of:
            return clinical_wording.rule_advice(rule_of[text], text)
        return clinical_wording.headline(level, text, surgery_date=found.surgery_date)

    return {
        "checkin": found.checkin,
        "level": level,
        "complete": bool(assessment["complete"]),
        "advice": [
            translated(p) for p in advice_paragraphs(str(assessment["advice"]["patient"]), own)
        ],
        "also": [translated(text) for text in dict.fromkeys(others)],
    }


def advice_paragraphs(advice: str, finding_texts: Sequence[str]) -> list[str]:
    """`advice` cut into its headline and one paragraph per finding, for easier reading.

    The advice is the headline followed by each finding's text; when it cannot be cut
    cleanly it is shown whole, so nothing of it is ever lost.
    """
    texts = list(dict.fromkeys(finding_texts))
    headline = advice
    for text in texts:
        headline = headline.replace(text, "")
    headline = " ".join(headline.split())
    if not headline or not all(text in advice for text in texts):
        return [advice]
    return [headline, *texts]


def more_urgent_earlier(newest_first: Sequence[CheckinLine]) -> CheckinLine | None:
    """The most urgent earlier check-in, when it is more urgent than the latest one, so
    that a calmer later check-in never hides it."""
    if len(newest_first) < 2:
        return None
    earlier = max(newest_first[1:], key=lambda c: Level(c.level).rank)
    return earlier if Level(earlier.level).rank > Level(newest_first[0].level).rank else None
