"""Request dependencies: the runtime, and who is asking, checked once per route.

They are `async` because they never block: FastAPI would otherwise run each one in the
thread pool, a hop that costs more than the check itself on every request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer

from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.services.login_attempts import try_log_in
from rootwise.web.runtime import Runtime

# Row ids in paths: anything beyond a 32-bit integer cannot exist, and binding it would
# overflow the database's integer type; the API answers 422 instead.
LARGEST_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=LARGEST_ROW_ID)]


def page_row_id(text: str) -> int:
    """The id in a page link, or NotFound (pages answer a bad link with their 404 page)."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= LARGEST_ROW_ID:
        raise NotFound(text)
    return int(text)


_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


BearerToken = Annotated[str | None, Depends(_bearer)]


def _signed_in(runtime: Runtime, token: str | None) -> Principal:
    who = runtime.tokens.read(token) if token else None
    if who is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Not signed in, or the sign-in has expired.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return who


# Each role's check reads the token itself rather than depending on `get_principal`:
# every level of dependencies costs FastAPI more per request than the check does.
async def get_principal(runtime: RuntimeDep, token: BearerToken) -> Principal:
    return _signed_in(runtime, token)


async def get_patient(runtime: RuntimeDep, token: BearerToken) -> Principal:
    who = _signed_in(runtime, token)
    if who.role != "patient" or who.patient_id is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only for patients.")
    return who


async def get_clinician(runtime: RuntimeDep, token: BearerToken) -> Principal:
    who = _signed_in(runtime, token)
    if not who.is_clinical_staff:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only for the care team.")
    return who


async def check_log_in(
    request: Request, runtime: Runtime, email: str, password: str
) -> Principal | None:
    """Who these details belong to, or None.

    Raises `TooManyLogIns` when tries from where `request` came from must wait; the API
    and the log-in page each answer that their own way.
    """
    # Behind a trusted proxy, the address the proxy reports.
    address = request.client.host if request.client else ""
    return await run_in_threadpool(
        lambda: try_log_in(
            runtime.sessions,
            runtime.login_attempts,
            email=email,
            password=password,
            address=address,
            now=runtime.clock(),
        )
    )


PatientUser = Annotated[Principal, Depends(get_patient)]
ClinicianUser = Annotated[Principal, Depends(get_clinician)]
