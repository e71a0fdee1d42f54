"""Where an event is, as text for pages and calendars and as a map link.

The map is a plain link to an OpenStreetMap search: an embedded map would load
tiles and scripts from elsewhere into visitors' browsers without their consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from babel import Locale

from .model import Location

OSM_SEARCH = "https://www.openstreetmap.org/search"


@dataclass(frozen=True)
class Place:
    """A location ready for a page of one language."""

    name: str | None
    address: str | None
    city: str | None
    country_code: str
    country: str  # the country's name in the page's language
    map_url: str

    @property
    def lines(self) -> tuple[str, ...]:
        """Name, street, city and country: one line each, as on an envelope."""
        return tuple(
            part for part in (self.name, self.address, self.city, self.country) if part
        )

    @property
    def text(self) -> str:
        """All of it on one line, for a calendar's LOCATION."""
        return ", ".join(self.lines)


def country_name(code: str, lang: str) -> str:
    """ "Deutschland" for DE on German pages, "Germany" on English ones."""
    return Locale.parse(lang).territories.get(code, code)


def map_url(location: Location, lang: str) -> str:
    """An OpenStreetMap search for the address (the name alone finds too much)."""
    parts = (
        [location.address, location.city]
        if location.address
        else [
            location.name,
            location.city,
        ]
    )
    query = ", ".join(part for part in parts if part)
    query += ", " + country_name(location.country, lang)
    return f"{OSM_SEARCH}?{urlencode({'query': query})}"


def place(location: Location, lang: str) -> Place:
    """The :class:`Place` of ``location`` for ``lang`` readers."""
    return Place(
        name=location.name,
        address=location.address,
        city=location.city,
        country_code=location.country,
        country=country_name(location.country, lang),
        map_url=map_url(location, lang),
    )
