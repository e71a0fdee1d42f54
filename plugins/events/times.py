"""When an event happens, for readers in both bays.

An event is written in its own time zone; a reader in the other bay wants to
know what that means for them. Kiel and San Francisco are nine hours apart for
most of the year, but eight for a few weeks in spring and autumn, because the
EU and the US change to summer time on different days. So every conversion
goes through ``zoneinfo`` on the actual instant, never through a fixed offset,
and all text comes from Babel in the page's locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    get_datetime_format,
    get_timezone_location,
)

from sitecore.dates import get_zone

from .model import EventMeta

KIEL_ZONE = "Europe/Berlin"
BAY_AREA_ZONE = "America/Los_Angeles"

#: The two bays, by zone: their time is shown for every timed event, labelled
#: with the city readers know (city names read the same in both languages).
BAY_CITIES = {KIEL_ZONE: "Kiel", BAY_AREA_ZONE: "San Francisco"}


@dataclass(frozen=True)
class ZoneTime:
    """An event's time as read in one place."""

    place: str  # e.g. "Kiel"; shown as "in Kiel"
    zone: str  # IANA name
    text: str  # e.g. "Freitag, 10. Februar 2017, 15:15–16:30 Uhr"
    start_iso: str  # full ISO 8601 with the UTC offset there
    end_iso: str | None
    own: bool  # the event's own zone (the one the editor wrote)


@dataclass(frozen=True)
class EventTimes:
    """Everything a page says about when an event happens, in one language."""

    all_day: bool
    text: str  # in the event's own zone; dates only for all-day events
    start_iso: str  # ISO 8601: with offset for timed events, a date for all-day ones
    end_iso: str | None
    zones: tuple[ZoneTime, ...]  # own zone first; empty for all-day events
    year: int  # of the start, in the event's zone (past events are grouped by it)


def companion_zones(zone: str) -> tuple[str, ...]:
    """The other bay's zone, or both bays' zones for an event elsewhere."""
    return tuple(name for name in BAY_CITIES if name != zone)


def place_name(zone: str, lang: str, city: str | None = None) -> str:
    """The place an event's own time is labelled with.

    The location's city where there is one ("Palo Alto"), else the bay's city
    for its zone, else Babel's localised city of the zone ("New York").
    """
    if city:
        return city
    if zone in BAY_CITIES:
        return BAY_CITIES[zone]
    return get_timezone_location(ZoneInfo(zone), locale=lang, return_city=True)


def finishes_at(meta: EventMeta) -> datetime:
    """The instant an event is over: its end, or the end of its last day.

    A timed event without an ``end`` counts as over once it has started.
    """
    if meta.all_day:
        last = (meta.end or meta.start).day
        zone = get_zone(meta.timezone)
        return datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=zone)
    return (meta.end or meta.start).value


def _clock_skeleton(lang: str) -> str:
    """``Hm`` where the locale uses a 24-hour clock, ``hm`` where it uses AM/PM."""
    pattern = Locale.parse(lang).time_formats["short"].pattern
    return "Hm" if "H" in pattern else "hm"


def _with_date(day: date, clock: str, lang: str) -> str:
    # The locale's own way of joining a date and a time ("{1}, {0}").
    joined = str(get_datetime_format("full", locale=lang)).replace("'", "")
    return joined.replace("{1}", format_date(day, "full", locale=lang)).replace(
        "{0}", clock
    )


def format_span(start: datetime, end: datetime | None, lang: str) -> str:
    """A timed event's date and time(s) in ``start``'s zone, for ``lang`` readers.

    ``end`` must already be in the same zone. One day reads "Friday, February
    10, 2017, 3:15 – 4:30 PM"; several days give both dates with their times.
    """
    zone = start.tzinfo
    skeleton = _clock_skeleton(lang)
    if end is None or end == start:
        return _with_date(
            start.date(),
            format_skeleton(skeleton, start, tzinfo=zone, locale=lang),
            lang,
        )
    if end.date() == start.date():
        clock = format_interval(start, end, skeleton, tzinfo=zone, locale=lang)
        return _with_date(start.date(), clock, lang)
    parts = [
        _with_date(
            value.date(),
            format_skeleton(skeleton, value, tzinfo=zone, locale=lang),
            lang,
        )
        for value in (start, end)
    ]
    fallback = Locale.parse(lang).interval_formats.get(None) or "{0} – {1}"
    return fallback.replace("{0}", parts[0]).replace("{1}", parts[1])


def format_days(first: date, last: date | None, lang: str) -> str:
    """An all-day event's dates: "10.–12. März 2027", "Friday, March 19, 2027"."""
    if last is None or last == first:
        return format_date(first, "full", locale=lang)
    return format_interval(first, last, "yMMMMd", locale=lang)


def describe(meta: EventMeta, lang: str) -> EventTimes:
    """When ``meta``'s event happens, in its own zone and in both bays'."""
    if meta.all_day:
        last = meta.end.day if meta.end else None
        return EventTimes(
            all_day=True,
            text=format_days(meta.start.day, last, lang),
            start_iso=meta.start.day.isoformat(),
            end_iso=last.isoformat() if last else None,
            zones=(),
            year=meta.start.day.year,
        )
    city = meta.location.city if meta.location else None
    zones = []
    for name in (meta.timezone, *companion_zones(meta.timezone)):
        zone = get_zone(name)
        start = meta.start.value.astimezone(zone)
        end = meta.end.value.astimezone(zone) if meta.end else None
        own = name == meta.timezone
        zones.append(
            ZoneTime(
                place=place_name(name, lang, city if own else None),
                zone=name,
                text=format_span(start, end, lang),
                start_iso=start.isoformat(),
                end_iso=end.isoformat() if end else None,
                own=own,
            )
        )
    return EventTimes(
        all_day=False,
        text=zones[0].text,
        start_iso=zones[0].start_iso,
        end_iso=zones[0].end_iso,
        zones=tuple(zones),
        year=meta.start.value.year,
    )
