"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from rootwise.store import migrate, tables
from rootwise.store.database import make_engine

ALEMBIC_VERSION_TABLE = "alembic_version"


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, tables.Base.metadata))


def downgrade(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def schema(engine: Engine) -> dict[str, list[tuple[str, str, bool]]]:
    """Every table's columns as the database describes them: name, type, nullable."""
    inspector = inspect(engine)
    return {
        table: [
            (column["name"], str(column["type"]), column["nullable"])
            for column in inspector.get_columns(table)
        ]
        for table in sorted(table_names(engine))
    }


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {ALEMBIC_VERSION_TABLE}


def test_upgrading_an_empty_database_creates_every_table_and_leaves_nothing_pending(
    engine: Engine,
) -> None:
    assert migrate.pending(engine)

    migrate.upgrade(engine)

    assert table_names(engine) == set(tables.Base.metadata.tables)
    assert not migrate.pending(engine)


def test_autogenerate_finds_no_difference_between_the_migrations_and_the_models(
    engine: Engine,
) -> None:
    migrate.upgrade(engine)

    assert differences(engine) == []


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    migrate.upgrade(engine)
    columns = schema(engine)

    migrate.upgrade(engine)

    assert not migrate.pending(engine)
    assert schema(engine) == columns


def test_downgrading_to_base_removes_every_table_and_upgrading_again_rebuilds_them(
    engine: Engine,
) -> None:
    migrate.upgrade(engine)
    schema_at_head = schema(engine)

    downgrade(engine, "base")
    assert table_names(engine) == set()
    assert migrate.pending(engine)

    migrate.upgrade(engine)
    assert not migrate.pending(engine)
    assert schema(engine) == schema_at_head


def test_every_revision_can_be_stepped_down_and_up_again(engine: Engine) -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [script.revision for script in scripts.walk_revisions("base", "heads")]
    migrate.upgrade(engine)
    schema_at_head = schema(engine)

    for _ in revisions:
        downgrade(engine, "-1")
    assert table_names(engine) == set()

    for revision in reversed(revisions):
        migrate.upgrade(engine, revision)
    assert not migrate.pending(engine)
    assert schema(engine) == schema_at_head


def test_on_sqlite_a_migration_waits_for_another_writer_instead_of_failing(
    tmp_path: Path,
) -> None:
    """A worker may poll a file that is still being migrated (`rootwise serve` starting).

    Another connection holds the write lock and changes the file meanwhile. A migration
    that read first and wrote later would fail at once ("database is locked"); taking
    the lock at BEGIN, it waits its turn and then migrates the file as it now is.
    """
    path = tmp_path / "shared.sqlite3"
    holding, release = threading.Event(), threading.Event()

    def another_writer() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("CREATE TABLE written_meanwhile (id INTEGER)")
        holding.set()
        release.wait(timeout=10)
        connection.execute("COMMIT")
        connection.close()

    writer = threading.Thread(target=another_writer)
    writer.start()
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert holding.wait(timeout=10)
        threading.Timer(0.5, release.set).start()
        migrate.upgrade(engine)
        assert not migrate.pending(engine)
    finally:
        release.set()
        writer.join(timeout=10)
        engine.dispose()
    after = make_engine(f"sqlite:///{path}")
    assert {"written_meanwhile", "checkins"} <= set(inspect(after).get_table_names())
    after.dispose()
