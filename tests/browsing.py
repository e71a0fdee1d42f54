"""Chromium for the browser tests: a page with a console error fails its test.

Every page a test opens reports what its console says at error level, every
uncaught script error and every Content-Security-Policy violation (from the
``securitypolicyviolation`` event, so a blocked script, style or picture is
caught even where the browser's own console message would be missed). A
blocked resource is what the policy is for, but on the site's own pages it
means something the site needs does not work: the test fails, naming the
page and what happened.

Use :func:`chromium` for a browser of one test, or the ``browser`` fixture
of ``conftest.py`` (one Chromium per test module, checked after every test).
Nothing here downloads a browser: it is Debian's, via
:func:`sitecheck.browser.launch`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import sync_playwright

from sitecheck.browser import launch

#: A policy tests add to show what visitors without JavaScript see; what it
#: blocks is intended, so its violations are not problems.
NO_SCRIPTS = "script-src 'none'"

#: Runs in every page before its own scripts: policy violations to the console.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`Content-Security-Policy violation: ${event.violatedDirective} `
    + `blocked ${event.blockedURI || 'inline code'} in ${event.documentURI} `
    + `(policy "${event.originalPolicy}")`);
});
"""


class WatchedBrowser:
    """A Playwright browser whose new contexts and pages are watched.

    It stands in for the browser: ``new_context`` and ``new_page`` return
    watched ones; everything else is the browser's own.
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.problems: list[str] = []
        self.allowed: list[str] = []

    def allow(self, text: str) -> None:
        """Problems containing ``text`` are what the test is about: not failures."""
        self.allowed.append(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.browser, name)

    def new_context(self, **options: Any) -> Any:
        context = self.browser.new_context(**options)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)
        context.on("weberror", lambda error: self._error(error.page, error.error))
        return context

    def new_page(self, **options: Any) -> Any:
        page = self.browser.new_page(**options)
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._error(page, error))
        return page

    def _console(self, message: Any) -> None:
        if message.type != "error" or f'"{NO_SCRIPTS}"' in message.text:
            return
        where = (message.location or {}).get("url") or (
            message.page.url if message.page else "?"
        )
        self.problems.append(f"{where}: console error: {message.text}")

    def _error(self, page: Any, error: Any) -> None:
        where = page.url if page is not None else "?"
        self.problems.append(f"{where}: script error: {error}")

    def check(self) -> None:
        """Fail with every problem seen since the last check (but the allowed)."""
        problems, self.problems = self.problems, []
        problems = [p for p in problems if not any(a in p for a in self.allowed)]
        assert problems == [], "\n".join(problems)


@contextlib.contextmanager
def watched(browser: WatchedBrowser | Any) -> Iterator[WatchedBrowser]:
    """A watched view of a running browser, checked at the end (one test's view)."""
    view = WatchedBrowser(getattr(browser, "browser", browser))
    yield view
    view.check()


@contextlib.contextmanager
def chromium() -> Iterator[WatchedBrowser]:
    """Debian's Chromium, watched; closed afterwards, and checked if all went well."""
    with sync_playwright() as playwright:
        browser = WatchedBrowser(launch(playwright))
        try:
            yield browser
        finally:
            browser.browser.close()
        browser.check()
