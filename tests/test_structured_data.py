"""schema.org data: NewsArticle, Organization, WebSite with search, breadcrumbs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from schema_org import (
    NESTED_RULES,
    RULES,
    blocks,
    of_type,
    page_problems,
    problems,
    types,
)

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


def test_checker_knows_what_events_need():
    event = {"@context": "https://schema.org", "@type": "Event"}
    assert problems(event) == [
        "Event: name: required",
        "Event: startDate: required, ISO 8601",
        "Event: location: required, a Place or a VirtualLocation (or both)",
    ]
    event.update(
        name="Treffen",
        startDate="2026-07-01T18:00:00+02:00",
        endDate="2026-06-30",
        eventAttendanceMode="https://schema.org/OnlineEventAttendanceMode",
        location={"@type": "Place", "name": "Kiel"},
        offers={"@type": "Offer"},
    )
    assert problems(event) == [
        "Event: endDate: ISO 8601, not before startDate",
        "Event: eventAttendanceMode: https://schema.org/OfflineEventAttendanceMode",
        "Event: Place: address: required, a PostalAddress",
        "Event: Offer: url: required, absolute",
    ]


def test_checker_names_every_type_it_has_no_rule_for():
    assert problems({"@context": "https://schema.org", "@type": "Recipe"}) == [
        "Recipe: no rule for this type in tests/schema_org.py"
    ]
    page = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "X",
        "url": f"{SITE_URL}/",
        "founder": {"@type": "Person"},
        "event": {"@type": "MusicEvent"},
    }
    assert problems(page) == [
        "Organization: Person: name: required",
        "Organization: MusicEvent: no rule for this type in tests/schema_org.py",
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
    site.news(
        "harbour", "en", "New harbour", date="2017-03-01 10:00", author="Anna Autorin"
    )
    site.page("about", "de", "Über uns")
    site.md("projects/idea.de.md", 'title: "Idee"')
    site.md(
        "events/harbour-day.de.md",
        "title: Hafentag\nstart: 2026-07-04\nimage: images/hafen.jpg\n"
        "image_alt: Der Hafen\nlocation:\n  city: Kiel",
    )
    site.md(
        "events/harbour-day.en.md",
        "title: Harbour day\nstart: 2026-07-04\nimage: images/hafen.jpg\n"
        "image_alt: The harbour\nlocation:\n  city: Kiel",
    )
    site.md(
        "events/lecture.de.md",
        "title: Vortrag\nstart: 2026-07-10 18:00\nend: 2026-07-10 19:30\n"
        "location:\n  city: Kiel",
    )
    site.write(
        "people/schulz.yml",
        "name: Axel Schulz\nrole: {de: Vorsitzender, en: Chair}\ngroup: board\n"
        "member: diwish\n",
    )
    # Events of every kind: at a place, all day, online, both with sign-up.
    site.md(
        "events/signing.de.md",
        "title: Unterzeichnung\nstart: 2026-07-10 15:15\nend: 2026-07-10 16:30\n"
        "location:\n  name: Rathaus\n  address: Fleethörn 9\n  city: Kiel",
    )
    site.md(
        "events/visit.de.md",
        "title: Besuch\nstart: 2026-07-01\nend: 2026-07-03\nlocation:\n  city: Kiel",
    )
    site.md(
        "events/talk.en.md",
        "title: Talk\nstart: 2026-08-01 18:00\nonline: https://example.org/live",
    )
    site.md(
        "events/breakfast.en.md",
        "title: Breakfast\nstart: 2026-06-19 09:00\ntimezone: America/Los_Angeles\n"
        "location:\n  name: Example Hall\n  city: San Francisco\n  country: US\n"
        "online: https://example.org/live\nregistration: https://example.org/go",
    )
    (site.content / "images/members").mkdir()
    Image.new("RGB", (400, 200), (200, 40, 40)).save(
        site.content / "images/members/diwish.png"
    )
    site.write(
        "members/diwish.yml",
        "name: DiWiSH – Digitale Wirtschaft Schleswig-Holstein\nshort_name: DiWiSH\n"
        "region: schleswig-holstein\ncity: Kiel\ntype: association\n"
        "website: https://www.diwish.de\nlogo: images/members/diwish.png\n"
        "description:\n  de: Ein Netzwerk.\n  en: A network.\n",
    )
    site.write(
        "members/bayarea.yml",
        "name: Bay Area Council\nregion: bay-area\ncity: San Francisco\n"
        "type: company\ndescription:\n  de: Ein Verband.\n  en: An association.\n",
    )
    result = site.build("publishconf.py", SITEURL=SITE_URL)
    assert result.exit_code == 0, result.stderr
    assert result.problems == []
    return result


def test_every_block_of_every_page_parses_and_is_complete(built):
    found: dict[str, set[str]] = {"page": set(), "nested": set()}
    for path in built.output.rglob("*.html"):
        soup = built.html(path.relative_to(built.output).as_posix())
        assert page_problems(soup) == [], path
        for data in blocks(soup):
            for kind, nested in types(data):
                found["nested" if nested else "page"].add(kind)
    # The site writes every type the rules know (and no other: see above),
    # so each rule is applied to what the site really writes.
    assert found["page"] == set(RULES) - {"Article"}
    assert found["nested"] == set(NESTED_RULES)


@pytest.mark.parametrize(
    ("url", "kind", "location"),
    [
        ("de/termine/signing/", "Offline", ["Place"]),
        ("de/termine/visit/", "Offline", ["Place"]),
        ("en/events/talk/", "Online", ["VirtualLocation"]),
        ("en/events/breakfast/", "Mixed", ["Place", "VirtualLocation"]),
    ],
)
def test_events_are_events_at_their_place(built, url, kind, location):
    (event,) = of_type(built.html(url), "Event")
    places = (
        event["location"]
        if isinstance(event["location"], list)
        else [event["location"]]
    )
    assert [place["@type"] for place in places] == location
    assert (
        event["eventAttendanceMode"] == f"https://schema.org/{kind}EventAttendanceMode"
    )
    assert event["url"] == f"{SITE_URL}/{url}"


def test_member_profiles_are_organizations(built):
    (org,) = of_type(built.html("de/mitglieder/diwish/"), "Organization")
    assert org["url"] == "https://www.diwish.de"
    assert org["logo"].startswith(f"{SITE_URL}/") and org["alternateName"] == "DiWiSH"
    (other,) = of_type(built.html("en/members/bayarea/"), "Organization")
    assert other["address"]["addressCountry"] == "US"


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
    assert blocks(built.html("404.html")) == []


def test_events_carry_their_picture_and_their_end(built):
    for url in ("de/termine/harbour-day/", "en/events/harbour-day/"):
        page = built.html(url)
        (event,) = of_type(page, "Event")
        (image,) = event["image"]
        assert image == page.select_one('meta[property="og:image"]')["content"]
        assert built.exists(image.removeprefix(SITE_URL + "/"))
        # A day's event without an end ends that day.
        assert event["startDate"] == event["endDate"] == "2026-07-04"
    (lecture,) = of_type(built.html("de/termine/lecture/"), "Event")
    assert lecture["endDate"] == "2026-07-10T19:30:00+02:00"
    assert "image" not in lecture


def test_the_root_page_names_the_website(built):
    root = built.html("")
    (site,) = of_type(root, "WebSite")
    assert site["name"] == "The Bay Areas e.V." and site["url"] == f"{SITE_URL}/"
    assert site["inLanguage"] == ["de", "en"]
    (org,) = of_type(root, "Organization")
    assert site["publisher"]["@id"] == org["@id"]
    assert page_problems(root) == []
    assert blocks(built.html("404.html")) == []


def test_sitemap_and_pages_name_the_same_alternates(built):
    from xml.etree import ElementTree

    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    sitemap = ElementTree.parse(built.file("sitemap.xml")).getroot()
    entries = sitemap.findall("s:url", ns)
    assert len(entries) > 10
    for entry in entries:
        loc = entry.find("s:loc", ns).text
        listed = {
            (x.get("hreflang"), x.get("href")) for x in entry.findall("x:link", ns)
        }
        page = built.html(loc.removeprefix(SITE_URL + "/"))
        head = {
            (link["hreflang"], link["href"])
            for link in page.select('head link[rel="alternate"][hreflang]')
        }
        assert listed == head, loc
        assert "x-default" in dict(listed), loc
    home = next(e for e in entries if e.find("s:loc", ns).text == f"{SITE_URL}/de/")
    links = {x.get("hreflang"): x.get("href") for x in home.findall("x:link", ns)}
    assert links["x-default"] == f"{SITE_URL}/"
