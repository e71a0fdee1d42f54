"""Old WordPress addresses lead to the new pages in a real browser."""

from __future__ import annotations

import pytest
from browsing import chromium
from conftest import SiteBuilder

from sitecheck.browser import serve


@pytest.mark.browser
def test_an_old_address_leads_to_the_new_page(tmp_path):
    site = SiteBuilder(tmp_path)
    site.news(
        "diwish", "de", "DiWiSH tritt bei", aliases="[/2017/01/diwish-tritt-bei/]"
    )
    site.page("statutes", "en", "Statutes", aliases="[/en/satzung/]")
    with serve(tmp_path / "output") as base:
        result = site.build("publishconf.py", SITEURL=base)
        assert result.exit_code == 0, result.stderr
        with chromium() as browser:
            page = browser.new_page(java_script_enabled=False)
            page.goto(f"{base}/2017/01/diwish-tritt-bei/")
            page.wait_for_url(f"{base}/de/aktuelles/diwish/")
            assert page.locator("h1").inner_text() == "DiWiSH tritt bei"
            page = browser.new_page()
            page.goto(f"{base}/en/satzung")
            page.wait_for_url(f"{base}/en/statutes/")
