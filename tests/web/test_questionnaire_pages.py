"""The questionnaire pages: the schedule, a whole form or one question per screen, the
score's meaning afterwards, and the charts on the home and clinician pages.

Alice is on day 18 after a discectomy: her 2-week questionnaires are open.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.browser import hidden, log_in
from tests.web.seed import Cast

PEG = "/questionnaires/2_weeks/peg"


def post_form(client: TestClient, path: str, page: str, **fields: str) -> str:
    """Send the form on `page` with its hidden fields and `fields`; the answer's text."""
    data = {
        name: hidden(page, name)
        for name in ("csrf_token", "layout", "step")
        if f'name="{name}"' in page
    }
    carried = re.findall(r'<input type="hidden" name="(item-[^"]+)" value="([^"]*)"', page)
    response = client.post(path, data={**data, **dict(carried), **fields})
    if response.status_code == 303:
        return client.get(response.headers["location"]).text
    return response.text


def test_the_schedule_lists_the_open_two_week_questionnaires(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    page = client.get("/questionnaires").text

    assert "Ready for you now: your 2-week questionnaires" in page
    assert f'href="{PEG}"' in page
    # The licensed questionnaires are not offered without their wording.
    assert "/questionnaires/2_weeks/odi" not in page
    assert "Missed" in page  # the baseline window closed on day 10


def test_a_whole_form_is_scored_and_its_meaning_shown(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    form = client.get(PEG).text
    assert form.count('type="radio"') == 33

    result = post_form(
        client, PEG, form, **{"item-peg-1": "4", "item-peg-2": "5", "item-peg-3": "6"}
    )

    assert "Thank you. Your answers are saved." in result
    assert "Pain and how much it gets in the way: 5 out of 10." in result
    assert f'href="{PEG}"' not in result


def test_one_question_per_screen_carries_the_answers_to_the_end(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    first = client.get(PEG + "?layout=one").text
    assert "Question 1 of 3" in first

    second = post_form(client, PEG, first, **{"item-peg-1": "8"})
    assert "Question 2 of 3" in second
    third = post_form(client, PEG, second, **{"item-peg-2": "7"})
    assert "Question 3 of 3" in third
    assert "Send my answers" in third

    result = post_form(client, PEG, third, **{"item-peg-3": "6"})
    assert "Pain and how much it gets in the way: 7 out of 10." in result
    # The choice is remembered for the next questionnaire.
    assert hidden(client.get("/questionnaires/2_weeks/nrs-leg").text, "layout") == "one"


def test_back_returns_to_the_previous_question_with_its_answer(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    first = client.get(PEG + "?layout=one").text
    second = post_form(client, PEG, first, **{"item-peg-1": "8"})

    back = post_form(client, PEG, second, move="back")

    assert "Question 1 of 3" in back
    assert 'id="item-peg-1-8" name="item-peg-1" value="8" checked' in back


def test_an_answer_that_is_not_an_option_is_shown_again_with_the_error(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    form = client.get(PEG).text

    response = client.post(
        PEG,
        data={"csrf_token": hidden(form, "csrf_token"), "layout": "all", "item-peg-2": "12"},
    )

    assert response.status_code == 422
    assert 'href="#item-peg-2"' in response.text
    assert "choose one of the answers shown" in response.text


def test_a_questionnaire_that_is_not_open_is_not_found(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    assert client.get("/questionnaires/6_weeks/peg").status_code == 404
    assert client.get("/questionnaires/2_weeks/odi").status_code == 404
    assert client.get("/questionnaires/2_weeks/nonsense").status_code == 404


def test_a_form_sent_without_its_token_is_refused(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    response = client.post(PEG, data={"item-peg-1": "3"})
    assert response.status_code == 403


def test_the_clinician_cannot_open_the_patients_questionnaires(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.carol.email)
    response = client.get(PEG, follow_redirects=False)
    assert response.status_code in (303, 403, 404)


def test_the_home_page_shows_the_pain_chart_with_its_numbers(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    page = client.get("/").text

    assert 'id="pain-chart"' in page
    assert "Weeks after surgery" in page
    assert "Show the numbers" in page
    assert "At 2 weeks after surgery" in page


def test_the_clinician_sees_the_trend_and_the_charts(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    form = client.get(PEG).text
    post_form(client, PEG, form, **{"item-peg-1": "4", "item-peg-2": "5", "item-peg-3": "6"})
    client.post("/logout", data={"csrf_token": hidden(client.get("/").text, "csrf_token")})

    log_in(client, cast.carol.email)
    page = client.get(f"/clinic/patients/{cast.alice.patient_id}").text

    assert 'id="recovery-trend"' in page
    assert "Not reviewed yet" in page
    assert 'id="pain-chart"' in page
    assert 'id="scores-peg"' in page
