"""Writing the audit trail: who read or changed which patient's data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from rootwise.store import tables
from rootwise.store.direct import DirectStatement

_COLUMNS = ("at", "user_id", "patient_id", "action", "resource", "resource_id")
# Most requests write one; on the driver (`store.direct`).
_INSERT = DirectStatement(insert(tables.Base.metadata.tables["audit_log"]), keys=_COLUMNS)


def record(
    session: Session,
    *,
    at: datetime,
    user_id: int,
    action: str,
    resource: str,
    patient_ids: Iterable[int | None],
    resource_id: str | None = None,
) -> None:
    """One audit row per patient whose data was touched, in the caller's transaction."""
    rows = [
        {
            "at": at,
            "user_id": user_id,
            "patient_id": patient_id,
            "action": action,
            "resource": resource,
            "resource_id": resource_id,
        }
        for patient_id in dict.fromkeys(patient_ids)
    ]
    if rows:
        # What `session.execute` would do first: the rows may refer to ones still pending.
        session.flush()
        _INSERT.execute_many(session.connection(), rows)
