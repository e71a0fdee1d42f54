"""Upcoming and past events, as of the build's clock.

The site is static, so "upcoming" means "not over when the site was built".
A scheduled daily rebuild moves yesterday's events to the past; tests set the
clock (``BUILD_NOW``) and get the same split on every day they run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from sitecore.entry import Entry

from .model import EventMeta
from .place import Place, place
from .times import EventTimes, describe, finishes_at


@dataclass(frozen=True)
class EventItem:
    """One language version of an event with what its page and cards show."""

    entry: Entry
    times: EventTimes
    place: Place | None

    @property
    def meta(self) -> EventMeta:
        return self.entry.meta  # type: ignore[return-value]

    @property
    def start(self) -> datetime:
        return self.meta.start.value


def event_item(
    entry: Entry, described: tuple[EventTimes, Place | None] | None = None
) -> EventItem:
    """Describe ``entry`` in its own language (``described``: done before)."""
    return EventItem(entry, *(described or describe_event(entry)))


def describe_event(entry: Entry) -> tuple[EventTimes, Place | None]:
    """When and where, for readers of the entry's language (depends on nothing else)."""
    meta: EventMeta = entry.meta  # type: ignore[assignment]
    where = place(meta.location, entry.lang) if meta.location else None
    return describe(meta, entry.lang), where


@dataclass(frozen=True)
class YearGroup:
    """Past events of one year, newest first."""

    year: int
    items: tuple[EventItem, ...]


def is_upcoming(item: EventItem, now: datetime) -> bool:
    """Not over yet: an event running while the site is built still counts."""
    return finishes_at(item.meta) > now


def upcoming(items: Iterable[EventItem], now: datetime) -> list[EventItem]:
    """Events not over at ``now``, soonest first."""
    found = [item for item in items if is_upcoming(item, now)]
    return sorted(found, key=lambda item: (item.start, item.entry.key))


def past_by_year(items: Iterable[EventItem], now: datetime) -> list[YearGroup]:
    """Events over at ``now``, newest first, grouped by the year they started."""
    found = [item for item in items if not is_upcoming(item, now)]
    found.sort(
        key=lambda item: (item.times.year, item.start, item.entry.key), reverse=True
    )
    return [
        YearGroup(year, tuple(group))
        for year, group in groupby(found, key=lambda item: item.times.year)
    ]


def next_events(
    items: Sequence[EventItem], now: datetime, count: int
) -> list[EventItem]:
    """The ``count`` soonest upcoming events (the home page shows these)."""
    return upcoming(items, now)[:count]
