"""Event pages in Chromium: accessible (axe), and nothing loaded from elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import chromium
from conftest import SiteBuilder
from test_events_site import SITEURL, write_events

from sitecheck.browser import serve

PAGES = ("de/termine/breakfast/", "en/events/signing-day/", "en/events/", "de/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The events test site, served over http; yields the base URL."""
    site = SiteBuilder(tmp_path_factory.mktemp("events-browser"))
    write_events(site)
    result = site.build(SITEURL=SITEURL)
    assert result.exit_code == 0, result.stderr
    with serve(result.output) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_event_pages_pass_axe_and_load_nothing_from_elsewhere(served, scheme):
    axe = Axe()
    requested: list[str] = []
    with chromium() as browser:
        page = browser.new_page(color_scheme=scheme)
        page.on("request", lambda request: requested.append(request.url))
        for url in PAGES:
            page.goto(f"{served}/{url}")
            violations = axe.run(page).response["violations"]
            assert violations == [], (url, [v["id"] for v in violations])
    hosts = {urlsplit(url).netloc for url in requested}
    assert hosts == {urlsplit(served).netloc}
