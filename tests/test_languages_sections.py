"""Languages and sections come from settings: a third language and a new
section need settings, a catalog, content (and at most a template), no Python.
"""

from __future__ import annotations

import shutil
from xml.etree import ElementTree

import pytest
from conftest import ROOT

from sitecheck.checks import run_checks
from sitecheck.pagetypes import representatives
from sitecheck.site import OutputSite
from sitecore.report import missing_translations

SITE_URL = "https://example.org"
FRENCH_CATALOG = """\
msgid "News"
msgstr "Actualités"

msgid "Projects"
msgstr "Projets"

msgid "Events"
msgstr "Événements"

msgid "Members"
msgstr "Membres"

msgid "Skip to content"
msgstr "Aller au contenu"

msgid "not available in English: to the overview"
msgstr "pas disponible en français : vers l'aperçu"

msgid "not available in English: to the home page"
msgstr "pas disponible en français : vers l'accueil"
"""
PERSON = """\
name: Axel Schulz
role: {de: Vorsitzender, en: Chair, fr: Président}
group: board
member: beispiel
"""
MEMBER = """\
name: Beispiel GmbH
region: schleswig-holstein
city: Kiel
type: company
example: true
description:
  de: Ein erfundenes Mitglied.
  en: A fictitious member.
  fr: Un membre fictif.
"""


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory):
    """A site in German, English and French, built with production settings."""
    from conftest import SiteBuilder

    root = tmp_path_factory.mktemp("trilingual")
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    catalog = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(FRENCH_CATALOG, "utf-8")
    site = SiteBuilder(root)
    for lang, title in (("de", "Kiel grüßt"), ("en", "Kiel says hi"), ("fr", "Salut")):
        site.news("kiel", lang, title, date="2026-01-10 10:00", tags="[Kiel]")
        site.page("about", lang, f"About {lang}", menu="1")
        site.md(
            f"events/meetup.{lang}.md",
            f'title: "Meetup {lang}"\nstart: 2026-07-01 18:00\nlocation: Kiel',
        )
    site.news("nur-deutsch", "de", "Nur auf Deutsch", date="2026-02-01")
    site.md("projects/idea.fr.md", 'title: "Idée"\norder: 1')
    site.write("members/beispiel.yml", MEMBER)
    site.write("people/schulz.yml", PERSON)
    result = site.build(
        "publishconf.py",
        SITEURL=SITE_URL,
        THEME=str(theme),
        SITE_LANGUAGES=("de", "en", "fr"),
    )
    assert result.exit_code == 0, result.stderr
    result.content = site.content
    return result


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.select("link[rel=alternate][hreflang]")
    }


def test_every_page_type_exists_in_three_languages(trilingual):
    pages = {
        "de": ["de/aktuelles/", "de/aktuelles/kiel/", "de/termine/meetup/"],
        "en": ["en/news/", "en/news/kiel/", "en/events/meetup/"],
        "fr": ["fr/news/", "fr/news/kiel/", "fr/events/meetup/", "fr/projects/idea/"],
    }
    member = {"de": "de/mitglieder/", "en": "en/members/", "fr": "fr/members/"}
    for lang, urls in pages.items():
        for url in [
            *urls,
            f"{lang}/",
            f"{lang}/about/",
            f"{lang}/404.html",
            f"{lang}/feed.xml",
            member[lang] + "beispiel/",
        ]:
            assert trilingual.exists(url), url
    assert trilingual.exists("fr/about/") and trilingual.exists("fr/tag/kiel/")
    french = trilingual.html("fr/news/kiel/")
    assert french.html["lang"] == "fr"
    assert french.select_one(".skip-link").get_text() == "Aller au contenu"
    nav = [a.get_text(strip=True) for a in french.select(".site-nav a")]
    assert nav[:4] == ["Actualités", "Événements", "Projets", "Membres"]
    assert french.select_one('meta[property="og:locale"]')["content"] == "fr_FR"


def test_search_and_board_pages_exist_in_the_third_language(trilingual):
    search = trilingual.html("fr/search/")
    assert search.html["lang"] == "fr"
    assert search.select_one('form[role="search"]')["action"] == "/fr/search/"
    assert set(alternates(search)) == {"de", "en", "fr", "x-default"}
    board = trilingual.html("fr/board/")
    assert board.select_one(".person__role").get_text() == "Président"
    assert board.select_one(".person__member a")["href"] == "/fr/members/beispiel/"
    import json

    entry = json.loads(
        (trilingual.output / "pagefind" / "pagefind-entry.json").read_text()
    )
    assert set(entry["languages"]) == {"de", "en", "fr"}


def test_switchers_list_every_other_language(trilingual):
    page = trilingual.html("en/news/kiel/")
    switch = {
        a["hreflang"]: (a["href"], a["data-switch"])
        for a in page.select(".lang-switch a")
    }
    assert switch == {
        "de": ("/de/aktuelles/kiel/", "translation"),
        "fr": ("/fr/news/kiel/", "translation"),
    }
    only_german = trilingual.html("de/aktuelles/nur-deutsch/")
    notes = {
        a["hreflang"]: a.select_one("small").get_text()
        for a in only_german.select(".lang-switch a")
    }
    assert "français" in notes["fr"] and "English" in notes["en"]
    label = trilingual.html("de/").select_one('.lang-switch a[hreflang="fr"]')
    assert label.get_text(strip=True).startswith("Français")


