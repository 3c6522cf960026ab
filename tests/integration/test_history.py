"""Stored check-ins read back as history: the same values on SQLite and PostgreSQL.

`history_since` reads a few columns rather than the stored answers, and parses each
distinct list of medicines once; these tests hold it to what each stored row says.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from rootwise.clinical.model import Medication, MedicationClass, PastCheckIn, Temperature
from rootwise.clinical.model import TemperatureUnit as Unit
from rootwise.store import tables
from rootwise.store.checkins import history_since
from rootwise.store.types import in_offset
from tests.integration.harness import Database
from tests.integration.world import NOW

SINCE = NOW - timedelta(days=30)
GABAPENTIN = [{"name": "gabapentin", "class": "gabapentinoid", "dose_mg": 300}]
TWO_MEDICINES = [
    {"name": "ibuprofen", "class": "nsaid", "dose_mg": 400.5, "doses_per_day": 3},
    {"name": "paracetamol", "class": "acetaminophen"},
]


def store(db: Database, patient_id: int, *rows: dict[str, Any]) -> None:
    with db.sessions.begin() as session:
        for row in rows:
            session.add(
                tables.CheckIn(
                    patient_id=patient_id,
                    received_at=row["recorded_at"],
                    answers={},
                    **{"utc_offset_minutes": 0, **row},
                )
            )


def by_columns(db: Database, patient_id: int) -> tuple[PastCheckIn, ...]:
    """What the rules should see: each stored row's columns, read one by one."""
    with db.sessions() as session:
        rows = session.execute(
            tables.CheckIn.__table__.select()
            .where(tables.CheckIn.patient_id == patient_id, tables.CheckIn.recorded_at >= SINCE)
            .order_by(tables.CheckIn.recorded_at)
        ).all()
    return tuple(
        PastCheckIn(
            recorded_at=in_offset(row.recorded_at, row.utc_offset_minutes),
            leg_pain=row.leg_pain,
            temperature=(
                Temperature(row.temperature_value, Unit(row.temperature_unit))
                if row.temperature_value is not None
                else None
            ),
            medications=(
                None
                if row.medications is None
                else tuple(
                    Medication(
                        m["name"],
                        MedicationClass(m["class"]),
                        m.get("dose_mg"),
                        m.get("doses_per_day"),
                    )
                    for m in row.medications
                )
            ),
        )
        for row in rows
    )


def read(db: Database, patient_id: int) -> tuple[PastCheckIn, ...]:
    with db.sessions() as session:
        return history_since(session, patient_id, SINCE)


def test_history_holds_every_stored_value_exactly_oldest_first(db: Database) -> None:
    alice = db.world.alice.patient_id
    assert alice is not None
    # Stored out of order, in several offsets, with a temperature that only survives a
    # round trip as the exact double (37.449999999999996 is not 37.45).
    store(
        db,
        alice,
        {
            "recorded_at": NOW - timedelta(days=1),
            "utc_offset_minutes": 330,
            "leg_pain": 3,
            "temperature_value": 37.449999999999996,
            "temperature_unit": "C",
            "medications": TWO_MEDICINES,
        },
        {
            "recorded_at": NOW - timedelta(days=3, microseconds=1),
            "utc_offset_minutes": -240,
            "leg_pain": None,
            "temperature_value": 100.9,
            "temperature_unit": "F",
            "medications": [],
        },
        {
            "recorded_at": NOW - timedelta(days=2),
            "utc_offset_minutes": -300,
            "leg_pain": 10,
            "medications": GABAPENTIN,
        },
        # Not answered, as `submit_checkin` stores it (JSON null), and as a bare NULL.
        {"recorded_at": NOW - timedelta(seconds=1), "leg_pain": 0, "medications": None},
        {"recorded_at": NOW - timedelta(hours=12), "leg_pain": 1},
        # Before `since`: not history.
        {"recorded_at": SINCE - timedelta(microseconds=1), "leg_pain": 9},
    )

    history = read(db, alice)

    assert history == by_columns(db, alice)
    assert [c.leg_pain for c in history] == [None, 10, 3, 1, 0]
    assert [c.recorded_at.utcoffset() for c in history] == [
        timedelta(minutes=-240),
        timedelta(minutes=-300),
        timedelta(minutes=330),
        timedelta(0),
        timedelta(0),
    ]
    assert history[0].recorded_at == NOW - timedelta(days=3, microseconds=1)
    assert history[0].temperature == Temperature(100.9, Unit.FAHRENHEIT)
    assert history[0].medications == ()
    assert history[1].temperature is None
    assert history[2].temperature == Temperature(37.449999999999996, Unit.CELSIUS)
    assert history[2].medications == (
        Medication("ibuprofen", MedicationClass.NSAID, 400.5, 3),
        Medication("paracetamol", MedicationClass.ACETAMINOPHEN),
    )
    assert history[3].medications is None
    assert history[4].medications is None


def test_a_patient_without_check_ins_has_no_history(db: Database) -> None:
    alice, bob = db.world.alice.patient_id, db.world.bob.patient_id
    assert alice is not None
    assert bob is not None
    store(db, bob, {"recorded_at": NOW - timedelta(days=1), "leg_pain": 4})

    assert read(db, alice) == ()
    assert [c.leg_pain for c in read(db, bob)] == [4]


def test_a_year_of_daily_check_ins_reads_back_in_order(db: Database) -> None:
    alice = db.world.alice.patient_id
    assert alice is not None
    start = datetime(2025, 10, 21, 9, 0, tzinfo=UTC)
    store(
        db,
        alice,
        *(
            {"recorded_at": start + timedelta(days=n), "leg_pain": n % 11}
            for n in reversed(range(365))
        ),
    )

    history = read(db, alice)

    assert history == by_columns(db, alice)
    assert len(history) == 30
    assert [c.recorded_at for c in history] == sorted(c.recorded_at for c in history)
