"""Recovery review: each patient's leg-pain trend against the expected band.

The worker calls `review_recovery` every hour. It re-reads only the patients with a
check-in since their last review, or whose last review is a day old (a week can end
without a new check-in), classifies each trend (`clinical.recovery`), keeps the result
on the patient row for lists, and keeps one open `off_track` worklist item for each
patient whose trend deviates: opened with its reason, reworded when the reason changes,
closed once the patient is back on the expected course. A clinician who closes an item
is not sent the same finding again for a week.

Once a clinic has enough patients of its own (`Settings.cohort_min_patients`), its own
band replaces the default; the review recomputes it once a day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from rootwise.clinical.model import Procedure
from rootwise.clinical.recovery import (
    BandPoint,
    ExpectedBand,
    ProcedureGroup,
    Trend,
    TrendResult,
    TrendThresholds,
    classify_trend,
    cohort_band,
    default_leg_band,
    procedure_group,
    typical_now,
    weekly_medians,
)
from rootwise.clinical.schedule import add_months
from rootwise.services.deadlines import add_working_days
from rootwise.services.questionnaires import ScoreSeries, score_series
from rootwise.settings import Settings
from rootwise.store import tables

OFF_TRACK = "off_track"
# Followed for a year after surgery, like the questionnaire schedule.
_FOLLOW_UP_MONTHS = 12
_STALE_AFTER = timedelta(days=1)
_QUIET_AFTER_CLOSE = timedelta(days=7)
# Serialises the review across PostgreSQL workers (any constant; "RWrr").
_REVIEW_LOCK = 0x52577272

TREND_LABELS = {
    Trend.ON_TRACK: "On track",
    Trend.SLOWER: "Slower than expected",
    Trend.PLATEAU: "Plateau",
    Trend.REBOUND: "Rebound",
    Trend.WORSENING: "Worsening",
    Trend.TOO_FEW_DATA: "Too few check-ins to tell",
}


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What one review pass did, for logs and tests."""

    reviewed: int
    opened: list[int]
    closed: list[int]


def expected_band(
    session: Session, clinic_id: int, procedure: Procedure, settings: Settings
) -> ExpectedBand:
    """The band a patient's leg pain is compared with: the clinic's own, else the default."""
    group = procedure_group(procedure)
    row = session.scalar(
        select(tables.ExpectedBand).where(
            tables.ExpectedBand.clinic_id == clinic_id,
            tables.ExpectedBand.procedure_group == group.value,
        )
    )
    if row is None or row.patients < settings.cohort_min_patients:
        return default_leg_band(procedure, settings.expected_leg_pain_band)
    return ExpectedBand(
        tuple(BandPoint(*map(float, point)) for point in row.points),
        basis=row.basis,
        source="this clinic's own check-ins",
    )


def daily_leg_pain(
    session: Session, patient_id: int, *, since: datetime | None = None
) -> list[tuple[date, int]]:
    """(the patient's own calendar day, leg pain) of each check-in with a leg-pain score."""
    query = select(
        tables.CheckIn.recorded_at, tables.CheckIn.utc_offset_minutes, tables.CheckIn.leg_pain
    ).where(tables.CheckIn.patient_id == patient_id, tables.CheckIn.leg_pain.is_not(None))
    if since is not None:
        query = query.where(tables.CheckIn.recorded_at >= since)
    return [_local_day(row) for row in session.execute(query)]


def review_recovery(
    sessions: sessionmaker[Session], *, now: datetime, settings: Settings
) -> Reviewed:
    """Classify the trend of every patient due a review; open and close worklist items."""
    thresholds = TrendThresholds(mcid=settings.nrs_mcid_points)
    with sessions() as session:
        due = _due_for_review(session, now)
        if not due:
            return Reviewed(0, [], [])
        results = {
            patient.id: _classify(session, patient, now=now, settings=settings, t=thresholds)
            for patient in due
        }
    with sessions.begin() as session:
        if session.get_bind().dialect.name == "postgresql" and not session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _REVIEW_LOCK}
        ):
            return Reviewed(0, [], [])
        opened, closed = _update_items(session, due, results, now=now, settings=settings)
        for patient in due:
            result = results[patient.id]
            session.execute(
                update(tables.Patient)
                .where(tables.Patient.id == patient.id)
                .values(
                    recovery_trend=result.trend.value,
                    recovery_reason=result.reason,
                    recovery_reviewed_at=now,
                )
            )
    return Reviewed(len(due), opened, closed)


