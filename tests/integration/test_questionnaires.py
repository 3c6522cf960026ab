"""Questionnaires on the schedule: open windows, stored FHIR responses, scores and MCIDs.

Alice had surgery on 1 October; the world's NOW is day 19, inside the 2-week window
(days 11 to 28, overdue from day 21), after the baseline window closed (day 10).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from rootwise.clinical.schedule import DueState, Timepoint
from rootwise.contract.errors import InputError
from rootwise.fhir.responses import answers_from_response
from rootwise.services.errors import NotFound
from rootwise.services.questionnaires import (
    AlreadyAnswered,
    questionnaire_plan,
    record_response,
    score_series,
    submit_response,
)
from rootwise.settings import Settings
from rootwise.store import tables
from tests.integration.harness import Database, audit_trail
from tests.integration.world import NOW, row_counts

SETTINGS = Settings()
BEFORE_SURGERY = NOW - timedelta(days=20)
PEG_SEVEN = {"peg.1": 7, "peg.2": 7, "peg.3": 7}


def states(db: Database, *, now=NOW) -> dict[Timepoint, DueState]:
    plan = questionnaire_plan(db.sessions, db.world.alice.principal, now=now, settings=SETTINGS)
    return {e.scheduled.timepoint: e.scheduled.state for e in plan.entries}


def answer(db: Database, key: str, answers: dict, *, timepoint: str = "2_weeks", now=NOW):
    return submit_response(
        db.sessions,
        db.world.alice.principal,
        timepoint=timepoint,
        key=key,
        answers=answers,
        now=now,
        settings=SETTINGS,
    )


def baseline_on_paper(db: Database, key: str, answers: dict) -> None:
    alice = db.world.alice
    assert alice.patient_id is not None
    record_response(
        db.sessions,
        patient_id=alice.patient_id,
        user_id=db.world.carol.user_id,
        timepoint="baseline",
        key=key,
        answers=answers,
        now=BEFORE_SURGERY,
        settings=SETTINGS,
        on_paper=True,
    )


def test_on_day_19_baseline_is_missed_and_the_two_week_questionnaires_are_due(
    db: Database,
) -> None:
    found = states(db)
    assert found[Timepoint.BASELINE] is DueState.MISSED
    assert found[Timepoint.WEEKS_2] is DueState.DUE
    assert found[Timepoint.WEEKS_6] is DueState.UPCOMING
    assert states(db, now=NOW + timedelta(days=2))[Timepoint.WEEKS_2] is DueState.OVERDUE


def test_an_answered_questionnaire_is_stored_as_a_fhir_response_with_its_score(
    db: Database,
) -> None:
    answered = answer(db, "peg", {"peg.1": 4, "peg.2": 5, "peg.3": 6})

    assert answered.point.score == 5.0
    with db.sessions() as session:
        row = session.scalars(select(tables.QuestionnaireResponse)).one()
    assert (row.questionnaire, row.instrument, row.timepoint) == ("peg", "peg", "2_weeks")
    assert row.resource["resourceType"] == "QuestionnaireResponse"
    assert row.resource["subject"]["reference"] == f"Patient/{db.world.alice.patient_id}"
    assert answers_from_response(row.resource) == {"peg.1": 4, "peg.2": 5, "peg.3": 6}
    assert (row.score, row.complete) == (5.0, True)


def test_the_same_questionnaire_twice_in_one_window_is_refused(db: Database) -> None:
    answer(db, "nrs-leg", {"nrs.1": 3})
    before = row_counts(db.engine)

    with pytest.raises(AlreadyAnswered):
        answer(db, "nrs-leg", {"nrs.1": 2})

    assert row_counts(db.engine) == before


def test_an_answer_the_item_does_not_take_names_the_item_and_stores_nothing(
    db: Database,
) -> None:
    before = row_counts(db.engine)

    with pytest.raises(InputError) as refused:
        answer(db, "peg", {"peg.1": 4, "peg.2": 11})

    assert refused.value.field == "peg.2"
    assert row_counts(db.engine) == before


def test_a_questionnaire_outside_its_window_cannot_be_answered(db: Database) -> None:
    with pytest.raises(NotFound):
        answer(db, "peg", PEG_SEVEN, timepoint="6_weeks")
    with pytest.raises(NotFound):
        answer(db, "peg", PEG_SEVEN, timepoint="2_weeks", now=NOW + timedelta(days=10))


def test_licensed_questionnaires_are_not_asked_without_their_wording(db: Database) -> None:
    plan = questionnaire_plan(db.sessions, db.world.alice.principal, now=NOW, settings=SETTINGS)
    entry = plan.open_entry
    assert entry is not None
    assert [i.key for i in entry.to_answer] == ["nrs-leg", "nrs-back", "peg"]
    with pytest.raises(NotFound):
        answer(db, "odi", {f"odi.{n}": 2 for n in range(1, 11)})


def test_the_care_team_can_enter_a_paper_odi_without_the_licensed_wording(db: Database) -> None:
    baseline_on_paper(db, "odi", {f"odi.{n}": 3 for n in range(1, 11)})

    with db.sessions() as session:
        (series,) = score_series(session, db.world.alice.patient_id or 0, settings=SETTINGS)
    assert (series.key, series.points[0].score, series.points[0].band) == ("odi", 60.0, "severe")


def test_a_fall_of_two_pain_points_since_baseline_is_an_important_change(db: Database) -> None:
    baseline_on_paper(db, "peg", PEG_SEVEN)

    answered = answer(db, "peg", {"peg.1": 5, "peg.2": 6, "peg.3": 5})

    assert answered.point.change == pytest.approx(-1.7)
    # PEG's MCID is 1 point (or 30 %): a 1.7-point fall reaches it.
    assert answered.point.important is True


def test_a_small_fall_is_shown_but_not_called_important(db: Database) -> None:
    baseline_on_paper(db, "nrs-leg", {"nrs.1": 7})

    answered = answer(db, "nrs-leg", {"nrs.1": 6})

    assert (answered.point.change, answered.point.important) == (-1.0, False)


def test_a_clinician_cannot_answer_on_the_patients_route(db: Database) -> None:
    with pytest.raises(NotFound):
        submit_response(
            db.sessions,
            db.world.carol.principal,
            timepoint="2_weeks",
            key="peg",
            answers=PEG_SEVEN,
            now=NOW,
            settings=SETTINGS,
        )


def test_reading_the_plan_and_answering_are_audited(db: Database) -> None:
    before = len(audit_trail(db))
    questionnaire_plan(db.sessions, db.world.alice.principal, now=NOW, settings=SETTINGS)
    answer(db, "nrs-back", {"nrs.1": 2})

    added = audit_trail(db)[before:]
    assert [(action, resource) for action, resource, *_ in added] == [
        ("read", "questionnaires"),
        ("create", "questionnaire_response"),
    ]
