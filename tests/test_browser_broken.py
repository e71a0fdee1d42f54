"""A deliberately broken page fails the browser checks, naming page and problem.

The watch that every browser test has (``browsing.py``) fails a test on a
blocked script or a script error. And a browser that is not there fails the
run instead of skipping it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import chromium
from conftest import SiteBuilder
from test_browser_site import ServedSite, new_tab, served_build
from test_quality_site import BROKEN_PAGE, write_broken_site

from sitecheck import browser as browser_helpers
from sitecheck.browser import BrowserUnavailableError, axe_findings, launch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("browser-broken")
    builder = SiteBuilder(root)
    theme = write_broken_site(builder, root)
    with served_build(builder, THEME=str(theme)) as site:
        yield site


def test_axe_names_the_page_and_each_violation(broken):
    with chromium() as browser:
        browser.allow("cdn.example.net/tracker.js")  # the next test's subject
        page = new_tab(browser.new_context(), broken)
        page.goto(broken.url(BROKEN_PAGE))
        findings = axe_findings(page, BROKEN_PAGE)
    messages = [str(finding) for finding in findings]
    rules = {finding.message.split(":")[0] for finding in findings}
    assert {"image-alt", "label"} <= rules, messages
    label = next(m for m in messages if ": label:" in m)
    assert label.startswith(f"/{BROKEN_PAGE}: label: Form elements must have labels")
    assert '<input type="text" name="q">' in label


def test_a_blocked_script_fails_the_browser_tests(broken):
    """The watch every browser test has (browsing.py) sees the policy at work."""
    with pytest.raises(AssertionError) as failure, chromium() as browser:
        page = new_tab(browser.new_context(), broken)
        page.goto(broken.url(BROKEN_PAGE))
    lines = str(failure.value).splitlines()
    page = broken.url(BROKEN_PAGE)
    assert f"{page}: console error: Content-Security-Policy violation: " in lines[-1]
    assert all(line.startswith(page) and "tracker.js" in line for line in lines)


def test_a_script_error_fails_the_browser_tests(broken):
    failure = pytest.raises(AssertionError, match="de/kaputt/: script error: kaputt")
    with failure, chromium() as browser:
        browser.allow("cdn.example.net/tracker.js")
        page = browser.new_page()
        page.goto(broken.url(BROKEN_PAGE))
        page.evaluate("setTimeout(() => { throw new Error('kaputt'); })")
        page.wait_for_timeout(100)


def test_a_missing_browser_is_an_error_not_a_skip(monkeypatch, tmp_path):
    monkeypatch.setattr(browser_helpers, "CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(BrowserUnavailableError, match="bootstrap"):
        launch(object())


def test_a_browser_that_does_not_start_is_an_error(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(browser_helpers, "CHROMIUM", str(fake))
    from playwright.sync_api import sync_playwright

    with (
        sync_playwright() as playwright,
        pytest.raises(BrowserUnavailableError, match="does not start"),
    ):
        launch(playwright)
