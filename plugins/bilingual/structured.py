"""schema.org structured data (JSON-LD) of the site's pages, as plain dicts.

Search engines read it to show a result as an article with its date and
picture, the association with its address and logo, a search box that leads
to the site's own search page, and the path of a page through the site. The
functions here build the data from the settings and entries; the pages embed
it with :func:`sitecore.jsonld.script_json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitecore.entry import Entry

from .settings import SiteSettings

CONTEXT = "https://schema.org"
#: The placeholder a search engine fills in with the visitor's words.
SEARCH_TERM = "search_term_string"
#: The site's logo (the theme's icon, written at the root of the output).
LOGO = "favicon.svg"


def organization_id(site: SiteSettings) -> str:
    """The ``@id`` naming the association wherever the data mentions it."""
    return site.absolute("") + "#organization"


def _postal_address(site: SiteSettings) -> dict[str, str] | None:
    address = site.address
    if not address:
        return None
    data = {"@type": "PostalAddress"}
    for key, name in (
        ("address", "streetAddress"),
        ("city", "addressLocality"),
        ("country", "addressCountry"),
    ):
        if address.get(key):
            data[name] = address[key]
    return data


def publisher(site: SiteSettings) -> dict[str, Any]:
    """The association as publisher: name, address and logo."""
    return {
        "@type": "Organization",
        "@id": organization_id(site),
        "name": site.site_name,
        "url": site.absolute(""),
        "logo": {"@type": "ImageObject", "url": site.absolute(LOGO)},
    }


def organization(site: SiteSettings) -> dict[str, Any]:
    """The association's ``Organization``, for the home pages."""
    data: dict[str, Any] = {"@context": CONTEXT, **publisher(site)}
    address = _postal_address(site)
    if address:
        data["address"] = address
    if site.founded:
        data["foundingDate"] = site.founded
    return data


def website(
    site: SiteSettings, lang: str, search_url: str | None = None
) -> dict[str, Any]:
    """The ``WebSite`` in ``lang``; with a ``SearchAction`` if there is a search page.

    ``search_url`` is the site-relative search page of ``lang``; its form
    reads ``?q=``.
    """
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": site.site_name,
        "url": site.absolute(site.url(lang, "home")),
        "inLanguage": lang,
        "publisher": {"@id": organization_id(site)},
    }
    if search_url is not None:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{site.absolute(search_url)}?q={{{SEARCH_TERM}}}",
            },
            "query-input": f"required name={SEARCH_TERM}",
        }
    return data


def site_website(site: SiteSettings) -> dict[str, Any]:
    """The ``WebSite`` as a whole, for the root page ``/`` that offers every language.

    Search engines read the site's name from the page at the root; the
    language versions each describe themselves on their home pages.
    """
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": site.site_name,
        "url": site.absolute(""),
        "inLanguage": list(site.languages),
        "publisher": {"@id": organization_id(site)},
    }


def lead_image_url(entry: Entry) -> str | None:
    """The absolute URL of the entry's picture for link previews, if it has one.

    The pictures plugin notes on each entry with a lead picture what it made
    of it: ``(variant names, preview URL)``; the preview (1200×630) is the
    size search engines ask for.
    """
    media = entry.media
    if len(media) == 2 and isinstance(media[1], str) and media[1]:
        return media[1]
    return None


def _author(entry: Entry, site: SiteSettings) -> dict[str, Any]:
    name = entry.meta.byline
    if not name or name == site.site_name:
        return {
            "@type": "Organization",
            "name": site.site_name,
            "url": site.absolute(""),
        }
    return {"@type": "Person", "name": name}


def news_article(
    entry: Entry, site: SiteSettings, kind: str = "NewsArticle"
) -> dict[str, Any]:
    """A news item's ``NewsArticle`` (or another ``Article`` type)."""
    canonical = site.absolute(entry.url)
    published = entry.date
    modified = entry.modified or published
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": kind,
        "headline": entry.title,
        "inLanguage": entry.lang,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "author": [_author(entry, site)],
        "publisher": publisher(site),
    }
    if published is not None:
        data["datePublished"] = published.isoformat()
    if modified is not None:
        data["dateModified"] = modified.isoformat()
    image = lead_image_url(entry)
    if image:
        data["image"] = [image]
    if entry.summary:
        data["description"] = entry.summary
    return data


def breadcrumb_list(trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A ``BreadcrumbList`` of (name, absolute URL) pairs, from the home page on."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }
