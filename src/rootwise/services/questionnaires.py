"""Recovery questionnaires: the patient's schedule, answering one, and the scores so far.

A questionnaire is answered once per time point of the schedule (`clinical.schedule`),
inside that time point's window, and stored as a FHIR QuestionnaireResponse with its
score copied out. Each score is shown with its band and, from the second time point on,
whether the change since baseline reaches the instrument's minimal clinically important
difference (MCID).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from rootwise.clinical.instruments import INSTRUMENTS, Mcid, Score
from rootwise.clinical.schedule import (
    WINDOWS,
    DueState,
    Scheduled,
    Timepoint,
    questionnaires_at,
    schedule,
    window_of,
)
from rootwise.contract.errors import InputError
from rootwise.fhir.questionnaires import QuestionnaireForm, load_form
from rootwise.fhir.responses import questionnaire_response
from rootwise.services import audit
from rootwise.services.accounts import Principal
from rootwise.services.errors import NotFound
from rootwise.settings import Settings
from rootwise.store import tables


class AlreadyAnswered(Exception):
    """This questionnaire was already answered at this time point."""


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One questionnaire of a time point: whether it is answered, and its score if so."""

    key: str
    title: str
    done: bool
    # False when the clinic has not loaded the licensed wording (ODI, DN4-interview).
    askable: bool


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One time point of the patient's schedule with its questionnaires."""

    scheduled: Scheduled
    items: tuple[PlanItem, ...]

    @property
    def to_answer(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if i.askable and not i.done)


@dataclass(frozen=True, slots=True)
class Plan:
    """The patient's questionnaire schedule as it stands on their `today`."""

    today: date
    entries: tuple[PlanEntry, ...]

    @property
    def open_entry(self) -> PlanEntry | None:
        """The time point that can be answered now and still has questionnaires left."""
        return next((e for e in self.entries if e.scheduled.answerable and e.to_answer), None)

    @property
    def next_entry(self) -> PlanEntry | None:
        return next((e for e in self.entries if e.scheduled.state is DueState.UPCOMING), None)


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """A score at one time point, and what it means against the baseline."""

    timepoint: Timepoint
    label: str
    authored_on: date
    score: float | None
    band: str | None
    complete: bool
    # Change since baseline (negative = better), and whether it reaches the MCID; None
    # at baseline itself or when either score is missing.
    change: float | None
    important: bool | None


@dataclass(frozen=True, slots=True)
class ScoreSeries:
    """One questionnaire's scores over the schedule."""

    key: str
    title: str
    maximum: float
    mcid: Mcid | None
    points: tuple[ScorePoint, ...]

    @property
    def baseline(self) -> ScorePoint | None:
        first = self.points[0] if self.points else None
        return first if first is not None and first.timepoint is Timepoint.BASELINE else None


@dataclass(frozen=True, slots=True)
class Answered:
    """What the patient is shown once a questionnaire is stored."""

    response_id: int
    form: QuestionnaireForm
    point: ScorePoint


def questionnaire_plan(
    sessions: sessionmaker[Session], who: Principal, *, now: datetime, settings: Settings
) -> Plan:
    """The signed-in patient's schedule: every time point, its state and what is left."""
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        patient = _patient(session, patient_id)
        plan = _plan(session, patient, now=now, settings=settings)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="questionnaires",
            patient_ids=[patient_id],
        )
        return plan


def form_to_answer(
    sessions: sessionmaker[Session],
    who: Principal,
    *,
    timepoint: str,
    key: str,
    now: datetime,
    settings: Settings,
) -> tuple[Scheduled, QuestionnaireForm]:
    """The questionnaire the patient may answer now: NotFound for one not open to them,
    AlreadyAnswered for one they have answered at this time point."""
    return _open_form(
        sessions,
        who.own_patient_id(),
        timepoint=timepoint,
        key=key,
        now=now,
        settings=settings,
    )


