"""The app factory: everything is built here from settings, nothing at import time."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from rootwise import __version__
from rootwise.contract.errors import InputError
from rootwise.settings import Settings
from rootwise.store.database import make_engine, make_sessions
from rootwise.web.api.routes import router as api_router
from rootwise.web.i18n import load_catalogues
from rootwise.web.pages import router as pages_router
from rootwise.web.pages.rendering import page_templates
from rootwise.web.runtime import Runtime, utc_now
from rootwise.web.tokens import Tokens


def create_app(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    """A Rootwise web app for `settings`; the database must already be migrated."""
    engine = make_engine(settings.database_url)
    runtime = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_sessions(engine),
        tokens=Tokens(
            settings.secret_key or secrets.token_urlsafe(48),
            max_age_seconds=settings.token_hours * 3600,
            clock=clock,
        ),
        clock=clock,
    )
    app = FastAPI(
        title="Rootwise",
        version=__version__,
        description="Daily check-ins and triage after lumbar spine surgery. Decision "
        "support for patients and their care team; not a replacement for clinical judgement.",
    )
    app.state.runtime = runtime
    app.state.templates = page_templates()
    # Compiled from the .po files once, here, so a broken catalogue stops the start.
    app.state.catalogues = load_catalogues()
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(packages=[("rootwise.web", "static")]), name="static")
    app.add_exception_handler(InputError, _input_error)
    return app


async def _input_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming every bad field; the check-in was not stored."""
    assert isinstance(exc, InputError)
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={
            "message": str(exc),
            "detail": [
                {
                    "loc": ["body", *field.replace("[", ".").replace("]", "").split(".")],
                    "msg": problem,
                    "type": "value_error",
                }
                for field, problem in exc.errors
            ],
        },
    )
