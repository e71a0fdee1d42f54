"""Event pages in Chromium: accessible (axe), and nothing loaded from elsewhere."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SiteBuilder
from playwright.sync_api import sync_playwright
from test_events_site import SITEURL, write_events

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = ("de/termine/breakfast/", "en/events/signing-day/", "en/events/", "de/")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The events test site, served over http; yields the base URL."""
    site = SiteBuilder(tmp_path_factory.mktemp("events-browser"))
    write_events(site)
    result = site.build(SITEURL=SITEURL)
    assert result.exit_code == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(result.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_event_pages_pass_axe_and_load_nothing_from_elsewhere(served, scheme):
    axe = Axe()
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(color_scheme=scheme)
        page.on("request", lambda request: requested.append(request.url))
        for url in PAGES:
            page.goto(f"{served}/{url}")
            violations = axe.run(page).response["violations"]
            assert violations == [], (url, [v["id"] for v in violations])
        browser.close()
    hosts = {urlsplit(url).netloc for url in requested}
    assert hosts == {urlsplit(served).netloc}