def refresh_cohort_bands(
    sessions: sessionmaker[Session], *, now: datetime, settings: Settings
) -> int:
    """Recompute each clinic's own bands from its patients' weekly leg pain; how many kept.

    A band is kept only once enough patients contribute (`cohort_band` decides); a clinic
    below that keeps using the default.
    """
    with sessions() as session:
        weekly = _weekly_observations(session, now)
    kept = 0
    with sessions.begin() as session:
        for (clinic_id, group), observations in weekly.items():
            band = cohort_band(
                observations, procedure_group=group, min_patients=settings.cohort_min_patients
            )
            if band is None:
                continue
            kept += 1
            patients = len({patient for patient, _, _ in observations})
            points = [[p.week, p.low, p.median, p.high] for p in band.points]
            row = session.scalar(
                select(tables.ExpectedBand).where(
                    tables.ExpectedBand.clinic_id == clinic_id,
                    tables.ExpectedBand.procedure_group == group.value,
                )
            )
            if row is None:
                session.add(
                    tables.ExpectedBand(
                        clinic_id=clinic_id,
                        procedure_group=group.value,
                        computed_at=now,
                        patients=patients,
                        points=points,
                        basis=band.basis,
                    )
                )
            else:
                row.computed_at, row.patients, row.points, row.basis = (
                    now,
                    patients,
                    points,
                    band.basis,
                )
    return kept


def _due_for_review(session: Session, now: datetime) -> Sequence[tables.Patient]:
    last_checkin = (
        select(func.max(tables.CheckIn.received_at))
        .where(tables.CheckIn.patient_id == tables.Patient.id)
        .scalar_subquery()
    )
    return session.scalars(
        select(tables.Patient)
        .where(
            tables.Patient.surgery_date >= add_months(now.date(), -_FOLLOW_UP_MONTHS),
            tables.Patient.surgery_date <= now.date(),
            or_(
                tables.Patient.recovery_reviewed_at.is_(None),
                tables.Patient.recovery_reviewed_at < now - _STALE_AFTER,
                last_checkin > tables.Patient.recovery_reviewed_at,
            ),
        )
        .order_by(tables.Patient.id)
    ).all()


def _classify(
    session: Session,
    patient: tables.Patient,
    *,
    now: datetime,
    settings: Settings,
    t: TrendThresholds,
) -> TrendResult:
    procedure = Procedure(patient.procedure)
    band = expected_band(session, patient.clinic_id, procedure, settings)
    daily = daily_leg_pain(session, patient.id)
    today = now.astimezone(ZoneInfo(patient.time_zone)).date()
    return classify_trend(
        daily, surgery_date=patient.surgery_date, today=today, band=band, thresholds=t
    )


def _update_items(
    session: Session,
    patients: Iterable[tables.Patient],
    results: dict[int, TrendResult],
    *,
    now: datetime,
    settings: Settings,
) -> tuple[list[int], list[int]]:
    ids = [p.id for p in patients]
    items = session.scalars(
        select(tables.WorklistItem).where(
            tables.WorklistItem.patient_id.in_(ids), tables.WorklistItem.kind == OFF_TRACK
        )
    ).all()
    open_items = {i.patient_id: i for i in items if i.status == "open"}
    recently_closed = {
        (i.patient_id, i.reason.split(":", 1)[0])
        for i in items
        if i.status == "done"
        and i.closed_by_id is not None
        and i.closed_at is not None
        and i.closed_at > now - _QUIET_AFTER_CLOSE
    }
    zones: dict[int, str] = {}
    for clinic_id, zone in session.execute(
        select(tables.Clinic.id, tables.Clinic.time_zone).where(
            tables.Clinic.id.in_({p.clinic_id for p in patients})
        )
    ):
        zones[clinic_id] = zone
    opened: list[int] = []
    closed: list[int] = []
    for patient in patients:
        result = results[patient.id]
        item = open_items.get(patient.id)
        if not result.deviates:
            if item is not None and result.trend is Trend.ON_TRACK:
                item.status, item.closed_at = "done", now
                item.note = "Back on the expected course: closed by the recovery review."
                closed.append(patient.id)
            continue
        label = TREND_LABELS[result.trend]
        reason = f"{label}: {result.reason}"
        if item is not None:
            item.reason = reason
        elif (patient.id, label) not in recently_closed:
            session.add(
                tables.WorklistItem(
                    clinic_id=patient.clinic_id,
                    patient_id=patient.id,
                    kind=OFF_TRACK,
                    reason=reason,
                    status="open",
                    created_at=now,
                    due_by=add_working_days(
                        now, settings.soon_review_working_days, zones[patient.clinic_id]
                    ),
                )
            )
            opened.append(patient.id)
    return opened, closed


