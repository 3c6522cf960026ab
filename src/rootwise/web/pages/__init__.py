"""Server-rendered pages for patients and clinicians (Jinja2; forms work without JavaScript)."""

from __future__ import annotations

from fastapi import APIRouter

from rootwise.web.pages import (
    alert_pages,
    checkin,
    clinic,
    clinic_patient,
    learn,
    patient,
    plan,
    questionnaires,
    session,
    settings,
)

router = APIRouter(include_in_schema=False)
router.include_router(session.router)
router.include_router(patient.router)
router.include_router(checkin.router)
router.include_router(plan.router)
router.include_router(questionnaires.router)
router.include_router(learn.router)
router.include_router(settings.router)
router.include_router(clinic.router)
router.include_router(alert_pages.router)
router.include_router(clinic_patient.router)
