"""Daily check-in and questionnaire reminders, on each patient's own clock.

Every time below is UTC; the comments give the patient's wall clock. New York changes to
summer time on Sunday 8 March 2026 (02:00 EST becomes 03:00 EDT) and back on Sunday
1 November 2026 (02:00 EDT becomes 01:00 EST); Kolkata is +05:30 all year.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from rootwise.notify.reminders import Reminder, send_due_reminders, wall_clock_instant
from rootwise.notify.worker import RETRY_FAILED_TASK_AFTER, CareTasks
from rootwise.services.checkins import submit_checkin
from rootwise.services.enrolment import PatientDetails, enrol_patient
from rootwise.settings import Settings
from rootwise.store import migrate, tables
from rootwise.store.database import make_engine, make_sessions
from tests.integration.world import body
from tests.notify.support import Outbox
from tests.support import postgres

NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"
SETTINGS = Settings()
SECOND = timedelta(seconds=1)
ENROLLED = datetime(2025, 1, 1, tzinfo=UTC)


# Positional on purpose, to read like the `datetime(...)` it stands for.
def utc(  # noqa: PLR0917
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Enrolled:
    patient_id: int
    user_id: int | None
    zone: str


def enrol(
    db: Outbox,
    name: str,
    *,
    zone: str = NEW_YORK,
    surgery: date = date(2026, 10, 1),
    at: time = time(18, 0),
    enabled: bool = True,
    login: bool = True,
    active: bool = True,
) -> Enrolled:
    """A patient of clinic A; the user row is added directly (no argon2 hashing)."""
    with db.sessions.begin() as session:
        user = None
        if login:
            user = tables.User(
                clinic_id=db.seeded.clinic,
                email=f"{name}@patients.example.org",
                password_hash="never used: these tests do not log in",
                role="patient",
                display_name=name.title(),
                is_active=active,
                created_at=ENROLLED,
            )
            session.add(user)
            session.flush()
        patient = enrol_patient(
            session,
            clinic_id=db.seeded.clinic,
            user_id=user.id if user else None,
            details=PatientDetails(
                display_name=name.title(),
                procedure="discectomy",
                surgery_date=surgery,
                time_zone=zone,
            ),
            now=ENROLLED,
        )
        patient.reminder_time = at
        patient.reminders_enabled = enabled
        session.flush()
        return Enrolled(patient.id, user.id if user else None, zone)


def remind(db: Outbox, now: datetime) -> list[tuple[int, str, date]]:
    return [
        (r.patient_id, r.kind, r.local_date)
        for r in send_due_reminders(db.sessions, now=now, settings=SETTINGS)
    ]


def check_in(db: Outbox, who: Enrolled, at: datetime) -> None:
    assert who.user_id is not None
    submit_checkin(
        db.sessions,
        patient_id=who.patient_id,
        user_id=who.user_id,
        body=body(at, ZoneInfo(who.zone)),
        now=at,
        settings=SETTINGS,
    )


def quieten_the_seeded_patient(db: Outbox) -> Outbox:
    with db.sessions.begin() as session:
        session.execute(update(tables.Patient).values(reminders_enabled=False))
    return db


@pytest.fixture
def db(sqlite_outbox: Outbox) -> Outbox:
    """The notification test database with no patient who wants reminders yet."""
    return quieten_the_seeded_patient(sqlite_outbox)


# --- The local time of day ------------------------------------------------------------------


def test_the_daily_reminder_goes_at_the_patients_local_time_and_not_a_second_before(
    db: Outbox,
) -> None:
    pat = enrol(db, "pat")
    six_pm = utc(2026, 10, 20, 22, 0)  # 18:00 EDT

    assert remind(db, six_pm - SECOND) == []
    assert remind(db, six_pm) == [(pat.patient_id, "checkin", date(2026, 10, 20))]


@pytest.mark.parametrize(
    ("day", "six_pm"),
    [
        pytest.param(date(2026, 3, 7), utc(2026, 3, 7, 23, 0), id="Saturday, still EST"),
        pytest.param(date(2026, 3, 8), utc(2026, 3, 8, 22, 0), id="spring forward, now EDT"),
        pytest.param(date(2026, 10, 31), utc(2026, 10, 31, 22, 0), id="Saturday, still EDT"),
        pytest.param(date(2026, 11, 1), utc(2026, 11, 1, 23, 0), id="fall back, now EST"),
    ],
)
def test_a_six_pm_reminder_follows_new_york_across_the_clock_changes(
    db: Outbox, day: date, six_pm: datetime
) -> None:
    pat = enrol(db, "pat", surgery=date(2026, 2, 1))

    assert remind(db, six_pm - SECOND) == []
    assert remind(db, six_pm) == [(pat.patient_id, "checkin", day)]


def test_a_reminder_time_the_clock_skips_goes_when_it_jumps_to_three_oclock(db: Outbox) -> None:
    pat = enrol(db, "pat", surgery=date(2026, 2, 1), at=time(2, 30))

    assert remind(db, utc(2026, 3, 8, 6, 59, 59)) == []  # 01:59:59 EST
    assert remind(db, utc(2026, 3, 8, 7, 0)) == [  # 03:00 EDT, the clock having skipped 02:30
        (pat.patient_id, "checkin", date(2026, 3, 8))
    ]


def test_a_reminder_time_the_clock_shows_twice_goes_once_at_its_first_showing(
    db: Outbox,
) -> None:
    pat = enrol(db, "pat", surgery=date(2026, 2, 1), at=time(1, 30))

    assert remind(db, utc(2026, 11, 1, 5, 29, 59)) == []  # 01:29:59 EDT
    assert remind(db, utc(2026, 11, 1, 5, 30)) == [  # 01:30 EDT
        (pat.patient_id, "checkin", date(2026, 11, 1))
    ]
    assert remind(db, utc(2026, 11, 1, 6, 30)) == []  # 01:30 EST, the second showing
    assert remind(db, utc(2026, 11, 1, 6, 45)) == []


def test_a_missed_first_showing_is_made_up_during_the_repeated_hour(db: Outbox) -> None:
    """A worker down at 01:45 EDT sends at 01:10 EST: 01:45 has been, though the clock
    reads earlier."""
    pat = enrol(db, "pat", surgery=date(2026, 2, 1), at=time(1, 45))

    assert remind(db, utc(2026, 11, 1, 6, 10)) == [(pat.patient_id, "checkin", date(2026, 11, 1))]


def test_a_patient_in_kolkata_is_reminded_at_six_pm_india_time(db: Outbox) -> None:
    anjali = enrol(db, "anjali", zone=KOLKATA)

    assert remind(db, utc(2026, 10, 20, 12, 29, 59)) == []  # 17:59:59 IST
    assert remind(db, utc(2026, 10, 20, 12, 30)) == [  # 18:00 IST
        (anjali.patient_id, "checkin", date(2026, 10, 20))
    ]


def test_kolkatas_day_starts_five_and_a_half_hours_before_utcs(db: Outbox) -> None:
    anjali = enrol(db, "anjali", zone=KOLKATA, at=time(0, 15))

    assert remind(db, utc(2026, 10, 20, 18, 44, 59)) == []  # 21 Oct, 00:14:59 IST
    assert remind(db, utc(2026, 10, 20, 18, 45)) == [  # 21 Oct, 00:15 IST
        (anjali.patient_id, "checkin", date(2026, 10, 21))
    ]


def test_patients_in_several_zones_are_each_reminded_on_their_own_clock(db: Outbox) -> None:
    pat = enrol(db, "pat")
    anjali = enrol(db, "anjali", zone=KOLKATA)
    # Tuesday 20 October in New York, 00:00 to 23:45 EDT.
    quarter_hours = [utc(2026, 10, 20, 4) + timedelta(minutes=15 * n) for n in range(24 * 4)]

    sent = {when: remind(db, when) for when in quarter_hours}

    assert {when: reminders for when, reminders in sent.items() if reminders} == {
        utc(2026, 10, 20, 12, 30): [(anjali.patient_id, "checkin", date(2026, 10, 20))],
        utc(2026, 10, 20, 22, 0): [(pat.patient_id, "checkin", date(2026, 10, 20))],
    }


def test_wall_clock_instants_across_both_new_york_changes() -> None:
    zone = ZoneInfo(NEW_YORK)
    assert wall_clock_instant(date(2026, 3, 8), time(2, 0), zone) == utc(2026, 3, 8, 7, 0)
    assert wall_clock_instant(date(2026, 3, 8), time(2, 59, 59), zone) == utc(2026, 3, 8, 7, 0)
    assert wall_clock_instant(date(2026, 3, 8), time(3, 0), zone) == utc(2026, 3, 8, 7, 0)
    assert wall_clock_instant(date(2026, 11, 1), time(1, 0), zone) == utc(2026, 11, 1, 5, 0)
    assert wall_clock_instant(date(2026, 11, 1), time(2, 0), zone) == utc(2026, 11, 1, 7, 0)


@pytest.mark.parametrize("day", [date(2026, 3, 8), date(2026, 11, 1)], ids=["spring", "fall"])
def test_later_reminder_times_never_come_earlier_on_a_clock_change_day(day: date) -> None:
    """The search for the reminder times reached relies on this order."""
    zone = ZoneInfo(NEW_YORK)
    instants = [
        wall_clock_instant(day, time(minute // 60, minute % 60), zone) for minute in range(1440)
    ]
    assert instants == sorted(instants)


# --- Only when needed, only once -------------------------------------------------------------


def test_no_reminder_once_the_patient_has_checked_in_that_local_day(db: Outbox) -> None:
    early = enrol(db, "early")
    late = enrol(db, "late")
    check_in(db, early, utc(2026, 10, 20, 13, 0))  # 09:00 EDT on the 20th
    check_in(db, late, utc(2026, 10, 20, 3, 30))  # 23:30 EDT on the 19th: another day

    assert remind(db, utc(2026, 10, 20, 22, 0)) == [
        (late.patient_id, "checkin", date(2026, 10, 20))
    ]
    assert remind(db, utc(2026, 10, 21, 22, 0)) == [
        (early.patient_id, "checkin", date(2026, 10, 21)),
        (late.patient_id, "checkin", date(2026, 10, 21)),
    ]


def test_repeated_passes_remind_once_a_local_day(db: Outbox) -> None:
    pat = enrol(db, "pat")
    start = utc(2026, 10, 20, 12, 0)

    sent = [r for n in range(3 * 24 * 6) for r in remind(db, start + timedelta(minutes=10 * n))]

    assert sent == [(pat.patient_id, "checkin", date(2026, 10, d)) for d in (20, 21, 22)]
    with db.sessions() as session:
        assert session.scalars(select(tables.ReminderSent.local_date)).all() == [
            date(2026, 10, d) for d in (20, 21, 22)
        ]


def test_two_workers_at_once_send_each_patient_one_reminder(outbox: Outbox) -> None:
    quieten_the_seeded_patient(outbox)
    patients = [enrol(outbox, f"patient{n}").patient_id for n in range(30)]
    six_pm = utc(2026, 10, 20, 22, 0)
    sent: list[list[Reminder]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(worker: int) -> None:
        engine = make_engine(outbox.url)
        try:
            sessions = make_sessions(engine)
            start.wait()
            for _ in range(3):
                sent[worker] += send_due_reminders(sessions, now=six_pm, settings=SETTINGS)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(r.patient_id for r in sent[0] + sent[1]) == patients
    with outbox.sessions() as session:
        keys = session.scalars(select(tables.OutboxMessage.idempotency_key)).all()
    assert sorted(keys) == sorted(f"reminder-{p}-checkin-2026-10-20" for p in patients)


@pytest.mark.parametrize(
    ("details", "reminded"),
    [
        pytest.param({"surgery": date(2025, 10, 20)}, True, id="12 months to the day"),
        pytest.param({"surgery": date(2025, 10, 19)}, False, id="beyond 12 months"),
        pytest.param({"surgery": date(2026, 10, 20)}, False, id="on the day of surgery"),
        pytest.param({"surgery": date(2026, 11, 2)}, False, id="before surgery"),
        pytest.param({"enabled": False}, False, id="reminders switched off"),
        pytest.param({"login": False}, False, id="no log-in to send to"),
        pytest.param({"active": False}, False, id="log-in deactivated"),
    ],
)
def test_who_gets_the_daily_reminder(
    db: Outbox, details: dict[str, object], reminded: bool
) -> None:
    pat = enrol(db, "pat", **details)  # type: ignore[arg-type]

    sent = [r for r in remind(db, utc(2026, 10, 20, 22, 0)) if r[1] == "checkin"]

    assert sent == ([(pat.patient_id, "checkin", date(2026, 10, 20))] if reminded else [])


def test_a_patient_with_an_unknown_time_zone_is_skipped_and_the_others_are_reminded(
    db: Outbox, caplog: pytest.LogCaptureFixture
) -> None:
    enrol(db, "lost", zone="Mars/Olympus_Mons")
    pat = enrol(db, "pat")

    assert remind(db, utc(2026, 10, 20, 22, 0)) == [(pat.patient_id, "checkin", date(2026, 10, 20))]
    assert "Mars/Olympus_Mons" in caplog.text


def test_the_reminder_is_an_email_to_the_patient_keyed_by_patient_kind_and_day(
    db: Outbox,
) -> None:
    pat = enrol(db, "pat")
    remind(db, utc(2026, 10, 20, 22, 0))

    with db.sessions() as session:
        (row,) = session.scalars(select(tables.OutboxMessage)).all()
    assert row.idempotency_key == f"reminder-{pat.patient_id}-checkin-2026-10-20"
    assert (row.channel, row.recipient, row.status, row.alert_id) == (
        "email",
        "pat@patients.example.org",
        "pending",
        None,
    )
    assert row.subject == "Rootwise: time for today's check-in"
    assert row.body["reminder"] == "checkin"
    assert row.next_attempt_at == utc(2026, 10, 20, 22, 0)


# --- Questionnaires ----------------------------------------------------------------------------


def test_questionnaire_reminders_fall_on_the_schedules_local_dates_for_a_year(db: Outbox) -> None:
    pat = enrol(db, "pat", surgery=date(2026, 1, 31))
    # 18:30 EST / 19:30 EDT: after the reminder time, on the same New York day.
    evenings = [utc(2026, 1, 31, 23, 30) + timedelta(days=n) for n in range(367)]

    sent = [r for evening in evenings for r in remind(db, evening)]

    assert [(kind, day) for who, kind, day in sent if kind != "checkin"] == [
        ("questionnaire_baseline", date(2026, 1, 31)),
        ("questionnaire_2_weeks", date(2026, 2, 14)),
        ("questionnaire_6_weeks", date(2026, 3, 14)),
        ("questionnaire_3_months", date(2026, 4, 30)),  # 31 April does not exist
        ("questionnaire_6_months", date(2026, 7, 31)),
        ("questionnaire_12_months", date(2027, 1, 31)),
    ]
    daily = [day for who, kind, day in sent if kind == "checkin"]
    assert (daily[0], daily[-1], len(daily)) == (date(2026, 2, 1), date(2027, 1, 31), 365)
    assert {who for who, _, _ in sent} == {pat.patient_id}


def test_surgeries_at_the_end_of_november_all_have_their_3_month_questionnaire_on_28_february(
    db: Outbox,
) -> None:
    patients = {
        enrol(db, f"pat{day}", surgery=date(2025, 11, day)).patient_id for day in (28, 29, 30)
    }
    enrol(db, "december", surgery=date(2025, 12, 1))

    sent = remind(db, utc(2026, 2, 28, 23, 30))
    next_day = remind(db, utc(2026, 3, 1, 23, 30))

    assert {who for who, kind, _ in sent if kind == "questionnaire_3_months"} == patients
    assert [kind for _, kind, _ in next_day if kind != "checkin"] == ["questionnaire_3_months"]


def test_a_questionnaire_falls_due_on_the_patients_own_date(db: Outbox) -> None:
    anjali = enrol(db, "anjali", zone=KOLKATA, surgery=date(2026, 10, 1), at=time(1, 0))

    # 14 October in UTC, but already 15 October, 01:30, in Kolkata: two weeks after surgery.
    sent = remind(db, utc(2026, 10, 14, 20, 0))

    assert (anjali.patient_id, "questionnaire_2_weeks", date(2026, 10, 15)) in sent


def test_a_questionnaire_reminder_goes_even_after_the_days_check_in(db: Outbox) -> None:
    pat = enrol(db, "pat", surgery=date(2026, 10, 6))
    check_in(db, pat, utc(2026, 10, 20, 13, 0))

    assert remind(db, utc(2026, 10, 20, 22, 0)) == [
        (pat.patient_id, "questionnaire_2_weeks", date(2026, 10, 20))
    ]
    with db.sessions() as session:
        subject = session.scalars(select(tables.OutboxMessage.subject)).one()
    assert subject == "Rootwise: your 2-week questionnaire is due"


# --- In the worker -----------------------------------------------------------------------------


def test_the_worker_looks_for_due_reminders_on_the_first_pass_of_each_minute(db: Outbox) -> None:
    pat = enrol(db, "pat", at=time(18, 0, 30))
    care = CareTasks(db.sessions, SETTINGS)
    six_pm = utc(2026, 10, 20, 22, 0)

    care.run(six_pm)
    care.run(six_pm + timedelta(seconds=45))  # due by now, but this minute was looked at
    with db.sessions() as session:
        assert session.scalars(select(tables.ReminderSent)).all() == []

    care.run(six_pm + timedelta(minutes=1))
    with db.sessions() as session:
        assert session.scalars(select(tables.ReminderSent.patient_id)).all() == [pat.patient_id]


# --- Patients enrolled before reminders existed ----------------------------------------------

_databases = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own, on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rootwise.sqlite3'}"
        return
    server: postgres.Server = request.getfixturevalue("pg_server")
    admin = request.getfixturevalue("pg_admin")
    name = f"reminders_{os.getpid()}_{next(_databases)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.url(name)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


def test_patients_enrolled_before_reminders_existed_get_them_at_six_pm_and_keep_their_data(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0001")
        # Written as revision 0001 knew the tables, read back from the database itself.
        old = MetaData()
        at = utc(2026, 10, 20, 13, 0)
        rows = {
            "clinics": {
                "name": "A",
                "phone": "1",
                "on_call_phone": "2",
                "emergency_number": "911",
                "time_zone": NEW_YORK,
                "created_at": at,
            },
            "users": {
                "clinic_id": 1,
                "email": "pat@patients.example.org",
                "password_hash": "x",
                "role": "patient",
                "display_name": "Pat",
                "is_active": True,
                "created_at": at,
            },
            "patients": {
                "clinic_id": 1,
                "user_id": 1,
                "display_name": "Pat",
                "procedure": "discectomy",
                "surgery_date": date(2026, 10, 1),
                "levels": [],
                "conditions": [],
                "time_zone": NEW_YORK,
                "language": "en",
                "created_at": at,
            },
            "checkins": {
                "patient_id": 1,
                "recorded_at": utc(2026, 10, 19, 13, 0),
                "utc_offset_minutes": -240,
                "received_at": at,
                "answers": {},
            },
        }
        with engine.begin() as connection:
            for name, row in rows.items():
                table = Table(name, old, autoload_with=connection)
                connection.execute(insert(table), [{"id": 1, **row}])

        migrate.upgrade(engine)
        sessions = make_sessions(engine)
        with sessions() as session:
            patient = session.get_one(tables.Patient, 1)
            assert (patient.reminder_time, patient.reminders_enabled) == (time(18, 0), True)
        sent = send_due_reminders(sessions, now=utc(2026, 10, 20, 22, 0), settings=SETTINGS)
        assert sent == [Reminder(1, "checkin", date(2026, 10, 20))]

        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM checkins")).scalar() == 1
        migrate.upgrade(engine)
    finally:
        engine.dispose()


class _Restarting:
    """The database's sessions, refused while it is down, as during a restart."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self.down = True

    def __call__(self) -> Session:
        self._refuse_while_down()
        return self._sessions()

    def begin(self) -> AbstractContextManager[Session]:
        self._refuse_while_down()
        return self._sessions.begin()

    def _refuse_while_down(self) -> None:
        if self.down:
            raise OperationalError("BEGIN", {}, Exception("the database system is starting up"))


def test_a_reminder_pass_that_failed_is_tried_again_half_a_minute_later_not_next_minute(
    db: Outbox,
) -> None:
    pat = enrol(db, "pat", at=time(18, 0))
    six_pm = utc(2026, 10, 20, 22, 0)
    database = _Restarting(db.sessions)
    care = CareTasks(cast(sessionmaker[Session], database), SETTINGS)

    care.run(six_pm)  # every task fails
    database.down = False
    care.run(six_pm + timedelta(seconds=10))  # too soon to try again
    with db.sessions() as session:
        assert session.scalars(select(tables.ReminderSent)).all() == []

    care.run(six_pm + RETRY_FAILED_TASK_AFTER)
    with db.sessions() as session:
        assert session.scalars(select(tables.ReminderSent.patient_id)).all() == [pat.patient_id]
