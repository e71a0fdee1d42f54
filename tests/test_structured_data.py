"""schema.org data: NewsArticle, Organization, WebSite with search, breadcrumbs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from schema_org import blocks, of_type, page_problems, problems

from bilingual.settings import read_settings
from bilingual.structured import breadcrumb_list, news_article, organization, website

SITE_URL = "https://example.org"
BASE = {
    "SITENAME": "The Bay Areas e.V.",
    "SITEURL": SITE_URL,
    "DEFAULT_LANG": "de",
    "PATH": "content",
    "THEME": "theme",
    "OUTPUT_PATH": "output",
    "BUILD_NOW": "2026-06-01T12:00:00+02:00",
    "SITE_FOUNDED": "2016-11",
    "SITE_ADDRESS": {
        "address": "Im Brauereiviertel 5",
        "city": "Kiel",
        "country": "DE",
    },
}


# The checker itself ------------------------------------------------------------


def test_checker_finds_what_search_engines_would_miss():
    assert problems({"@context": "http://schema.org", "@type": "WebSite"}) == [
        "@context must be https://schema.org"
    ]
    article = {"@context": "https://schema.org", "@type": "NewsArticle"}
    assert problems(article) == [
        "NewsArticle: headline: required, at most 110 characters",
        "NewsArticle: datePublished: required, ISO 8601",
        "NewsArticle: author: required, each a Person or Organization with a name",
        "NewsArticle: publisher: required, an Organization with a name",
        "NewsArticle: mainEntityOfPage: the page's absolute URL",
        "NewsArticle: inLanguage: recommended",
    ]
    crumbs = breadcrumb_list([("Home", f"{SITE_URL}/de/"), ("News", "/de/x/")])
    crumbs["itemListElement"][0]["position"] = 2
    assert problems(crumbs) == [
        "BreadcrumbList: itemListElement 1: a ListItem at position 1",
        "BreadcrumbList: itemListElement 2: item, an absolute URL",
    ]
    search = website(read_settings(BASE), "de", "de/suche/")
    search["potentialAction"]["target"]["urlTemplate"] = f"{SITE_URL}/de/suche/"
    assert problems(search) == [
        "WebSite: potentialAction.target: a URL with the {placeholder}"
    ]


def test_a_block_that_does_not_parse_fails():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<script type="application/ld+json">{"a": 1,}</script>', "html.parser"
    )
    with pytest.raises(ValueError):
        blocks(soup)


# The builders ----------------------------------------------------------------------


def test_organization_and_website_from_the_settings():
    settings = read_settings(BASE)
    org = organization(settings)
    assert problems(org) == []
    assert org["foundingDate"] == "2016-11"
    assert org["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Im Brauereiviertel 5",
        "addressLocality": "Kiel",
        "addressCountry": "DE",
    }
    assert org["logo"]["url"] == f"{SITE_URL}/favicon.svg"
    site = website(settings, "en", "en/search/")
    assert problems(site) == []
    assert site["url"] == f"{SITE_URL}/en/" and site["inLanguage"] == "en"
    assert site["potentialAction"]["target"]["urlTemplate"] == (
        f"{SITE_URL}/en/search/?q={{search_term_string}}"
    )
    assert "potentialAction" not in website(settings, "en")


def test_news_article_of_an_entry():
    from sitecore.models import NewsMeta

    meta = NewsMeta.model_validate(
        {
            "title": "Kiel & San Francisco",
            "author": "Anna Autorin",
            "date": "2017-09-22 12:00",
        }
    )

    class Entry:
        title = meta.title
        lang = "de"
        url = "de/aktuelles/kiel/"
        summary = "Eine Partnerschaft."
        date = datetime(2017, 9, 22, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
        modified = None
        media = (("a-480.webp",), f"{SITE_URL}/images/a-1200x630.jpg")

    Entry.meta = meta
    data = news_article(Entry(), read_settings(BASE))
    assert problems(data) == []
    assert data["headline"] == "Kiel & San Francisco"
    assert data["datePublished"] == data["dateModified"] == "2017-09-22T12:00:00+02:00"
    assert data["author"] == [{"@type": "Person", "name": "Anna Autorin"}]
    assert data["image"] == [f"{SITE_URL}/images/a-1200x630.jpg"]
    assert data["mainEntityOfPage"]["@id"] == f"{SITE_URL}/de/aktuelles/kiel/"
    assert data["publisher"]["name"] == "The Bay Areas e.V."


# A whole site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import SiteBuilder

    site = SiteBuilder(tmp_path_factory.mktemp("structured"))
    (site.content / "images").mkdir()
    Image.new("RGB", (1600, 900), (20, 90, 160)).save(site.content / "images/hafen.jpg")
    site.news(
        "harbour",
        "de",
        "Neuer Hafen",
        date="2017-03-01 10:00",
        image="images/hafen.jpg",
        image_alt="Der Hafen",
        modified="2017-03-05",
    )
    site.news("harbour", "en", "New harbour", date="2017-03-01 10:00")
    site.page("about", "de", "Über uns")
    site.md("projects/idea.de.md", 'title: "Idee"')
    site.write(
        "people/schulz.yml",
        "name: Axel Schulz\nrole: {de: Vorsitzender, en: Chair}\ngroup: board\n",
    )
    result = site.build("publishconf.py", SITEURL=SITE_URL)
    assert result.exit_code == 0, result.stderr
    return result


def test_every_block_of_every_page_parses_and_is_complete(built):
    checked = 0
    for path in built.output.rglob("*.html"):
        soup = built.html(path.relative_to(built.output).as_posix())
        assert page_problems(soup) == [], path
        checked += len(blocks(soup))
    assert checked > 10


def test_home_pages_describe_the_association_and_its_search(built):
    for lang, search in (("de", "de/suche/"), ("en", "en/search/")):
        home = built.html(f"{lang}/")
        (org,) = of_type(home, "Organization")
        assert org["name"] == "The Bay Areas e.V." and org["foundingDate"] == "2016-11"
        assert org["address"]["addressLocality"] == "Kiel"
        (site,) = of_type(home, "WebSite")
        target = site["potentialAction"]["target"]["urlTemplate"]
        assert target == f"{SITE_URL}/{search}?q={{search_term_string}}"
        assert built.exists(search)
        assert not of_type(home, "BreadcrumbList")


def test_news_items_are_news_articles_with_their_picture(built):
    page = built.html("de/aktuelles/harbour/")
    (article,) = of_type(page, "NewsArticle")
    assert article["headline"] == "Neuer Hafen" and article["inLanguage"] == "de"
    assert article["datePublished"] == "2017-03-01T10:00:00+01:00"
    assert article["dateModified"].startswith("2017-03-05")
    (image,) = article["image"]
    preview = page.select_one('meta[property="og:image"]')["content"]
    assert image == preview and image.startswith(f"{SITE_URL}/images/")
    assert built.exists(image.removeprefix(SITE_URL + "/"))
    (english,) = of_type(built.html("en/news/harbour/"), "NewsArticle")
    assert "image" not in english
    assert not of_type(built.html("de/projekte/idea/"), "NewsArticle")


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        (
            "de/aktuelles/harbour/",
            [
                ("Startseite", "de/"),
                ("Aktuelles", "de/aktuelles/"),
                ("Neuer Hafen", ""),
            ],
        ),
        (
            "en/news/2017/",
            [("Home page", "en/"), ("News", "en/news/"), ("News 2017", "")],
        ),
        ("de/vorstand/", [("Startseite", "de/"), ("Vorstand und Geschäftsstelle", "")]),
        ("de/about/", [("Startseite", "de/"), ("Über uns", "")]),
        ("en/search/", [("Home page", "en/"), ("Search", "")]),
    ],
)
def test_nested_pages_carry_their_breadcrumb_trail(built, url, trail):
    (crumbs,) = of_type(built.html(url), "BreadcrumbList")
    expected = [
        {
            "@type": "ListItem",
            "position": number,
            "name": name,
            "item": f"{SITE_URL}/{target or url}",
        }
        for number, (name, target) in enumerate(trail, start=1)
    ]
    assert crumbs["itemListElement"] == expected


def test_not_found_pages_carry_none(built):
    assert blocks(built.html("de/404.html")) == []
    assert blocks(built.html("")) == []
