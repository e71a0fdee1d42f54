"""Event front matter: every mistake an editor can make, with its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from events.consistency import check_pairs, check_zone_fits_country
from events.model import EventMeta
from sitecore.entry import entries_from, pair_translations
from sitecore.frontmatter import parse_document
from sitecore.problems import ProblemLog
from sitecore.readall import read_all
from sitecore.reader import ReadJob
from sitecore.schema import validate
from sitecore.sources import scan_section


def check(front: str) -> tuple[EventMeta | None, list[str]]:
    """Validate front matter; return the model and the problems as path:line: text."""
    text = "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n\nText.\n"
    log = ProblemLog()
    result = validate(
        EventMeta,
        parse_document(text).meta,
        "ev.de.md",
        log,
        context={"timezone": "Europe/Berlin"},
    )
    return result, [p.format() for p in log]


def test_complete_event_is_valid():
    meta, problems = check(
        """
        title: Signing
        start: 2017-02-10 15:15
        end: 2017-02-10 16:30
        location:
          name: The Bay Areas e.V.
          address: Im Brauereiviertel 5
          city: Kiel
        registration: https://example.org/register
        members: [diwish]
        """
    )
    assert problems == []
    assert meta.timezone == "Europe/Berlin"
    assert meta.location.country == "DE"
    assert meta.members == ["diwish"]
    assert meta.attendance == "offline"
    assert not meta.all_day


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: A\nstart: 2017-02-10 15:15\nend: 2017-02-10 14:00\nlocation: Kiel",
            "ev.de.md:4: end: 2017-02-10 14:00 is before the start 2017-02-10 15:15",
        ),
        (
            "title: A\nstart: 2017-02-10\nend: 2017-02-09\nlocation: Kiel",
            "ev.de.md:4: end: 2017-02-09 is before the start 2017-02-10",
        ),
        (
            "title: A\nstart: 2017-02-10\nend: 2017-02-10 18:00\nlocation: Kiel",
            "ev.de.md:4: end: write 'end' like 'start'",
        ),
        (
            "title: A\nlocation: Kiel\ntimezone: Europe/Kiel\nstart: 2017-02-10 15:15",
            "ev.de.md:4: timezone: unknown time zone 'Europe/Kiel'",
        ),
        (
            "title: A\nlocation: Kiel\nstart: 2017-02-30 15:15",
            "ev.de.md:4: start: '2017-02-30 15:15' is not a valid date",
        ),
        (
            "title: A\nlocation: Kiel\nstart: 10.02.2017",
            "ev.de.md:4: start: '10.02.2017' is not a date; use YYYY-MM-DD",
        ),
        ("title: A\nlocation: Kiel", "ev.de.md:1: start: missing required field"),
        (
            "title: A\nstart: 2017-02-10 15:15",
            "ev.de.md:2: an event needs a 'location', an 'online'",
        ),
        (
            "title: A\nstart: 2017-02-10\nonline: javascript:alert(1)",
            "ev.de.md:4: online: 'javascript:alert(1)' is not a web address",
        ),
        (
            "title: A\nstart: 2017-02-10\nlocation: Kiel\nregistration: ftp://x.org/",
            "ev.de.md:5: registration: 'ftp://x.org/' is not a web address",
        ),
        (
            "title: A\nstart: 2017-02-10\nlocation:\n  city: Kiel\n  adress: Weg 1",
            "ev.de.md:4: location: unknown field 'adress' (did you mean 'address'?)",
        ),
        (
            "title: A\nstart: 2017-02-10\nlocation:\n  city: Kiel\n  country: Germany",
            "ev.de.md:6: location.country: 'Germany' is not a country code",
        ),
        (
            "title: A\nstart: 2017-02-10\nlocation:\n  country: US",
            "ev.de.md:4: location: give at least a name, an address or a city",
        ),
        (
            "title: A\nstart: 2017-02-10\nlocation: Kiel\nimage: images/x.jpg",
            "ev.de.md:5: image: add 'image_alt'",
        ),
    ],
)
def test_mistakes_are_reported_with_their_line(front, expected):
    meta, problems = check(front)
    assert meta is None
    assert any(problem.startswith(expected) for problem in problems), problems


def test_all_day_and_hybrid():
    meta, problems = check(
        "title: A\nstart: 2027-03-10\nend: 2027-03-12\nlocation: Kiel\n"
        "online: https://example.org/live"
    )
    assert problems == []
    assert meta.all_day and meta.attendance == "mixed"
    online, _ = check("title: A\nstart: 2027-03-10\nonline: https://example.org/")
    assert online.attendance == "online" and online.location is None


def test_timezone_of_the_site_is_recorded_when_missing():
    meta, _ = check("title: A\nstart: 2027-03-10 18:00\nlocation: Kiel")
    assert meta.timezone == "Europe/Berlin"
    assert meta.start.value.utcoffset().total_seconds() == 3600
    # The zone applies wherever in the file it is written.
    meta, _ = check(
        "title: A\nstart: 2027-03-10 18:00\nlocation: Kiel\n"
        "timezone: America/Los_Angeles"
    )
    assert meta.start.value.utcoffset().total_seconds() == -8 * 3600


# --- the two language files of one event --------------------------------------


def read_pairs(root: Path, files: dict[str, str]) -> tuple[list, ProblemLog]:
    """Write event files and read them with the build's own machinery."""
    for name, front in files.items():
        path = root / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n\nText.\n", "utf-8"
        )
    log = ProblemLog()
    sources = scan_section(str(root), "events", ("de", "en"), log)
    jobs = [ReadJob(source, EventMeta, "Europe/Berlin") for source in sources]
    entries = entries_from(read_all(jobs, 1), log)
    pair_translations(entries, ("de", "en"))
    return entries, log


