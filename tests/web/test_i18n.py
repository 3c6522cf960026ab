"""Patient pages in the patient's own language: every page in Spanish with no English
text of ours left, the log-in page in the browser's language, the choice of language
stored and audited, and two patients reading in two languages at once never mixed.

Alice reads Spanish in these tests; Bob, of the same clinic, reads English. With
`alice_with_history`, Alice has seventeen days of check-ins and questionnaires before and
at 2 weeks, so her pages show the pain chart, the score charts and what seems to help.
"""

from __future__ import annotations

import html
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from rootwise.contract.errors import InputError
from rootwise.store import tables
from rootwise.web import i18n
from rootwise.web.catalogue import extract_messages
from rootwise.web.education import ARTICLES
from rootwise.web.pages import questionnaires
from rootwise.web.pages.rendering import page_templates
from tests.web.browser import hidden, log_in, send_checkin
from tests.web.conftest import running
from tests.web.seed import NOW, Cast, Person, recovery_history
from tests.web.test_patient_pages import checkin_for

ROOT = Path(__file__).resolve().parents[2]
PEG = "/questionnaires/2_weeks/peg"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
SAFE = {
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
}
# One check-in for each level, so that every result panel is seen in Spanish.
LEVELS = {
    "emergency": {**SAFE, "bladder": "new_retention", "wound": "drainage_pus"},
    "same_day": {**SAFE, "chills": "yes", "temperature-value": "38.6", "temperature-unit": "C"},
    "soon": {**SAFE, "numbness": "new", "weakness": "unsure"},
    "routine": {**SAFE, "leg_pain": "2", "back_pain": "1"},
}


def english_phrases() -> list[str]:
    """Every run of 4 or more words of our English text (the catalogue's msgids),
    between placeholders, as it would appear on a page."""
    phrases: set[str] = set()
    for message in extract_messages(ROOT):
        for msgid in [message.id] if isinstance(message.id, str) else list(message.id):
            for part in PLACEHOLDER.split(msgid):
                text = " ".join(re.sub(r"<[^>]+>", " ", part).split())
                if len(text.split()) >= 4:
                    phrases.add(text)
    return sorted(phrases)


ENGLISH = english_phrases()


