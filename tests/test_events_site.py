"""End to end: event pages, lists, calendars and the home page block, both languages."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

SITEURL = "https://www.example.org"

SIGNING = """
title: {title}
start: 2017-02-10 15:15
location:
  name: The Bay Areas e.V.
  address: Im Brauereiviertel 5
  city: Kiel
summary: {summary}
"""

BREAKFAST = """
title: {title}
start: 2026-06-19 09:00
end: 2026-06-19 10:30
timezone: America/Los_Angeles
location:
  name: Example Hall
  city: San Francisco
  country: US
online: https://example.org/live
registration: https://example.org/register
"""


def write_events(site) -> None:
    """A past pair, an upcoming hybrid pair, a German-only all-day event, a draft."""
    site.md(
        "events/signing.de.md",
        SIGNING.format(title="Unterzeichnung", summary="Alle sind willkommen."),
        "Wir unterschreiben. Mehr in der [Meldung]({filename}/news/signing.de.md).",
    )
    site.md(
        "events/signing.en.md",
        SIGNING.format(title="Signing", summary="Everyone is welcome.")
        + "slug: signing-day",
    )
    site.md("events/breakfast.de.md", BREAKFAST.format(title="Frühstück"))
    site.md("events/breakfast.en.md", BREAKFAST.format(title="Breakfast"))
    site.md(
        "events/visit.de.md",
        "title: Besuch\nstart: 2026-07-01\nend: 2026-07-03\nlocation:\n  city: Kiel",
    )
    site.md(
        "events/later.de.md",
        "title: Später\nstart: 2027-01-15 18:00\nonline: https://example.org/",
    )
    site.md(
        "events/secret.de.md",
        "title: Geheim\nstart: 2026-08-01 18:00\nlocation: Kiel\nstatus: draft",
    )
    site.news("signing", "de", "Meldung", date="2017-01-27")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The events site, built strictly with an absolute SITEURL (as in production)."""
    from conftest import SiteBuilder

    site = SiteBuilder(tmp_path_factory.mktemp("events"))
    write_events(site)
    result = site.build("publishconf.py", SITEURL=SITEURL)
    assert result.exit_code == 0, result.stderr
    return result


def jsonld(page) -> dict:
    """The page's schema.org Event (beside it: the BreadcrumbList)."""
    blocks = [
        json.loads(script.string)
        for script in page.select('script[type="application/ld+json"]')
    ]
    (event,) = [data for data in blocks if data["@type"] == "Event"]
    return event


def calendar(result, url: str) -> Calendar:
    return Calendar.from_ical(result.file(url).read_bytes())


def test_event_page_in_german_shows_both_bays(built):
    page = built.html("de/termine/signing/")
    assert page.html["lang"] == "de"
    assert page.h1.get_text(strip=True) == "Unterzeichnung"
    zones = page.select(".event-when__zone")
    assert [z.select_one("time")["datetime"] for z in zones] == [
        "2017-02-10T15:15:00+01:00",
        "2017-02-10T06:15:00-08:00",
    ]
    assert (
        zones[0].get_text(" ", strip=True) == "Freitag, 10. Februar 2017, 15:15 in Kiel"
    )
    assert zones[1].get_text(" ", strip=True) == (
        "Freitag, 10. Februar 2017, 06:15 in San Francisco"
    )
    place = page.select_one(".event-place").get_text("|", strip=True)
    assert place == "The Bay Areas e.V.|Im Brauereiviertel 5|Kiel|Deutschland"
    osm = page.select_one("a.event-place__map")["href"]
    assert osm.startswith("https://www.openstreetmap.org/search?query=")
    assert "Im+Brauereiviertel+5" in osm
    assert not page.select("iframe")  # no embedded third-party map
    assert page.select_one(".event__past") is not None
    assert page.select_one(".event-register") is None  # it is over
    assert page.select_one(".prose a")["href"] == "/de/aktuelles/signing/"
    nav = page.select_one('.site-nav a[href="/de/termine/"]')
    assert nav.get_text(strip=True) == "Termine" and nav["aria-current"] == "true"


