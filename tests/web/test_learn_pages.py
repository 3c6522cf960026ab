"""The education library: every article is there for patients, plain (grade 8 or below
in every paragraph), lists its sources in full, and the warning signs name every red
flag with what to do about it."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
import textstat
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from rootwise.clinical.sources import SOURCES
from rootwise.settings import Settings
from rootwise.store import tables
from rootwise.web.app import create_app
from rootwise.web.education import ARTICLES, Article
from tests.web.browser import log_in
from tests.web.conftest import SECRET
from tests.web.seed import NOW, Cast

MAX_GRADE = 8
WORDS_A_MINUTE = 150


def article_body(page: str) -> str:
    """The article's own text: from its title to its list of sources."""
    return page.split('<h1 id="article-title">', 1)[1].split('id="sources-title"', 1)[0]


def paragraphs(body: str) -> list[str]:
    """Each paragraph and list item, as plain text."""
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found)).split())
        for found in re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", body, flags=re.DOTALL)
    ]


@pytest.fixture
def patient(client: TestClient, cast: Cast) -> TestClient:
    log_in(client, cast.alice.email)
    return client


def test_the_library_lists_every_article(patient: TestClient) -> None:
    page = patient.get("/learn")
    assert page.status_code == 200
    for article in ARTICLES:
        assert f'href="/learn/{article.slug}">{html.escape(article.title)}</a>' in page.text
        assert html.escape(article.summary) in page.text
    assert '<a href="/learn" aria-current="page">Learn</a>' in page.text


def test_the_patient_menu_links_to_the_library(patient: TestClient) -> None:
    assert '<a href="/learn">Learn</a>' in patient.get("/").text


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_an_article_shows_its_title_reading_time_and_every_source_in_full(
    patient: TestClient, article: Article
) -> None:
    page = patient.get(f"/learn/{article.slug}")
    assert page.status_code == 200
    assert f'<h1 id="article-title">{html.escape(article.title)}</h1>' in page.text
    assert f"About {article.minutes} minutes to read." in page.text
    assert article.sources
    sources = page.text.split('id="sources-title"', 1)[1]
    for source in article.sources:
        assert html.escape(SOURCES[source]) in sources
    assert "<script" not in page.text


@pytest.mark.usefixtures("syllables_from_pyphen")
@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_every_paragraph_of_an_article_reads_at_grade_8_or_below(
    patient: TestClient, article: Article
) -> None:
    found = paragraphs(article_body(patient.get(f"/learn/{article.slug}").text))
    assert len(found) >= 5
    for text in found:
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= MAX_GRADE, f"grade {grade:.1f}: {text}"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_the_reading_time_fits_the_article(patient: TestClient, article: Article) -> None:
    words = len(
        " ".join(paragraphs(article_body(patient.get(f"/learn/{article.slug}").text))).split()
    )
    assert abs(article.minutes - math.ceil(words / WORDS_A_MINUTE)) <= 1, words


def test_an_article_that_does_not_exist_is_not_found(patient: TestClient) -> None:
    page = patient.get("/learn/miracle-cures")
    assert page.status_code == 404
    assert "Page not found" in page.text


def test_the_library_is_for_signed_in_patients(client: TestClient, cast: Cast) -> None:
    assert client.get("/learn").headers["location"] == "/login"
    assert client.get("/learn/warning-signs").headers["location"] == "/login"
    log_in(client, cast.carol.email)
    assert client.get("/learn").headers["location"] == "/clinic"


def test_reading_articles_reads_no_patient_data_and_leaves_no_audit_entry(
    patient: TestClient, engine: Engine
) -> None:
    def entries() -> int:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(tables.AuditEntry)) or 0)

    before = entries()
    for article in ARTICLES:
        patient.get(f"/learn/{article.slug}")
    patient.get("/learn")
    assert entries() == before


def test_an_article_source_must_exist() -> None:
    with pytest.raises(ValueError, match="unknown sources"):
        Article("x", "X", "X.", 1, ("NO-SUCH-SOURCE",))


# --- The warning signs: every red flag of clinical README section 2, at its level -------

EMERGENCY = (
    "New trouble peeing",
    "New trouble with your bowels",
    "bike seat",
    "comes on fast, within hours",
    "New weakness in both legs",
    "A fever or chills together with new weakness or numbness",
    "Chest pain, or being short of breath",
    "Slow or shallow breathing, or being very hard to wake up",
)
SAME_DAY = (
    "came on slowly, over days, or you are not sure when it started",
    "A temperature of 38.3 °C (100.9 °F) or more, with or without chills",
    "Pus coming from your wound, or the wound coming open",
    "calf",
    "A headache when you sit or stand up that gets better when you lie down",
    "clear, watery fluid coming from the wound",
    "Feeling confused while taking an opioid",
    "Black, sticky poo, or throwing up blood",
    "Not being sure whether you have any of the first three signs",
)
SOON = (
    "Numbness or tingling in your leg or foot that is new or worse, without any weakness",
    "Redness around your wound that is spreading, without a fever",
    "3 or more points above its lowest, and 6 out of 10 or more",
    "Leg pain of 8 out of 10 or more on 3 days in a row",
    "Feeling dizzy or very sleepy",
    "TENS machine while you have a pacemaker",
    "Not being sure whether a leg is weaker",
)


def sections(page: str) -> dict[str, str]:
    text = " ".join(html.unescape(page).split())
    emergency, rest = text.split('id="emergency-signs"', 1)[1].split('id="same-day-signs"', 1)
    same_day, soon = rest.split('id="soon-signs"', 1)
    return {"emergency": emergency, "same_day": same_day, "soon": soon}


def test_the_warning_signs_name_every_red_flag_with_what_to_do(patient: TestClient) -> None:
    found = sections(patient.get("/learn/warning-signs").text)
    assert "Call 911 now" in found["emergency"]
    assert '<a href="tel:911">911</a>' in found["emergency"]
    assert "Do not drive yourself." in found["emergency"]
    assert "Call your surgical team today" in found["same_day"]
    assert "call their on-call number" in found["same_day"]
    assert "Tell your care team in the next 1 to 3 days" in found["soon"]
    for level, signs in (("emergency", EMERGENCY), ("same_day", SAME_DAY), ("soon", SOON)):
        for sign in signs:
            assert sign in found[level], (level, sign)


@pytest.fixture
def warmer_clinic(database_url: str, cast: Cast) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url, secret_key=SECRET, fever_threshold_c=Decimal("38.5")
    )
    app = create_app(settings, clock=lambda: NOW)
    with TestClient(app, follow_redirects=False) as client:
        log_in(client, cast.alice.email)
        yield client
    app.state.runtime.engine.dispose()


def test_the_warning_signs_name_the_fever_the_triage_uses(warmer_clinic: TestClient) -> None:
    page = warmer_clinic.get("/learn/warning-signs").text
    assert "A temperature of 38.5 °C (101.3 °F) or more" in page
