"""schema.org data and the upcoming/past split, without building a site."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from events.jsonld import event_data
from events.listing import event_item, next_events, past_by_year, upcoming
from events.model import EventMeta
from events.place import place
from sitecore.entry import Entry
from sitecore.frontmatter import parse_document
from sitecore.jsonld import script_json
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.sources import SourceFile

BERLIN = ZoneInfo("Europe/Berlin")


def meta(front: str) -> EventMeta:
    doc = parse_document(f"---\n{front}\n---\n")
    log = ProblemLog()
    result = validate(
        EventMeta, doc.meta, "x.md", log, context={"timezone": "Europe/Berlin"}
    )
    assert result is not None, [str(p) for p in log]
    return result


def entry(key: str, front: str, lang: str = "de") -> Entry:
    source = SourceFile(
        "events", key, lang, str(Path("/c/events") / f"{key}.{lang}.md"), ""
    )
    return Entry(
        source=source, meta=meta(f"title: {key}\n{front}"), content="", summary_text=""
    )


def data(front: str, **options) -> dict:
    m = meta("title: Treffen\n" + front)
    return event_data(
        m,
        lang=options.get("lang", "de"),
        url="https://www.example.org/de/termine/treffen/",
        description="Alle sind willkommen.",
        organizer="The Bay Areas e.V.",
        organizer_url="https://www.example.org/de/",
        place=place(m.location, "de") if m.location else None,
    )


def test_offline_event():
    result = data(
        "start: 2017-02-10 15:15\nend: 2017-02-10 16:30\nlocation:\n"
        "  name: The Bay Areas e.V.\n  address: Im Brauereiviertel 5\n  city: Kiel"
    )
    assert result["@context"] == "https://schema.org"
    assert result["@type"] == "Event"
    assert result["name"] == "Treffen"
    assert result["startDate"] == "2017-02-10T15:15:00+01:00"
    assert result["endDate"] == "2017-02-10T16:30:00+01:00"
    assert (
        result["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    )
    assert result["eventStatus"] == "https://schema.org/EventScheduled"
    assert result["inLanguage"] == "de"
    assert result["url"] == "https://www.example.org/de/termine/treffen/"
    assert result["description"] == "Alle sind willkommen."
    assert result["organizer"] == {
        "@type": "Organization",
        "name": "The Bay Areas e.V.",
        "url": "https://www.example.org/de/",
    }
    assert result["location"] == {
        "@type": "Place",
        "name": "The Bay Areas e.V.",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Im Brauereiviertel 5",
            "addressLocality": "Kiel",
            "addressCountry": "DE",
        },
    }


def test_online_and_hybrid_events():
    online = data(
        "start: 2027-03-19 09:00\ntimezone: America/Los_Angeles\nonline: https://e.org/l"
    )
    assert online["startDate"] == "2027-03-19T09:00:00-07:00"
    assert online["eventAttendanceMode"].endswith("/OnlineEventAttendanceMode")
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://e.org/l"}
    assert "endDate" not in online
    hybrid = data(
        "start: 2027-03-19 09:00\nonline: https://e.org/l\nlocation: Kiel\n"
        "registration: https://e.org/r"
    )
    assert hybrid["eventAttendanceMode"].endswith("/MixedEventAttendanceMode")
    assert [place["@type"] for place in hybrid["location"]] == [
        "Place",
        "VirtualLocation",
    ]
    assert hybrid["offers"] == {"@type": "Offer", "url": "https://e.org/r"}


def test_all_day_event_has_dates():
    result = data("start: 2027-06-21\nend: 2027-06-23\nlocation: Kiel")
    assert (result["startDate"], result["endDate"]) == ("2027-06-21", "2027-06-23")


def test_script_json_cannot_close_the_script_element():
    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


# --- upcoming and past ---------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=BERLIN)


def items():
    return [
        event_item(entry("old", "start: 2017-02-10 15:15\nlocation: Kiel")),
        event_item(entry("older", "start: 2017-01-05\nlocation: Kiel")),
        event_item(entry("last-year", "start: 2025-11-02 18:00\nlocation: Kiel")),
        event_item(entry("this-morning", "start: 2026-06-01 09:00\nlocation: Kiel")),
        # Still running at noon: counts as upcoming.
        event_item(
            entry(
                "running",
                "start: 2026-06-01 10:00\nend: 2026-06-01 14:00\nlocation: Kiel",
            )
        ),
        # All day today: upcoming until midnight.
        event_item(entry("today", "start: 2026-06-01\nlocation: Kiel")),
        event_item(entry("next-year", "start: 2027-03-18 18:30\nlocation: Kiel")),
        event_item(
            entry(
                "sf-soon",
                "start: 2026-06-01 08:00\ntimezone: America/Los_Angeles\nonline: https://e.org",
            )
        ),
    ]


def test_upcoming_soonest_first():
    keys = [item.entry.key for item in upcoming(items(), NOW)]
    # 'today' starts at midnight, 'running' at 10:00, SF's 08:00 is 17:00 in Kiel.
    assert keys == ["today", "running", "sf-soon", "next-year"]
    assert [item.entry.key for item in next_events(items(), NOW, 3)] == keys[:3]


def test_past_newest_first_by_year():
    groups = past_by_year(items(), NOW)
    assert [(g.year, [i.entry.key for i in g.items]) for g in groups] == [
        (2026, ["this-morning"]),
        (2025, ["last-year"]),
        (2017, ["old", "older"]),
    ]


def test_the_clock_decides():
    later = datetime(2027, 3, 18, 21, 0, tzinfo=BERLIN)
    assert [item.entry.key for item in upcoming(items(), later)] == []
    assert past_by_year(items(), later)[0].items[0].entry.key == "next-year"
