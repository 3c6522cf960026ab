"""Routes of the JSON API. Each parses, authorises, calls one service and answers."""

from __future__ import annotations

import json
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordRequestForm
from starlette.requests import ClientDisconnect

from rootwise.services.alerts import acknowledge_alert, list_alerts
from rootwise.services.checkins import submit_checkin
from rootwise.services.errors import IdempotencyConflict, NotFound
from rootwise.services.login_attempts import TooManyLogIns
from rootwise.services.patients import own_checkins, patient_summary
from rootwise.web.deps import ClinicianUser, PatientUser, RowId, RuntimeDep, check_log_in

router = APIRouter(prefix="/api/v1")

_SCHEMA = json.loads(
    resources.files("rootwise.contract").joinpath("assessment-request.schema.json").read_text()
)
# The check-in body exactly as the contract defines it, for the OpenAPI document.
_CHECKIN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    **_SCHEMA["$defs"]["checkin"],
                    "$defs": {"temperature": _SCHEMA["$defs"]["temperature"]},
                }
            }
        },
    }
}


@router.post("/auth/token", tags=["auth"])
async def issue_token(
    request: Request,
    runtime: RuntimeDep,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> dict[str, str]:
    """Exchange an e-mail and password for a bearer token (429 after repeated failures)."""
    try:
        who = await check_log_in(request, runtime, form.username, form.password)
    except TooManyLogIns as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=f"Too many failed log-ins. Try again in {exc.minutes} minute"
            f"{'' if exc.minutes == 1 else 's'}.",
            headers={"Retry-After": str(exc.minutes * 60)},
        ) from exc
    if who is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Wrong e-mail or password.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return {"access_token": runtime.tokens.issue(who), "token_type": "bearer"}


@router.post(
    "/checkins",
    status_code=status.HTTP_201_CREATED,
    tags=["checkins"],
    openapi_extra=_CHECKIN_BODY,
)
async def post_checkin(
    request: Request,
    runtime: RuntimeDep,
    who: PatientUser,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    """Store and assess one check-in; the same Idempotency-Key returns the same answer."""
    try:
        body = await request.body()
    except ClientDisconnect:
        # The phone went away before sending the whole check-in: nothing to store, and
        # nobody to answer. Not an error of ours.
        return Response(status_code=status.HTTP_400_BAD_REQUEST)
    assert who.patient_id is not None  # get_patient guarantees it
    try:
        receipt = await run_in_threadpool(
            lambda: submit_checkin(
                runtime.sessions,
                patient_id=who.patient_id or 0,
                user_id=who.user_id,
                body=body,
                now=runtime.clock(),
                settings=runtime.settings,
                idempotency_key=idempotency_key,
            )
        )
    except IdempotencyConflict as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail="This Idempotency-Key was already used for a different check-in.",
        ) from exc
    # Serialised directly: the receipt is plain JSON already, and FastAPI's generic
    # encoder would walk it again on the hot path.
    return Response(
        json.dumps(receipt.body), status_code=status.HTTP_201_CREATED, media_type="application/json"
    )


@router.get("/checkins", tags=["checkins"])
def get_checkins(
    runtime: RuntimeDep, who: PatientUser, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """The signed-in patient's own check-ins, newest first."""
    return own_checkins(runtime.sessions, who, now=runtime.clock(), limit=limit)


@router.get("/alerts", tags=["alerts"])
def get_alerts(
    runtime: RuntimeDep,
    who: ClinicianUser,
    alert_status: Annotated[
        Literal["open", "acknowledged", "resolved"], Query(alias="status")
    ] = "open",
) -> list[dict[str, Any]]:
    """The clinic's alerts, emergencies first, then by deadline."""
    return list_alerts(runtime.sessions, who, status=alert_status, now=runtime.clock())


@router.post("/alerts/{alert_id}/acknowledge", tags=["alerts"])
def post_acknowledge(runtime: RuntimeDep, who: ClinicianUser, alert_id: RowId) -> dict[str, Any]:
    """Mark an alert as seen, recording by whom and when."""
    try:
        return acknowledge_alert(runtime.sessions, who, alert_id, now=runtime.clock())
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such alert.") from exc


@router.get("/patients/{patient_id}", tags=["patients"])
def get_patient_summary(
    runtime: RuntimeDep, who: ClinicianUser, patient_id: RowId
) -> dict[str, Any]:
    """A patient of the clinician's own clinic; 404 for anyone else's."""
    try:
        return patient_summary(runtime.sessions, who, patient_id, now=runtime.clock())
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such patient.") from exc