def test_event_page_in_english_and_the_switcher(built):
    page = built.html("en/events/signing-day/")
    assert page.h1.get_text(strip=True) == "Signing"
    zones = [
        " ".join(z.get_text(" ").split()) for z in page.select(".event-when__zone")
    ]
    assert zones == [
        "Friday, February 10, 2017, 3:15 PM in Kiel",
        "Friday, February 10, 2017, 6:15 AM in San Francisco",
    ]
    switch = page.select_one(".lang-switch a[hreflang=de]")
    assert switch["href"] == "/de/termine/signing/"
    assert switch["data-switch"] == "translation"
    german = built.html("de/termine/signing/").select_one(".lang-switch a[hreflang=en]")
    assert german["href"] == "/en/events/signing-day/"


def test_upcoming_hybrid_event_page(built):
    page = built.html("de/termine/breakfast/")
    zones = page.select(".event-when__zone")
    assert (
        zones[0].get_text(" ", strip=True).endswith("09:00–10:30 Uhr in San Francisco")
    )
    assert zones[1].get_text(" ", strip=True).endswith("18:00–19:30 Uhr in Kiel")
    assert page.select_one("a.event-online")["href"] == "https://example.org/live"
    button = page.select_one(".event-register a.button")
    assert button["href"] == "https://example.org/register"
    assert button.get_text(strip=True) == "Anmelden"
    add = page.select_one("a.event-calendar__add")
    assert add["href"] == "/de/termine/breakfast/breakfast.ics"
    assert built.exists("de/termine/breakfast/breakfast.ics")
    subscribe = page.select_one("a.event-calendar__subscribe")
    assert subscribe["href"] == "webcal://www.example.org/de/termine.ics"


def test_all_day_event_shows_dates_only(built):
    page = built.html("de/termine/visit/")
    (when,) = page.select(".event-when time")
    assert when["datetime"] == "2026-07-01"
    assert when.get_text(strip=True) == "1.–3. Juli 2026"
    assert not page.select(".event-when__zone")


def test_event_only_in_german_switches_to_the_english_list(built):
    page = built.html("de/termine/visit/")
    switch = page.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/events/"
    assert switch["data-switch"] == "section"
    assert not built.exists("en/events/visit/")


def test_json_ld_on_event_pages(built):
    data = jsonld(built.html("en/events/breakfast/"))
    assert data["@type"] == "Event"
    assert data["name"] == "Breakfast"
    assert data["startDate"] == "2026-06-19T09:00:00-07:00"
    assert data["endDate"] == "2026-06-19T10:30:00-07:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["inLanguage"] == "en"
    assert data["url"] == f"{SITEURL}/en/events/breakfast/"
    assert data["organizer"]["name"] == "The Bay Areas e.V."
    place, virtual = data["location"]
    assert place["address"]["addressLocality"] == "San Francisco"
    assert place["address"]["addressCountry"] == "US"
    assert virtual == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    german = jsonld(built.html("de/termine/signing/"))
    assert german["inLanguage"] == "de"
    assert german["location"]["@type"] == "Place"
    assert german["description"] == "Alle sind willkommen."


def test_lists_split_upcoming_and_past(built):
    # The fixed clock is 1 June 2026, 12:00 in Kiel.
    page = built.html("de/termine/")
    assert page.h1.get_text(strip=True) == "Termine"
    upcoming = page.select(".events-upcoming .card__title a")
    assert [a["href"] for a in upcoming] == [
        "/de/termine/breakfast/",
        "/de/termine/visit/",
        "/de/termine/later/",
    ]
    years = [h.get_text(strip=True) for h in page.select(".events-past h3")]
    assert years == ["2017"]
    past = page.select(".events-past .card__title a")
    assert [a.get_text(strip=True) for a in past] == ["Unterzeichnung"]
    assert not page.select('a[href="/de/termine/secret/"]')  # a draft
    english = built.html("en/events/")
    assert [a["href"] for a in english.select(".events-upcoming .card__title a")] == [
        "/en/events/breakfast/"
    ]
    switch = english.select_one(".lang-switch a[hreflang=de]")
    assert switch["href"] == "/de/termine/" and switch["data-switch"] == "translation"
    assert english.select_one("a.event-calendar__download")["href"] == "/en/events.ics"


