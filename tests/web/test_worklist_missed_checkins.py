"""Missed check-ins: patients in follow-up with no check-in on any of the last three days
of their own calendar. Checked through the worklist service, across time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event

from rootwise.services.accounts import Principal
from rootwise.services.worklist import worklist
from rootwise.store.database import make_sessions
from tests.web.clinic_support import add_patient, clinic_of, send
from tests.web.seed import NOW, Cast

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


class Missed:
    """Adds patients with one check-in each, then reads who the worklist calls silent."""

    def __init__(self, engine: Engine, cast: Cast) -> None:
        self.engine = engine
        self.clinic_id = clinic_of(engine, cast.alice)
        self.carol = Principal(cast.carol.user_id, "clinician", self.clinic_id, None, "Dr Carol")

    def patient(
        self,
        name: str,
        last: datetime | None,
        *,
        zone: str = "America/New_York",
        surgery: date = date(2026, 3, 2),
    ) -> None:
        person = add_patient(
            self.engine, clinic_id=self.clinic_id, name=name, zone=zone, surgery=surgery
        )
        if last is not None:
            send(self.engine, person, last)

    def statements(self) -> int:
        """How many SQL statements one read of the worklist runs."""
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(args[2])

        event.listen(self.engine, "before_cursor_execute", count)
        try:
            self.names()
        finally:
            event.remove(self.engine, "before_cursor_execute", count)
        return len(seen)

    def names(self) -> list[tuple[str, int]]:
        found = worklist(make_sessions(self.engine), self.carol, now=NOW)
        return [(line.patient_name, line.days_missed) for line in found.missed]


@pytest.fixture
def missed(cast: Cast, engine: Engine) -> Missed:
    return Missed(engine, cast)


def test_three_whole_days_without_a_check_in_count_as_missed(missed: Missed) -> None:
    # NOW is Friday March 20, 10:00 in New York: March 17, 18 and 19 are the last 3 days.
    missed.patient("Late on the 16th", datetime(2026, 3, 16, 23, 59, tzinfo=NEW_YORK))
    missed.patient("Early on the 17th", datetime(2026, 3, 17, 0, 0, tzinfo=NEW_YORK))
    missed.patient("Yesterday", datetime(2026, 3, 19, 12, 0, tzinfo=NEW_YORK))
    assert missed.names() == [("Late on the 16th", 3)]


def test_the_days_are_the_patients_own_not_the_clinics(missed: Missed) -> None:
    # The same instant: the 16th in New York, already the 17th in Tokyo.
    instant = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    missed.patient("In New York", instant)
    missed.patient("In Tokyo", instant, zone="Asia/Tokyo")
    assert instant.astimezone(TOKYO).day == 17
    assert missed.names() == [("In New York", 3)]


def test_longest_silence_first(missed: Missed) -> None:
    missed.patient("Four days", datetime(2026, 3, 15, 9, 0, tzinfo=NEW_YORK))
    missed.patient("Ten days", datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK))
    assert missed.names() == [("Ten days", 10), ("Four days", 4)]


def test_only_patients_who_checked_in_before_and_are_within_a_year_of_surgery(
    missed: Missed,
) -> None:
    missed.patient("Never checked in", None)
    missed.patient(
        "A year and a day",
        datetime(2025, 6, 1, 9, 0, tzinfo=NEW_YORK),
        surgery=date(2025, 3, 19),
    )
    missed.patient(
        "A year to the day",
        datetime(2025, 6, 1, 9, 0, tzinfo=NEW_YORK),
        surgery=date(2025, 3, 20),
    )
    assert [name for name, _ in missed.names()] == ["A year to the day"]


def test_another_clinics_patients_are_never_listed(
    missed: Missed, cast: Cast, engine: Engine
) -> None:
    send(engine, cast.dave, datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    assert missed.names() == []


def test_the_number_of_queries_does_not_grow_with_the_number_of_patients(
    missed: Missed,
) -> None:
    missed.patient("First", datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK))
    with_one = missed.statements()
    for n in range(5):
        missed.patient(f"Patient {n}", datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK))
    missed.patient("Far away", datetime(2026, 3, 10, 9, 0, tzinfo=UTC), zone="Asia/Tokyo")
    assert len(missed.names()) == 7
    assert missed.statements() == with_one