def test_hreflang_is_reciprocal_across_three_languages(trilingual):
    expected = {
        "de": f"{SITE_URL}/de/aktuelles/kiel/",
        "en": f"{SITE_URL}/en/news/kiel/",
        "fr": f"{SITE_URL}/fr/news/kiel/",
        "x-default": f"{SITE_URL}/de/aktuelles/kiel/",
    }
    for url in ("de/aktuelles/kiel/", "en/news/kiel/", "fr/news/kiel/"):
        assert alternates(trilingual.html(url)) == expected
    member = alternates(trilingual.html("fr/members/beispiel/"))
    assert set(member) == {"de", "en", "fr", "x-default"}


def test_sitemap_lists_three_alternates(trilingual):
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    root = ElementTree.parse(trilingual.file("sitemap.xml")).getroot()
    entry = next(
        url
        for url in root.findall("s:url", ns)
        if url.find("s:loc", ns).text == f"{SITE_URL}/fr/news/kiel/"
    )
    links = {link.get("hreflang") for link in entry.findall("x:link", ns)}
    assert links == {"de", "en", "fr", "x-default"}


def test_report_lists_items_missing_in_any_language(trilingual):
    from bilingual.settings import load

    settings = load(
        str(ROOT / "pelicanconf.py"),
        PATH=str(trilingual.content),
        SITE_LANGUAGES=("de", "en", "fr"),
    )
    rows = {
        src.relpath: lacking
        for src, lacking in missing_translations(
            str(trilingual.content), settings.sections.values(), settings.languages
        )
    }
    assert rows == {
        "news/nur-deutsch.de.md": ("en", "fr"),
        "projects/idea.fr.md": ("de", "en"),
    }


@pytest.mark.slow
def test_static_checks_pass_on_three_languages(trilingual):
    from bilingual.settings import load

    settings = load(str(ROOT / "pelicanconf.py"), SITE_LANGUAGES=("de", "en", "fr"))
    site = OutputSite(trilingual.output, SITE_URL, settings.page_patterns)
    assert run_checks(site, validator=True) == []
    kinds = representatives(site.pages, settings.page_patterns)
    for name in (
        "home",
        "news",
        "news_item",
        "events_item",
        "members_item",
        "tag",
        "search",
        "people",
    ):
        assert f"fr:{name}" in kinds, sorted(kinds)


def test_a_new_markdown_section_needs_only_settings(site):
    site.md("reports/annual.de.md", 'title: "Jahresbericht 2025"\ndate: 2026-03-01')
    site.md("reports/annual.en.md", 'title: "Annual report 2025"\ndate: 2026-03-01')
    site.md("reports/plan.en.md", 'title: "Plan"\ndate: 2026-04-01')
    result = site.build(
        "publishconf.py",
        SITEURL=SITE_URL,
        SECTIONS={
            "reports": {
                "label": {"de": "Berichte", "en": "Reports"},
                "list_urls": {"de": "de/berichte/", "en": "en/reports/"},
                "item_urls": {"de": "de/berichte/{slug}/", "en": "en/reports/{slug}/"},
                "feed_urls": {"*": "{lang}/reports.xml"},
                "order": ["-date"],
                "menu": 50,
                "home": 2,
            }
        },
    )
    assert result.exit_code == 0, result.stderr
    listing = result.html("en/reports/")
    titles = [a.get_text() for a in listing.select(".card__title a")]
    assert titles == ["Plan", "Annual report 2025"]
    assert result.exists("de/berichte/annual/") and result.exists("en/reports.xml")
    nav = [a.get_text(strip=True) for a in result.html("de/").select(".site-nav a")]
    assert nav[-2:] == ["Berichte", "Suche"]  # the search comes last
    home = result.html("en/")
    assert [
        a.get_text() for a in home.select("#home-reports ~ .cards .card__title a")
    ] == [
        "Plan",
        "Annual report 2025",
    ]
    switch = result.html("en/reports/plan/").select_one('.lang-switch a[hreflang="de"]')
    assert switch["href"] == "/de/berichte/" and switch["data-switch"] == "section"
    from bilingual.settings import load

    patterns = load(str(ROOT / "pelicanconf.py")).page_patterns
    site_checks = run_checks(
        OutputSite(result.output, SITE_URL, patterns), validator=False
    )
    assert site_checks == []


def test_a_page_slug_cannot_take_a_new_sections_list(site):
    site.page("x", "de", "Berichte", slug="berichte")
    result = site.build(
        "publishconf.py", SECTIONS={"reports": {"list_urls": {"de": "de/berichte/"}}}
    )
    assert result.exit_code == 1
    assert (
        "slug 'berichte' gives the address /de/berichte/, which the reports list"
        in (result.stderr)
    )
