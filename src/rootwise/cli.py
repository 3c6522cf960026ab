"""The `rootwise` command line. Input errors exit 2 with one line on stderr."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from rootwise import __version__
from rootwise.clinical.assess import assess
from rootwise.clinical.instruments import INSTRUMENTS
from rootwise.clinical.rulebook import render_rulebook
from rootwise.contract.assessment import assessment_json
from rootwise.contract.errors import InputError
from rootwise.contract.request import parse_request
from rootwise.contract.scores import parse_answers, score_json
from rootwise.settings import Settings

app = typer.Typer(
    help="Rootwise: check-ins and triage after lumbar spine surgery.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_STDIN = "-"


def _fail(message: str) -> NoReturn:
    typer.echo(message.replace("\n", " "), err=True)
    raise typer.Exit(2)


def _read(path: str) -> bytes:
    if path == _STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror or exc})")


def _lines(path: str) -> Iterator[bytes]:
    if path == _STDIN:
        yield from sys.stdin.buffer
        return
    try:
        with Path(path).open("rb") as handle:
            yield from handle
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror or exc})")


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--now: must be an ISO 8601 date-time with a UTC offset, got {value!r}")
    if parsed.tzinfo is None:
        _fail(f"--now: must include a UTC offset, got {value!r}")
    return parsed


def _emit(document: dict[str, Any], *, indent: int | None = None) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")


@app.command()
def triage(
    path: Annotated[
        str | None, typer.Argument(help="An assessment request as JSON; '-' reads stdin.")
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option("--jsonl", help="One request per line; one assessment per line out."),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help="The clock to check recorded_at against (ISO 8601); default: now."),
    ] = None,
) -> None:
    """Assess check-ins and print each assessment as JSON."""
    if (path is None) == (jsonl is None):
        _fail("triage: give either PATH or --jsonl PATH")
    settings = _settings()
    thresholds = settings.thresholds()
    clock = _now(now)

    def run(text: bytes) -> dict[str, Any]:
        request = parse_request(text, now=clock)
        result = assess(request, thresholds=thresholds, emergency_number=settings.emergency_number)
        return assessment_json(result)

    if path is not None:
        try:
            _emit(run(_read(path)), indent=2)
        except InputError as exc:
            _fail(str(exc))
        return
    assert jsonl is not None
    for line in _lines(jsonl):
        try:
            _emit(run(line))
        except InputError as exc:
            _emit({"error": str(exc)})


@app.command()
def score(
    instrument: Annotated[str, typer.Argument(help="nrs, peg, dn4, odi or startback.")],
    path: Annotated[str, typer.Argument(help="{\"answers\": {...}} as JSON; '-' reads stdin.")],
) -> None:
    """Score one set of questionnaire answers and print the result as JSON."""
    found = INSTRUMENTS.get(instrument)
    if found is None:
        _fail(f"instrument: unknown {instrument!r}, expected one of {', '.join(INSTRUMENTS)}")
    try:
        answers = parse_answers(_read(path), found)
    except InputError as exc:
        _fail(str(exc))
    _emit(score_json(found.score(answers)), indent=2)


@app.command()
def rules() -> None:
    """Print the rule book in Markdown: every rule, its level, trigger and sources."""
    sys.stdout.write(render_rulebook(_settings().thresholds()))


db_app = typer.Typer(
    help="The database schema.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(db_app, name="db")

# `serve` and `db` import `rootwise.server` when they run: the web app and the database
# layer take seconds to import, and `triage` and `rules` need neither.


@app.command()
def serve(
    demo: Annotated[
        bool, typer.Option("--demo", help="First load the demo clinic into an empty database.")
    ] = False,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
) -> None:
    """Run the web app (SQLite databases are migrated first)."""
    from rootwise import server  # noqa: PLC0415 -- slow import, see above

    settings = _settings()
    try:
        server.prepare(settings, demo=demo, say=typer.echo)
    except server.CannotServe as exc:
        _fail(str(exc))
    if settings.secret_key is None and not demo:
        typer.echo(
            "ROOTWISE_SECRET_KEY is not set: a random key is used, so sign-ins end when "
            "the server stops.",
            err=True,
        )
    server.run(settings, host=host, port=port, say=typer.echo)


@app.command()
def worker() -> None:
    """Deliver notifications (for deployments with several processes); Ctrl+C stops it."""
    from rootwise import server  # noqa: PLC0415 -- slow import, see above

    settings = _settings()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        server.work(settings, stop=stop, say=typer.echo)
    except server.CannotServe as exc:
        _fail(str(exc))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to ROOTWISE_DATABASE_URL."""
    from rootwise import server  # noqa: PLC0415 -- slow import, see above

    try:
        typer.echo(server.upgrade_database(_settings()))
    except server.CannotServe as exc:
        _fail(str(exc))


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = "ROOTWISE_" + "_".join(str(part) for part in error["loc"]).upper()
        _fail(f"{name}: {error['msg']}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rootwise {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Rootwise: check-ins and triage after lumbar spine surgery."""


def main() -> None:
    """Console entry point."""
    app()
