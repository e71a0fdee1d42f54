"""Old addresses (``aliases``) lead to the new pages: redirect pages and /_redirects."""

from __future__ import annotations

from conftest import ROOT  # noqa: F401 - the fixtures' project root

from bilingual.redirects import Redirect, alias_url, redirects_file


def test_alias_urls_are_decoded_file_paths():
    assert alias_url("/2017/01/diwish-tritt-bei/") == "2017/01/diwish-tritt-bei/"
    assert alias_url("/gr%C3%BC%C3%9Fe/") == "grüße/"


def test_redirects_file_is_sorted_encoded_and_prefixed():
    text = redirects_file(
        [
            Redirect("/satzung/", "/site/de/satzung/"),
            Redirect("/gr%C3%BC%C3%9Fe/", "/site/de/aktuelles/gruesse/"),
        ],
        prefix="/site",
    )
    assert text == (
        "/site/gr%C3%BC%C3%9Fe/ /site/de/aktuelles/gruesse/ 301\n"
        "/site/satzung/ /site/de/satzung/ 301\n"
    )


def test_aliases_become_redirect_pages(site):
    site.news(
        "diwish",
        "de",
        "DiWiSH tritt bei",
        aliases="[/2017/01/diwish-tritt-bei/, /?p=12]",
    )
    site.page("statutes", "de", "Satzung", slug="satzung", aliases="[/satzung/]")
    site.page("statutes", "en", "Statutes", aliases="[/en/satzung/]")
    result = site.build("publishconf.py", SITEURL="https://example.org")
    assert result.exit_code == 1  # the query-string alias cannot be redirected
    assert (
        "news/diwish.de.md:4: aliases: '/?p=12': addresses with '?' or '#'"
        in result.stderr
    )
    site.news(
        "diwish", "de", "DiWiSH tritt bei", aliases="[/2017/01/diwish-tritt-bei/]"
    )
    result = site.build("publishconf.py", SITEURL="https://example.org", name="ok")
    assert result.exit_code == 0, result.stderr
    page = result.html("2017/01/diwish-tritt-bei/")
    assert page.html["lang"] == "de"
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == "0; url=/de/aktuelles/diwish/"
    assert (
        page.select_one("link[rel=canonical]")["href"]
        == "https://example.org/de/aktuelles/diwish/"
    )
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one("main a")["href"] == "/de/aktuelles/diwish/"
    assert result.html("en/satzung/").html["lang"] == "en"
    redirects = result.file("_redirects").read_text("utf-8").splitlines()
    assert redirects == [
        "/2017/01/diwish-tritt-bei/ /de/aktuelles/diwish/ 301",
        "/en/satzung/ /en/statutes/ 301",
        "/satzung/ /de/satzung/ 301",
    ]
    sitemap = result.file("sitemap.xml").read_text("utf-8")
    assert "diwish-tritt-bei" not in sitemap and "/satzung/</loc>" in sitemap


def test_colliding_aliases_are_errors_with_lines(site):
    site.page("about", "de", "Über uns", slug="ueber-uns")
    site.news("a", "de", "A", aliases="[/de/ueber-uns/, /alt/]")
    site.news("b", "de", "B", aliases="[/alt/, /de/aktuelles/]")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    problems = result.stderr
    assert (
        "news/a.de.md:4: aliases: '/de/ueber-uns/' is already the address of "
        "content/pages/about.de.md;" in problems
    )
    twice = [line for line in problems.splitlines() if "'/alt/'" in line]
    assert len(twice) == 1 and "(one of its aliases)" in twice[0]
    assert (
        "news/b.de.md:4: aliases: '/de/aktuelles/' is already the address of "
        "the news list" in problems
    )


def test_a_slug_that_takes_a_years_archive_is_an_error(site):
    site.news("a", "de", "A", date="2017-03-01")
    site.news("b", "de", "B", date="2018-03-01", slug="2017")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "news/b.de.md:4: content/news/b.de.md has the address /de/aktuelles/2017/, "
        "which the site needs for the news archive of 2017" in result.stderr
    )
