"""The German and English file of one event must describe the same event.

Titles and texts are translated; the date, the place and the links are not.
If a date is changed in one file only, each language would announce a
different time, so a mismatch is an error that points at both lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from sitecore.dates import When
from sitecore.entry import Entry
from sitecore.i18n import M, Message
from sitecore.problems import ProblemLog

from .model import SHARED_FIELDS, Location, written


def shown_path(path: str) -> str:
    """A path as build messages show it: relative to the working folder if inside."""
    if os.path.isabs(path):
        relative = os.path.relpath(path, os.getcwd())
        if not relative.startswith(".."):
            return relative
    return path


def shown_value(value: Any) -> str | Message:
    """A field's value as the editor would recognise it."""
    if value is None:
        return M("nothing")
    if isinstance(value, When):
        return f"'{written(value)}'"
    if isinstance(value, Location):
        parts = [value.name, value.address, value.city, value.country]
        return "'" + ", ".join(part for part in parts if part) + "'"
    return f"'{value}'"


def comparable(value: Any) -> Any:
    """Dates as written: a different ``timezone`` is reported once, on its own line."""
    return (written(value), value.has_time) if isinstance(value, When) else value


def check_pairs(entries: Iterable[Entry], problems: ProblemLog) -> int:
    """Report each shared field that differs between an event and its translation.

    The error is filed on the file of the item's first language and names
    the other file and line. Returns the number of mismatches found.
    """
    found = 0
    for entry in entries:
        versions = list(entry.translations.values())
        if len(versions) < 2 or versions[0] is not entry:
            continue  # each item once, from its first language
        first = versions[0]
        for second in versions[1:]:
            found += _compare(first, second, problems)
    return found


def _compare(first: Entry, second: Entry, problems: ProblemLog) -> int:
    found = 0
    for name in SHARED_FIELDS:
        value = first.meta.field_value(name)
        other_value = second.meta.field_value(name)
        if comparable(value) == comparable(other_value):
            continue
        found += 1
        where = shown_path(second.source.path) + f":{second.line_of(name)}"
        problems.error(
            first.source.path,
            first.line_of(name),
            M(
                "{field}: {value} here, but {other} in {where}; start, end, "
                "timezone, location, online and registration describe the event "
                "itself and must be the same in every language file",
                field=name,
                value=shown_value(value),
                other=shown_value(other_value),
                where=where,
            ),
        )
    return found


#: Countries whose places are far from the default zone, with the zone
#: prefix their times must have; a missing ``timezone`` there is a likely slip.
COUNTRY_ZONES = {"US": ("America/", "Pacific/"), "DE": ("Europe/",)}


def check_zone_fits_country(entry: Entry, problems: ProblemLog) -> bool:
    """Warn when the place's country cannot be in the event's zone.

    An event in San Francisco without ``timezone: America/Los_Angeles`` would
    be read as Kiel time and announced nine hours off. Returns True if it fits.
    """
    meta = entry.meta
    location = meta.location
    if location is None or location.country not in COUNTRY_ZONES:
        return True
    if meta.timezone.startswith(COUNTRY_ZONES[location.country]):
        return True
    line = entry.line_of("timezone")
    problems.warning(
        entry.source.path,
        line,
        M(
            "timezone: the place is in {country} but start and end are read "
            "as {zone} time; add the zone of the place, e.g. '{example}'",
            country=location.country,
            zone=meta.timezone,
            example="timezone: America/Los_Angeles"
            if location.country == "US"
            else "timezone: Europe/Berlin",
        ),
    )
    return False
