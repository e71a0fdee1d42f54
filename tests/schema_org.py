"""A small checker of schema.org JSON-LD, with the rules search engines apply.

Search engines ignore structured data that lacks what they need (an article
without a headline or publisher, an event without a place, a breadcrumb trail
without positions) and a block that does not parse hides every other fact in
it; these are the rules of Google's documentation for the types the site
uses, as plain functions. Every object with an ``@type``, nested ones too, is
checked; a type without a rule here is a problem of its own, so a type the
site starts to write cannot go unchecked.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

CONTEXT = "https://schema.org"


def blocks(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed (a block that does not parse raises)."""
    found = []
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string or "")
        assert isinstance(data, dict), "a JSON-LD block must be one object"
        found.append(data)
    return found


def of_type(soup: BeautifulSoup, kind: str) -> list[dict[str, Any]]:
    return [data for data in blocks(soup) if data.get("@type") == kind]


def _absolute(value: Any) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _date(value: Any) -> bool:
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _image_url(value: Any) -> str:
    return value.get("url", "") if isinstance(value, dict) else str(value)


def _news_article(data: dict[str, Any]) -> list[str]:
    problems = []
    headline = data.get("headline")
    if not isinstance(headline, str) or not headline or len(headline) > 110:
        problems.append("headline: required, at most 110 characters")
    if not _date(data.get("datePublished")):
        problems.append("datePublished: required, ISO 8601")
    if "dateModified" in data and not _date(data["dateModified"]):
        problems.append("dateModified: ISO 8601")
    authors = data.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    if not authors or not all(
        isinstance(a, dict)
        and a.get("@type") in ("Person", "Organization")
        and a.get("name")
        for a in authors
    ):
        problems.append("author: required, each a Person or Organization with a name")
    publisher = data.get("publisher")
    if not isinstance(publisher, dict) or not publisher.get("name"):
        problems.append("publisher: required, an Organization with a name")
    elif not _absolute(_image_url(publisher.get("logo", ""))):
        problems.append("publisher.logo: an absolute URL")
    if "image" in data:
        images = data["image"] if isinstance(data["image"], list) else [data["image"]]
        if not images or not all(_absolute(_image_url(i)) for i in images):
            problems.append("image: absolute URLs")
    main = data.get("mainEntityOfPage")
    main_url = main.get("@id") if isinstance(main, dict) else main
    if not _absolute(main_url):
        problems.append("mainEntityOfPage: the page's absolute URL")
    if not data.get("inLanguage"):
        problems.append("inLanguage: recommended")
    return problems


def _organization(data: dict[str, Any]) -> list[str]:
    problems = []
    if not data.get("name"):
        problems.append("name: required")
    if not _absolute(data.get("url")):
        problems.append("url: required, absolute")
    if "logo" in data and not _absolute(_image_url(data["logo"])):
        problems.append("logo: an absolute URL")
    address = data.get("address")
    if address is not None and (
        not isinstance(address, dict) or address.get("@type") != "PostalAddress"
    ):
        problems.append("address: a PostalAddress")
    return problems


def _website(data: dict[str, Any]) -> list[str]:
    problems = [] if data.get("name") else ["name: required"]
    if not _absolute(data.get("url")):
        problems.append("url: required, absolute")
    action = data.get("potentialAction")
    if action is None:
        return problems
    target = action.get("target")
    template = target.get("urlTemplate") if isinstance(target, dict) else target
    query = action.get("query-input", "")
    name = query.removeprefix("required name=") if isinstance(query, str) else ""
    if action.get("@type") != "SearchAction":
        problems.append("potentialAction: a SearchAction")
    if not name or not query.startswith("required name="):
        problems.append("potentialAction.query-input: 'required name=<placeholder>'")
    elif not isinstance(template, str) or f"{{{name}}}" not in template:
        problems.append("potentialAction.target: a URL with the {placeholder}")
    elif not _absolute(template.replace(f"{{{name}}}", "x")):
        problems.append("potentialAction.target: absolute")
    return problems


def _event(data: dict[str, Any]) -> list[str]:
    """Google's event rules: name, start and a place (or an online address)."""
    problems = []
    if not isinstance(data.get("name"), str) or not data["name"]:
        problems.append("name: required")
    if not _date(data.get("startDate")):
        problems.append("startDate: required, ISO 8601")
    if "endDate" in data and (
        not _date(data["endDate"])
        or str(data["endDate"])[:10] < str(data.get("startDate", ""))[:10]
    ):
        problems.append("endDate: ISO 8601, not before startDate")
    locations = data.get("location")
    locations = locations if isinstance(locations, list) else [locations]
    kinds = [loc.get("@type") if isinstance(loc, dict) else None for loc in locations]
    if not locations or not all(kind in ("Place", "VirtualLocation") for kind in kinds):
        problems.append("location: required, a Place or a VirtualLocation (or both)")
    mode = data.get("eventAttendanceMode")
    expected = {
        frozenset({"Place"}): "Offline",
        frozenset({"VirtualLocation"}): "Online",
        frozenset({"Place", "VirtualLocation"}): "Mixed",
    }.get(frozenset(kinds))
    if mode is not None and mode != f"{SCHEMA}{expected}EventAttendanceMode":
        problems.append(f"eventAttendanceMode: {SCHEMA}{expected}EventAttendanceMode")
    if "eventStatus" in data and data["eventStatus"] not in EVENT_STATUSES:
        problems.append("eventStatus: one of schema.org's EventStatusType")
    if "image" in data:
        images = data["image"] if isinstance(data["image"], list) else [data["image"]]
        if not images or not all(_absolute(_image_url(i)) for i in images):
            problems.append("image: absolute URLs")
    if "url" in data and not _absolute(data["url"]):
        problems.append("url: the page's absolute URL")
    return problems


