"""What `rootwise serve`, `worker` and `db upgrade` do once the command line is parsed."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import uvicorn
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from rootwise.demo import DEMO_LOGINS, DEMO_PASSWORD, DatabaseNotEmpty, demo_status, load_demo
from rootwise.notify import Periodic, run_worker
from rootwise.services.recovery import refresh_cohort_bands, review_recovery
from rootwise.settings import Settings
from rootwise.store.database import make_engine, make_sessions
from rootwise.store.migrate import pending, upgrade
from rootwise.web.app import create_app

Say = Callable[[str], None]

# The care tasks beyond notification that the worker runs: the recovery review hourly
# (it re-reads only patients with something new), the clinic's own bands daily.
CARE_TASKS = (
    Periodic(timedelta(hours=1), review_recovery),
    Periodic(timedelta(days=1), refresh_cohort_bands),
)


class CannotServe(Exception):
    """An ordinary problem with the configuration or the database, in one line."""


def prepare(settings: Settings, *, demo: bool, say: Say) -> None:
    """Make the database ready to serve, loading the demo clinic first if asked."""
    with _database(settings) as engine:
        if engine.dialect.name == "sqlite":
            before, after = _upgrade(engine)
            if before != after:
                say(f"Database: migrated from {before or 'empty'} to revision {after}.")
        elif pending(engine):
            # Several processes may share a PostgreSQL database; one explicit upgrade
            # avoids them racing to migrate it (spec/api.md, Configuration).
            raise CannotServe(
                f"database {_where(engine)}: migrations are pending; "
                "run `rootwise db upgrade` first"
            )
        if demo:
            _demo(engine, settings, say)


def upgrade_database(settings: Settings) -> str:
    """Apply pending migrations; what was done, in one line."""
    with _database(settings) as engine:
        before, after = _upgrade(engine)
        if before == after:
            return f"{_where(engine)}: already at revision {after}; nothing to do."
        return (
            f"{_where(engine)}: upgraded from {before or 'an empty database'} to revision {after}."
        )


def run(settings: Settings, *, host: str, port: int, say: Say) -> None:
    """Serve the web app in this process until interrupted.

    On SQLite the notification worker runs here too, on the app's own sessions, so it
    queues on the same write lock as the web requests (design.md: one machine, one
    process). On PostgreSQL, `rootwise worker` processes deliver instead.
    """
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    say(f"Rootwise: {url}/  (API documentation: {url}/docs; Ctrl+C stops it)")
    app = create_app(settings)
    # Everything built so far lives as long as the process: keep the garbage collector
    # from walking it again in every full collection (long pauses under load).
    gc.freeze()
    runtime = app.state.runtime
    stop = threading.Event()
    worker: threading.Thread | None = None
    if runtime.engine.dialect.name == "sqlite":
        worker = threading.Thread(
            target=run_worker,
            args=(runtime.sessions, settings),
            kwargs={"stop": stop, "clock": runtime.clock, "periodic": CARE_TASKS},
            name="rootwise-outbox",
            daemon=True,
        )
        worker.start()
    else:
        say("Notifications are delivered by `rootwise worker` processes on PostgreSQL.")
    try:
        uvicorn.run(app, host=host, port=port)
    finally:
        stop.set()
        if worker is not None:
            worker.join(timeout=15)


def work(settings: Settings, *, stop: threading.Event, say: Say) -> None:
    """Deliver notifications until `stop` is set (the `rootwise worker` process)."""
    with _database(settings) as engine:
        if pending(engine):
            raise CannotServe(
                f"database {_where(engine)}: migrations are pending; "
                "run `rootwise db upgrade` first"
            )
        say(f"Rootwise worker: delivering notifications from {_where(engine)}.")
        run_worker(make_sessions(engine), settings, stop=stop, periodic=CARE_TASKS)


@contextmanager
def _database(settings: Settings) -> Iterator[Engine]:
    """An engine for the configured database; its failures become `CannotServe`."""
    try:
        engine = make_engine(settings.database_url)
    except SQLAlchemyError as exc:
        raise CannotServe(f"ROOTWISE_DATABASE_URL: {exc}") from exc
    try:
        yield engine
    except DBAPIError as exc:
        # The driver's own message, without SQLAlchemy's SQL echo and help link.
        raise CannotServe(f"database {_where(engine)}: {exc.orig}") from exc
    except (SQLAlchemyError, CommandError) as exc:
        raise CannotServe(f"database {_where(engine)}: {exc}") from exc
    finally:
        engine.dispose()


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Apply pending migrations; the schema revision before and after."""
    before = _revision(engine)
    upgrade(engine)
    return before, _revision(engine)


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _demo(engine: Engine, settings: Settings, say: Say) -> None:
    """Load the demo clinic into an empty database, or say why not; then the log-ins."""
    sessions = make_sessions(engine)
    say("Loading the demo clinic...")
    started = time.perf_counter()
    try:
        status = load_demo(sessions, now=datetime.now(UTC), settings=settings)
    except DatabaseNotEmpty:
        existing = demo_status(sessions)
        if existing is None:
            say(
                "The database already has data, so the demo clinic was not loaded; serving "
                "what is there (the demo log-ins do not exist in it)."
            )
            return
        say(f"The database already holds the demo clinic ({existing.describe()}).")
    else:
        elapsed = time.perf_counter() - started
        say(f"Loaded the demo clinic in {elapsed:.1f} s: {status.describe()}.")
    say(f"Demo log-ins, password {DEMO_PASSWORD}:")
    for login in DEMO_LOGINS:
        say(f"  {login.role:<10} {login.email}")