def _open_form(
    sessions: sessionmaker[Session],
    patient_id: int,
    *,
    timepoint: str,
    key: str,
    now: datetime,
    settings: Settings,
    require_text: bool = True,
) -> tuple[Scheduled, QuestionnaireForm]:
    """The form of `key` when its time point is open for the patient and it is not yet
    answered; a patient answers only forms with their wording loaded (`require_text`)."""
    with sessions() as session:
        patient = _patient(session, patient_id)
        plan = _plan(session, patient, now=now, settings=settings)
    entry = _open_entry(plan, timepoint)
    item = None if entry is None else next((i for i in entry.items if i.key == key), None)
    if entry is None or item is None or not (item.askable or not require_text):
        raise NotFound(f"questionnaire {timepoint}/{key}")
    if item.done:
        raise AlreadyAnswered(f"{key} at {timepoint}")
    return entry.scheduled, load_form(key, text_dir=settings.questionnaire_text_dir)


def submit_response(
    sessions: sessionmaker[Session],
    who: Principal,
    *,
    timepoint: str,
    key: str,
    answers: Mapping[str, int | bool],
    now: datetime,
    settings: Settings,
) -> Answered:
    """Score and store one questionnaire for the signed-in patient, or nothing.

    Raises `InputError` naming the item for an answer the instrument does not accept,
    `NotFound` when the questionnaire is not open to this patient now, and
    `AlreadyAnswered` when it was answered at this time point before.
    """
    return record_response(
        sessions,
        patient_id=who.own_patient_id(),
        user_id=who.user_id,
        timepoint=timepoint,
        key=key,
        answers=answers,
        now=now,
        settings=settings,
    )


def record_response(
    sessions: sessionmaker[Session],
    *,
    patient_id: int,
    user_id: int,
    timepoint: str,
    key: str,
    answers: Mapping[str, int | bool],
    now: datetime,
    settings: Settings,
    on_paper: bool = False,
) -> Answered:
    """Store one questionnaire for `patient_id` as given by `user_id`: the patient, or
    staff entering a paper form (`on_paper`), who may enter a licensed questionnaire
    whose wording this deployment does not hold."""
    scheduled, form = _open_form(
        sessions,
        patient_id,
        timepoint=timepoint,
        key=key,
        now=now,
        settings=settings,
        require_text=not on_paper,
    )
    instrument = INSTRUMENTS[form.instrument]
    try:
        score = instrument.score(answers)
    except ValueError as error:
        link_id, _, problem = str(error).partition(": ")
        raise InputError((link_id, problem or "not an allowed answer")) from error
    resource = questionnaire_response(
        key, answers, patient_reference=f"Patient/{patient_id}", authored=now
    )
    try:
        with sessions.begin() as session:
            row = tables.QuestionnaireResponse(
                patient_id=patient_id,
                questionnaire=key,
                instrument=form.instrument,
                timepoint=scheduled.timepoint.value,
                authored_at=now,
                recorded_by_id=user_id,
                resource=resource,
                score=None if score.score is None else float(score.score),
                band=score.band,
                complete=score.complete,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                at=now,
                user_id=user_id,
                action="create",
                resource="questionnaire_response",
                resource_id=str(row.id),
                patient_ids=[patient_id],
            )
            series = _series(session, patient_id, key, settings=settings)
    except IntegrityError as error:
        raise AlreadyAnswered(f"{key} at {timepoint}") from error
    point = next(p for p in series.points if p.timepoint is scheduled.timepoint)
    return Answered(row.id, form, point)


def score_series(
    session: Session, patient_id: int, *, settings: Settings
) -> tuple[ScoreSeries, ...]:
    """Every questionnaire the patient has answered, with its scores in schedule order.

    Runs in the caller's transaction; the caller checks access and audits the read.
    """
    keys = session.scalars(
        select(tables.QuestionnaireResponse.questionnaire)
        .where(tables.QuestionnaireResponse.patient_id == patient_id)
        .distinct()
    ).all()
    order = {key: n for n, key in enumerate(questionnaires_at(Timepoint.BASELINE))}
    return tuple(
        _series(session, patient_id, key, settings=settings)
        for key in sorted(keys, key=lambda k: order.get(k, len(order)))
    )


def own_score_series(
    sessions: sessionmaker[Session], who: Principal, *, now: datetime, settings: Settings
) -> tuple[ScoreSeries, ...]:
    """The signed-in patient's own scores, audited."""
    patient_id = who.own_patient_id()
    with sessions.begin() as session:
        found = score_series(session, patient_id, settings=settings)
        audit.record(
            session,
            at=now,
            user_id=who.user_id,
            action="read",
            resource="scores",
            patient_ids=[patient_id],
        )
        return found


