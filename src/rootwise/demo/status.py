"""What a database holds of the demo clinic, for `rootwise serve --demo` to report."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from rootwise.demo.clinic import DEMO_CLINIC
from rootwise.store import tables


@dataclass(frozen=True, slots=True)
class DemoStatus:
    """How much the demo clinic holds, and what is waiting for the care team."""

    patients: int
    checkins: int
    # Open alerts by level, e.g. {"emergency": 1, "same_day": 2}.
    open_alerts: dict[str, int]
    acknowledged_alerts: int
    open_worklist_items: int

    def describe(self) -> str:
        """One line for people: how much is there and what needs attention."""
        alerts = ", ".join(
            f"{self.open_alerts[level]} {level.replace('_', '-')}"
            for level in ("emergency", "same_day")
            if level in self.open_alerts
        )
        return (
            f"{self.patients} patients, {self.checkins} check-ins; open alerts: "
            f"{alerts or 'none'}; {self.open_worklist_items} worklist items to review"
        )


def demo_status(sessions: sessionmaker[Session]) -> DemoStatus | None:
    """Counts for the demo clinic, or None when the database has no demo clinic."""
    with sessions.begin() as session:
        clinic_id = session.scalar(
            select(tables.Clinic.id).where(tables.Clinic.name == DEMO_CLINIC.name).limit(1)
        )
        if clinic_id is None:
            return None
        alerts = session.execute(
            select(tables.Alert.level, tables.Alert.status, func.count())
            .where(tables.Alert.clinic_id == clinic_id)
            .group_by(tables.Alert.level, tables.Alert.status)
        ).all()
        return DemoStatus(
            patients=_count(session, tables.Patient, tables.Patient.clinic_id == clinic_id),
            checkins=_count(
                session,
                tables.CheckIn,
                tables.CheckIn.patient_id.in_(
                    select(tables.Patient.id).where(tables.Patient.clinic_id == clinic_id)
                ),
            ),
            open_alerts={level: n for level, status, n in alerts if status == "open"},
            acknowledged_alerts=sum(n for _, status, n in alerts if status == "acknowledged"),
            open_worklist_items=_count(
                session,
                tables.WorklistItem,
                tables.WorklistItem.clinic_id == clinic_id,
                tables.WorklistItem.status == "open",
            ),
        )


def _count(session: Session, table: type[tables.Base], *where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*where)) or 0