def _place(data: dict[str, Any]) -> list[str]:
    address = data.get("address")
    if not isinstance(address, dict) or address.get("@type") != "PostalAddress":
        return ["address: required, a PostalAddress"]
    return []


def _postal_address(data: dict[str, Any]) -> list[str]:
    problems = []
    fields = ("streetAddress", "addressLocality", "addressRegion", "postalCode")
    if not any(data.get(name) for name in fields):
        problems.append("at least one of " + ", ".join(fields))
    country = data.get("addressCountry")
    if country is not None and (
        not isinstance(country, str) or len(country) != 2 or not country.isupper()
    ):
        problems.append("addressCountry: a two-letter ISO 3166-1 code")
    return problems


def _person(data: dict[str, Any]) -> list[str]:
    return [] if data.get("name") else ["name: required"]


def _nested_organization(data: dict[str, Any]) -> list[str]:
    """An organization named inside another object (publisher, organizer …)."""
    if set(data) <= {"@id"}:
        return []  # a reference to one described elsewhere on the page
    problems = [] if data.get("name") else ["name: required"]
    if "url" in data and not _absolute(data["url"]):
        problems.append("url: absolute")
    return problems


def _url_required(data: dict[str, Any]) -> list[str]:
    return [] if _absolute(data.get("url")) else ["url: required, absolute"]


def _web_page(data: dict[str, Any]) -> list[str]:
    return [] if _absolute(data.get("@id")) else ["@id: the page's absolute URL"]


def _checked_by_parent(data: dict[str, Any]) -> list[str]:
    return []


def _breadcrumbs(data: dict[str, Any]) -> list[str]:
    items = data.get("itemListElement")
    if not isinstance(items, list) or len(items) < 2:
        return ["itemListElement: at least two ListItems"]
    problems = []
    for number, item in enumerate(items, start=1):
        if item.get("@type") != "ListItem" or item.get("position") != number:
            problems.append(
                f"itemListElement {number}: a ListItem at position {number}"
            )
        if not item.get("name"):
            problems.append(f"itemListElement {number}: name required")
        if not _absolute(item.get("item")):
            problems.append(f"itemListElement {number}: item, an absolute URL")
    return problems


SCHEMA = "https://schema.org/"
EVENT_STATUSES = frozenset(
    SCHEMA + status
    for status in (
        "EventScheduled",
        "EventCancelled",
        "EventMovedOnline",
        "EventPostponed",
        "EventRescheduled",
    )
)

#: The rules of the types a page may describe (a JSON-LD block's own type).
RULES = {
    "NewsArticle": _news_article,
    "Article": _news_article,
    "Event": _event,
    "Organization": _organization,
    "WebSite": _website,
    "BreadcrumbList": _breadcrumbs,
}
#: The rules of the types that appear inside another object.
NESTED_RULES = {
    "Person": _person,
    "Organization": _nested_organization,
    "Place": _place,
    "PostalAddress": _postal_address,
    "VirtualLocation": _url_required,
    "Offer": _url_required,
    "ImageObject": _url_required,
    "WebPage": _web_page,
    # Their properties are their parent's rule (breadcrumbs, search box).
    "ListItem": _checked_by_parent,
    "SearchAction": _checked_by_parent,
    "EntryPoint": _checked_by_parent,
}


def types(data: Any, nested: bool = False) -> list[tuple[str, bool]]:
    """Every ``@type`` in ``data``, with whether it is nested in another object."""
    found = []
    if isinstance(data, dict):
        if "@type" in data:
            found.append((data["@type"], nested))
        for key, value in data.items():
            if key != "@type":
                found += types(value, nested=nested or "@type" in data)
    elif isinstance(data, list):
        for value in data:
            found += types(value, nested)
    return found


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every object with an ``@type`` inside ``data`` (not ``data`` itself)."""
    found = []
    values = data.values() if isinstance(data, dict) else data
    for value in values if isinstance(data, dict | list) else ():
        if isinstance(value, dict) and "@type" in value:
            found.append(value)
        if isinstance(value, dict | list):
            found += _objects(value)
    return found


def problems(data: dict[str, Any]) -> list[str]:
    """What a search engine would miss in one JSON-LD object, nested ones included."""
    if data.get("@context") != CONTEXT:
        return [f"@context must be {CONTEXT}"]
    kind = data.get("@type")
    rule = RULES.get(kind)
    if rule is None:
        return [f"{kind}: no rule for this type in tests/schema_org.py"]
    found = [f"{kind}: {problem}" for problem in rule(data)]
    for inner in _objects(data):
        inner_kind = inner["@type"]
        inner_rule = NESTED_RULES.get(inner_kind)
        if inner_rule is None:
            found.append(
                f"{kind}: {inner_kind}: no rule for this type in tests/schema_org.py"
            )
            continue
        found += [f"{kind}: {inner_kind}: {problem}" for problem in inner_rule(inner)]
    return found


def page_problems(soup: BeautifulSoup) -> list[str]:
    """Every problem of every JSON-LD block of a page."""
    return [problem for data in blocks(soup) for problem in problems(data)]
