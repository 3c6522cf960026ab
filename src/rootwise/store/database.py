"""Engines and sessions for SQLite (embedded default) and PostgreSQL.

The convention every service follows: `with sessions() as s` reads, `with
sessions.begin() as s` writes, in one transaction that commits at the end of the block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Set while this thread holds the process's SQLite write lock.
_writing = threading.local()

# PostgreSQL connections a process keeps open, and the most it opens. No overflow beyond
# them: SQLAlchemy closes an overflow connection as soon as it is returned, so a busy
# server kept reconnecting (measured: a new session every four requests, each a forked
# backend, re-authenticated, with its prepared statements lost). A request that finds
# all of them in use waits for one.
POSTGRES_CONNECTIONS = 30


def make_engine(url: str, **options: Any) -> Engine:
    """An engine with the settings Rootwise relies on for `url`'s database."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **options
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=POSTGRES_CONNECTIONS, max_overflow=0, **options
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, not the driver.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writer takes SQLite's write lock at BEGIN, so it never has to upgrade a read lock
    # (which can deadlock against another process); readers stay concurrent under WAL.
    immediate = getattr(_writing, "active", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Sessions(sessionmaker[Session]):
    """Sessions whose `begin()` is a write transaction.

    On SQLite one process holds the write lock at a time; its writers queue here on a
    lock rather than in SQLite's busy handler, which sleeps between retries and wastes
    most of the time under load.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._write_lock, _holding_write_lock_from_begin(), super().begin() as session:
            yield session


@contextmanager
def begin_write(engine: Engine) -> Iterator[Connection]:
    """`engine.begin()` for a Core transaction that writes, such as a migration.

    On SQLite it takes the write lock at BEGIN, as `Sessions.begin` does: a transaction
    that reads first and writes later fails at once ("database is locked", no busy
    timeout) when another connection is writing at that moment.
    """
    with _holding_write_lock_from_begin(), engine.begin() as connection:
        yield connection


@contextmanager
def _holding_write_lock_from_begin() -> Iterator[None]:
    _writing.active = True
    try:
        yield
    finally:
        _writing.active = False


def make_sessions(engine: Engine) -> Sessions:
    """Sessions that keep loaded values after commit (cheaper, and nothing reloads lazily)."""
    return Sessions(engine)
