"""Your plan: home care, the walking goal and the exercises, for the signed-in patient only."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.web.browser import log_in
from tests.web.conftest import running
from tests.web.seed import NOW, Cast
from tests.web.test_patient_pages import INTENDED_USE, audit_trail, checkin_for


def plan_of(client: TestClient, email: str) -> str:
    log_in(client, email)
    page = client.get("/plan")
    assert page.status_code == 200, page.text
    return page.text


def section(html: str, title_id: str) -> str:
    """The section labelled by `title_id`, up to the next section."""
    start = html.index(f'aria-labelledby="{title_id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def test_the_plan_shows_home_care_walking_exercises_and_when_to_get_help(
    client: TestClient, cast: Cast
) -> None:
    html = plan_of(client, cast.alice.email)  # day 18 after a discectomy
    assert "<h1>Your plan</h1>" in html
    assert "It is 18 days since your surgery (week 3)." in html
    for title in ("Stop and get help", "Ice, heat and TENS", "Your walking goal today"):
        assert title in html
    assert "Your exercises" in html
    assert "Tell us what you did" in html


def test_home_care_says_what_suits_now(client: TestClient, cast: Cast) -> None:
    care = section(plan_of(client, cast.alice.email), "home-care-title")
    assert "Ice: suits you now" in care
    assert "Heat: suits you now" in care
    assert "TENS machine: suits you now" in care
    assert "15 to 20 minutes" in care
    assert "Do not use heat on skin that feels numb." in care


def test_the_walking_goal_starts_small_when_nothing_is_logged(
    client: TestClient, cast: Cast
) -> None:
    walking = section(plan_of(client, cast.alice.email), "walking-title")
    assert "Aim for about 15 minutes of walking a day. Split it into 3 walks of about 5 " in walking
    assert "Log your walking when you check in" in walking


def test_exercises_show_their_picture_steps_how_often_and_when_to_stop(
    client: TestClient, cast: Cast
) -> None:
    exercises = section(plan_of(client, cast.alice.email), "exercises-title")
    for name in ("Walking", "Tummy tightening", "Seated nerve slide"):
        assert f">{name}</h3>" in exercises
    images = re.findall(r'<img src="/static/exercises/([a-z-]+\.svg)" alt="([^"]+)"', exercises)
    assert [name for name, _ in images] == [
        "walking.svg",
        "tummy-tightening.svg",
        "nerve-slide.svg",
    ]
    assert all(len(alt) > 20 for _, alt in images)
    assert "How often</dt><dd>2 or 3 times a day.</dd>" in exercises
    assert "When to stop" in exercises
    assert "Stop and call emergency services now if a leg suddenly gets weak." in exercises
    # Harder core work is listed as coming later, with its week.
    assert "<li>Bridge: from week 5</li>" in exercises
    assert "<li>Arm and leg reach: from week 7</li>" in exercises


def test_after_a_fusion_only_walking_is_open_and_the_page_says_why(
    client: TestClient, cast: Cast
) -> None:
    exercises = section(plan_of(client, cast.bob.email), "exercises-title")
    assert ">Walking</h3>" in exercises
    assert ">Tummy tightening</h3>" not in exercises
    assert "After a fusion, the bones need time to join." in exercises
    assert "<li>Tummy tightening: from week 7</li>" in exercises


def test_the_red_flags_use_the_clinics_own_numbers(client: TestClient, cast: Cast) -> None:
    helps = section(plan_of(client, cast.alice.email), "help-title")
    assert "Stop and call 911 now if:" in helps
    assert 'href="tel:911">Call 911</a>' in helps
    assert "You feel numb between your legs or around your bottom." in helps
    assert 'href="tel:5550100100">(555) 010-0100</a>' in helps


def test_what_the_patient_logged_shapes_the_plan(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    checkin_for(
        engine,
        cast.alice,
        walking_minutes=20,
        numbness="new",
        wound=["drainage_clear"],
        exercises=[{"kind": "walking", "minutes": 20}, {"kind": "nerve_glide"}],
    )
    html = plan_of(client, cast.alice.email)
    care = section(html, "home-care-title")
    assert "You told us part of your leg or foot feels numb. Keep ice away from that part." in care
    assert "Heat: not for you now" in care
    assert "your wound is still healing" in care
    assert "TENS machine: not for you now" in care
    walking = section(html, "walking-title")
    assert "Aim for about 24 minutes of walking a day." in walking
    assert "Most days lately you walked about 20 minutes." in walking
    logged = section(html, "log-title")
    assert "<li>Walking: on 1 day</li>" in logged
    assert "<li>Nerve glides: on 1 day</li>" in logged


def test_before_the_surgery_the_plan_is_for_its_first_days(database_url: str, cast: Cast) -> None:
    with running(database_url, lambda: NOW - timedelta(days=20)) as client:
        html = plan_of(client, cast.alice.email)
    assert "Your surgery is on Monday, March 2, 2026." in html
    assert "Ice helps most in the first few days after surgery." in html
    assert "Heat: not for you now" in html


def test_reading_the_plan_is_audited(client: TestClient, cast: Cast, engine: Engine) -> None:
    plan_of(client, cast.alice.email)
    assert (cast.alice.user_id, cast.alice.patient_id, "read", "plan") in audit_trail(engine)


def test_a_clinician_cannot_open_a_patients_plan(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.carol.email)
    page = client.get("/plan")
    assert page.status_code == 303
    assert page.headers["location"] == "/clinic"
    assert not [row for row in audit_trail(engine) if row[3] == "plan"]


def test_nobody_signed_in_is_sent_to_log_in(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 303
    assert page.headers["location"] == "/login"


def test_the_plan_is_in_the_patients_menu(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    assert '<a href="/plan">Your plan</a>' in client.get("/").text
    assert '<a href="/plan" aria-current="page">Your plan</a>' in client.get("/plan").text


def test_the_page_keeps_to_the_patient_page_rules(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    page = client.get("/plan")
    assert INTENDED_USE in page.text
    assert "<script" not in page.text
    assert " style=" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in (Path(__file__).parents[2] / "src/rootwise/web/static/exercises").glob("*.svg")
    ),
)
def test_every_illustration_is_served_as_an_image(client: TestClient, name: str) -> None:
    answer = client.get(f"/static/exercises/{name}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert "<title" in answer.text
