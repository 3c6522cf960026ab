"""The education library: the list of articles, and one article with its sources.

Reading an article reads no patient data (every patient sees the same text), so, unlike
the other patient pages, it leaves no audit entry. Only the warning-signs article takes
anything from the deployment: the thresholds the triage rules use, so that it names the
same temperature and pain scores as the advice after a check-in.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rootwise.clinical.thresholds import Thresholds
from rootwise.web.deps import RuntimeDep
from rootwise.web.education import ARTICLES, BY_SLUG
from rootwise.web.pages.rendering import render
from rootwise.web.pages.security import PatientVisitor

router = APIRouter()


@router.get("/learn", response_class=HTMLResponse)
def library(request: Request, visitor: PatientVisitor) -> Response:
    """Every article, with what it is about and how long it takes to read."""
    return render(request, "learn/list.html", {"articles": ARTICLES}, visitor=visitor)


@router.get("/learn/{slug}", response_class=HTMLResponse)
def article(request: Request, runtime: RuntimeDep, visitor: PatientVisitor, slug: str) -> Response:
    """One article; the page-not-found page for a name that is not one."""
    found = BY_SLUG.get(slug)
    if found is None:
        return render(request, "errors/not_found.html", {}, visitor=visitor, status_code=404)
    return render(
        request,
        "learn/article.html",
        {"article": found, "threshold": thresholds_in_words(runtime.settings.thresholds())},
        visitor=visitor,
    )


def thresholds_in_words(thresholds: Thresholds) -> dict[str, str | int]:
    """The triage thresholds an article may name, as the rules' advice writes them."""
    fever_c = thresholds.fever_c
    return {
        "fever_c": f"{fever_c}",
        "fever_f": f"{float(fever_c) * 9 / 5 + 32:.1f}",
        "rebound_rise": thresholds.rebound_rise,
        "rebound_floor": thresholds.rebound_floor,
        "uncontrolled_pain": thresholds.uncontrolled_pain,
        "uncontrolled_days": thresholds.uncontrolled_days,
    }
