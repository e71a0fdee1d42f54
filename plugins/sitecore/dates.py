"""Dates as editors write them, and as visitors read them.

Editors write ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` in local time (Europe/Berlin
unless the file gives a ``timezone``). We turn that into aware datetimes at
once: Babel treats naive datetimes as UTC, which would shift every time by one
or two hours. Formatting always goes through Babel with the page's locale, so
"27. Januar 2017" needs no German OS locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time

DEFAULT_TIMEZONE = "Europe/Berlin"
FORMATS_HINT = "use YYYY-MM-DD or YYYY-MM-DD HH:MM"
_PATTERN = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


@dataclass(frozen=True)
class When:
    """A parsed date: an aware datetime, and whether the editor gave a time."""

    value: datetime
    has_time: bool

    @property
    def day(self) -> date:
        """The calendar day in the value's own time zone."""
        return self.value.date()


def get_zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name`` or raise ValueError with an editor hint."""
    try:
        if not name or name != name.strip() or name.startswith("/"):
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone '{name}'; use an IANA name such as "
            "Europe/Berlin or America/Los_Angeles"
        ) from None


def parse_when(text: str, zone: ZoneInfo) -> When:
    """Parse ``YYYY-MM-DD[ HH:MM]`` as local time in ``zone``.

    Raises ValueError naming the problem: a wrong format, or a date that does
    not exist (``2017-02-30``).
    """
    text = text.strip()
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; {FORMATS_HINT}")
    year, month, day, hour, minute, second = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(
            f"'{text}' is not a valid date: that day does not exist"
        ) from None
    if hour is None:
        return When(
            datetime.combine(day_value, time(0, 0), tzinfo=zone), has_time=False
        )
    try:
        clock = time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"'{text}' has an invalid time; {FORMATS_HINT}") from None
    return When(datetime.combine(day_value, clock, tzinfo=zone), has_time=True)


def format_date(value: date | datetime, lang: str, format: str = "long") -> str:
    """Format a day for ``lang``: "27. Januar 2017", "January 27, 2017"."""
    if isinstance(value, datetime):
        value = value.date()
    return babel_format_date(value, format=format, locale=lang)


def format_time(value: datetime, lang: str, format: str = "short") -> str:
    """Format a wall-clock time in the value's own time zone ("15:15", "3:15 PM")."""
    return babel_format_time(value, format=format, tzinfo=value.tzinfo, locale=lang)
