"""Event times in both bays: zone arithmetic across both DST switches, and the text."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from events.model import EventMeta
from events.times import describe, finishes_at, format_days, format_span
from sitecore.frontmatter import parse_document
from sitecore.problems import ProblemLog
from sitecore.schema import validate

BERLIN = ZoneInfo("Europe/Berlin")
LA = ZoneInfo("America/Los_Angeles")


def meta(front: str) -> EventMeta:
    """An EventMeta read from front-matter lines, as the build reads it."""
    doc = parse_document(f"---\ntitle: T\nonline: https://example.org/\n{front}\n---\n")
    log = ProblemLog()
    result = validate(
        EventMeta, doc.meta, "x.md", log, context={"timezone": "Europe/Berlin"}
    )
    assert result is not None, [str(p) for p in log]
    return result


def other(front: str, lang: str = "de"):
    """The time in the other bay (the second zone line)."""
    times = describe(meta(front), lang)
    assert len(times.zones) == 2
    return times.zones[1]


@pytest.mark.parametrize(
    ("front", "place", "iso"),
    [
        # Winter: nine hours (the DiWiSH signing).
        ("start: 2017-02-10 15:15", "San Francisco", "2017-02-10T06:15:00-08:00"),
        # Between the US switch (2nd Sunday of March) and the EU one (last
        # Sunday of March): eight hours.
        (
            "start: 2098-03-19 09:00\ntimezone: America/Los_Angeles",
            "Kiel",
            "2098-03-19T17:00:00+01:00",
        ),
        ("start: 2027-03-18 18:30", "San Francisco", "2027-03-18T10:30:00-07:00"),
        # Summer: nine hours again.
        ("start: 2027-06-21 18:00", "San Francisco", "2027-06-21T09:00:00-07:00"),
        # Between the EU switch back (last Sunday of October) and the US one
        # (1st Sunday of November): eight hours.
        ("start: 2027-11-02 18:00", "San Francisco", "2027-11-02T10:00:00-07:00"),
        # After both: nine hours.
        ("start: 2027-11-10 18:00", "San Francisco", "2027-11-10T09:00:00-08:00"),
    ],
)
def test_other_bay_time_follows_both_dst_switches(front, place, iso):
    zone_time = other(front)
    assert zone_time.place == place
    assert zone_time.start_iso == iso
    assert not zone_time.own


def test_examples_from_the_issue_read_in_german():
    signing = describe(meta("start: 2017-02-10 15:15\nlocation: {city: Kiel}"), "de")
    assert [z.place for z in signing.zones] == ["Kiel", "San Francisco"]
    assert signing.zones[0].text == "Freitag, 10. Februar 2017, 15:15"
    assert signing.zones[1].text == "Freitag, 10. Februar 2017, 06:15"
    assert signing.start_iso == "2017-02-10T15:15:00+01:00"
    sf = describe(meta("start: 2098-03-19 09:00\ntimezone: America/Los_Angeles"), "de")
    assert sf.zones[0].text.endswith("09:00") and sf.zones[0].place == "San Francisco"
    assert sf.zones[1].text.endswith("17:00") and sf.zones[1].place == "Kiel"


def test_english_uses_the_twelve_hour_clock():
    times = describe(meta("start: 2017-02-10 15:15\nend: 2017-02-10 16:30"), "en")
    assert times.text.startswith("Friday, February 10, 2017")
    assert "3:15" in times.text and "4:30" in times.text and "PM" in times.text
    assert "6:15" in times.zones[1].text and "AM" in times.zones[1].text


def test_time_range_on_one_day_reads_as_one_date():
    times = describe(meta("start: 2017-02-10 15:15\nend: 2017-02-10 16:30"), "de")
    assert times.text == "Freitag, 10. Februar 2017, 15:15–16:30 Uhr"
    assert times.end_iso == "2017-02-10T16:30:00+01:00"
    assert times.zones[1].text == "Freitag, 10. Februar 2017, 06:15–07:30 Uhr"


def test_the_other_bay_may_be_on_another_day():
    times = describe(
        meta("start: 2027-03-10 20:00\ntimezone: America/Los_Angeles"), "de"
    )
    assert times.zones[0].text == "Mittwoch, 10. März 2027, 20:00"
    assert times.zones[1].text == "Donnerstag, 11. März 2027, 05:00"


def test_multi_day_timed_event_names_both_days():
    start = datetime(2027, 3, 10, 18, 0, tzinfo=BERLIN)
    end = datetime(2027, 3, 12, 14, 0, tzinfo=BERLIN)
    text = format_span(start, end, "de")
    assert text.startswith("Mittwoch, 10. März 2027, 18:00")
    assert text.endswith("Freitag, 12. März 2027, 14:00")


def test_all_day_events_show_dates_only_and_no_conversion():
    single = describe(meta("start: 2027-06-21"), "de")
    assert single.all_day and single.zones == ()
    assert single.text == "Montag, 21. Juni 2027"
    assert single.start_iso == "2027-06-21"
    several = describe(meta("start: 2027-03-10\nend: 2027-03-12"), "de")
    assert several.text == "10.–12. März 2027"
    assert several.end_iso == "2027-03-12"
    assert "12" in describe(meta("start: 2027-03-10\nend: 2027-03-12"), "en").text
    assert format_days(
        datetime(2027, 12, 30).date(), datetime(2028, 1, 2).date(), "de"
    ).endswith("2028")


def test_event_elsewhere_shows_both_bays():
    times = describe(meta("start: 2027-03-10 18:00\ntimezone: Asia/Tokyo"), "en")
    assert [z.zone for z in times.zones] == [
        "Asia/Tokyo",
        "Europe/Berlin",
        "America/Los_Angeles",
    ]
    assert times.zones[0].place == "Tokyo"
    assert times.zones[1].start_iso == "2027-03-10T10:00:00+01:00"


def test_own_zone_is_labelled_with_the_location_city():
    times = describe(
        meta(
            "start: 2027-05-04 10:00\ntimezone: America/Los_Angeles\n"
            "location:\n  city: Palo Alto\n  country: US"
        ),
        "en",
    )
    assert [z.place for z in times.zones] == ["Palo Alto", "Kiel"]


def test_finishes_at():
    assert finishes_at(meta("start: 2027-03-10 18:00")) == datetime(
        2027, 3, 10, 18, 0, tzinfo=BERLIN
    )
    assert finishes_at(
        meta("start: 2027-03-10 18:00\nend: 2027-03-10 20:00")
    ) == datetime(2027, 3, 10, 20, 0, tzinfo=BERLIN)
    # An all-day event lasts until the end of its last day, in its own zone.
    assert finishes_at(
        meta("start: 2027-03-10\nend: 2027-03-12\ntimezone: America/Los_Angeles")
    ) == datetime(2027, 3, 13, 0, 0, tzinfo=LA)
