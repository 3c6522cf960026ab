"""One patient's record for the care team: the operation and a timeline of check-ins."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rootwise.clinical.recovery import Trend
from rootwise.clinical.sources import SOURCES
from rootwise.services.errors import NotFound
from rootwise.services.recovery import TREND_LABELS
from rootwise.services.timeline import TIMELINE_LIMIT, patient_record
from rootwise.web.deps import RuntimeDep, page_row_id
from rootwise.web.pages.clinic import not_found, staff_page
from rootwise.web.pages.recovery_charts import recovery_charts
from rootwise.web.pages.security import StaffVisitor

router = APIRouter()


@router.get("/clinic/patients/{patient_id}", response_class=HTMLResponse)
def patient_page(
    request: Request, runtime: RuntimeDep, visitor: StaffVisitor, patient_id: str
) -> Response:
    """Surgery, days since, conditions, and the latest check-ins newest first; 404 for
    a patient of any other clinic."""
    now = runtime.clock()
    try:
        record = patient_record(
            runtime.sessions,
            visitor.who,
            page_row_id(patient_id),
            now=now,
            settings=runtime.settings,
        )
    except NotFound:
        return not_found(request, visitor)
    return staff_page(
        request,
        "clinic/patient.html",
        {
            "record": record,
            "limit": TIMELINE_LIMIT,
            "charts": recovery_charts(record.recovery),
            "trend_label": trend_label,
            "cite": cite,
        },
        visitor=visitor,
        # Check-in times are shown as the patient's phone recorded them, in their offset.
        zone="UTC",
        now=now,
    )


def trend_label(trend: Trend | None) -> str:
    """The trend in words; None before the first recovery review."""
    return "Not reviewed yet" if trend is None else TREND_LABELS[trend]


def cite(source_id: str) -> str:
    """A source id with its full citation."""
    return f"[{source_id}] {SOURCES.get(source_id, '')}".strip()
