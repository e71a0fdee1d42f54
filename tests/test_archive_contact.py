"""The news archive by year, and the contact form of a page with ``form: contact``."""

from __future__ import annotations

import html

import pytest

from bilingual.settings import SettingsError, read_settings
from sitecheck.security import parse_policy

SITE_URL = "https://example.org"
BASE = {
    "SITENAME": "Site",
    "DEFAULT_LANG": "de",
    "PATH": "content",
    "THEME": "theme",
    "OUTPUT_PATH": "output",
    "BUILD_NOW": "2026-06-01T12:00:00+02:00",
}


# News by year ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from conftest import SiteBuilder

    site = SiteBuilder(tmp_path_factory.mktemp("archive"))
    site.news("a", "de", "Alt", date="2016-11-20")
    site.news("b", "de", "Mittel", date="2017-02-10")
    site.news("b", "en", "Middle", date="2017-02-10")
    site.news("c", "de", "Neu", date="2017-09-22")
    site.news("future", "de", "Später", date="2030-01-01")  # not due: no 2030
    result = site.build("publishconf.py", SITEURL=SITE_URL)
    assert result.exit_code == 0, result.stderr
    return result


def years_linked(page):
    return [
        (a.get_text(), a["href"], a.get("aria-current"))
        for a in page.select(".year-nav a")
    ]


def test_only_years_with_news_in_that_language_have_pages(archive):
    assert archive.exists("de/aktuelles/2016/") and archive.exists("de/aktuelles/2017/")
    assert archive.exists("en/news/2017/")
    assert not archive.exists("en/news/2016/")
    assert not archive.exists("de/aktuelles/2030/")


def test_the_news_list_links_its_years_newest_first(archive):
    assert years_linked(archive.html("de/aktuelles/")) == [
        ("Neueste", "/de/aktuelles/", "page"),
        ("2017", "/de/aktuelles/2017/", None),
        ("2016", "/de/aktuelles/2016/", None),
    ]
    assert years_linked(archive.html("en/news/")) == [
        ("Latest", "/en/news/", "page"),
        ("2017", "/en/news/2017/", None),
    ]
    nav = archive.html("de/aktuelles/").select_one("nav.year-nav")
    assert nav["aria-label"] == "Archiv nach Jahren"


def test_a_year_page_lists_that_years_news_and_marks_itself(archive):
    page = archive.html("de/aktuelles/2017/")
    assert page.h1.get_text() == "Aktuelles 2017"
    titles = [a.get_text() for a in page.select(".card__title a")]
    assert titles == ["Neu", "Mittel"]
    current = [y for y in years_linked(page) if y[2]]
    assert current == [("2017", "/de/aktuelles/2017/", "page")]


def test_year_pages_are_translations_only_where_both_languages_have_news(archive):
    def hreflangs(url):
        page = archive.html(url)
        return {
            link["hreflang"]: link["href"]
            for link in page.select("link[rel=alternate][hreflang]")
        }

    assert hreflangs("de/aktuelles/2017/") == {
        "de": f"{SITE_URL}/de/aktuelles/2017/",
        "en": f"{SITE_URL}/en/news/2017/",
        "x-default": f"{SITE_URL}/de/aktuelles/2017/",
    }
    assert set(hreflangs("de/aktuelles/2016/")) == {"de", "x-default"}
    switch = archive.html("de/aktuelles/2016/").select_one(
        '.lang-switch a[hreflang="en"]'
    )
    assert switch["href"] == "/en/news/" and switch["data-switch"] == "section"


def test_year_navigation_is_styled():
    from conftest import ROOT

    css = (ROOT / "theme" / "static" / "css" / "year-nav.css").read_text("utf-8")
    assert ".year-nav__link[aria-current]" in css and "min-height: 2.75rem" in css


# The contact form -------------------------------------------------------------------


def contact_site(site):
    site.md(
        "pages/contact.de.md",
        'title: "Kontakt"\nslug: kontakt\nform: contact',
        "Schreiben Sie uns.",
    )
    site.md("pages/contact.en.md", 'title: "Contact"\nform: contact', "Write to us.")
    site.page("privacy", "de", "Datenschutz", slug="datenschutz")
    site.page("privacy", "en", "Privacy policy")
    site.page("about", "en", "About")


def test_without_a_target_the_form_is_hidden_and_nothing_else_shown(site):
    contact_site(site)
    result = site.build("publishconf.py")
    assert result.exit_code == 0, result.stderr
    page = result.html("de/kontakt/")
    assert page.select_one(".contact-form") is None and page.form is None


def test_without_a_target_the_contact_address_is_offered(site):
    contact_site(site)
    result = site.build("publishconf.py", CONTACT_EMAIL="info@example.org")
    raw = result.file("en/contact/").read_text("utf-8")
    assert "info@example.org" not in raw
    page = result.html("en/contact/")
    assert page.form is None
    link = page.select_one(".contact-form a.email")
    assert link["href"] == "mailto:info@example.org"
    assert html.unescape(link.get_text()) == "info@example.org"


def test_with_a_target_the_form_posts_there_with_labelled_required_fields(site):
    contact_site(site)
    action = "https://forms.example.net/thebayareas"
    result = site.build(
        "publishconf.py", CONTACT_ACTION=action, CONTACT_EMAIL="info@example.org"
    )
    assert result.exit_code == 0, result.stderr
    for url, lang, privacy in (
        ("de/kontakt/", "de", "/de/datenschutz/"),
        ("en/contact/", "en", "/en/privacy/"),
    ):
        page = result.html(url)
        form = page.select_one(".contact-form form")
        assert form["action"] == action and form["method"] == "post"
        fields = {
            control["name"]: control for control in form.select("input, textarea")
        }
        assert set(fields) == {"name", "email", "message", "language"}
        assert fields["language"]["value"] == lang
        for name in ("name", "email", "message"):
            assert fields[name].has_attr("required")
            assert page.select_one(f'label[for="{fields[name]["id"]}"]').get_text()
        assert fields["email"]["type"] == "email"
        assert fields["email"]["autocomplete"] == "email"
        assert form.select_one(".contact-form__privacy a")["href"] == privacy
        assert page.select_one(".contact-form a.email") is None
        policy = parse_policy(page.select_one("meta[http-equiv]")["content"])
        assert policy["form-action"] == ["'self'", "https://forms.example.net"]
    assert result.html("en/about/").select_one(".contact-form") is None


def test_an_unknown_form_is_an_error_on_its_line(site):
    site.md("pages/x.de.md", 'title: "X"\nform: kontakt')
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "content/pages/x.de.md:3: form: 'kontakt' is not a known form; "
        "use one of: contact"
    ) in result.stderr


def test_contact_settings_are_checked():
    with pytest.raises(SettingsError, match="CONTACT_ACTION must be an https://"):
        read_settings({**BASE, "CONTACT_ACTION": "javascript:alert(1)"})
    with pytest.raises(SettingsError, match="CONTACT_EMAIL must be an e-mail"):
        read_settings({**BASE, "CONTACT_EMAIL": "info at example.org"})
    with pytest.raises(SettingsError, match="SITE_FOUNDED"):
        read_settings({**BASE, "SITE_FOUNDED": "2016-13"})
    assert read_settings({**BASE, "CONTACT_ACTION": "/cgi-bin/contact"}).policy() == (
        read_settings(BASE).policy()
    )