def test_home_page_shows_the_next_events(built):
    page = built.html("de/")
    block = page.select_one("section.home-events")
    assert block.h2.get_text(strip=True) == "Nächste Termine"
    titles = [a.get_text(strip=True) for a in block.select(".card__title a")]
    assert titles == ["Frühstück", "Besuch", "Später"]
    english = built.html("en/").select_one("section.home-events")
    assert [a.get_text(strip=True) for a in english.select(".card__title a")] == [
        "Breakfast"
    ]


def test_event_calendar_files_share_the_uid(built):
    de = calendar(built, "de/termine/signing/signing.ics")
    en = calendar(built, "en/events/signing-day/signing-day.ics")
    (de_event,) = de.walk("VEVENT")
    (en_event,) = en.walk("VEVENT")
    assert str(de_event["uid"]) == str(en_event["uid"]) == "signing@www.example.org"
    assert str(de_event["summary"]) == "Unterzeichnung"
    assert str(en_event["summary"]) == "Signing"
    assert de_event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(z["tzid"]) for z in de.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert de_event.decoded("dtstart").isoformat() == "2017-02-10T15:15:00+01:00"
    assert str(de_event["url"]) == f"{SITEURL}/de/termine/signing/"
    assert str(en_event["url"]) == f"{SITEURL}/en/events/signing-day/"
    assert str(de_event["location"]) == (
        "The Bay Areas e.V., Im Brauereiviertel 5, Kiel, Deutschland"
    )
    assert str(en_event["location"]).endswith("Kiel, Germany")
    assert str(de_event["description"]).splitlines() == [
        "Alle sind willkommen.",
        "",
        f"Details: {SITEURL}/de/termine/signing/",
    ]


def test_language_calendars_hold_all_events_of_their_language(built):
    de = calendar(built, "de/termine.ics")
    en = calendar(built, "en/events.ics")
    assert sorted(str(e["uid"]) for e in de.walk("VEVENT")) == [
        "breakfast@www.example.org",
        "later@www.example.org",
        "signing@www.example.org",
        "visit@www.example.org",
    ]
    assert sorted(str(e["uid"]) for e in en.walk("VEVENT")) == [
        "breakfast@www.example.org",
        "signing@www.example.org",
    ]
    assert str(de["x-wr-calname"]) == "The Bay Areas e.V. – Termine"
    assert str(en["x-wr-calname"]) == "The Bay Areas e.V. – Events"
    breakfast = next(e for e in en.walk("VEVENT") if "breakfast" in str(e["uid"]))
    assert str(breakfast["description"]).splitlines()[-3:] == [
        "Online: https://example.org/live",
        "Registration: https://example.org/register",
        f"Details: {SITEURL}/en/events/breakfast/",
    ]
    assert sorted(str(z["tzid"]) for z in de.walk("VTIMEZONE")) == [
        "America/Los_Angeles",
        "Europe/Berlin",
    ]


def test_preview_build_shows_drafts_and_no_webcal_link(site):
    write_events(site)
    result = site.build()  # pelicanconf: drafts shown, no SITEURL
    assert result.exit_code == 0, result.stderr
    page = result.html("de/termine/secret/")
    assert page.select_one(".preview-notice") is not None
    assert page.select_one("a.event-calendar__subscribe") is None
    assert page.select_one("a.event-calendar__add")["href"] == (
        "/de/termine/secret/secret.ics"
    )
    (event,) = calendar(result, "de/termine/secret/secret.ics").walk("VEVENT")
    assert str(event["uid"]) == "secret@the-bay-areas-e-v"
    assert "url" not in event  # no absolute address without SITEURL
    listed = result.html("de/termine/").select(".events-upcoming .badge")
    assert len(listed) == 1


