"""Missed check-ins on the worklist: the open `missed_checkins` items the notification
worker keeps, one per silent patient, listed once and never among the reviews.

Who counts as silent is the worker's rule and is tested with it (tests/notify); here the
items come from the real worker pass run with a chosen clock, or are seeded directly
where the point is that the worklist reads the items and nothing else.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert

from rootwise.services.accounts import Principal
from rootwise.services.worklist import Worklist, worklist
from rootwise.store import tables
from rootwise.store.database import make_sessions
from tests.web.browser import log_in
from tests.web.clinic_support import (
    NEW_YORK,
    SOON,
    add_patient,
    clinic_of,
    flag_missed,
    main_text,
    send,
)
from tests.web.conftest import running
from tests.web.seed import NOW, Cast, Person

DAYS = timedelta(days=1)


class Clinic:
    """Alice and Bob's clinic, read through the worklist service as Dr Carol."""

    def __init__(self, engine: Engine, cast: Cast) -> None:
        self.engine = engine
        self.clinic_id = clinic_of(engine, cast.alice)
        self.carol = Principal(cast.carol.user_id, "clinician", self.clinic_id, None, "Dr Carol")

    def patient(self, name: str, last: datetime | None = None) -> Person:
        person = add_patient(self.engine, clinic_id=self.clinic_id, name=name)
        if last is not None:
            send(self.engine, person, last)
        return person

    def seed_item(self, person: Person, *, reason: str, at: datetime, status: str = "open") -> int:
        """A `missed_checkins` item written straight to the table, as the worker would."""
        with make_sessions(self.engine).begin() as session:
            item_id = session.scalar(
                insert(tables.WorklistItem)
                .values(
                    clinic_id=self.clinic_id,
                    patient_id=person.patient_id,
                    kind="missed_checkins",
                    reason=reason,
                    status=status,
                    created_at=at,
                    due_by=at + DAYS,
                )
                .returning(tables.WorklistItem.id)
            )
        assert item_id is not None
        return item_id

    def read(self, now: datetime = NOW) -> Worklist:
        return worklist(make_sessions(self.engine), self.carol, now=now)

    def read_watching_sql(self) -> tuple[Worklist, list[str]]:
        """One read of the worklist and every SQL statement it ran."""
        seen: list[str] = []

        def keep(*args: Any) -> None:
            seen.append(args[2])

        event.listen(self.engine, "before_cursor_execute", keep)
        try:
            found = self.read()
        finally:
            event.remove(self.engine, "before_cursor_execute", keep)
        return found, seen


@pytest.fixture
def clinic(cast: Cast, engine: Engine) -> Clinic:
    return Clinic(engine, cast)


def test_a_flagged_patient_is_listed_once_in_the_missed_section_with_the_workers_reason(
    clinic: Clinic,
) -> None:
    # Last seen Saturday 14 March, 10:00 in New York; NOW is Friday 20 March.
    quiet = clinic.patient("Quentin", NOW - 6 * DAYS)
    assert flag_missed(clinic.engine) == [quiet.patient_id]

    found = clinic.read()

    assert [(line.patient_id, line.patient_name) for line in found.missed] == [
        (quiet.patient_id, "Quentin")
    ]
    line = found.missed[0]
    assert line.reason.startswith("No check-in since Saturday 14 March 2026")
    assert line.created_at == NOW
    assert line.due_by == NOW + DAYS  # the default 24 hours to look at it
    assert all(review.patient_id != quiet.patient_id for review in found.reviews)


def test_missed_items_are_not_reviews_but_check_in_reviews_still_are(
    clinic: Clinic, cast: Cast
) -> None:
    send(clinic.engine, cast.alice, NOW - timedelta(hours=1), **SOON)
    quiet = clinic.patient("Quentin", NOW - 6 * DAYS)
    flag_missed(clinic.engine)

    found = clinic.read()

    assert [(r.patient_id, r.kind) for r in found.reviews] == [
        (cast.alice.patient_id, "checkin_review")
    ]
    assert [line.patient_id for line in found.missed] == [quiet.patient_id]


def test_a_closed_item_is_not_listed(clinic: Clinic) -> None:
    back = clinic.patient("Back again", NOW - 6 * DAYS)
    flag_missed(clinic.engine)
    send(clinic.engine, back, NOW + timedelta(hours=1))
    # The worker's next pass closes the item ("checked in again").
    later = NOW + timedelta(hours=2)
    assert flag_missed(clinic.engine, later) == []
    done_by_hand = clinic.patient("Dealt with")
    clinic.seed_item(done_by_hand, reason="Called them.", at=NOW - DAYS, status="done")

    found = clinic.read(later)

    assert found.missed == ()
    assert found.reviews == ()


def test_earliest_flagged_first_and_only_this_clinics(clinic: Clinic, cast: Cast) -> None:
    newer = clinic.patient("Flagged today")
    older = clinic.patient("Flagged two days ago")
    clinic.seed_item(newer, reason="Today's reason.", at=NOW - timedelta(hours=1))
    clinic.seed_item(older, reason="Older reason.", at=NOW - 2 * DAYS)
    other_clinic = clinic_of(clinic.engine, cast.dave)
    with make_sessions(clinic.engine).begin() as session:
        # Dave's clinic's item, on Dave: never Dr Carol's to see.
        session.execute(
            insert(tables.WorklistItem).values(
                clinic_id=other_clinic,
                patient_id=cast.dave.patient_id,
                kind="missed_checkins",
                reason="Elsewhere.",
                status="open",
                created_at=NOW - 3 * DAYS,
                due_by=NOW,
            )
        )

    found = clinic.read()

    assert [(line.patient_name, line.reason) for line in found.missed] == [
        ("Flagged two days ago", "Older reason."),
        ("Flagged today", "Today's reason."),
    ]


def test_the_read_never_touches_check_ins_and_runs_the_same_queries_however_many(
    clinic: Clinic,
) -> None:
    # No check-ins at all: the item alone puts the patient on the list, because the
    # worklist trusts what the worker persisted rather than working it out again.
    first = clinic.patient("First")
    clinic.seed_item(first, reason="Silent.", at=NOW - DAYS)
    found, with_one = clinic.read_watching_sql()
    assert [line.patient_id for line in found.missed] == [first.patient_id]

    for n in range(5):
        person = clinic.patient(f"Patient {n}", NOW - 6 * DAYS)
        clinic.seed_item(person, reason="Silent.", at=NOW - DAYS)
    found, with_six = clinic.read_watching_sql()

    assert len(found.missed) == 6
    assert len(with_six) == len(with_one)
    assert not [sql for sql in with_six if "checkins" in sql.lower()]


def test_the_page_shows_a_flagged_patient_once_with_the_reason(
    database_url: str, cast: Cast, engine: Engine
) -> None:
    quiet = add_patient(engine, clinic_id=clinic_of(engine, cast.alice), name="Quentin")
    send(engine, quiet, datetime(2026, 3, 14, 10, 0, tzinfo=NEW_YORK))
    assert flag_missed(engine) == [quiet.patient_id]

    with running(database_url, lambda: NOW) as client:
        log_in(client, cast.carol.email)
        html = main_text(client.get("/clinic").text)

    missed = html[html.index('id="missed-title"') : html.index('id="off-track-title"')]
    assert html.count(">Quentin</a>") == 1
    assert f'id="missed-{quiet.patient_id}"' in missed
    assert "No check-in since Saturday 14 March 2026" in missed
    assert "3 or more whole days missed." in missed
    assert "Check-ins to review (0)" in html
    assert "Missed check-ins (1)" in html
    assert "the last 3 days of their own calendar" in html
