"""Dates as editors write them, and as visitors read them.

Editors write ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` in local time (Europe/Berlin
unless the file gives a ``timezone``). We turn that into aware datetimes at
once: Babel treats naive datetimes as UTC, which would shift every time by one
or two hours. Formatting always goes through Babel with the page's locale, so
"27. Januar 2017" needs no German OS locale.

Parsing is strict, because a date that is read wrongly publishes at the wrong
moment: two-digit months, days, hours and minutes, years from 1900 to 2199
(no arithmetic on them can overflow), and no local time that does not exist
(the hour the clocks skip in spring) or that happens twice (the hour they
repeat in autumn). Each mistake is answered with the correct form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time

from .i18n import M_, M, Message

DEFAULT_TIMEZONE = "Europe/Berlin"
MIN_YEAR = 1900
MAX_YEAR = 2199
#: Loose on purpose: what editors write, so the message can show the fix.
_PATTERN = re.compile(
    r"^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$"
)
_STRICT = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$")


@dataclass(frozen=True)
class When:
    """A parsed date: an aware datetime, and whether the editor gave a time."""

    value: datetime
    has_time: bool

    @property
    def day(self) -> date:
        """The calendar day in the value's own time zone."""
        return self.value.date()


#: A date that is not in the calendar (``2017-02-30``); ``{text}`` is the date.
NO_SUCH_DAY = M_("'{text}' is not a valid date: that day does not exist")


def no_such_day(text: str) -> Message:
    """The message for a date that is not in the calendar (``2017-02-30``)."""
    return M(NO_SUCH_DAY, text=text)


def get_zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name`` or raise ValueError with an editor hint."""
    try:
        if not name or name != name.strip() or name.startswith("/"):
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            M(
                "unknown time zone '{name}'; use a name such as "
                "Europe/Berlin or America/Los_Angeles",
                name=name,
            )
        ) from None


def parse_when(text: str, zone: ZoneInfo) -> When:
    """Parse ``YYYY-MM-DD[ HH:MM]`` as local time in ``zone``.

    Raises ValueError naming the problem and the fix: a wrong format (with
    the correct spelling when it is clear), a day that does not exist
    (``2017-02-30``), a year outside 1900–2199, or a local time the clocks
    skip or repeat.
    """
    text = text.strip()
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(
            M(
                "'{text}' is not a date; use YYYY-MM-DD or YYYY-MM-DD HH:MM, "
                "e.g. 2017-01-27 or 2017-01-27 10:00",
                text=text,
            )
        )
    year, month, day, hour, minute, second = (
        None if part is None else int(part) for part in match.groups()
    )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            M(
                "'{text}' has the year {year}; years from {first} to {last} "
                "are accepted, so check the date",
                text=text,
                year=match.group(1),
                first=MIN_YEAR,
                last=MAX_YEAR,
            )
        )
    try:
        day_value = date(year, month, day)
    except ValueError:
        raise ValueError(no_such_day(text)) from None
    if hour is None:
        clock = None
    else:
        try:
            clock = time(hour, minute, second or 0)
        except ValueError:
            raise ValueError(
                M(
                    "'{text}' has an invalid time; use YYYY-MM-DD HH:MM with "
                    "hours 00 to 23 and minutes 00 to 59",
                    text=text,
                )
            ) from None
    if not _STRICT.match(text) or (second or 0):
        written = day_value.isoformat()
        if clock is not None:
            written += f" {clock:%H:%M}"
        raise ValueError(
            M(
                "'{text}' must be written as {written}: "
                "YYYY-MM-DD or YYYY-MM-DD HH:MM, with two digits for month, "
                "day, hour and minute",
                text=text,
                written=written,
            )
        )
    if clock is None:
        return When(
            datetime.combine(day_value, time(0, 0), tzinfo=zone), has_time=False
        )
    value = datetime.combine(day_value, clock, tzinfo=zone)
    _check_exists_once(value, text, zone)
    return When(value, has_time=True)


def _check_exists_once(value: datetime, text: str, zone: ZoneInfo) -> None:
    """Refuse a wall-clock time in a daylight-saving gap or fold of ``zone``.

    PEP 495: ``fold=0`` and ``fold=1`` give the offsets before and after a
    transition. They differ only near one; the later offset is larger in a
    gap (clocks jump forward) and smaller in a fold (clocks go back).
    """
    before = value.replace(fold=0).utcoffset()
    after = value.replace(fold=1).utcoffset()
    if before is None or after is None or before == after:
        return
    naive = value.replace(tzinfo=None)
    change = _transition(zone, naive - max(before, after), naive - min(before, after))
    old_clock = f"{change + before:%H:%M}"
    new_clock = f"{change + after:%H:%M}"
    if after > before:
        step = after - before
        raise ValueError(
            M(
                "'{text}' does not exist in {zone}: the clocks jump from "
                "{old} to {new} that night; use {later} or {earlier}",
                text=text,
                zone=zone.key,
                old=old_clock,
                new=new_clock,
                later=f"{naive + step:%H:%M}",
                earlier=f"{naive - step:%H:%M}",
            )
        )
    raise ValueError(
        M(
            "'{text}' happens twice in {zone}: the clocks go back from "
            "{old} to {new} that night; choose a time outside {new}–{old}",
            text=text,
            zone=zone.key,
            old=old_clock,
            new=new_clock,
        )
    )


def _transition(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The UTC moment (naive) between ``low`` and ``high`` when the offset changes."""

    def offset(moment: datetime) -> timedelta | None:
        return moment.replace(tzinfo=UTC).astimezone(zone).utcoffset()

    start = offset(low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if offset(middle) == start:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def format_date(value: date | datetime, lang: str, format: str = "long") -> str:
    """Format a day for ``lang``: "27. Januar 2017", "January 27, 2017"."""
    if isinstance(value, datetime):
        value = value.date()
    return babel_format_date(value, format=format, locale=lang)


def format_time(value: datetime, lang: str, format: str = "short") -> str:
    """Format a wall-clock time in the value's own time zone ("15:15", "3:15 PM")."""
    return babel_format_time(value, format=format, tzinfo=value.tzinfo, locale=lang)
