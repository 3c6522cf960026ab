"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

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
