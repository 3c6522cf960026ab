"""Times are stored as UTC and read back as the same instant, aware, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import StatementError

from rootwise.store import tables
from tests.integration.harness import Database

_audit = tables.AuditEntry.__table__

INSTANTS = [
    datetime(2026, 10, 20, 13, 30, 0, 123456, tzinfo=UTC),
    # A whole second: SQLite's text then still carries ".000000".
    datetime(2026, 10, 20, 13, 30, 5, tzinfo=UTC),
    # Offsets on either side of UTC, and one that is not a whole hour.
    datetime(2026, 3, 8, 1, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
    datetime(2026, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=13))),
    datetime(2026, 6, 1, 8, 15, tzinfo=timezone(timedelta(hours=5, minutes=45))),
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
]


def _store(db: Database, *moments: datetime | None) -> list[datetime | None]:
    """Audit rows at each moment; what each row's time reads back as, in that order."""
    with db.sessions.begin() as session:
        session.execute(
            insert(_audit), [{"at": at, "action": "test", "resource": "time"} for at in moments]
        )
    with db.sessions() as session:
        return list(session.scalars(select(_audit.c.at).order_by(_audit.c.id)))


def test_each_instant_reads_back_exactly_and_in_utc(db: Database) -> None:
    read = _store(db, *INSTANTS)

    assert read == INSTANTS
    assert all(at is not None and at.utcoffset() == timedelta(0) for at in read)


def test_a_naive_time_is_refused_rather_than_guessed(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetimes are not stored"):
        _store(db, datetime(2026, 10, 20, 13, 30))


def test_a_time_sqlite_wrote_itself_reads_as_utc(sqlite_db: Database) -> None:
    """SQLite's own CURRENT_TIMESTAMP is UTC text without a fraction of a second."""
    with sqlite_db.sessions.begin() as session:
        session.execute(
            text(
                "INSERT INTO audit_log (at, action, resource) "
                "VALUES ('2026-10-20 13:30:05', 'test', 'time')"
            )
        )
    with sqlite_db.sessions() as session:
        (read,) = session.scalars(select(_audit.c.at))

    assert read == datetime(2026, 10, 20, 13, 30, 5, tzinfo=UTC)


def test_times_compare_in_the_database_as_instants(db: Database) -> None:
    """History is selected with `recorded_at >= since`: the order must be the instants'."""
    _store(db, *INSTANTS)
    since = datetime(2026, 10, 20, 9, 30, 1, tzinfo=timezone(timedelta(hours=-4)))

    with db.sessions() as session:
        later = list(session.scalars(select(_audit.c.at).where(_audit.c.at >= since)))

    assert sorted(later) == sorted(at for at in INSTANTS if at >= since)
