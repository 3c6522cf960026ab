"""A patient's recovery in a real browser: the pain chart on the home page and the
questionnaires, at phone size, with no axe-core violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import CHROMIUM, NO_CHROMIUM, LiveSite, screenshot
from tests.e2e.test_patient_journey import assert_accessible, log_in

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


def check_in_with_leg_pain(page: Page, site: LiveSite, score: str) -> None:
    page.goto(f"{site.url}/checkin")
    page.get_by_role("group", name="Your worst leg pain").get_by_label(score, exact=True).check()
    page.get_by_role("button", name="Send my check-in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Daily check-in")


def test_the_patient_sees_their_pain_against_the_expected_band(
    scripted_page: Page, site: LiveSite
) -> None:
    page = scripted_page
    log_in(page, site)
    check_in_with_leg_pain(page, site, "6")
    page.goto(f"{site.url}/")

    chart = page.get_by_role("img", name="Leg and back pain since surgery")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] >= 300, "the chart fills a phone's width"
    expect(page.locator("#pain-chart")).to_contain_text("Weeks after surgery")
    expect(page.get_by_text("At 2 weeks after surgery")).to_be_visible()

    page.get_by_text("Show the numbers").first.click()
    numbers = page.locator("#pain-chart table")
    expect(numbers).to_be_visible()
    expect(numbers).to_contain_text("6")
    screenshot(page, "home-pain-chart")
    assert_accessible(page)


def test_the_patient_answers_a_questionnaire_one_question_at_a_time(
    scripted_page: Page, site: LiveSite
) -> None:
    page = scripted_page
    log_in(page, site)
    page.get_by_role("link", name="Questionnaires").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your questionnaires")
    assert_accessible(page)

    expect(page.get_by_role("link", name="show one at a time")).to_be_visible()
    page.goto(f"{site.url}/questionnaires/2_weeks/peg?layout=one")
    for number, answer in enumerate(("7", "6", "5"), start=1):
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        assert_accessible(page)
        page.get_by_label(answer, exact=True).check()
        last = number == 3
        page.get_by_role("button", name="Send my answers" if last else "Next question").click()

    expect(page.get_by_role("status")).to_contain_text("Thank you. Your answers are saved.")
    expect(page.get_by_role("status")).to_contain_text("6 out of 10")
    screenshot(page, "questionnaire-sent")
    assert_accessible(page)
