"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def in_offset(moment: datetime, offset_minutes: int) -> datetime:
    """`moment` on the clock of the patient's phone, whose UTC offset was stored with it."""
    return moment.astimezone(_fixed_offset(offset_minutes))


@cache
def _fixed_offset(minutes: int) -> timezone:
    # One per offset in use (a few dozen exist): a history converts 30 rows or more.
    return timezone(timedelta(minutes=minutes))


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; SQLite would otherwise drop the offset silently."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: pass an aware datetime")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(
        self, dialect: Dialect, coltype: Any
    ) -> Callable[[Any], datetime | None] | None:
        if dialect.name == "sqlite":
            return _utc_from_sqlite_text
        return super().result_processor(dialect, coltype)


def _utc_from_sqlite_text(value: str | None) -> datetime | None:
    # SQLite holds the UTC time as ISO text without an offset (process_bind_param). Read
    # straight to an aware value: every history row has one, and this costs a fifth of
    # SQLAlchemy's general parser followed by `replace(tzinfo=UTC)`. Text with an offset
    # of its own is refused, not misread.
    return None if value is None else datetime.fromisoformat(value + "+00:00")
