"""The care team's worklist page: what it lists, in which order, and how it refreshes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.web.browser import log_in
from tests.web.clinic_support import (
    EMERGENCY,
    SAME_DAY,
    SOON,
    add_patient,
    audit_rows,
    clinic_of,
    flag_missed,
    main_text,
    minutes,
    outsider,
    send,
)
from tests.web.conftest import running
from tests.web.seed import NOW, Cast


def positions(html: str, *markers: str) -> list[int]:
    found = [html.find(marker) for marker in markers]
    assert -1 not in found, [m for m, at in zip(markers, found, strict=True) if at == -1]
    return found


def test_the_worklist_lists_emergencies_then_same_day_by_deadline_then_reviews_then_silence(
    database_url: str, cast: Cast, engine: Engine
) -> None:
    # Sent in an order that differs from the expected one at every step.
    same_day_later = send(engine, cast.bob, NOW - minutes(150), **SAME_DAY)  # due NOW+90
    same_day_sooner = send(engine, cast.alice, NOW - minutes(200), **SAME_DAY)  # due NOW+40
    emergency_later = send(engine, cast.bob, NOW - minutes(2), **EMERGENCY)  # due NOW+13
    emergency_sooner = send(engine, cast.alice, NOW - minutes(10), **EMERGENCY)  # due NOW+5
    send(engine, cast.alice, NOW - minutes(60), **SOON)
    quiet = add_patient(engine, clinic_id=clinic_of(engine, cast.alice), name="Quentin")
    send(engine, quiet, NOW - minutes(60 * 24 * 6))
    assert flag_missed(engine) == [quiet.patient_id]

    with running(database_url, lambda: NOW) as client:
        log_in(client, cast.carol.email)
        page = client.get("/clinic")

    assert page.status_code == 200
    html = main_text(page.text)
    order = positions(
        html,
        f'id="alert-{emergency_sooner.alert_id}"',
        f'id="alert-{emergency_later.alert_id}"',
        f'id="alert-{same_day_sooner.alert_id}"',
        f'id="alert-{same_day_later.alert_id}"',
        'id="reviews"',
        f'id="missed-{quiet.patient_id}"',
        "Off their expected recovery",
    )
    assert order == sorted(order)
    assert "Cauda equina: saddle numbness" in html
    assert "Screen: unsure cauda equina" in html
    assert "Screen: unsure weakness" in html
    assert html.count('class="level level--emergency">Emergency<') == 2
    assert html.count('class="level level--same_day">Same day<') == 2


def test_the_worklist_says_how_long_is_left_and_shows_overdue_alerts_plainly(
    database_url: str, cast: Cast, engine: Engine
) -> None:
    alert = send(engine, cast.alice, NOW, **EMERGENCY)  # 15 minutes to acknowledge
    texts = {}
    for later in (0, 5, 22, 15 + 60 * 26):
        with running(database_url, lambda later=later: NOW + minutes(later)) as client:
            log_in(client, cast.carol.email)
            html = main_text(client.get("/clinic").text)
        row = html[html.index(f'id="alert-{alert.alert_id}"') :]
        texts[later] = row[: row.index("</tr>")]

    assert '<span class="deadline">15 min left</span>' in texts[0]
    assert '<span class="deadline">10 min left</span>' in texts[5]
    assert '<span class="deadline deadline--overdue">Overdue by 7 min</span>' in texts[22]
    assert "Overdue by 1 d 2 h" in texts[15 + 60 * 26]
    assert "Acknowledge by 10:15 AM" in texts[0]  # the clinic's own clock, New York


def test_htmx_polls_get_only_the_rows_and_the_full_page_sets_up_the_polling(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    send(engine, cast.alice, NOW, **EMERGENCY)
    log_in(client, cast.carol.email)

    page = client.get("/clinic")
    rows = client.get("/clinic", headers={"HX-Request": "true"})

    assert 'hx-get="/clinic" hx-trigger="every 1s"' in page.text
    assert '<script src="/static/htmx-2.0.11.min.js" defer></script>' in page.text
    assert '<a href="/clinic">Reload the worklist</a>' in page.text  # for no script
    assert rows.status_code == 200
    assert "<html" not in rows.text
    assert "<main" not in rows.text
    assert rows.text.lstrip().startswith('<p class="meta">Updated at')
    assert "Cauda equina: saddle numbness" in rows.text
    assert page.headers["vary"] == rows.headers["vary"] == "HX-Request"


def test_the_vendored_htmx_is_served_and_is_version_2(client: TestClient) -> None:
    script = client.get("/static/htmx-2.0.11.min.js")
    assert script.status_code == 200
    assert 'version:"2.0.11"' in script.text


def test_clinician_pages_may_run_this_sites_scripts_and_nothing_else(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.carol.email)
    policy = client.get("/clinic").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe" not in policy
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


def test_clinician_pages_state_their_intended_use_without_the_patients_emergency_button(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.carol.email)
    html = client.get("/clinic").text
    assert "Decision support for the care team; it does not replace clinical judgement." in html
    assert "site-header__emergency" not in html
    assert '<a href="/clinic" aria-current="page">Worklist</a>' in html
    assert "/clinic/dead-letters" not in html  # admins only


def test_a_poll_after_the_session_ended_sends_the_page_to_log_in(client: TestClient) -> None:
    answer = client.get("/clinic", headers={"HX-Request": "true"})
    assert answer.status_code == 401
    assert answer.headers["hx-redirect"] == "/login"


def test_reading_the_worklist_is_audited_once_without_naming_patients(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    send(engine, cast.alice, NOW, **EMERGENCY)
    before = len(audit_rows(engine))
    log_in(client, cast.carol.email)
    client.get("/clinic")
    client.get("/clinic", headers={"HX-Request": "true"})
    assert audit_rows(engine)[before:] == [(cast.carol.user_id, None, "read", "worklist", None)] * 2


def test_an_acknowledged_alert_leaves_the_worklist(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    alert = send(engine, cast.alice, NOW, **EMERGENCY)
    log_in(client, cast.carol.email)
    page = client.get(f"/clinic/alerts/{alert.alert_id}")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(f"/clinic/alerts/{alert.alert_id}/acknowledge", data={"csrf_token": token})
    html = main_text(client.get("/clinic").text)
    assert f'id="alert-{alert.alert_id}"' not in html
    assert "No open alerts." in html


def test_another_clinics_clinician_sees_none_of_this_clinics_worklist(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    send(engine, cast.alice, NOW, **EMERGENCY)
    send(engine, cast.bob, NOW, **SOON)
    log_in(client, outsider(engine, cast).email)
    html = main_text(client.get("/clinic").text)
    assert "Alice" not in html
    assert "Bob" not in html
    assert "No open alerts." in html
    assert "No check-ins waiting for review." in html


@pytest.mark.parametrize("path", ["/clinic", "/clinic/alerts/1", "/clinic/patients/1"])
def test_a_patient_is_sent_back_to_their_own_pages(
    client: TestClient, cast: Cast, engine: Engine, path: str
) -> None:
    send(engine, cast.alice, NOW, **EMERGENCY)
    log_in(client, cast.alice.email)
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


@pytest.mark.parametrize(
    "path", ["/clinic", "/clinic/alerts/1", "/clinic/patients/1", "/clinic/dead-letters"]
)
def test_someone_not_logged_in_is_sent_to_log_in(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"
