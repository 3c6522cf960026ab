"""A real server and a real browser: the app on a free loopback port against a fresh
SQLite database, driven by Debian's Chromium through Playwright (see harness.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from rootwise.settings import Settings
from rootwise.web.app import create_app
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, PHONE, LiveSite, served
from tests.web import seed


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """The app with the real clock; everyone's surgery was 20 days ago."""
    path = tmp_path_factory.mktemp("e2e") / "rootwise.sqlite3"
    cast = seed.build(path, surgery=date.today() - timedelta(days=20))
    app = create_app(Settings(database_url=f"sqlite:///{path}", secret_key="e" * 48))
    with served(app) as url:
        yield LiveSite(url=url, cast=cast)
    app.state.runtime.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page in a fresh context (no cookies) with script switched off:
    every patient page must work without it."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def scripted_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with script on, which axe-core needs to run."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