KIEL = """
title: {title}
start: 2027-03-18 18:30
end: 2027-03-18 21:00
location:
  name: The Bay Areas e.V.
  address: Im Brauereiviertel 5
  city: Kiel
registration: https://example.org/register
"""


def test_matching_pair_passes(tmp_path):
    entries, log = read_pairs(
        tmp_path,
        {
            "meet.de.md": KIEL.format(title="Treffen"),
            # Same values, other order and an explicit default zone: no mismatch.
            "meet.en.md": "timezone: Europe/Berlin\n" + KIEL.format(title="Meeting"),
        },
    )
    assert check_pairs(entries, log) == 0
    assert list(log) == []


def test_mismatch_names_both_files_and_lines(tmp_path):
    entries, log = read_pairs(
        tmp_path,
        {
            "meet.de.md": KIEL.format(title="Treffen"),
            "meet.en.md": KIEL.format(title="Meeting")
            .replace("18:30", "19:30")
            .replace("city: Kiel", "city: Kiel\n  country: US")
            .replace("https://example.org/register", "https://example.org/signup"),
        },
    )
    assert check_pairs(entries, log) == 3
    messages = [problem.format() for problem in log]
    assert len(messages) == 3
    start = next(m for m in messages if ": start: " in m)
    assert start.startswith(str(tmp_path / "events" / "meet.de.md") + ":3: start:")
    assert "'2027-03-18 18:30' here, but '2027-03-18 19:30'" in start
    assert str(tmp_path / "events" / "meet.en.md") + ":3" in start
    location = next(m for m in messages if ": location: " in m)
    assert "meet.de.md:5: location:" in location and "meet.en.md:5" in location
    assert "'The Bay Areas e.V., Im Brauereiviertel 5, Kiel, US'" in location
    registration = next(m for m in messages if ": registration: " in m)
    assert "meet.de.md:9:" in registration and "meet.en.md:10" in registration


def test_different_timezone_is_one_error_on_the_timezone_line(tmp_path):
    entries, log = read_pairs(
        tmp_path,
        {
            "meet.de.md": KIEL.format(title="Treffen"),
            "meet.en.md": KIEL.format(title="Meeting").replace(
                "end: 2027-03-18 21:00",
                "end: 2027-03-18 21:00\ntimezone: America/New_York",
            ),
        },
    )
    assert check_pairs(entries, log) == 1
    (message,) = [problem.format() for problem in log]
    assert "timezone: 'Europe/Berlin' here, but 'America/New_York'" in message
    assert "meet.en.md:5" in message


def test_missing_field_in_one_file_is_a_mismatch(tmp_path):
    entries, log = read_pairs(
        tmp_path,
        {
            "meet.de.md": KIEL.format(title="Treffen"),
            "meet.en.md": KIEL.format(title="Meeting").replace(
                "end: 2027-03-18 21:00\n", ""
            ),
        },
    )
    assert check_pairs(entries, log) == 1
    (message,) = [problem.format() for problem in log]
    assert "meet.de.md:4: end: '2027-03-18 21:00' here, but nothing in" in message


def test_place_in_the_us_on_kiel_time_is_a_warning(tmp_path):
    entries, log = read_pairs(
        tmp_path,
        {
            "sf.en.md": "title: SF\nstart: 2027-05-04 10:00\n"
            "location:\n  city: SF\n  country: US"
        },
    )
    assert not check_zone_fits_country(entries[0], log)
    (problem,) = log.warnings
    assert "timezone: America/Los_Angeles" in problem.text()
    assert not log.errors