def page_text(page: str) -> str:
    """What a reader sees (and hears), tags and line breaks aside."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def assert_spanish(page: str) -> None:
    assert re.search(r'<html lang="es">', page), page[:200]
    text = page_text(page)
    left = [phrase for phrase in ENGLISH if phrase in text]
    assert not left, f"English left on a Spanish page: {left}"


def set_language(engine: Engine, person: Person, language: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(tables.Patient)
            .where(tables.Patient.id == person.patient_id)
            .values(language=language)
        )


@pytest.fixture
def alice_in_spanish(client: TestClient, cast: Cast, engine: Engine) -> TestClient:
    set_language(engine, cast.alice, "es")
    log_in(client, cast.alice.email)
    return client


@pytest.fixture
def alice_with_history(client: TestClient, cast: Cast, engine: Engine) -> TestClient:
    recovery_history(engine, cast.alice)
    set_language(engine, cast.alice, "es")
    log_in(client, cast.alice.email)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/checkin",
        "/history",
        "/plan",
        "/questionnaires",
        PEG,
        f"{PEG}?layout=one",
        "/learn",
        *(f"/learn/{article.slug}" for article in ARTICLES),
        "/settings",
        "/checkins/999",  # the page-not-found page
    ],
)
def test_every_patient_page_is_all_spanish_for_a_spanish_reader(
    alice_in_spanish: TestClient, path: str
) -> None:
    page = alice_in_spanish.get(path)
    assert page.status_code in (200, 404)
    assert_spanish(page.text)


@pytest.mark.parametrize(
    "path", ["/", "/plan", "/history", "/questionnaires", PEG, f"{PEG}?layout=one"]
)
def test_pages_with_charts_scores_and_findings_are_all_spanish(
    alice_with_history: TestClient, path: str
) -> None:
    page = alice_with_history.get(path)
    assert page.status_code == 200
    assert_spanish(page.text)


def test_the_charts_and_what_seems_to_help_are_in_spanish_with_the_same_figures(
    alice_with_history: TestClient,
) -> None:
    page = alice_with_history.get("/").text
    # Every chart is there, so the check above read their words too.
    for chart in ("pain-chart", "scores-nrs-leg", "scores-odi", "scores-dn4"):
        assert f'<figure class="chart" id="{chart}">' in page
    text = page_text(page)
    assert (
        "Último dolor de pierna: 6 de 10 el 19 mar 2026, 2 semanas después de la cirugía." in text
    )
    assert "Semanas después de la cirugía" in text
    assert (
        "Último puntaje: 24 (2 semanas, 15 mar 2026). Es 22 menos que el primer puntaje, 46."
        in (text)
    )
    assert "Ya alcanzó una mejoría importante (36 o menos)." in text
    assert "Rango habitual del dolor de pierna" in text
    assert "Lo que parece ayudarle" in text
    assert (
        "Los días después de usar hielo, su dolor de pierna del día siguiente fue alrededor de "
        "5.5 puntos más bajo (entre 5.5 y 6 puntos más bajo)."
    ) in text
    assert "Esto no quiere decir que el medicamento empeore el dolor." in text
    assert "los días después de tomar acetaminofén" in text


# The plan in each situation that changes its words: a healing wound with numbness and
# exercises logged, a fusion, both implanted devices and pregnancy, and before surgery.
def test_the_plan_is_all_spanish_whatever_it_says(
    client: TestClient, cast: Cast, engine: Engine, database_url: str
) -> None:
    checkin_for(
        engine,
        cast.alice,
        walking_minutes=20,
        numbness="new",
        wound=["drainage_clear"],
        exercises=[{"kind": "walking", "minutes": 20}, {"kind": "nerve_glide"}],
    )
    for person in (cast.alice, cast.bob):
        set_language(engine, person, "es")
    log_in(client, cast.alice.email)
    logged = client.get("/plan").text
    assert_spanish(logged)
    assert "Trate de caminar unos 24 minutos al día." in logged
    assert "<li>Caminata: 1 día</li>" in logged
    assert "Nos dijo que siente adormecida una parte de la pierna o del pie." in logged

    with engine.begin() as connection:
        connection.execute(
            update(tables.Patient)
            .where(tables.Patient.id == cast.bob.patient_id)
            .values(conditions=["pacemaker", "implanted_stimulator", "pregnant"])
        )
    with TestClient(client.app, follow_redirects=False) as other:
        log_in(other, cast.bob.email)
        fusion = other.get("/plan").text
    assert_spanish(fusion)
    assert "Después de una fusión, los huesos necesitan tiempo para unirse." in fusion
    assert "Usted tiene un marcapasos y un estimulador implantado" in page_text(fusion)

    with running(database_url, lambda: NOW - timedelta(days=20)) as early:
        log_in(early, cast.alice.email)
        before = early.get("/plan").text
    assert_spanish(before)
    assert "Su cirugía es el lunes, 2 de marzo de 2026." in before


def test_an_answer_that_is_not_an_option_is_shown_in_spanish(alice_in_spanish: TestClient) -> None:
    form = alice_in_spanish.get(PEG).text
    sent = alice_in_spanish.post(
        PEG,
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "layout": "all",
            "step": "0",
            "item-peg-1": "11",
        },
    )
    assert sent.status_code == 422
    assert_spanish(sent.text)
    assert "Pregunta 1: elija una de las respuestas que se muestran" in page_text(sent.text)


def test_an_answer_the_questionnaire_service_refuses_is_shown_in_spanish(
    alice_in_spanish: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service explains a refusal in English, for the API; the page never shows it."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise InputError(("peg.2", "not an allowed value: 9"), ("peg.9", "unknown link id"))

    monkeypatch.setattr(questionnaires, "submit_response", refuse)
    form = alice_in_spanish.get(PEG).text
    sent = alice_in_spanish.post(
        PEG,
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "layout": "all",
            "step": "0",
            "item-peg-1": "4",
            "item-peg-2": "5",
            "item-peg-3": "6",
        },
    )
    assert sent.status_code == 422
    assert_spanish(sent.text)
    text = page_text(sent.text)
    assert "Pregunta 2: elija una de las respuestas que se muestran" in text
    assert "not an allowed" not in text


@pytest.mark.parametrize(
    ("problem", "shown"),
    [
        ("not an allowed value: 9", questionnaires.CHOOSE_ONE),
        ("not an allowed answer", questionnaires.CHOOSE_ONE),
        ("unknown link id", questionnaires.NOT_IN_THIS_QUESTIONNAIRE),
        ("anything else", questionnaires.CHOOSE_ONE),
    ],
)
def test_every_refusal_of_the_service_is_said_in_words_of_the_catalogue(
    problem: str, shown: str
) -> None:
    worded = questionnaires.in_patient_words(InputError(("peg.2", problem)))
    assert worded.errors == (("peg.2", shown),)
    with i18n.speaking(i18n.load_catalogues()["es"]):
        assert i18n.translate(shown) != shown


@pytest.mark.parametrize("level", list(LEVELS))
def test_the_result_of_every_level_is_all_spanish(alice_in_spanish: TestClient, level: str) -> None:
    sent = send_checkin(alice_in_spanish, LEVELS[level])
    page = alice_in_spanish.get(sent.headers["location"]).text
    assert f"panel--{level.replace('_', '-')}" in page
    assert_spanish(page)
    # The home page and the history show the same result, with its level in Spanish.
    assert_spanish(alice_in_spanish.get("/").text)
    assert_spanish(alice_in_spanish.get("/history").text)


def test_an_emergency_in_spanish_says_exactly_what_to_do_now(
    alice_in_spanish: TestClient,
) -> None:
    sent = send_checkin(alice_in_spanish, LEVELS["emergency"])
    page = page_text(alice_in_spanish.get(sent.headers["location"]).text)
    assert "Llame al 911 ahora" in page
    assert (
        "Llame al 911 ahora, o vaya a la sala de emergencias más cercana con alguien que "
        "maneje. No maneje usted. Dígales que tuvo una cirugía de espalda el 2 de marzo de 2026."
    ) in page
    assert "Esto necesita revisarse en el hospital de inmediato." in page


def test_a_form_with_problems_is_all_spanish(alice_in_spanish: TestClient) -> None:
    answer = send_checkin(
        alice_in_spanish,
        {"temperature-value": "60", "temperature-unit": "C", "medications-2-dose_mg": "x"},
    )
    assert answer.status_code == 422
    assert_spanish(answer.text)
    text = page_text(answer.text)
    assert "Revise estas respuestas, por favor" in text
    assert "Medicamento 2" in text


def test_a_questionnaire_answered_is_thanked_in_spanish(alice_in_spanish: TestClient) -> None:
    form = alice_in_spanish.get(PEG).text
    sent = alice_in_spanish.post(
        PEG,
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "layout": "all",
            "step": "0",
            "item-peg-1": "4",
            "item-peg-2": "5",
            "item-peg-3": "6",
        },
    )
    page = alice_in_spanish.get(sent.headers["location"]).text
    assert_spanish(page)
    assert "El dolor y cuánto le estorba: 5 de 10." in page_text(page)


def test_the_log_in_page_follows_the_browser_and_offers_the_other_language(
    client: TestClient,
) -> None:
    spanish = client.get("/login", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert_spanish(spanish.text)
    assert '<a href="/login?lang=en" hreflang="en" lang="en">English</a>' in spanish.text

    english = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in english.text
    assert '<a href="/login?lang=es" hreflang="es" lang="es">Español</a>' in english.text


def test_the_language_chosen_on_the_log_in_page_is_remembered(client: TestClient) -> None:
    chosen = client.get("/login?lang=es", headers={"Accept-Language": "en"})
    assert_spanish(chosen.text)
    again = client.get("/login", headers={"Accept-Language": "en"})
    assert_spanish(again.text)
    # A failed log-in answers in the same language.
    failed = client.post(
        "/login",
        data={
            "email": "x@example.org",
            "password": "no",
            "csrf_token": hidden(again.text, "csrf_token"),
        },
        headers={"Accept-Language": "en"},
    )
    assert failed.status_code == 401
    assert_spanish(failed.text)
    assert "El correo electrónico o la contraseña no son correctos." in failed.text


def test_a_patients_own_language_wins_over_the_browsers(client: TestClient, cast: Cast) -> None:
    log_in(client, cast.bob.email)
    page = client.get("/", headers={"Accept-Language": "es"})
    assert '<html lang="en">' in page.text
    assert "Hello, Bob" in page.text


def test_clinician_pages_stay_in_english(client: TestClient, cast: Cast) -> None:
    client.get("/login?lang=es")
    log_in(client, cast.carol.email)
    page = client.get("/clinic", headers={"Accept-Language": "es"})
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "Skip to main content" in page.text
    assert "Log out" in page.text


def test_a_patient_changes_their_language_and_the_change_is_stored_and_audited(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    log_in(client, cast.alice.email)
    form = client.get("/settings")
    assert re.search(r'id="language-en" name="language" value="en" checked>', form.text)

    sent = client.post(
        "/settings/language",
        data={"language": "es", "csrf_token": hidden(form.text, "csrf_token")},
    )

    assert sent.status_code == 303
    assert sent.headers["location"] == "/settings?saved=1"
    saved = client.get("/settings?saved=1").text
    assert_spanish(saved)
    assert "Guardado. Sus páginas ahora están en este idioma." in saved
    with engine.connect() as connection:
        languages = {
            row.id: row.language
            for row in connection.execute(select(tables.Patient.id, tables.Patient.language))
        }
        audit = connection.execute(
            select(tables.AuditEntry).where(tables.AuditEntry.resource == "language")
        ).all()
    assert languages[cast.alice.patient_id] == "es"
    assert languages[cast.bob.patient_id] == "en"  # nobody else's changes
    assert [(a.user_id, a.patient_id, a.action, a.resource_id) for a in audit] == [
        (cast.alice.user_id, cast.alice.patient_id, "update", "es")
    ]
    assert_spanish(client.get("/").text)


@pytest.mark.parametrize(
    ("fields", "status"),
    [({"language": "fr"}, 422), ({"language": "es", "csrf_token": "forged"}, 403)],
)
def test_a_language_change_that_is_not_valid_changes_nothing(
    client: TestClient, cast: Cast, engine: Engine, fields: dict[str, str], status: int
) -> None:
    log_in(client, cast.alice.email)
    token = hidden(client.get("/settings").text, "csrf_token")
    answer = client.post("/settings/language", data={"csrf_token": token, **fields})
    assert answer.status_code == status
    with engine.connect() as connection:
        language = connection.scalar(
            select(tables.Patient.language).where(tables.Patient.id == cast.alice.patient_id)
        )
        audited = connection.scalar(
            select(tables.AuditEntry.id).where(tables.AuditEntry.resource == "language")
        )
    assert language == "en"
    assert audited is None


def test_only_a_signed_in_patient_has_settings(client: TestClient, cast: Cast) -> None:
    assert client.get("/settings").headers["location"] == "/login"
    log_in(client, cast.carol.email)
    assert client.get("/settings").headers["location"] == "/clinic"
    assert client.post("/settings/language", data={"language": "es"}).status_code == 303


def test_patients_reading_in_two_languages_at_once_never_get_each_others_words(
    client: TestClient, cast: Cast, engine: Engine
) -> None:
    set_language(engine, cast.alice, "es")
    log_in(client, cast.alice.email)
    with TestClient(client.app, follow_redirects=False) as other:
        log_in(other, cast.bob.email)

        def read(job: int) -> tuple[str, str]:
            who = client if job % 2 else other
            path = ("/", "/checkin", "/learn", "/history")[job % 4]
            return ("es" if who is client else "en"), who.get(path).text

        with ThreadPoolExecutor(max_workers=8) as pool:
            pages = list(pool.map(read, range(48)))

    for language, page in pages:
        assert f'<html lang="{language}">' in page
        if language == "es":
            assert_spanish(page)
        else:
            assert "Skip to main content" in page
            assert "Ir al contenido principal" not in page


def test_each_thread_renders_in_its_own_language_even_when_interleaved() -> None:
    """The language lives in a context variable: threads switching languages at the same
    moment each keep their own, whatever the order they run in."""
    template = page_templates().env.from_string(
        "{% trans %}Skip to main content{% endtrans %} {{ 'Home' | t }} {{ day | day }}"
    )
    catalogues = i18n.load_catalogues()
    barrier = threading.Barrier(8)

    def render(job: int) -> tuple[str, str]:
        language = ("en", "es")[job % 2]
        with i18n.speaking(catalogues[language]):
            barrier.wait()  # every thread has set its language before any renders
            return language, template.render(day=date(2026, 3, 20))

    with ThreadPoolExecutor(max_workers=8) as pool:
        rendered = list(pool.map(render, range(8)))

    for language, text in rendered:
        if language == "es":
            assert text == "Ir al contenido principal Inicio viernes, 20 de marzo de 2026"
        else:
            assert text == "Skip to main content Home Friday, March 20, 2026"


def test_the_check_for_english_finds_english() -> None:
    # Guards the check itself: it knows our English, and finds it on a page.
    phrase = "Answer what you can. You may skip any question. It takes about 3 minutes."
    assert phrase in ENGLISH
    with pytest.raises(AssertionError):
        assert_spanish(f'<html lang="es"><p>{phrase}</p>')