def mcid_of(instrument: str, settings: Settings) -> Mcid | None:
    """The instrument's MCID; the pain scale's is the clinic's setting."""
    if instrument == "nrs":
        return Mcid(points=settings.nrs_mcid_points)
    return INSTRUMENTS[instrument].mcid


def _series(session: Session, patient_id: int, key: str, *, settings: Settings) -> ScoreSeries:
    rows = session.scalars(
        select(tables.QuestionnaireResponse).where(
            tables.QuestionnaireResponse.patient_id == patient_id,
            tables.QuestionnaireResponse.questionnaire == key,
        )
    ).all()
    order = {w.value: n for n, w in enumerate(Timepoint)}
    rows = sorted(rows, key=lambda r: order[r.timepoint])
    form = load_form(key, text_dir=settings.questionnaire_text_dir)
    instrument = form.instrument
    mcid = mcid_of(instrument, settings)
    baseline = next((r for r in rows if r.timepoint == Timepoint.BASELINE), None)
    points = tuple(_point(r, baseline, instrument, mcid) for r in rows)
    return ScoreSeries(key, form.title, _maximum(instrument), mcid, points)


def _point(
    row: tables.QuestionnaireResponse,
    baseline: tables.QuestionnaireResponse | None,
    instrument: str,
    mcid: Mcid | None,
) -> ScorePoint:
    timepoint = Timepoint(row.timepoint)
    change: float | None = None
    important: bool | None = None
    before = None if baseline is None or row is baseline else baseline.score
    if before is not None and row.score is not None:
        assert baseline is not None
        change = round(row.score - before, 1)
        if mcid is not None:
            important = mcid.reached(
                Score(instrument, before, baseline.band, baseline.complete),
                Score(instrument, row.score, row.band, row.complete),
            )
    return ScorePoint(
        timepoint=timepoint,
        label=window_of(timepoint).label,
        authored_on=row.authored_at.date(),
        score=row.score,
        band=row.band,
        complete=row.complete,
        change=change,
        important=important,
    )


def _maximum(instrument: str) -> float:
    """The top of the instrument's scale, for a chart's axis."""
    return {"odi": 100.0, "dn4": 7.0, "startback": 9.0}.get(instrument, 10.0)


def _plan(session: Session, patient: tables.Patient, *, now: datetime, settings: Settings) -> Plan:
    today = now.astimezone(ZoneInfo(patient.time_zone)).date()
    answered = {
        (row.timepoint, row.questionnaire)
        for row in session.execute(
            select(
                tables.QuestionnaireResponse.timepoint,
                tables.QuestionnaireResponse.questionnaire,
            ).where(tables.QuestionnaireResponse.patient_id == patient.id)
        )
    }
    items = {
        w.timepoint: tuple(
            _item(key, w.timepoint, answered, settings) for key in questionnaires_at(w.timepoint)
        )
        for w in WINDOWS
    }
    done = {
        timepoint
        for timepoint, listed in items.items()
        if any(i.askable for i in listed) and all(i.done for i in listed if i.askable)
    }
    return Plan(
        today,
        tuple(
            PlanEntry(s, items[s.timepoint]) for s in schedule(patient.surgery_date, today, done)
        ),
    )


def _item(
    key: str, timepoint: Timepoint, answered: set[tuple[str, str]], settings: Settings
) -> PlanItem:
    form = load_form(key, text_dir=settings.questionnaire_text_dir)
    return PlanItem(key, form.title, (timepoint.value, key) in answered, form.has_text)


def _open_entry(plan: Plan, timepoint: str) -> PlanEntry | None:
    """The entry of `timepoint` when its window holds the patient's today."""
    return next(
        (
            e
            for e in plan.entries
            if e.scheduled.timepoint.value == timepoint
            and e.scheduled.opens <= plan.today <= e.scheduled.closes
        ),
        None,
    )


def _patient(session: Session, patient_id: int) -> tables.Patient:
    patient = session.get(tables.Patient, patient_id)
    if patient is None:
        raise NotFound("patient")
    return patient
