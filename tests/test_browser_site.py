"""The sample site in a real browser (Debian's Chromium), one page of every type.

Page types are found in the built output with the site's URL patterns, so
each new section (events, members, …) is covered as soon as it writes pages.
A missing or broken browser fails these tests; they are never skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import NO_SCRIPTS
from bs4 import BeautifulSoup
from conftest import ROOT, SiteBuilder, make_settings

from bilingual.settings import read_settings
from sitecheck.browser import axe_findings, serve
from sitecheck.findings import format_findings
from sitecheck.pagetypes import classify
from sitecheck.site import is_editor_url

pytestmark = pytest.mark.browser


@dataclass
class ServedSite:
    """A built site on a local http server, with its pages by type."""

    base: str
    output: Path
    by_type: dict[str, list[str]] = field(default_factory=dict)

    def url(self, page: str) -> str:
        return f"{self.base}/{page}"

    @property
    def representatives(self) -> dict[str, str]:
        """One page per type: the first in sorted order."""
        return {kind: urls[0] for kind, urls in sorted(self.by_type.items())}

    def translated(self, kind: str) -> str | None:
        """The first page of ``kind`` whose switcher leads to its translation."""
        for url in self.by_type[kind]:
            file = self.output / (url + "index.html" if url.endswith("/") else url)
            soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
            if soup.select_one('.lang-switch a[data-switch="translation"]'):
                return url
        return None

    def of_language(self, lang: str) -> dict[str, str]:
        """Representatives of one language (``"neutral"``: root and 404 pages)."""
        return {
            kind: url
            for kind, url in self.representatives.items()
            if kind.split(":")[0] == lang or (lang == "neutral" and ":" not in kind)
        }


@contextlib.contextmanager
def served_build(builder: SiteBuilder, **overrides: Any) -> Iterator[ServedSite]:
    """Build ``builder``'s content for a local server and serve it."""
    output = builder.root / "output"
    output.mkdir()
    with serve(output) as base:
        result = builder.build("publishconf.py", SITEURL=base, **overrides)
        assert result.exit_code == 0, result.stderr
        settings = read_settings(make_settings(builder.content, output, SITEURL=base))
        site = ServedSite(base, output)
        for path in sorted(output.rglob("*.html")):
            rel = path.relative_to(output).as_posix()
            url = "" if rel == "index.html" else rel.removesuffix("index.html")
            if is_editor_url(url):
                continue  # the editing interface: not a visitors' page (own tests)
            site.by_type.setdefault(classify(url, settings.page_patterns), []).append(
                url
            )
        yield site


def block_scripts(page: Any, url: str = "**/*") -> None:
    """Serve the pages matching ``url`` with all their scripts blocked (by CSP).

    What a visitor without JavaScript sees; the tests' own scripts still run.
    """

    def handle(route: Any) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": NO_SCRIPTS}
        route.fulfill(response=response, headers=headers)

    page.route(url, handle)


def new_tab(context: Any, site: ServedSite) -> Any:
    """A tab in which the root page's redirect script is blocked."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    block_scripts(page, site.url(""))
    return page


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    builder = SiteBuilder(tmp_path_factory.mktemp("browser-sample"))
    builder.content = ROOT / "content"
    # The newsletter block appears only with a form target: test it too.
    newsletter = "https://newsletter.example.net/subscribe"
    with served_build(builder, NEWSLETTER_ACTION=newsletter) as site:
        yield site


def test_every_page_type_in_both_languages_is_found(sample):
    kinds = set(sample.representatives)
    for lang in ("de", "en"):
        for name in (
            "home",
            "news",
            "news_item",
            "news_year",
            "pages_item",
            "projects",
            "tag",
            "not_found",
            "search",
            "people",
        ):
            assert f"{lang}:{name}" in kinds
    assert "root" in kinds and "404.html" in kinds


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["de", "en", "neutral"])
def test_axe_finds_no_wcag_violations(sample, browser, lang, scheme):
    context = browser.new_context(color_scheme=scheme)
    axe = Axe()
    findings = []
    pages = sample.of_language(lang)
    assert pages
    page = new_tab(context, sample)
    for url in pages.values():
        page.goto(sample.url(url))
        findings += axe_findings(page, url, axe)
    context.close()
    assert not findings, "\n" + format_findings(findings)


def _switch_exact(page: Any, lang: str) -> Any:
    return page.query_selector(
        f'.lang-switch a[hreflang="{lang}"][data-switch="translation"]'
    )


def test_language_switcher_round_trips_to_the_same_item(sample, browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    checked = []
    for kind in sorted(sample.by_type):
        url = sample.translated(kind) if kind.startswith("de:") else None
        if url is None:
            continue  # an English or neutral type, or no German page of it has one
        page.goto(sample.url(url))
        with page.expect_navigation():
            _switch_exact(page, "en").click()
        assert page.evaluate("document.documentElement.lang") == "en", (kind, url)
        assert page.url != sample.url(url)
        with page.expect_navigation():
            _switch_exact(page, "de").click()
        assert page.url == sample.url(url), (kind, url)
        checked.append(kind)
    context.close()
    assert len(checked) >= 6, checked


def _focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            id: el.id, cls: el.className, tag: el.tagName.toLowerCase(),
            inMain: !!el.closest('main'),
            ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                  || style.boxShadow !== 'none',
            visible: box.width > 0 && box.height > 0 && box.bottom > 0
                     && box.top < innerHeight,
          };
        }"""
    )


@pytest.mark.parametrize("kind", ["de:news_item", "en:home"])
def test_keyboard_reaches_skip_link_menu_and_switcher(sample, browser, kind):
    context = browser.new_context()
    page = new_tab(context, sample)
    url = sample.url(sample.representatives[kind])
    page.goto(url)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert "skip-link" in first["cls"], first
    assert first["visible"] and first["ring"], first
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert _focused(page)["inMain"], "Tab after the skip link should stay in <main>"

    page.goto("about:blank")
    page.goto(url)  # from the top again, without #main
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body":
            break  # past the last link: focus left the page
        assert focused["ring"], f"no visible focus indicator on {focused}"
        reached.append(focused["cls"])
    context.close()
    assert any("site-nav__link" in cls for cls in reached), reached
    assert any("lang-switch__link" in cls for cls in reached), reached


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways(sample, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    wide = []
    page = new_tab(context, sample)
    for url in sample.representatives.values():
        page.goto(sample.url(url))
        root = "document.documentElement"
        scroll, client = page.evaluate(f"[{root}.scrollWidth, {root}.clientWidth]")
        if scroll > client:
            wide.append(f"/{url}: {scroll}px wide in a {client}px window")
    context.close()
    assert not wide, "\n".join(wide)


def test_every_page_shows_its_content_without_javascript(sample, browser):
    context = browser.new_context()
    empty = []
    page = context.new_page()
    block_scripts(page)
    for url in sample.representatives.values():
        page.goto(sample.url(url))
        assert page.url == sample.url(url)
        text = page.inner_text("main").strip()
        if not text or not page.is_visible("h1"):
            empty.append(f"/{url}: {text[:80]!r}")
    context.close()
    assert not empty, "\n".join(empty)


@pytest.mark.parametrize(("locale", "home"), [("en-US", "en/"), ("de-DE", "de/")])
def test_the_root_page_leads_to_the_visitors_language(sample, browser, locale, home):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(sample.url(""))
    page.wait_for_url(sample.url(home))
    context.close()