def test_strict_build_reports_every_event_error_with_its_line(site):
    site.md(
        "events/backwards.de.md",
        "title: A\nstart: 2027-02-10 15:15\nend: 2027-02-10 14:00\nlocation: Kiel",
    )
    site.md(
        "events/zone.de.md",
        "title: A\nlocation: Kiel\ntimezone: Europe/Kiel\nstart: 2027-02-10 15:15",
    )
    site.md("events/malformed.de.md", "title: A\nlocation: Kiel\nstart: 10.02.2027")
    site.md("events/nostart.de.md", "title: A\nlocation: Kiel")
    site.md("events/nowhere.de.md", "title: A\nstart: 2027-02-10 15:15")
    site.md(
        "events/unsafe.de.md",
        "title: A\nstart: 2027-02-10\nonline: javascript:alert(1)",
    )
    site.md("events/pair.de.md", "title: A\nstart: 2027-02-10 15:15\nlocation: Kiel")
    site.md("events/pair.en.md", "title: A\nlocation: Kiel\nstart: 2027-02-10 16:15")
    result = site.build("publishconf.py", SITEURL=SITEURL)
    assert result.exit_code == 1
    problems = result.problems
    expected = [
        "events/backwards.de.md:4: end: 2027-02-10 14:00 is before the start",
        "events/zone.de.md:4: timezone: unknown time zone 'Europe/Kiel'",
        "events/malformed.de.md:4: start: '10.02.2027' is not a date",
        "events/nostart.de.md:1: start: missing required field",
        "events/nowhere.de.md:2: an event needs a 'location'",
        "events/unsafe.de.md:4: online: 'javascript:alert(1)' is not a web address",
        "events/pair.de.md:3: start: '2027-02-10 15:15' here, but '2027-02-10 16:15'",
    ]
    for text in expected:
        assert any(text in line for line in problems), (text, problems)
    pair = next(line for line in problems if "pair.de.md:3" in line)
    assert "events/pair.en.md:4" in pair
    assert "build failed" in result.stderr
    assert not result.exists("de/termine/")  # nothing written


def test_sample_content_has_the_diwish_signing_and_upcoming_examples(sample_site):
    assert sample_site.exit_code == 0, sample_site.stderr
    for url, place in (
        ("de/termine/diwish-unterzeichnung/", "in San Francisco"),
        ("en/events/diwish-signing/", "in San Francisco"),
    ):
        page = sample_site.html(url)
        other = page.select(".event-when__zone")[1]
        assert other.select_one("time")["datetime"] == "2017-02-10T06:15:00-08:00"
        assert other.get_text(" ", strip=True).endswith(place)
        assert "Im Brauereiviertel 5" in page.select_one(".event-place").get_text()
    # Fictitious upcoming events in both regions, marked as examples.
    for url, marker in (("de/termine/", "Beispiel"), ("en/events/", "Example")):
        cards = sample_site.html(url).select(".events-upcoming .event-card")
        assert cards and all(
            marker in card.select_one(".card__title").get_text() for card in cards
        )
        places = {
            own.get_text()
            for card in cards
            for own in card.select(".event-when__zone--own .event-when__place")
        }
        assert {"in Kiel", "in San Francisco"} <= places


def test_event_lead_picture(site):
    from PIL import Image

    picture = site.content / "images" / "events" / "hall.png"
    picture.parent.mkdir(parents=True)
    Image.new("RGB", (640, 360), (30, 90, 150)).save(picture)
    site.md(
        "events/hall.en.md",
        "title: Hall\nstart: 2027-01-15 18:00\nlocation: Kiel\n"
        "image: images/events/hall.png\nimage_alt: The hall from outside",
    )
    result = site.build()
    assert result.exit_code == 0, result.stderr
    figure = result.html("en/events/hall/").select_one("figure.lead-image")
    assert figure is not None
    assert figure.select_one("img")["alt"] == "The hall from outside"
