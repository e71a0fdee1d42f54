"""VTIMEZONE components that every calendar client reads the same way.

A calendar gives an event's time as local time plus a TZID, and defines that
zone in a VTIMEZONE. Clients differ in how much of RFC 5545 they read there:
ical.js (Thunderbird and many web calendars) takes only the first value of
a comma-separated ``RDATE`` list and ignores an observance's ``DTSTART`` once
it has an ``RDATE``, so the compact form icalendar writes shows events after
the next summer-time change an hour off. The plainest form is read alike by
all of them: one observance per change, with only a ``DTSTART``, written as
RFC 5545 asks (local time before the change, in ``TZOFFSETFROM``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAY = timedelta(days=1)


def transitions(
    zone: ZoneInfo, first: date, last: date
) -> Iterator[tuple[datetime, timedelta, timedelta]]:
    """Every change of ``zone``'s UTC offset from ``first`` up to ``last``.

    Yields (instant in UTC, offset before, offset after). Changes happen at
    most a few times a year, so the days are scanned and each change found to
    the second by halving the day it falls in.
    """
    moment = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        later = moment + _DAY
        after = later.astimezone(zone).utcoffset()
        if after != offset:
            low, high = moment, later
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            yield high.replace(microsecond=0), offset, after
            offset = after
        moment = later


def _offset(value: timedelta | None) -> timedelta:
    return value if value is not None else timedelta(0)


def vtimezone(name: str, first: date, last: date) -> Timezone:
    """The VTIMEZONE of the IANA zone ``name`` for times from ``first`` to ``last``.

    It opens with the offset in force on ``first`` and has one observance
    per change until ``last``.
    """
    zone = ZoneInfo(name)
    component = Timezone()
    component.add("tzid", name)
    opening = datetime(first.year, first.month, first.day, tzinfo=zone)
    offset = _offset(opening.utcoffset())
    component.add_component(
        _observance(opening, opening.replace(tzinfo=None), offset, offset)
    )
    for instant, before, after in transitions(zone, first, last):
        local = instant.astimezone(zone)
        onset = (instant + _offset(before)).replace(tzinfo=None)
        component.add_component(_observance(local, onset, before, after))
    return component


def _observance(
    local: datetime, onset: datetime, before: timedelta, after: timedelta
) -> TimezoneStandard | TimezoneDaylight:
    daylight = bool(local.dst())
    observance = TimezoneDaylight() if daylight else TimezoneStandard()
    observance.add("dtstart", onset)
    observance.add("tzoffsetfrom", before)
    observance.add("tzoffsetto", after)
    name = local.tzname()
    if name and not name.startswith(("+", "-")):
        observance.add("tzname", name)
    return observance
