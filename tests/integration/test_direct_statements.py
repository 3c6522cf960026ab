"""`store.direct`: statements on the driver's cursor store and read exactly what SQLAlchemy does.

Each test runs on SQLite and on PostgreSQL. Rows written or read both ways are compared
column by column, so a type whose conversion the direct path got wrong (an offset lost,
JSON stored as a quoted string, a date left as text) shows as a difference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Connection, String, bindparam, insert, literal, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from rootwise.store import tables
from rootwise.store.direct import DirectStatement
from tests.integration.harness import Database
from tests.integration.world import NOW, row_counts

_checkins = tables.CheckIn.__table__
_patients = tables.Patient.__table__
_CHECKIN_COLUMNS = [c.name for c in _checkins.columns if not c.primary_key]
# Half past nine in the evening in Chicago: the UTC date is the next day.
EVENING = datetime(2026, 10, 20, 21, 30, 5, 123456, tzinfo=timezone(timedelta(hours=-5)))


def checkin_row(patient_id: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "patient_id": patient_id,
        "recorded_at": EVENING,
        "utc_offset_minutes": -300,
        "received_at": NOW,
        "answers": {"leg_pain": 6, "saddle_numbness": None, "notes": ["é", 'a "quote"']},
        "leg_pain": 6,
        "back_pain": None,
        "temperature_value": 37.85,
        "temperature_unit": "C",
        "medications": [{"name": "ibuprofen", "class": "nsaid", "dose_mg": 400.5}],
    }
    return {**row, **changes}


def stored(connection: Connection, patient_id: int) -> list[tuple[Any, ...]]:
    """The patient's check-ins as SQLAlchemy reads them, without their ids, oldest first."""
    columns = [c for c in _checkins.columns if not c.primary_key]
    query = select(*columns).where(_checkins.c.patient_id == patient_id).order_by(_checkins.c.id)
    return [tuple(row) for row in connection.execute(query)]


def test_a_row_written_directly_reads_back_as_one_written_through_sqlalchemy(
    db: Database,
) -> None:
    patient_id = db.world.alice.patient_id
    assert patient_id is not None
    direct = DirectStatement(insert(_checkins), keys=_CHECKIN_COLUMNS)
    with db.engine.begin() as connection:
        before = len(stored(connection, patient_id))
        for changes in ({}, {"temperature_value": None, "temperature_unit": None}):
            connection.execute(insert(_checkins), checkin_row(patient_id, **changes))
            direct.execute(connection, checkin_row(patient_id, **changes))

    with db.engine.connect() as connection:
        # Pairs: through SQLAlchemy, then directly.
        rows = stored(connection, patient_id)[before:]
    assert len(rows) == 4
    assert rows[0] == rows[1]
    assert rows[2] == rows[3]
    assert rows[1][1] == EVENING  # the same moment, read back as UTC
    assert rows[1][1].tzinfo == UTC


def test_rows_read_directly_equal_rows_read_through_sqlalchemy(db: Database) -> None:
    patient_id = db.world.alice.patient_id
    assert patient_id is not None
    query = (
        select(
            _patients.c.id,
            _patients.c.surgery_date,
            _patients.c.levels,
            _patients.c.durotomy,
            _patients.c.conditions,
            _patients.c.nsaid_restricted_until,
            _patients.c.created_at,
            _checkins.c.recorded_at,
            _checkins.c.temperature_value,
            _checkins.c.answers,
        )
        .join(_checkins, _checkins.c.patient_id == _patients.c.id)
        .where(_patients.c.id == bindparam("patient_id"))
        .order_by(_checkins.c.id)
    )
    with db.engine.begin() as connection:
        connection.execute(insert(_checkins), checkin_row(patient_id))
        expected = [tuple(row) for row in connection.execute(query, {"patient_id": patient_id})]
        read = [
            tuple(row)
            for row in DirectStatement(query).rows(connection, {"patient_id": patient_id})
        ]

    assert read == expected
    assert isinstance(read[0][1], date)
    assert isinstance(read[-1][9], dict)


def test_a_literal_in_the_statement_needs_no_value_from_the_caller(db: Database) -> None:
    query = select(literal("create", String).label("action"), bindparam("n", type_=String))

    with db.engine.connect() as connection:
        assert DirectStatement(query).rows(connection, {"n": "one"}) == [("create", "one")]


def test_many_rows_are_written_in_one_call(db: Database) -> None:
    patient_id = db.world.alice.patient_id
    assert patient_id is not None
    direct = DirectStatement(insert(_checkins), keys=_CHECKIN_COLUMNS)
    rows = [checkin_row(patient_id, leg_pain=pain) for pain in (1, 2, 3)]
    with db.engine.begin() as connection:
        before = len(stored(connection, patient_id))
        direct.execute_many(connection, rows)
        written = stored(connection, patient_id)[before:]

    assert [row[_CHECKIN_COLUMNS.index("leg_pain")] for row in written] == [1, 2, 3]


def test_a_row_the_database_refuses_raises_sqlalchemys_error_and_nothing_is_kept(
    db: Database,
) -> None:
    direct = DirectStatement(insert(_checkins), keys=_CHECKIN_COLUMNS)
    before = row_counts(db.engine)

    def a_good_row_then_a_refused_one() -> None:
        with db.engine.begin() as connection:
            direct.execute(connection, checkin_row(db.world.alice.patient_id))
            direct.execute(connection, checkin_row(patient_id=999_999))  # no such patient

    with pytest.raises(IntegrityError):
        a_good_row_then_a_refused_one()

    assert row_counts(db.engine) == before


def test_an_insert_that_leaves_a_python_default_to_sqlalchemy_is_refused(db: Database) -> None:
    # `levels` has a Python-side default, which only SQLAlchemy's execution would compute.
    keys = [c.name for c in _patients.columns if c.name not in ("id", "levels")]
    direct = DirectStatement(insert(_patients), keys=keys)

    with db.engine.connect() as connection, pytest.raises(ValueError, match="levels"):
        direct.execute(connection, {})


def test_the_new_rows_id_comes_from_sqlite(sqlite_db: Database) -> None:
    direct = DirectStatement(insert(_checkins), keys=_CHECKIN_COLUMNS)
    with sqlite_db.engine.begin() as connection:
        new_id = direct.insert(connection, checkin_row(sqlite_db.world.alice.patient_id))
        last = connection.scalar(select(_checkins.c.id).order_by(_checkins.c.id.desc()))

    assert new_id == last


def test_a_connection_the_server_dropped_is_invalidated_and_not_reused(
    postgres_db: Database,
) -> None:
    with postgres_db.engine.connect() as doomed, postgres_db.engine.connect() as other:
        backend = doomed.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        other.exec_driver_sql(f"SELECT pg_terminate_backend({backend})")

        with pytest.raises(DBAPIError) as lost:
            DirectStatement(select(literal(1))).rows(doomed, {})

        assert lost.value.connection_invalidated
        assert doomed.invalidated
