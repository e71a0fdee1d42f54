"""The directory filter in a real browser (Debian's Chromium): with and without JS.

The ``browser`` fixture (conftest) fails a test on any console error or
Content-Security-Policy violation of its pages.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SiteBuilder
from playwright.sync_api import expect
from test_members_site import member

from sitecheck.browser import serve


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    """A built site with three members, served over http; yields the base URL."""
    site = SiteBuilder(tmp_path_factory.mktemp("members-browser"))
    member(
        site, "kiel", "Landeshauptstadt Kiel", type="public", topics="politics, culture"
    )
    member(site, "diwish", "DiWiSH", topics="business")
    member(
        site,
        "college",
        "Example Bay College (Beispiel)",
        region="bay-area",
        city="Oakland",
        type="education",
        topics="education, culture",
    )
    result = site.build()
    assert result.exit_code == 0, result.stderr
    with serve(result.output) as base:
        yield base


def filter_button(page, label):
    """The filter toggle whose label (before its count) is ``label``."""
    name = re.compile(rf"^{re.escape(label)} \(\d+\)$")
    return page.locator(".member-filter").get_by_role("button", name=name)


@pytest.mark.browser
def test_filter_buttons_show_matching_cards_and_update_the_count(directory, browser):
    page = browser.new_page()  # a script error fails the test (conftest)
    page.goto(f"{directory}/en/members/")
    count = page.locator("[data-members-count]")
    cards = page.locator(".member-card:visible")
    expect(count).to_have_text("3 members")
    expect(page.locator(".member-groups")).to_be_hidden()
    bay = filter_button(page, "San Francisco Bay Area")
    expect(bay).to_have_attribute("aria-pressed", "false")
    reset = page.get_by_role("button", name="Show all members")
    expect(reset).to_be_hidden()

    bay.click()
    expect(bay).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1 member")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Example Bay College (Beispiel)")
    expect(reset).to_be_visible()

    filter_button(page, "Schleswig-Holstein").click()  # one region at a time
    expect(bay).to_have_attribute("aria-pressed", "false")
    filter_button(page, "Culture").click()  # combined with the region
    expect(count).to_have_text("1 member")
    expect(cards.first).to_contain_text("Landeshauptstadt Kiel")
    filter_button(page, "Business").click()  # replaces the topic
    expect(cards.first).to_contain_text("DiWiSH")
    filter_button(page, "Education").click()
    expect(count).to_have_text("0 members")
    expect(page.locator("[data-members-none]")).to_be_visible()

    reset.click()
    expect(count).to_have_text("3 members")
    expect(cards).to_have_count(3)


@pytest.mark.browser
def test_link_to_a_group_opens_the_directory_filtered(directory, browser):
    page = browser.new_page()
    page.goto(f"{directory}/de/mitglieder/#topic-culture")
    expect(page.locator("[data-members-count]")).to_have_text("2 Mitglieder")
    expect(filter_button(page, "Kultur")).to_have_attribute("aria-pressed", "true")


@pytest.mark.browser
def test_without_javascript_the_links_lead_to_grouped_lists(directory, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{directory}/en/members/")
    expect(page.locator(".member-groups")).to_be_visible()
    page.locator(".member-filter").get_by_role(
        "link", name="San Francisco Bay Area"
    ).click()
    assert page.url.endswith("#region-bay-area")
    group = page.locator("#region-bay-area")
    expect(group).to_be_in_viewport()
    expect(group.locator("li a")).to_have_text(["Example Bay College (Beispiel)"])
    context.close()


@pytest.mark.browser
def test_directory_and_profile_pass_axe(directory, browser):
    page = browser.new_page()
    for url in ("/en/members/", "/de/mitglieder/college/"):
        page.goto(directory + url)
        result = Axe().run(page)
        assert result.violations_count == 0, (url, result.generate_report())
    page.goto(directory + "/en/members/")
    filter_button(page, "Culture").click()
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
