"""Statements run on the database driver's cursor, for the check-in's hot path.

Every check-in runs the same few statements. Through SQLAlchemy's execution each one
cost this process more than the database's own work: a cache key, an execution context,
events and a result object per statement, about a quarter of a check-in's CPU under
load (bench/README.md). A `DirectStatement` keeps what matters of SQLAlchemy and skips
the rest:

- SQLAlchemy writes the SQL: the statement is compiled once for each dialect.
- SQLAlchemy converts the values: each is bound by its type's own bind processor and
  read back by its type's result processor, as `Connection.execute` would do it.
- Driver errors come out as SQLAlchemy's (`IntegrityError` and the rest), and a lost
  connection is invalidated, as they would from any other statement.

What it does not do: Python-side column defaults (refused when compiling), expanding
`IN` parameters, statement events and echo logging. It runs in the transaction of the
`Connection` it is given.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement
from sqlalchemy.types import TypeEngine

_Processor = Callable[[Any], Any] | None
_Reader = tuple[int, Callable[[Any], Any]]
_REQUIRED = object()  # a bind the caller must give a value for


@dataclass(frozen=True)
class _Compiled:
    """The statement as one dialect runs it."""

    sql: str
    # In the driver's order: the name the caller passes, the name the driver expects,
    # the bind processor, and the value a literal in the statement carries itself.
    binds: tuple[tuple[str, str, _Processor, Any], ...]
    positional: bool
    # The selected columns' types; None for a statement without rows.
    column_types: tuple[TypeEngine[Any], ...] | None


class DirectStatement:
    """A SQLAlchemy statement compiled once per dialect, run on the driver's cursor."""

    def __init__(self, statement: ClauseElement, *, keys: Sequence[str] | None = None) -> None:
        """`keys`: for an INSERT without `.values()`, the columns every call supplies."""
        self._statement = statement
        self._keys = list(keys) if keys is not None else None
        self._compiled: weakref.WeakKeyDictionary[Dialect, _Compiled] = weakref.WeakKeyDictionary()
        # The result processors of the columns that have one, by position. They depend on
        # the type codes the driver reports, so they are made from the first cursor.
        self._readers: weakref.WeakKeyDictionary[Dialect, tuple[_Reader, ...]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def rows(self, connection: Connection, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        """Every row the statement returns, each value read by its column's type."""
        dialect = connection.dialect
        compiled = self._for(dialect)
        cursor = self._execute(connection, compiled, [params])
        try:
            fetched: list[Sequence[Any]] = cursor.fetchall()
            readers = self._readers.get(dialect)
            if readers is None:
                readers = self._make_readers(dialect, compiled, cursor.description)
        finally:
            cursor.close()
        if not readers:
            return fetched
        # Only the columns whose type converts: most values arrive as they are kept.
        read: list[Sequence[Any]] = []
        for row in fetched:
            values = list(row)
            for column, reader in readers:
                values[column] = reader(values[column])
            read.append(values)
        return read

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> None:
        """Run the statement once, for what it writes."""
        self._execute(connection, self._for(connection.dialect), [params]).close()

    def execute_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once for each of `rows`, in one call to the driver."""
        if rows:
            self._execute(connection, self._for(connection.dialect), rows).close()

    def insert(self, connection: Connection, params: Mapping[str, Any]) -> int:
        """Insert one row on SQLite; the new row's id (PostgreSQL: use RETURNING and `rows`)."""
        cursor = self._execute(connection, self._for(connection.dialect), [params])
        try:
            new_id = getattr(cursor, "lastrowid", None)  # psycopg has none
        finally:
            cursor.close()
        if not isinstance(new_id, int):
            raise TypeError(f"the driver gave no row id for {self._statement}")
        return new_id

    def _for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(dialect)
                if compiled is None:
                    compiled = self._compiled[dialect] = self._compile(dialect)
        return compiled

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._statement.compile(dialect=dialect, column_keys=self._keys)
        assert isinstance(compiled, SQLCompiler)
        if compiled.insert_prefetch:
            # Python-side defaults, which SQLAlchemy would compute for each execution.
            missing = [c.name for c in compiled.insert_prefetch]
            raise ValueError(f"pass a value for every column; missing {missing}")
        names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
        binds = []
        for name in names:
            bind = compiled.binds[name]
            if bind.expanding or bind.literal_execute:
                raise ValueError(f"bind {name!r}: expanding parameters are not supported")
            binds.append(
                (
                    bind.key,
                    compiled.escaped_bind_names.get(name, name),
                    bind.type.dialect_impl(dialect).bind_processor(dialect),
                    _REQUIRED if bind.required else bind.effective_value,
                )
            )
        selected = getattr(self._statement, "selected_columns", None)
        return _Compiled(
            sql=compiled.string,
            binds=tuple(binds),
            positional=compiled.positional,
            column_types=None if selected is None else tuple(c.type for c in selected),
        )

    def _make_readers(
        self, dialect: Dialect, compiled: _Compiled, description: Sequence[Sequence[Any]] | None
    ) -> tuple[_Reader, ...]:
        if compiled.column_types is None or description is None:
            raise TypeError(f"{self._statement} returns no rows")
        processors = (
            column_type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column_type, described in zip(compiled.column_types, description, strict=True)
        )
        readers = tuple((n, read) for n, read in enumerate(processors) if read is not None)
        self._readers[dialect] = readers
        return readers

    @staticmethod
    def _execute(
        connection: Connection, compiled: _Compiled, rows: Sequence[Mapping[str, Any]]
    ) -> Any:
        """The driver's cursor after running the statement for each of `rows`."""
        arguments = [_bound(compiled, params) for params in rows]
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None  # a connection in use is never detached
        cursor = dbapi_connection.cursor()
        dialect = connection.dialect
        try:
            if len(arguments) == 1:
                cursor.execute(compiled.sql, arguments[0])
            else:
                cursor.executemany(compiled.sql, cast(Sequence[Any], arguments))
        except dialect.loaded_dbapi.Error as error:
            cursor.close()
            lost = dialect.is_disconnect(error, dbapi_connection, cursor)
            if lost:
                connection.invalidate(error)
            raise DBAPIError.instance(
                compiled.sql,
                arguments if len(arguments) > 1 else arguments[0],
                error,
                dialect.loaded_dbapi.Error,
                connection_invalidated=lost,
                dialect=dialect,
                ismulti=len(arguments) > 1,
            ) from error
        return cursor


def _bound(compiled: _Compiled, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
    """`params` as the driver takes them: converted by their types, in its order or by name."""
    bound = []
    for key, driver_name, bind, literal in compiled.binds:
        value = params[key] if literal is _REQUIRED else params.get(key, literal)
        bound.append((driver_name, value if bind is None else bind(value)))
    return [value for _, value in bound] if compiled.positional else dict(bound)
