"""Search, the board page and the contact form in a real browser (Debian's Chromium).

A small site is built and served over http (Pagefind's index is fetched, which
does not work from file://); searching on the German page finds German pages
only, and on the English page English ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SiteBuilder
from test_browser_site import ServedSite, block_scripts, served_build

from sitecheck.browser import axe_findings
from sitecheck.findings import format_findings

pytestmark = pytest.mark.browser

CONTACT_ACTION = "https://forms.example.net/contact"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    builder = SiteBuilder(tmp_path_factory.mktemp("search-browser"))
    builder.md(
        "news/festival.de.md",
        'title: "Hafenfest in Kiel & Co"\ndate: 2017-06-20 10:00',
        "Segelboote & Musik auf der Förde.",
    )
    builder.md(
        "news/festival.en.md",
        'title: "Harbour festival in Kiel & Co"\ndate: 2017-06-20 10:00',
        "Sailing boats & music on the fjord.",
    )
    builder.md(
        "news/nur-deutsch.de.md",
        'title: "Kieler Woche"\ndate: 2018-06-20 10:00',
        "Segelboote aus aller Welt.",
    )
    builder.md("pages/contact.de.md", 'title: "Kontakt"\nform: contact', "Hallo.")
    builder.md("pages/contact.en.md", 'title: "Contact"\nform: contact', "Hello.")
    builder.page("privacy", "de", "Datenschutz")
    builder.page("privacy", "en", "Privacy")
    builder.write(
        "people/schulz.yml",
        "name: Axel Schulz\nrole: {de: Vorsitzender, en: Chair}\ngroup: board\n"
        "consent: 2026-05-04\nemail: vorstand@example.org\n",
    )
    with served_build(builder, CONTACT_ACTION=CONTACT_ACTION) as site:
        yield site


def open_page(browser: Any, color_scheme: str = "light") -> tuple[Any, Any]:
    """A tab; its console errors and policy violations fail the test (conftest)."""
    context = browser.new_context(color_scheme=color_scheme)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def search(page: Any, words: str) -> tuple[str, list[str]]:
    """Type ``words``, submit with Enter; the status line and the result links."""
    page.fill("#search-input", words)
    page.press("#search-input", "Enter")
    page.wait_for_function(
        """() => {
          const text = document.querySelector('[data-search-status]').textContent;
          return text && !text.endsWith('…');
        }"""
    )
    status = page.inner_text("[data-search-status]")
    links = page.eval_on_selector_all(
        ".search__result a", "links => links.map(a => new URL(a.href).pathname)"
    )
    return status, links


def test_german_search_finds_german_pages_only(served, browser):
    context, page = open_page(browser)
    page.goto(served.url("de/suche/"))
    status, links = search(page, "Segelboote")
    assert status == "2 Ergebnisse für „Segelboote“"
    assert sorted(links) == ["/de/aktuelles/festival/", "/de/aktuelles/nur-deutsch/"]
    status, links = search(page, "sailing")
    assert status == "Nichts gefunden für „sailing“." and links == []
    assert page.is_hidden("[data-search-results]")
    assert page.url == served.url("de/suche/?q=sailing")
    context.close()


def test_english_search_finds_english_pages_and_reads_the_address(served, browser):
    context, page = open_page(browser)
    page.goto(served.url("en/search/?q=Kiel"))
    page.wait_for_selector(".search__result")
    assert page.input_value("#search-input") == "Kiel"
    assert page.inner_text("[data-search-status]") == "1 result for “Kiel”"
    result = page.locator(".search__result").first
    assert result.locator("a").inner_text() == "Harbour festival in Kiel & Co"
    assert result.locator("a").get_attribute("href") == "/en/news/festival/"
    assert "&amp;" not in result.inner_text() and "music" in result.inner_text()
    assert result.locator("mark").first.inner_text() == "Kiel"
    assert result.locator(".search__section").inner_text() == "News"
    status, links = search(page, "Segelboote")
    assert links == [] and status.startswith("Nothing found")
    context.close()


def test_the_status_line_is_a_live_region_and_the_form_a_search_landmark(
    served, browser
):
    context, page = open_page(browser)
    page.goto(served.url("en/search/"))
    assert page.get_attribute("[data-search-status]", "role") == "status"
    assert page.get_by_role("search").count() == 1
    assert page.get_by_label("Search words").count() == 1
    context.close()


def test_without_javascript_the_search_page_offers_the_overviews(served, browser):
    context, page = open_page(browser)
    block_scripts(page)
    page.goto(served.url("de/suche/?q=Segelboote"))
    assert page.is_hidden("[data-search-results]")
    assert page.get_by_role("link", name="2018").is_visible()
    assert page.get_by_role("link", name="Aktuelles").first.is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_search_results_board_and_contact_form(served, browser, scheme):
    context, page = open_page(browser, scheme)
    axe = Axe()
    findings = []
    for url in ("de/suche/?q=Kiel", "en/search/?q=Kiel"):
        page.goto(served.url(url))
        page.wait_for_selector(".search__result")
        findings += axe_findings(page, url, axe)
    for url in ("de/vorstand/", "en/board/", "de/contact/", "en/contact/"):
        page.goto(served.url(url))
        findings += axe_findings(page, url, axe)
    assert page.locator(".contact-form form").count() == 1
    context.close()
    assert not findings, "\n" + format_findings(findings)


def test_the_address_on_the_board_page_is_one_working_link(served, browser):
    context, page = open_page(browser)
    page.goto(served.url("en/board/"))
    link = page.get_by_role("link", name="vorstand@example.org")
    assert link.get_attribute("href") == "mailto:vorstand@example.org"
    context.close()
