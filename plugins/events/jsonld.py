"""schema.org ``Event`` data for search engines, as JSON-LD.

Search engines show dates, places and online links from this data next to a
result, so it says the same as the page: times with their UTC offset, the
place as a ``PostalAddress`` and the online address as a ``VirtualLocation``.
"""

from __future__ import annotations

from typing import Any

from sitecore.dates import When

from .model import EventMeta
from .place import Place

SCHEMA = "https://schema.org/"
ATTENDANCE = {
    "offline": SCHEMA + "OfflineEventAttendanceMode",
    "online": SCHEMA + "OnlineEventAttendanceMode",
    "mixed": SCHEMA + "MixedEventAttendanceMode",
}


def _when(when: When | None) -> str | None:
    if when is None:
        return None
    # All-day events are dates (schema.org's Date); timed ones carry their offset.
    return when.value.isoformat() if when.has_time else when.day.isoformat()


def _place(place: Place) -> dict[str, Any]:
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressCountry": place.country_code,
    }
    if place.address:
        address["streetAddress"] = place.address
    if place.city:
        address["addressLocality"] = place.city
    result: dict[str, Any] = {"@type": "Place", "address": address}
    result["name"] = place.name or place.city or place.address
    return result


def event_data(
    meta: EventMeta,
    *,
    lang: str,
    url: str,
    description: str,
    organizer: str,
    organizer_url: str,
    place: Place | None,
    image: str | None = None,
) -> dict[str, Any]:
    """The ``Event`` object of one language version of an event.

    ``image`` is the absolute URL of the event's picture (its link preview).
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meta.title,
        "startDate": _when(meta.start),
    }
    # A day's event without an end ends that day.
    end = _when(meta.end or (meta.start if meta.all_day else None))
    if end:
        data["endDate"] = end
    data.update(
        {
            "eventAttendanceMode": ATTENDANCE[meta.attendance],
            "eventStatus": SCHEMA + "EventScheduled",
            "inLanguage": lang,
            "url": url,
            "organizer": {
                "@type": "Organization",
                "name": organizer,
                "url": organizer_url,
            },
        }
    )
    if description:
        data["description"] = description
    if image:
        data["image"] = [image]
    locations = []
    if place is not None:
        locations.append(_place(place))
    if meta.online:
        locations.append({"@type": "VirtualLocation", "url": meta.online})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if meta.registration:
        data["offers"] = {"@type": "Offer", "url": meta.registration}
    return data
