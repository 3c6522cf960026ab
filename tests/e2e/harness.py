"""What the browser tests share: the system Chromium, a phone screen, and a live server.

Chromium comes from the system (`apt-get install chromium`), never from
`playwright install`. Without it the browser tests skip, saying why; CI installs it and
runs with REQUIRE_ALL=1, where a skip fails.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Page, ViewportSize

from tests.web import seed

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
# Set to a folder to keep full-page screenshots of the journey for a person to look at.
SCREENSHOT_DIR = os.environ.get("ROOTWISE_SCREENSHOT_DIR")


@dataclass(frozen=True, slots=True)
class LiveSite:
    url: str
    cast: seed.Cast


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a background thread; yields
    its base URL and stops the server on exit."""
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=0, log_level="warning", lifespan="off", ws="none"
        )
    )
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def screenshot(page: Page, name: str) -> None:
    """A full-page screenshot, kept only when ROOTWISE_SCREENSHOT_DIR is set."""
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=True)
