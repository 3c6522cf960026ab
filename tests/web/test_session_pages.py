"""Log-in, log-out and who may open which page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rootwise.settings import Settings
from rootwise.web.app import create_app
from tests.web.browser import hidden, log_in
from tests.web.conftest import SECRET
from tests.web.seed import Cast

PATIENT_PAGES = ["/", "/checkin", "/history", "/checkins/1"]


def test_a_patient_who_logs_in_lands_at_home_with_a_protected_session_cookie(
    client: TestClient, cast: Cast
) -> None:
    answer = log_in(client, cast.alice.email)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith("rootwise_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; see the https test below
    assert "Hello, Alice" in client.get("/").text


def test_over_https_the_session_cookie_is_secure(database_url: str, cast: Cast) -> None:
    app = create_app(Settings(database_url=database_url, secret_key=SECRET))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        answer = log_in(client, cast.alice.email)
    app.state.runtime.engine.dispose()
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith("rootwise_session=")
    )
    assert "Secure" in cookie


def test_a_clinician_who_logs_in_lands_on_the_worklist(client: TestClient, cast: Cast) -> None:
    answer = log_in(client, cast.carol.email)
    assert answer.headers["location"] == "/clinic"
    page = client.get("/clinic")
    assert page.status_code == 200
    assert "<h1>Worklist</h1>" in page.text


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.org", "wrong password"),
        ("nobody@example.org", "correct horse battery"),
    ],
    ids=["wrong password", "unknown e-mail"],
)
def test_a_failed_log_in_shows_the_form_again_without_saying_which_part_was_wrong(
    client: TestClient, email: str, password: str
) -> None:
    answer = log_in(client, email, password)
    assert answer.status_code == 401
    assert "rootwise_session=" not in answer.headers.get("set-cookie", "")
    assert "The e-mail address or password is not right." in answer.text
    assert 'role="alert"' in answer.text
    assert f'value="{email}"' in answer.text  # the address is kept, the password is not
    assert password not in answer.text


def test_a_log_in_without_the_form_token_is_refused(client: TestClient, cast: Cast) -> None:
    client.get("/login")
    answer = client.post(
        "/login",
        data={"email": cast.alice.email, "password": "correct horse battery", "csrf_token": "x"},
    )
    assert answer.status_code == 403
    assert "rootwise_session=" not in answer.headers.get("set-cookie", "")


def test_a_log_in_form_from_another_browser_is_refused(client: TestClient, cast: Cast) -> None:
    token = hidden(client.get("/login").text, "csrf_token")
    client.cookies.clear()  # a forged post carries the token but not this browser's cookie
    answer = client.post(
        "/login",
        data={"email": cast.alice.email, "password": "correct horse battery", "csrf_token": token},
    )
    assert answer.status_code == 403


@pytest.mark.parametrize("path", PATIENT_PAGES)
def test_patient_pages_send_visitors_who_are_not_logged_in_to_log_in(
    client: TestClient, path: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"


@pytest.mark.parametrize("path", PATIENT_PAGES)
def test_a_clinician_cannot_use_patient_pages(client: TestClient, cast: Cast, path: str) -> None:
    log_in(client, cast.carol.email)
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/clinic"


def test_a_clinician_cannot_send_a_check_in(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.carol.email)
    token = hidden(client.get("/clinic").text, "csrf_token")
    answer = client.post("/checkin", data={"csrf_token": token, "saddle_numbness": "no"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/clinic"


def test_a_patient_is_sent_home_from_the_clinic_page(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    answer = client.get("/clinic")
    assert answer.headers["location"] == "/"


def test_a_tampered_session_cookie_counts_as_logged_out(client: TestClient) -> None:
    client.cookies.set("rootwise_session", "WzEsInBhdGllbnQiXQ.forged.signature")
    assert client.get("/").headers["location"] == "/login"


def test_logging_out_ends_the_session(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    token = hidden(client.get("/").text, "csrf_token")
    answer = client.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"
    assert client.get("/").headers["location"] == "/login"


def test_logging_out_needs_the_form_token(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    answer = client.post("/logout", data={"csrf_token": "forged"})
    assert answer.status_code == 403
    assert client.get("/").status_code == 200  # still logged in


def test_someone_already_logged_in_skips_the_log_in_form(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.alice.email)
    assert client.get("/login").headers["location"] == "/"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.org\x00", "correct horse battery"),
        ("alice@example.org", "correct horse battery\x00"),
        ("a" * 300 + "@example.org", "correct horse battery"),
        ("alice@example.org", "x" * 5000),
    ],
    ids=["NUL in the e-mail", "NUL in the password", "e-mail too long", "password too long"],
)
def test_impossible_log_ins_get_the_same_answer_as_a_wrong_password(
    client: TestClient, email: str, password: str
) -> None:
    answer = log_in(client, email, password)
    assert answer.status_code == 401
    assert "The e-mail address or password is not right." in answer.text


def test_a_form_token_that_is_not_ascii_is_refused_not_a_crash(
    client: TestClient, cast: Cast
) -> None:
    log_in(client, cast.alice.email)
    assert client.post("/logout", data={"csrf_token": "é" * 64}).status_code == 403
    assert client.post("/checkin", data={"csrf_token": "é" * 64}).status_code == 403


def test_after_too_many_wrong_passwords_the_page_says_when_to_try_and_whom_to_call(
    client: TestClient, cast: Cast
) -> None:
    for _ in range(5):
        assert log_in(client, cast.alice.email, "not the password").status_code == 401

    answer = log_in(client, cast.alice.email)

    assert answer.status_code == 429
    assert "rootwise_session=" not in answer.headers.get("set-cookie", "")
    assert "too many tries to log in" in answer.text
    assert "You can try again in 15 minutes." in answer.text
    assert "you do not need to log in first" in answer.text
    assert 'If it is an emergency, call <a href="tel:911">911</a> now.' in answer.text
    assert "Otherwise, call your surgical team." in answer.text
    assert 'role="alert"' in answer.text
