"""Home, result and history: each patient sees only their own, and every read is audited."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from rootwise.services.checkins import submit_checkin
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.store.database import make_sessions
from tests.web.browser import log_in, send_checkin
from tests.web.seed import NOW, Cast, Person

INTENDED_USE = (
    "Decision support for you and your care team; it does not replace your clinician’s "
    'judgement. If you feel you are in danger, call <a href="tel:911">911</a> now.'
)


def checkin_for(engine: Engine, person: Person, **answers: object) -> int:
    """A check-in stored directly through the service, as another device would send it."""
    assert person.patient_id is not None
    an_hour_ago = (NOW - timedelta(hours=1)).astimezone(ZoneInfo("America/New_York"))
    body = {"recorded_at": an_hour_ago.isoformat(), **answers}
    receipt = submit_checkin(
        make_sessions(engine),
        patient_id=person.patient_id,
        user_id=person.user_id,
        body=json.dumps(body).encode(),
        now=NOW,
        settings=Settings(),
    )
    return receipt.checkin_id


def audit_trail(engine: Engine) -> list[tuple[int | None, int | None, str, str]]:
    with engine.connect() as connection:
        return [
            (row.user_id, row.patient_id, row.action, row.resource)
            for row in connection.execute(select(tables.AuditEntry).order_by(tables.AuditEntry.id))
        ]


def test_home_says_when_nobody_has_checked_in_today(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    page = client.get("/").text
    assert "You have not checked in yet today." in page
    assert ">Check in now</a>" in page
    assert "<strong>18 days</strong> since your surgery (week 3)" in page
    assert "Most people now have less leg pain" in page
    assert "Your 2-week questionnaires are ready" in page


def test_home_shows_todays_check_in_and_its_level(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    send_checkin(client, {"saddle_numbness": "yes"})
    page = client.get("/").text
    assert "You checked in today at 10:00 AM." in page
    assert "Result: Emergency" in page
    assert ">Check in again</a>" in page


def test_home_keeps_showing_an_earlier_more_urgent_check_in_today(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    checkin_for(engine, cast.alice, saddle_numbness="yes")  # at 9:00 New York time
    log_in(client, cast.alice.email)
    send_checkin(
        client,
        {
            "bladder": "normal",
            "bowel": "normal",
            "saddle_numbness": "no",
            "weakness": "none",
            "numbness": "none",
            "chills": "no",
            "wound": "none",
            "calf_pain_or_swelling": "no",
            "chest_pain_or_breathless": "no",
            "headache_when_upright": "no",
        },
    )
    page = client.get("/").text
    assert "Result: Nothing urgent" in page
    assert "An earlier check-in today at 9:00 AM said: Emergency." in page


def test_the_history_lists_the_patients_own_check_ins_newest_first(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    checkin_for(engine, cast.alice, leg_pain=7, back_pain=2)
    checkin_for(engine, cast.bob, leg_pain=1)
    log_in(client, cast.alice.email)
    send_checkin(client, {"leg_pain": "4"})
    page = client.get("/history").text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 2  # not Bob's
    assert "10:00 AM" in rows[0]
    assert "9:00 AM" in rows[1]
    assert "<td>7</td>" in rows[1]
    assert "<td>2</td>" in rows[1]
    assert 'class="visually-hidden">not answered' in rows[0]  # back pain left out
    assert '<th scope="col">Leg pain</th>' in page
    assert "<caption>" in page


@pytest.mark.parametrize("owner", ["bob", "dave"], ids=["same clinic", "another clinic"])
def test_a_patient_cannot_see_another_patients_result(
    client: TestClient, cast: Cast, engine: Engine, owner: str
) -> None:
    theirs = checkin_for(engine, getattr(cast, owner), saddle_numbness="yes")
    log_in(client, cast.alice.email)
    page = client.get(f"/checkins/{theirs}")
    assert page.status_code == 404
    assert "Page not found" in page.text
    assert "saddle" not in page.text.lower()


def test_a_result_that_does_not_exist_is_not_found(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    assert client.get("/checkins/999").status_code == 404


def test_every_read_of_the_patients_pages_is_audited(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    result = send_checkin(client, {"leg_pain": "3"}).headers["location"]
    client.get(result)
    client.get("/")
    client.get("/history")
    alice = (cast.alice.user_id, cast.alice.patient_id)
    reads = [(u, p, r) for u, p, action, r in audit_trail(engine) if action == "read"]
    # The home page reads the questionnaire plan too, audited as its own resource.
    assert reads == [
        (*alice, "checkin"),
        (*alice, "home"),
        (*alice, "questionnaires"),
        (*alice, "checkins"),
    ]


@pytest.mark.parametrize("path", ["/login", "/", "/checkin", "/history", "/checkins/1"])
def test_every_page_states_its_intended_use_and_keeps_the_emergency_number_one_tap_away(
    client: TestClient, cast: Cast, path: str
) -> None:
    # Clinician pages, which load htmx, are held to their own rules in test_clinic_pages.py.
    if path != "/login":
        log_in(client, cast.alice.email)
    if path == "/checkins/1":
        send_checkin(client, {"leg_pain": "1"})
    page = client.get(path)
    assert page.status_code == 200
    html = page.text
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'class="site-header__emergency" href="tel:911"' in html
    assert INTENDED_USE in html
    assert "<script" not in html  # patient pages need no script at all
    assert "script-src" not in page.headers["content-security-policy"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_the_emergency_number_is_the_patients_clinics_own(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.dave.email)  # Hilltop Spine, in London
    html = client.get("/").text
    assert 'href="tel:999">Emergency: call 999</a>' in html
    assert "tel:911" not in html


def test_the_stylesheet_is_served(client: TestClient) -> None:
    answer = client.get("/static/rootwise.css")
    assert answer.status_code == 200
    assert "text/css" in answer.headers["content-type"]


@pytest.mark.parametrize("path_id", ["abc", "0", "-1", "١", "2147483648", "9223372036854775808"])
def test_a_result_link_that_cannot_be_an_id_is_not_found(
    client: TestClient, cast: Cast, path_id: str
) -> None:
    log_in(client, cast.alice.email)
    page = client.get(f"/checkins/{path_id}")
    assert page.status_code == 404
    assert "Page not found" in page.text
