"""A small checker of schema.org JSON-LD, with the rules search engines apply.

Search engines ignore structured data that lacks what they need (an article
without a headline or publisher, a breadcrumb trail without positions) and a
block that does not parse hides every other fact in it; these are the rules
of Google's documentation for the types the site uses, as plain functions.
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
    problems = []
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


RULES = {
    "NewsArticle": _news_article,
    "Article": _news_article,
    "Organization": _organization,
    "WebSite": _website,
    "BreadcrumbList": _breadcrumbs,
}


def problems(data: dict[str, Any]) -> list[str]:
    """What a search engine would miss in one JSON-LD object."""
    if data.get("@context") != CONTEXT:
        return [f"@context must be {CONTEXT}"]
    kind = data.get("@type")
    rule = RULES.get(kind)
    found = rule(data) if rule else []
    return [f"{kind}: {problem}" for problem in found]


def page_problems(soup: BeautifulSoup) -> list[str]:
    """Every problem of every JSON-LD block of a page."""
    return [problem for data in blocks(soup) for problem in problems(data)]