def _weekly_observations(
    session: Session, now: datetime
) -> dict[tuple[int, ProcedureGroup], list[tuple[int, int, float]]]:
    """(patient, week after surgery, that week's median leg pain) by clinic and group,
    counting weeks as the trend does."""
    rows = session.execute(
        select(
            tables.Patient.id,
            tables.Patient.clinic_id,
            tables.Patient.procedure,
            tables.Patient.surgery_date,
            tables.CheckIn.recorded_at,
            tables.CheckIn.utc_offset_minutes,
            tables.CheckIn.leg_pain,
        )
        .join(tables.CheckIn, tables.CheckIn.patient_id == tables.Patient.id)
        .where(tables.CheckIn.leg_pain.is_not(None))
    )
    daily: defaultdict[tuple[int, int, str, date], list[tuple[date, int]]] = defaultdict(list)
    for patient_id, clinic_id, procedure, surgery, *checkin in rows:
        daily[(patient_id, clinic_id, procedure, surgery)].append(_local_day(checkin))
    found: defaultdict[tuple[int, ProcedureGroup], list[tuple[int, int, float]]] = defaultdict(list)
    for (patient_id, clinic_id, procedure, surgery), days in daily.items():
        group = procedure_group(Procedure(procedure))
        found[(clinic_id, group)].extend(
            (patient_id, week.week, week.median)
            for week in weekly_medians(days, surgery_date=surgery, today=now.date())
        )
    return found


def _local_day(row: Sequence[object]) -> tuple[date, int]:
    recorded_at, offset, pain = row
    assert isinstance(recorded_at, datetime)
    assert isinstance(offset, int)
    assert isinstance(pain, int)
    return (recorded_at + timedelta(minutes=offset)).date(), pain


@dataclass(frozen=True, slots=True)
class DailyPain:
    """One check-in's pain scores on the patient's own calendar day."""

    day: date
    leg: int | None
    back: int | None


@dataclass(frozen=True, slots=True)
class RecoveryView:
    """What the charts of one patient show: pain against the band, and the scores."""

    surgery_date: date
    today: date
    band: ExpectedBand
    daily: tuple[DailyPain, ...]
    trend: Trend | None
    trend_reason: str | None
    scores: tuple[ScoreSeries, ...]
    # "At 5 weeks after surgery, most people's leg pain is about 3 out of 10 ..."
    typical: str

    @property
    def weeks_since_surgery(self) -> int:
        return (self.today - self.surgery_date).days // 7


def recovery_view(
    session: Session, patient: tables.Patient, *, now: datetime, settings: Settings
) -> RecoveryView:
    """The patient's pain by day, their band, latest trend and questionnaire scores.

    Runs in the caller's transaction; the caller checks access and audits the read.
    """
    today = now.astimezone(ZoneInfo(patient.time_zone)).date()
    band = expected_band(session, patient.clinic_id, Procedure(patient.procedure), settings)
    rows = session.execute(
        select(
            tables.CheckIn.recorded_at,
            tables.CheckIn.utc_offset_minutes,
            tables.CheckIn.leg_pain,
            tables.CheckIn.back_pain,
        )
        .where(tables.CheckIn.patient_id == patient.id)
        .order_by(tables.CheckIn.recorded_at)
    )
    daily = tuple(
        DailyPain((recorded_at + timedelta(minutes=offset)).date(), leg, back)
        for recorded_at, offset, leg, back in rows
    )
    week = max((today - patient.surgery_date).days // 7, 0)
    weekly = weekly_medians(
        [(d.day, d.leg) for d in daily if d.leg is not None],
        surgery_date=patient.surgery_date,
        today=today,
    )
    # The patient's own level, only while it is recent enough to mean "now".
    own = weekly[-1].median if weekly and weekly[-1].week >= week - 2 else None
    return RecoveryView(
        surgery_date=patient.surgery_date,
        today=today,
        band=band,
        daily=daily,
        trend=None if patient.recovery_trend is None else Trend(patient.recovery_trend),
        trend_reason=patient.recovery_reason,
        scores=score_series(session, patient.id, settings=settings),
        typical=typical_now(week, band, own),
    )
