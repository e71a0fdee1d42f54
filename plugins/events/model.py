"""An event's front matter, as the content contract describes it.

The field types come from :mod:`sitecore.schema`, so dates, URLs and time
zones are checked exactly as in news; what is particular to events lives here:
the ``location`` mapping, "a place, an online address or both", and an
``end`` that may not come before ``start``. Every rule raises a message that
names its field, so editors get ``path:line: field: what to do``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from babel import Locale
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from sitecore.dates import DEFAULT_TIMEZONE, When
from sitecore.fieldtypes import DayOrTime, MemberKeys, Text, Url, ZoneName, country_code
from sitecore.i18n import M_, N_, M
from sitecore.models import ContentMeta, PictureFields
from sitecore.problems import did_you_mean
from sitecore.schema import on_field

DEFAULT_COUNTRY = "DE"
LOCATION_FIELDS = ("name", "address", "city", "country")

#: The fields that describe the event itself, not its text: they must be the
#: same in the German and the English file (see consistency.py).
SHARED_FIELDS = ("start", "end", "timezone", "location", "online", "registration")


def _country(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(M("expected a two-letter country code such as DE or US"))
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha() or code not in Locale("en").territories:
        raise ValueError(
            M(
                "'{value}' is not a country code: use two letters such as DE or US",
                value=value.strip(),
            )
        )
    return code


CountryCode = country_code(_country)


class Location(BaseModel):
    """Where an event takes place; ``country`` is an ISO code (default DE)."""

    model_config = ConfigDict(frozen=True)

    name: Text | None = Field(None, title=N_("Name"))
    address: Text | None = Field(None, title=N_("Address"))
    city: Text | None = Field(None, title=N_("City"))
    country: CountryCode = Field(DEFAULT_COUNTRY, title=M_("Country"))

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: Any) -> Any:
        # Hugo and Jekyll themes often take "location: Kiel"; read it as a name.
        if isinstance(data, str):
            return {"name": data}
        if not isinstance(data, dict):
            raise ValueError(
                M(
                    "expected name, address, city and country on lines below it, "
                    "each indented by two spaces"
                )
            )
        # A field left empty ("address:", or null as forms write it) is not given.
        data = {key: value for key, value in data.items() if value not in ("", None)}
        for key in data:
            if key not in LOCATION_FIELDS:
                raise ValueError(
                    M(
                        "unknown field '{key}'{hint}; a location has name, "
                        "address, city and country",
                        key=key,
                        hint=did_you_mean(key, LOCATION_FIELDS),
                    )
                )
        return data

    @model_validator(mode="after")
    def _something_to_find(self) -> Location:
        if not (self.name or self.address or self.city):
            raise ValueError(M("give at least a name, an address or a city"))
        return self


class EventMeta(PictureFields, ContentMeta):
    """An event's front matter (``content/events/<key>.<lang>.md``).

    ``timezone`` is declared before ``start`` and ``end`` on purpose: the date
    fields read the zone that was validated before them.
    """

    timezone: ZoneName = Field(
        DEFAULT_TIMEZONE,
        title=M_("Time zone"),
        description=M_("Time zone of start and end, e.g. Europe/Berlin"),
    )
    start: DayOrTime = Field(title=N_("Start"), description=M_("When the event begins"))
    end: DayOrTime | None = Field(
        None, title=N_("End"), description=M_("End (optional), like start")
    )
    location: Location | None = Field(
        None, title=M_("Place"), description=M_("Place: name, address, city, country")
    )
    online: Url | None = Field(
        None, title=N_("Online address"), description=M_("Address of an online event")
    )
    registration: Url | None = Field(
        None,
        title=N_("Registration"),
        description=M_("Address for signing up (optional)"),
    )
    members: MemberKeys = Field(
        default_factory=list,
        title=N_("Members"),
        description=M_("Keys of the members taking part"),
    )

    shared_fields: ClassVar[tuple[str, ...]] = (*SHARED_FIELDS, "members", "image")
    editor_order: ClassVar[tuple[str, ...]] = (
        "title",
        "start",
        "end",
        "timezone",
        "location",
        "online",
        "registration",
        "slug",
        "summary",
        "members",
        "image",
        "image_alt",
        "status",
    )

    @model_validator(mode="before")
    @classmethod
    def _site_timezone(cls, data: Any, info: ValidationInfo) -> Any:
        # Without a timezone the dates are the site's local time; recording that
        # zone keeps start, end and timezone one consistent triple.
        if isinstance(data, dict) and "timezone" not in data:
            data = dict(data)
            data["timezone"] = (info.context or {}).get("timezone", DEFAULT_TIMEZONE)
        return data

    @model_validator(mode="after")
    def _coherent(self) -> EventMeta:
        end = self.end
        if end is not None:
            if end.has_time != self.start.has_time:
                raise ValueError(
                    on_field(
                        "end",
                        M(
                            "write 'end' like 'start': both with a time "
                            "(YYYY-MM-DD HH:MM) or both as dates only (YYYY-MM-DD) "
                            "for an all-day event"
                        ),
                    )
                )
            if (end.value if end.has_time else end.day) < (
                self.start.value if end.has_time else self.start.day
            ):
                raise ValueError(
                    on_field(
                        "end",
                        M(
                            "{end} is before the start {start}; "
                            "'end' must not be earlier than 'start'",
                            end=written(end),
                            start=written(self.start),
                        ),
                    )
                )
        if self.location is None and self.online is None:
            raise ValueError(
                M(
                    "an event needs a 'location', an 'online' address or both: add "
                    "'location:' with name, address and city, or 'online:' with "
                    "a web address"
                )
            )
        return self

    @property
    def moment(self) -> datetime | None:
        """An event is placed among other items by its start."""
        return self.start.value

    @property
    def all_day(self) -> bool:
        """An event given by dates only takes whole days, wherever one is."""
        return not self.start.has_time

    @property
    def attendance(self) -> str:
        """``offline``, ``online`` or ``mixed`` (a place and an online address)."""
        if self.location and self.online:
            return "mixed"
        return "online" if self.online else "offline"


def written(when: When) -> str:
    """A date as the editor wrote it, for messages about it."""
    pattern = "%Y-%m-%d %H:%M" if when.has_time else "%Y-%m-%d"
    return when.value.strftime(pattern)


EXTRA_ACCEPTED = frozenset({"draft"})
