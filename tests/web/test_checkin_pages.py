"""The check-in form, end to end through the same service as the JSON API."""

from __future__ import annotations

import itertools
import json
import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from rootwise.contract.request import parse_checkin
from rootwise.store import tables
from tests.web.browser import hidden, log_in, send_checkin
from tests.web.conftest import running
from tests.web.seed import NOW, SURGERY, Cast

ALL_CLEAR: dict[str, str | list[str]] = {
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
    "leg_pain": "2",
}


def stored(engine: Engine) -> list[tables.CheckIn]:
    with engine.connect() as connection:
        rows = connection.execute(select(tables.CheckIn).order_by(tables.CheckIn.id)).all()
    return [tables.CheckIn(**row._mapping) for row in rows]


def count(engine: Engine, table: type[tables.Base]) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table)) or 0


def main_text(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_saddle_numbness_shows_the_emergency_panel_with_the_number_to_call(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    answer = send_checkin(client, {**ALL_CLEAR, "saddle_numbness": "yes"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/checkins/{stored(engine)[0].id}"

    page = client.get(answer.headers["location"])
    main = main_text(page.text)
    assert page.status_code == 200
    # The emergency panel comes first in the page, with the number as a big tel: link.
    assert main.index("panel--emergency") < main.index("<h1")
    assert '<h1 id="act-now">Call 911 now</h1>' in main
    assert '<a class="button button--emergency" href="tel:911">Call 911</a>' in main
    assert 'href="tel:5550100100"' in main  # the clinic, for when they are safe
    assert "Do not drive yourself" in main
    assert "Numbness around your bottom" in main  # the finding's own advice


def test_the_form_is_converted_to_the_schemas_check_in(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    send_checkin(
        client,
        {
            **ALL_CLEAR,
            "leg_pain": "4",
            "back_pain": "3",
            "leg_pain_side": "left",
            "pain_qualities": ["burning", "tingling"],
            "temperature-value": "99,1",
            "temperature-unit": "F",
            "wound": ["warmth", "none"],
            "walking_minutes": "25",
            "sleep_quality": "6",
            "medications-1-name": "Gabapentin",
            "medications-1-class": "gabapentinoid",
            "medications-1-dose_mg": "300",
            "medications-1-doses_per_day": "3",
            "medications-3-name": "Ibuprofen",
            "medications-3-class": "nsaid",
            "side_effects": "dizziness",
            "modalities-ice-used": "yes",
            "modalities-ice-minutes": "15",
            "modalities-ice-relief": "4",
            "modalities-tens-relief": "2",
            "exercises-nerve_glide-done": "yes",
            "exercises-walking-minutes": "20",
            "note": "  Better than yesterday.  ",
        },
    )
    [row] = stored(engine)
    answers = row.answers
    assert answers == {
        "recorded_at": "2026-03-20T10:00:00-04:00",  # now, in the patient's New York time
        "bladder": "normal",
        "bowel": "normal",
        "saddle_numbness": "no",
        "weakness": "none",
        "numbness": "none",
        "chills": False,
        "calf_pain_or_swelling": False,
        "chest_pain_or_breathless": False,
        "headache_when_upright": False,
        "leg_pain": 4,
        "back_pain": 3,
        "leg_pain_side": "left",
        "pain_qualities": ["burning", "tingling"],
        "temperature": {"value": 99.1, "unit": "F"},
        "wound": ["warmth"],  # a sign ticked beside "none of these" wins
        "walking_minutes": 25,
        "sleep_quality": 6,
        "medications": [
            {"name": "Gabapentin", "class": "gabapentinoid", "dose_mg": 300, "doses_per_day": 3},
            {"name": "Ibuprofen", "class": "nsaid"},
        ],
        "side_effects": ["dizziness"],
        "modalities": [
            {"kind": "ice", "minutes": 15, "relief": 4},
            {"kind": "tens", "relief": 2},
        ],
        "exercises": [{"kind": "walking", "minutes": 20}, {"kind": "nerve_glide"}],
        "note": "Better than yesterday.",
    }


def test_unanswered_questions_stay_null_never_no(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    answer = send_checkin(client, {"leg_pain": "5"})
    [row] = stored(engine)
    assert set(row.answers) == {"recorded_at", "leg_pain"}
    checkin = parse_checkin(json.dumps(row.answers), now=NOW, surgery_date=SURGERY)
    assert checkin.saddle_numbness is None
    assert checkin.bladder is None
    assert checkin.chills is None
    assert checkin.wound is None
    assert checkin.medications is None
    # An incomplete safety screen is never reassuring.
    page = client.get(answer.headers["location"])
    assert "panel--routine" not in page.text
    assert "Check in again and answer every safety question" in page.text


def test_none_of_these_is_an_answer_unlike_no_tick_at_all(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    send_checkin(
        client,
        {
            **ALL_CLEAR,
            "side_effects": "none",
            "medications-none": "yes",
            "modalities-none": "yes",
            "exercises-none": "yes",
        },
    )
    answers = stored(engine)[0].answers
    assert answers["wound"] == []
    assert answers["side_effects"] == []
    assert answers["medications"] == []
    assert answers["modalities"] == []
    assert answers["exercises"] == []


def test_an_all_clear_check_in_is_routine_and_says_what_to_do_meanwhile(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    page = client.get(send_checkin(client, ALL_CLEAR).headers["location"])
    assert "panel--routine" in page.text
    assert "Nothing in today" in page.text
    assert "panel--emergency" not in page.text


def test_a_same_day_result_gives_the_surgical_team_and_on_call_numbers(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    page = client.get(
        send_checkin(
            client, {**ALL_CLEAR, "temperature-value": "38.6", "temperature-unit": "C"}
        ).headers["location"]
    )
    main = main_text(page.text)
    assert "Call your surgical team today" in main
    assert 'href="tel:5550100100"' in main
    assert 'href="tel:5550100199"' in main
    assert "infection" in main


def test_a_bad_answer_shows_the_form_again_with_a_summary_linking_to_each_field(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    answer = send_checkin(
        client,
        {
            **ALL_CLEAR,
            "saddle_numbness": "yes",
            "temperature-value": "104",
            "temperature-unit": "C",
            "walking_minutes": "lots",
            "medications-2-class": "opioid",
        },
    )
    assert answer.status_code == 422
    assert count(engine, tables.CheckIn) == 0
    assert count(engine, tables.Alert) == 0
    html = answer.text
    assert "<title>Error: Daily check-in" in html
    summary = re.search(r'<div class="error-summary"([^>]*)>(.*?)</div>', html, re.S)
    assert summary
    assert 'role="alert"' in summary.group(1)
    assert 'tabindex="-1"' in summary.group(1)
    assert "autofocus" in summary.group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(2))
    assert [target for target, _ in links] == [
        "temperature-value",
        "walking_minutes",
        "medications-2-name",
    ]
    for target, _ in links:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which must exist"
    # Each message also sits beside its field, and the field says so to screen readers.
    assert 'id="temperature-value-error"' in html
    assert 'aria-describedby="temperature-value-error"' in html
    assert "Write the name of the medicine." in html
    # What was entered is kept, the red flags included.
    assert 'value="104"' in html
    assert 'value="lots"' in html
    assert re.search(r'id="saddle_numbness-yes"[^>]*checked', html)
    assert re.search(r'<option value="opioid" selected>', html)
    assert '<details class="more" open>' in html  # medicine 2 is not hidden


def test_the_form_can_be_sent_once_corrected(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    first = send_checkin(client, {**ALL_CLEAR, "temperature-value": "38.6"})
    assert first.status_code == 422
    data = {
        "csrf_token": hidden(first.text, "csrf_token"),
        "idempotency_key": hidden(first.text, "idempotency_key"),
        **ALL_CLEAR,
        "temperature-value": "38.6",
        "temperature-unit": "C",
    }
    second = client.post("/checkin", data=data)
    assert second.status_code == 303
    assert count(engine, tables.CheckIn) == 1


def test_sending_the_same_form_twice_stores_one_check_in(
    database_url: str, cast: Cast, engine: Engine
) -> None:
    ticks = itertools.count()
    with running(database_url, lambda: NOW + timedelta(seconds=next(ticks))) as client:
        check_the_same_form_is_stored_once(client, cast, engine)


def check_the_same_form_is_stored_once(client: TestClient, cast: Cast, engine: Engine) -> None:
    log_in(client, cast.alice.email)
    form = client.get("/checkin").text
    data: dict[str, Any] = {
        "csrf_token": hidden(form, "csrf_token"),
        "idempotency_key": hidden(form, "idempotency_key"),
        **ALL_CLEAR,
    }
    first = client.post("/checkin", data=data)
    second = client.post("/checkin", data=data)  # a second tap, a second later
    assert count(engine, tables.CheckIn) == 1
    assert second.status_code == 303
    assert second.headers["location"] == first.headers["location"] + "?again=1"
    assert "already sent this check-in" in client.get(second.headers["location"]).text


def test_a_sent_form_sent_again_with_new_answers_is_a_new_check_in(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    # E.g. the patient went back to the form and added a warning sign: never swallow it.
    log_in(client, cast.alice.email)
    form = client.get("/checkin").text
    data: dict[str, Any] = {
        "csrf_token": hidden(form, "csrf_token"),
        "idempotency_key": hidden(form, "idempotency_key"),
        **ALL_CLEAR,
    }
    first = client.post("/checkin", data=data)
    second = client.post("/checkin", data={**data, "saddle_numbness": "yes"})
    assert count(engine, tables.CheckIn) == 2
    assert second.headers["location"] != first.headers["location"]
    assert "Call 911 now" in client.get(second.headers["location"]).text


def test_each_opening_of_the_form_gets_its_own_one_time_key(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    keys = {hidden(client.get("/checkin").text, "idempotency_key") for _ in range(3)}
    assert len(keys) == 3


def test_a_check_in_without_the_form_token_is_refused_and_not_stored(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    answer = client.post("/checkin", data={**ALL_CLEAR, "csrf_token": "forged"})
    assert answer.status_code == 403
    assert count(engine, tables.CheckIn) == 0


def test_another_sessions_form_token_is_refused(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.bob.email)
    bobs_token = hidden(client.get("/checkin").text, "csrf_token")
    client.cookies.clear()
    log_in(client, cast.alice.email)
    answer = client.post("/checkin", data={**ALL_CLEAR, "csrf_token": bobs_token})
    assert answer.status_code == 403
    assert count(engine, tables.CheckIn) == 0


def test_every_red_flag_question_with_unsure_in_the_schema_offers_not_sure(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    html = client.get("/checkin").text
    for name in ("bladder", "bowel", "saddle_numbness", "weakness", "weakness_onset"):
        assert re.search(rf'id="{name}-unsure"', html), name
    assert "checked" not in re.sub(r"<input[^>]*hidden[^>]*>", "", html)  # nothing chosen


def test_the_red_flag_questions_come_before_the_pain_scores(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    html = client.get("/checkin").text
    order = [
        html.index(f'name="{name}"')
        for name in (
            "bladder",
            "bowel",
            "saddle_numbness",
            "weakness",
            "numbness",
            "temperature-value",
            "chills",
            "wound",
            "calf_pain_or_swelling",
            "chest_pain_or_breathless",
            "headache_when_upright",
            "leg_pain",
            "back_pain",
        )
    ]
    assert order == sorted(order)


def test_every_input_has_a_label_and_every_radio_group_a_legend(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    html = client.get("/checkin").text
    ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html)
    assert len(ids) > 80
    for input_id in ids:
        assert f'<label class="label" for="{input_id}"' in html or (
            f'<label class="choice__label" for="{input_id}"' in html
        ), f"#{input_id} has no label"
    assert html.count("<fieldset") == html.count("<legend")


def test_the_very_same_submission_replayed_returns_the_first_result(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    # With the clock standing still the body is identical: the service replays its receipt.
    log_in(client, cast.alice.email)
    form = client.get("/checkin").text
    data = {
        "csrf_token": hidden(form, "csrf_token"),
        "idempotency_key": hidden(form, "idempotency_key"),
        **ALL_CLEAR,
    }
    first, second = client.post("/checkin", data=data), client.post("/checkin", data=data)
    assert second.headers["location"] == first.headers["location"]
    assert count(engine, tables.CheckIn) == 1
