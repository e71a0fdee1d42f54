"""Events as iCalendar (RFC 5545) files, written with the ``icalendar`` library.

Each event's UID is made from its key and the site's host, so it stays the
same across builds and is the same in the German and the English calendar:
a calendar app that imports both, or re-imports a corrected file, updates the
event instead of showing it twice. Timed events keep their own zone (TZID plus
a VTIMEZONE covering the years the calendar spans, written so that every
client reads it alike: see :mod:`.vtimezone`); all-day events are dates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from sitecore.slugs import slugify

from .model import EventMeta
from .vtimezone import vtimezone

#: Subscribed calendars are fetched again after this long (RFC 7986 and the
#: older X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH_INTERVAL = timedelta(hours=12)


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark a message for extraction; it is translated where it is used."""
    return message


ONLINE = N_("Online: %(url)s")
REGISTRATION = N_("Registration: %(url)s")
DETAILS = N_("Details: %(url)s")


@dataclass(frozen=True)
class CalendarEvent:
    """What one VEVENT says, in one language."""

    uid: str
    lang: str
    title: str
    meta: EventMeta
    url: str  # absolute page URL; "" when the site has no SITEURL (previews)
    location: str  # one line, "" for online-only events
    description: str


def event_uid(key: str, site_url: str, site_name: str) -> str:
    """``<key>@<host>``: stable across builds, shared by both languages."""
    host = urlsplit(site_url).hostname or slugify(site_name) or "site"
    return f"{key}@{host}"


def description(
    summary: str,
    url: str,
    online: str | None,
    registration: str | None,
    gettext: Callable[[str], str],
) -> str:
    """Plain-text DESCRIPTION: the teaser, then the links a reader needs."""
    lines = [summary] if summary else []
    links = [
        gettext(message) % {"url": value}
        for message, value in (
            (ONLINE, online),
            (REGISTRATION, registration),
            (DETAILS, url),
        )
        if value
    ]
    if links:
        lines += ["", *links] if lines else links
    return "\n".join(lines)


def _vevent(item: CalendarEvent, stamp: datetime) -> Event:
    meta = item.meta
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    language = {"LANGUAGE": item.lang}
    event.add("summary", item.title, parameters=language)
    if meta.all_day:
        # DTEND of an all-day event is the day after the last one (exclusive).
        last = (meta.end or meta.start).day
        event.add("dtstart", meta.start.day)
        event.add("dtend", last + timedelta(days=1))
    else:
        event.add("dtstart", meta.start.value)
        if meta.end is not None:
            event.add("dtend", meta.end.value)
    location = item.location or (meta.online or "")
    if location:
        event.add("location", location, parameters=language)
    if item.description:
        event.add("description", item.description, parameters=language)
    if item.url.startswith(("http://", "https://")):
        event.add("url", item.url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _year_span(items: Sequence[CalendarEvent]) -> tuple[date, date]:
    """First and last day the VTIMEZONE components must cover."""
    years = [item.meta.start.value.year for item in items]
    years += [item.meta.end.value.year for item in items if item.meta.end]
    return date(min(years), 1, 1), date(max(years) + 1, 1, 1)


def calendar(
    items: Sequence[CalendarEvent],
    *,
    name: str,
    prodid: str,
    stamp: datetime,
    url: str = "",
) -> bytes:
    """An iCalendar file with ``items``, as bytes ready to be written.

    ``stamp`` (the build's "now") is every DTSTAMP, so a build is reproducible
    for a given clock.
    """
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    if url.startswith(("http://", "https://")):
        cal.add("url", url)
        cal.add("source", url)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH_INTERVAL)
    zones = sorted({_zone_name(item.meta) for item in items} - {None})
    if zones:
        first, last = _year_span(items)
        for name in zones:
            cal.add_component(vtimezone(name, first, last))
    for item in items:
        cal.add_component(_vevent(item, stamp))
    return cal.to_ical()


def _zone_name(meta: EventMeta) -> str | None:
    """The IANA name behind a timed event's TZID (None for all-day events)."""
    return None if meta.all_day else str(meta.timezone)


def webcal(url: str) -> str | None:
    """The ``webcal://`` address that makes calendar apps subscribe to ``url``.

    Only an absolute http(s) URL can be subscribed to; previews without a
    SITEURL get None and offer the download alone.
    """
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url.removeprefix(scheme)
    return None
