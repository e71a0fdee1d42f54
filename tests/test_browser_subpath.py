"""The site served below a path, as each pull request's preview is.

CI publishes a pull request's build at ``…/previews/pr-<n>/``; the sample
site is built for such an address and served only there, so a link or
picture that forgets the path fails here as it would for a reviewer. The
static checks run on it, then a browser: axe, navigation and the language
switcher.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import chromium
from conftest import ROOT, SiteBuilder

from sitecheck.browser import axe_findings, serve
from sitecheck.checks import page_patterns, run_checks
from sitecheck.findings import format_findings
from sitecheck.site import OutputSite

pytestmark = pytest.mark.browser

BASE_PATH = "/previews/pr-7"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    builder = SiteBuilder(tmp_path_factory.mktemp("subpath"))
    builder.content = ROOT / "content"
    output = builder.root / "output"
    output.mkdir()
    with serve(output, BASE_PATH) as base:
        result = builder.build("publishconf.py", SITEURL=base)
        assert result.exit_code == 0, result.stderr
        yield base, result


def test_the_static_checks_pass_below_a_path(preview):
    base, result = preview
    patterns = page_patterns(str(ROOT / "publishconf.py"))
    site = OutputSite(result.output, base, patterns)
    findings = run_checks(site, validator=False)
    assert not findings, "\n" + format_findings(findings)


def test_pages_links_and_the_switcher_work_below_a_path(preview):
    base, _ = preview
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(15_000)
        failed: list[str] = []
        page.on(
            "response",
            lambda r: failed.append(r.url) if r.status >= 400 else None,
        )
        page.goto(f"{base}/de/")
        findings = axe_findings(page, "de/", Axe())
        page.locator("a.site-nav__link", has_text="Aktuelles").first.click()
        page.wait_for_url(f"{base}/de/aktuelles/")
        page.locator("main a[href*='/de/aktuelles/']").first.click()
        page.wait_for_load_state()
        article = page.url
        assert article.startswith(f"{base}/de/aktuelles/")
        findings += axe_findings(page, article, Axe())
        with page.expect_navigation():
            page.locator('.lang-switch a[hreflang="en"]').click()
        assert page.url.startswith(f"{base}/en/")
        assert page.evaluate("document.documentElement.lang") == "en"
        page.goto(f"{base}/admin/")
        assert page.title()
    assert not findings, "\n" + format_findings(findings)
    assert not failed, failed
