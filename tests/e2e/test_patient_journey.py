"""A patient on a phone, in a real browser: log in, check in, and be told what to do."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.harness import CHROMIUM, NO_CHROMIUM, PHONE, LiveSite, screenshot
from tests.web.seed import PASSWORD

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
NARROW_PHONE: ViewportSize = {"width": 360, "height": 740}


def log_in(page: Page, site: LiveSite) -> None:
    page.goto(f"{site.url}/login")
    page.get_by_label("E-mail address").fill(site.cast.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Alice")


def answer_saddle_numbness_yes(page: Page) -> None:
    page.goto(page.url.rsplit("/", 1)[0] + "/checkin")
    page.get_by_role("group", name="Is there numbness around your bottom").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="Your worst leg pain").get_by_label("6", exact=True).check()


def test_a_patient_with_saddle_numbness_is_told_to_call_emergency_services_now(
    page: Page, site: LiveSite
) -> None:
    # Script is off in this browser: the whole journey works on plain HTML forms.
    log_in(page, site)
    page.get_by_role("link", name="Check in now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily check-in")
    answer_saddle_numbness_yes(page)
    for score in page.locator("label[for^='leg_pain-']").all():
        box = score.bounding_box()
        assert box is not None
        assert box["width"] >= 44
        assert box["height"] >= 44, "pain scores are touch targets of at least 44 x 44 px"
    screenshot(page, "checkin-form")
    page.get_by_role("button", name="Send my check-in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Call 911 now")
    call = page.get_by_role("link", name="Call 911", exact=True)
    expect(call).to_have_attribute("href", "tel:911")
    expect(page.locator(".panel--emergency")).to_contain_text("Do not drive yourself")
    screenshot(page, "result-emergency")

    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("table")).to_contain_text("Emergency")


def assert_accessible(page: Page) -> None:
    """No axe-core violations, and nothing wider than the narrowest phone we support."""
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.set_viewport_size(NARROW_PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    page.set_viewport_size(PHONE)


def test_log_in_check_in_and_result_pages_have_no_axe_violations(
    scripted_page: Page, site: LiveSite
) -> None:
    page = scripted_page
    page.goto(f"{site.url}/login")
    assert_accessible(page)

    log_in(page, site)
    assert_accessible(page)

    answer_saddle_numbness_yes(page)
    assert_accessible(page)

    # A temperature with no unit: the form comes back with the error summary focused.
    page.get_by_label("Temperature", exact=True).fill("38.9")
    page.get_by_role("button", name="Send my check-in").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    screenshot(page, "checkin-errors")
    assert_accessible(page)
    summary.get_by_role("link", name="Temperature: Choose °C or °F").click()
    expect(page.locator("#temperature-unit-C")).to_be_focused()

    page.get_by_role("group", name="Unit").get_by_label("°C").check()
    page.get_by_role("button", name="Send my check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 911 now")
    assert_accessible(page)

    page.get_by_role("link", name="History").click()
    assert_accessible(page)
