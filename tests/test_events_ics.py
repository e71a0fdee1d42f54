"""Calendar files: written with icalendar, parsed back and checked field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from events.ics import CalendarEvent, calendar, description, event_uid, webcal
from events.model import EventMeta
from sitecore.frontmatter import parse_document
from sitecore.problems import ProblemLog
from sitecore.schema import validate

STAMP = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def meta(front: str) -> EventMeta:
    doc = parse_document(f"---\ntitle: T\n{front}\n---\n")
    log = ProblemLog()
    result = validate(
        EventMeta, doc.meta, "x.md", log, context={"timezone": "Europe/Berlin"}
    )
    assert result is not None, [str(p) for p in log]
    return result


def item(front: str, **values: str) -> CalendarEvent:
    fields = {
        "uid": "signing@www.example.org",
        "lang": "de",
        "title": "Unterzeichnung",
        "url": "https://www.example.org/de/termine/unterzeichnung/",
        "location": "The Bay Areas e.V., Im Brauereiviertel 5, Kiel, Deutschland",
        "description": "Alle sind willkommen.",
    }
    fields.update(values)
    return CalendarEvent(meta=meta(front), **fields)


def parse(items: list[CalendarEvent], **options: str) -> Calendar:
    data = calendar(
        items, name="Termine", prodid="-//Test//Events//DE", stamp=STAMP, **options
    )
    assert isinstance(data, bytes) and data.startswith(b"BEGIN:VCALENDAR\r\n")
    return Calendar.from_ical(data)


def test_uid_is_key_at_host_and_stable():
    assert (
        event_uid("signing", "https://www.the-bay-areas.de", "x")
        == "signing@www.the-bay-areas.de"
    )
    # Previews without SITEURL still get a stable UID.
    assert event_uid("signing", "", "The Bay Areas e.V.") == "signing@the-bay-areas-e-v"


def test_timed_event_round_trips_field_by_field():
    cal = parse(
        [item("start: 2017-02-10 15:15\nend: 2017-02-10 16:30\nlocation: Kiel")],
        url="https://www.example.org/de/termine.ics",
    )
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]) == "-//Test//Events//DE"
    assert str(cal["x-wr-calname"]) == "Termine"
    assert str(cal["source"]) == "https://www.example.org/de/termine.ics"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == "signing@www.example.org"
    assert str(event["summary"]) == "Unterzeichnung"
    assert event["summary"].params["LANGUAGE"] == "de"
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    start = event.decoded("dtstart")
    assert start == datetime(2017, 2, 10, 14, 15, tzinfo=UTC)
    assert start.utcoffset().total_seconds() == 3600
    assert event.decoded("dtend") == datetime(2017, 2, 10, 15, 30, tzinfo=UTC)
    assert event.decoded("dtstamp") == STAMP.astimezone(UTC)
    assert str(event["url"]) == "https://www.example.org/de/termine/unterzeichnung/"
    assert str(event["location"]) == (
        "The Bay Areas e.V., Im Brauereiviertel 5, Kiel, Deutschland"
    )
    assert str(event["description"]) == "Alle sind willkommen."
    assert str(event["status"]) == "CONFIRMED"
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Berlin"


def test_vtimezone_alone_gives_the_right_offsets_in_the_events_year():
    # 19 March 2098: the US is on summer time, Europe not yet.
    cal = parse(
        [item("start: 2098-03-19 09:00\ntimezone: America/Los_Angeles\nlocation: SF")]
    )
    (event,) = cal.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "America/Los_Angeles"
    (zone,) = cal.walk("VTIMEZONE")
    # Read the VTIMEZONE itself, not the system's zone of the same name.
    from_file = zone.to_tz(lookup_tzid=False)
    local = datetime(2098, 3, 19, 9, 0, tzinfo=from_file)
    assert local.utcoffset().total_seconds() == -7 * 3600
    kiel = local.astimezone(ZoneInfo("Europe/Berlin"))
    assert (kiel.hour, kiel.minute) == (17, 0)
    winter = datetime(2098, 1, 15, 9, 0, tzinfo=from_file)
    assert winter.utcoffset().total_seconds() == -8 * 3600


def test_all_day_event_uses_dates_with_exclusive_end():
    cal = parse([item("start: 2027-03-10\nend: 2027-03-12\nlocation: Kiel")])
    (event,) = cal.walk("VEVENT")
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert event.decoded("dtstart") == date(2027, 3, 10)
    assert event.decoded("dtend") == date(2027, 3, 13)
    assert cal.walk("VTIMEZONE") == []
    single = parse([item("start: 2027-03-10\nlocation: Kiel")]).walk("VEVENT")[0]
    assert single.decoded("dtend") == date(2027, 3, 11)


def test_online_event_gets_its_address_as_location_and_no_relative_url():
    cal = parse(
        [
            item(
                "start: 2027-03-10 18:00\nonline: https://example.org/live",
                location="",
                url="/x/",
            )
        ]
    )
    (event,) = cal.walk("VEVENT")
    assert str(event["location"]) == "https://example.org/live"
    assert "url" not in event


def test_description_lists_links_in_the_readers_language():
    german = {
        "Online: %(url)s": "Online: %(url)s",
        "Registration: %(url)s": "Anmeldung: %(url)s",
    }
    text = description(
        "Alle sind willkommen.",
        "https://www.example.org/de/termine/x/",
        "https://example.org/live",
        "https://example.org/register",
        lambda message: german.get(message, message),
    )
    assert text.splitlines() == [
        "Alle sind willkommen.",
        "",
        "Online: https://example.org/live",
        "Anmeldung: https://example.org/register",
        "Details: https://www.example.org/de/termine/x/",
    ]
    assert description("", "", None, None, str) == ""


def test_several_events_share_one_vtimezone_per_zone():
    cal = parse(
        [
            item("start: 2017-02-10 15:15\nlocation: Kiel", uid="a@x"),
            item("start: 2027-03-18 18:30\nlocation: Kiel", uid="b@x"),
            item(
                "start: 2027-03-19 09:00\ntimezone: America/Los_Angeles\nlocation: SF",
                uid="c@x",
            ),
        ]
    )
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == ["a@x", "b@x", "c@x"]
    assert sorted(str(z["tzid"]) for z in cal.walk("VTIMEZONE")) == [
        "America/Los_Angeles",
        "Europe/Berlin",
    ]


def test_webcal_needs_an_absolute_url():
    assert webcal("https://www.the-bay-areas.de/de/termine.ics") == (
        "webcal://www.the-bay-areas.de/de/termine.ics"
    )
    assert webcal("/de/termine.ics") is None
