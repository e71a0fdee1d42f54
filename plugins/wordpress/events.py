"""Events from WordPress: the fields of The Events Calendar, where an item has them.

The Events Calendar, WordPress's most used events plugin, keeps an event's
time in post meta (``_EventStartDate``, ``_EventEndDate`` as local
``YYYY-MM-DD HH:MM:SS``, ``_EventAllDay``, ``_EventTimezone``) and its place
as a venue item (``tribe_venue``, named by ``_EventVenueID``) with
``_VenueAddress``, ``_VenueCity`` and ``_VenueCountry``. An item sent to a
section with ``start`` (``--section-map post_type:tribe_events=events``) gets
them as the contract's ``start``, ``end``, ``timezone`` and ``location``; what
is missing is listed, because the strict build refuses an event without a
start or a place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale

from .wxr import Item, plain_text

_WHEN = re.compile(r"^(\d{4}-\d\d-\d\d)(?: (\d\d:\d\d)(?::\d\d)?)?$")
_YES = frozenset({"yes", "1", "true", "on"})


def _when(value: str, all_day: bool) -> str:
    """``YYYY-MM-DD HH:MM`` (or the date alone) from The Events Calendar's text."""
    match = _WHEN.match(value.strip())
    if match is None:
        return ""
    day, time = match.groups()
    return day if all_day or not time else f"{day} {time}"


@cache
def _country_codes() -> Mapping[str, str]:
    """Country names in English and German (and the codes themselves) → code."""
    codes: dict[str, str] = {}
    for lang in ("en", "de"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                codes[name.casefold()] = code
                codes[code.casefold()] = code
    return codes


def country_code(name: str) -> str | None:
    """The ISO code of a country written as a name or a code, if known."""
    return _country_codes().get(name.strip().casefold())


def event_fields(
    item: Item, venues: Mapping[int, Item], site_zone: str
) -> dict[str, Any]:
    """``start``, ``end``, ``timezone`` and ``location`` an item's meta gives."""
    all_day = item.meta_value("_EventAllDay").strip().lower() in _YES
    fields: dict[str, Any] = {}
    start = _when(item.meta_value("_EventStartDate"), all_day)
    if not start:
        return fields
    fields["start"] = start
    end = _when(item.meta_value("_EventEndDate"), all_day)
    if end and end != start:
        fields["end"] = end
    zone = item.meta_value("_EventTimezone").strip()
    if zone and zone != site_zone and not all_day:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # "UTC+1" and the like: the site's zone is taken
        else:
            fields["timezone"] = zone
    venue_id = item.meta_value("_EventVenueID").strip()
    venue = venues.get(int(venue_id)) if venue_id.isdigit() else None
    if venue is not None:
        place = {
            "name": plain_text(venue.title),
            "address": " ".join(venue.meta_value("_VenueAddress").split()),
            "city": " ".join(venue.meta_value("_VenueCity").split()),
            "country": country_code(venue.meta_value("_VenueCountry")) or "",
        }
        place = {key: value for key, value in place.items() if value}
        if place.keys() - {"country"}:
            fields["location"] = place
    return fields
