"""Every published calendar reads the same in ical.js as in Python's icalendar.

ical.js is the parser of Thunderbird and of many web calendars; it resolves
an event's TZID with the VTIMEZONE in the file, where icalendar uses the
system's zone of that name. Both must agree on the instant every event starts
and ends, across the summer-time changes of Kiel and San Francisco.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from icalendar import Calendar
from test_events_ics import STAMP, item

from events.ics import calendar
from events.vtimezone import transitions, vtimezone

READER = ROOT / "tests" / "ical_times.mjs"

#: Events on both sides of every change of 2026 and 2027 in Europe/Berlin
#: (29 March, 25 October; 28 March, 31 October) and America/Los_Angeles
#: (8 March, 1 November; 14 March, 7 November), between the two and far off.
ACROSS_CHANGES = (
    ("2026-03-07 09:00", "Europe/Berlin"),
    ("2026-03-20 09:00", "America/Los_Angeles"),
    ("2026-03-28 23:30", "Europe/Berlin"),
    ("2026-03-29 03:00", "Europe/Berlin"),
    ("2026-03-29 03:30", "Europe/Berlin"),
    ("2026-10-25 01:59", "Europe/Berlin"),
    ("2026-10-25 03:00", "Europe/Berlin"),
    ("2026-07-01 18:00", "America/Los_Angeles"),
    ("2026-10-25 01:30", "America/Los_Angeles"),
    ("2026-10-26 09:00", "Europe/Berlin"),
    ("2026-11-02 09:00", "America/Los_Angeles"),
    ("2027-03-19 09:00", "America/Los_Angeles"),
    ("2027-06-20 09:00", "America/Los_Angeles"),
    ("2027-10-30 17:00", "Europe/Berlin"),
    ("2027-11-08 09:00", "America/Los_Angeles"),
    ("2030-08-01 12:00", "America/Los_Angeles"),
    ("2030-12-01 12:00", "Europe/Berlin"),
)


def ical_js(paths: list[Path]) -> list[dict]:
    """Every event of ``paths`` as ical.js reads it (see ical_times.mjs)."""
    result = subprocess.run(
        ["node", str(READER), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


def _moment(value: date | datetime | None) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return int(value.timestamp())
    return value.strftime("%Y%m%d")


def icalendar_times(paths: list[Path]) -> list[dict]:
    """Every event of ``paths`` as Python's icalendar reads it."""
    events = []
    for path in paths:
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            events.append(
                {
                    "file": str(path),
                    "uid": str(event["uid"]),
                    "tzid": event["dtstart"].params.get("TZID"),
                    "start": _moment(event.decoded("dtstart")),
                    "end": _moment(event.decoded("dtend", None)),
                }
            )
    return events


def assert_clients_agree(paths: list[Path]) -> list[dict]:
    """ical.js and icalendar give every event the same start and end."""
    assert paths
    theirs = ical_js(paths)
    ours = icalendar_times(paths)
    for event in theirs:  # ical.js writes dates as YYYY-MM-DD
        for key in ("start", "end"):
            if isinstance(event[key], str):
                event[key] = event[key].replace("-", "")
    assert theirs == ours
    return ours


def test_events_across_summer_time_changes_read_the_same(tmp_path):
    items = [
        item(f"start: {start}\ntimezone: {zone}\nlocation: X", uid=f"e{n}@x")
        for n, (start, zone) in enumerate(ACROSS_CHANGES)
    ]
    items.append(item("start: 2027-03-10\nend: 2027-03-12\nlocation: X", uid="day@x"))
    path = tmp_path / "events.ics"
    path.write_bytes(calendar(items, name="T", prodid="-//T//T//DE", stamp=STAMP))
    events = assert_clients_agree([path])
    assert len(events) == len(ACROSS_CHANGES) + 1
    sf = next(e for e in events if e["uid"] == "e12@x")
    # 20 June 2027, 9:00 in San Francisco (PDT, UTC-7) is 16:00 UTC.
    assert sf["start"] == int(datetime.fromisoformat("2027-06-20T16:00Z").timestamp())
    assert "RDATE" not in path.read_text("utf-8")


@pytest.mark.slow
def test_every_calendar_of_the_sample_site_reads_the_same(sample_site):
    paths = sorted(sample_site.output.rglob("*.ics"))
    names = {path.relative_to(sample_site.output).as_posix() for path in paths}
    assert {"de/termine.ics", "en/events.ics"} <= names
    assert len(names) > 2  # one per event and language, too
    events = assert_clients_agree(paths)
    zones = {event["tzid"] for event in events}
    assert {"Europe/Berlin", "America/Los_Angeles"} <= zones


@pytest.mark.slow
def test_every_calendar_of_a_site_with_events_across_the_changes(site):
    for n, (start, zone) in enumerate(ACROSS_CHANGES):
        for lang in ("de", "en"):
            site.md(
                f"events/e{n}.{lang}.md",
                f"title: Event {n}\nstart: {start}\ntimezone: {zone}\n"
                "location:\n  city: Kiel",
            )
    site.md(
        "events/days.de.md",
        "title: Tage\nstart: 2026-10-24\nend: 2026-10-26\nlocation:\n  city: Kiel",
    )
    result = site.build("publishconf.py", SITEURL="https://www.example.org")
    assert result.exit_code == 0, result.stderr
    paths = sorted(result.output.rglob("*.ics"))
    events = assert_clients_agree(paths)
    combined = [e for e in events if e["file"].endswith(("termine.ics", "events.ics"))]
    assert len(combined) == 2 * len(ACROSS_CHANGES) + 1
    assert len(events) == 2 * len(combined)  # and once in its own file


def test_each_change_is_an_observance_starting_at_its_local_time_before():
    zone = vtimezone("Europe/Berlin", date(2026, 1, 1), date(2027, 1, 1))
    observances = [
        (
            part.name,
            part.decoded("dtstart").isoformat(),
            part["tzoffsetfrom"].to_ical(),
            part["tzoffsetto"].to_ical(),
            str(part["tzname"]),
        )
        for part in zone.subcomponents
    ]
    assert observances == [
        ("STANDARD", "2026-01-01T00:00:00", "+0100", "+0100", "CET"),
        ("DAYLIGHT", "2026-03-29T02:00:00", "+0100", "+0200", "CEST"),
        ("STANDARD", "2026-10-25T03:00:00", "+0200", "+0100", "CET"),
    ]
    assert [
        t[0].isoformat()
        for t in transitions(
            ZoneInfo("America/Los_Angeles"), date(2027, 1, 1), date(2028, 1, 1)
        )
    ] == [
        "2027-03-14T10:00:00+00:00",
        "2027-11-07T09:00:00+00:00",
    ]
