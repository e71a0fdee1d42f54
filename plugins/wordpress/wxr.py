"""Read a WordPress export (WXR 1.0 to 1.2) into plain dataclasses.

WordPress has named the export's namespace ``http://wordpress.org/export/1.x/``
and, since 2019, ``https://…``; both are read, as is the older ``excerpt``
namespace written with either scheme.

The export is untrusted input from another system, so it goes through
defusedxml: no DTDs, no entity expansion (the "billion laughs" bomb), no
external or network references. Everything after parsing works on the frozen
:class:`Export`, never on XML elements.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from sitecore.i18n import M

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
_WP_NS = re.compile(r"^\{(https?://wordpress\.org/export/(1\.\d+)/)\}")
_EXCERPT_NS = re.compile(r"^\{https?://wordpress\.org/export/1\.\d+/excerpt/\}encoded$")
# XML 1.0 forbids these control characters, yet WordPress exports them when
# an editor pasted them into a post; the WordPress importer then fails too.
_FORBIDDEN_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NO_DATE = "0000-00-00 00:00:00"
_TAG = re.compile(r"<[^>]+>")


class WxrError(Exception):
    """The file is not a readable WordPress export; the message says why."""


@dataclass(frozen=True)
class Term:
    """A category, tag or other taxonomy term attached to an item."""

    domain: str  # category, post_tag, language, post_translations, …
    slug: str  # WordPress's "nicename"
    name: str


@dataclass(frozen=True)
class Author:
    """A WordPress user named as the creator of items."""

    login: str
    display_name: str


@dataclass(frozen=True)
class Item:
    """One ``<item>``: a post, page, attachment, menu item, revision, …"""

    post_id: int
    post_type: str
    status: str
    title: str
    link: str  # the permalink (``?p=<id>`` for drafts)
    guid: str
    post_name: str
    post_date: str  # the site's local time, as exported
    post_date_gmt: str  # UTC; all zeros for drafts never published
    creator: str  # author login
    content: str  # HTML (with Gutenberg block comments, shortcodes)
    excerpt: str
    parent: int = 0
    password: str = ""
    attachment_url: str = ""
    terms: tuple[Term, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()

    def meta_value(self, key: str) -> str:
        """The first value of post meta ``key``, or ''."""
        return next((value for name, value in self.meta if name == key), "")

    def terms_in(self, domain: str) -> tuple[Term, ...]:
        """The item's terms of one taxonomy, in export order."""
        return tuple(term for term in self.terms if term.domain == domain)


@dataclass(frozen=True)
class Export:
    """A whole WXR file: the site's addresses, its authors and its items."""

    version: str
    title: str
    site_url: str
    blog_url: str
    link: str
    language: str
    authors: dict[str, Author] = field(default_factory=dict)
    items: tuple[Item, ...] = ()

    @cached_property
    def by_id(self) -> dict[int, Item]:
        """Every item by its post id (venues, attachments … are looked up here)."""
        return {item.post_id: item for item in self.items}

    def author_name(self, login: str) -> str:
        """The display name of the user ``login`` (the login if unknown)."""
        author = self.authors.get(login)
        return author.display_name if author and author.display_name else login


def parse_wxr(data: bytes) -> Export:
    """Parse the bytes of a WXR file; raise :class:`WxrError` if unusable."""
    data = _FORBIDDEN_CONTROLS.sub(b"", data)
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WxrError(
            M(
                "the file has a '<!DOCTYPE' line, which a WordPress export never "
                "has; refusing to read it ({detail})",
                detail=type(exc).__name__,
            )
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise WxrError(
            M(
                "the file is damaged at line {line}, column {column}: "
                "export the site again from Tools → Export",
                line=line,
                column=column,
            )
        ) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError(
            M(
                "not a WordPress export (it does not start with <rss><channel>); "
                "export the site from Tools → Export → All content"
            )
        )
    wp_ns, version = _wordpress_namespace(channel)
    wp = _Names(wp_ns)
    authors = {}
    for element in channel.findall(wp("author")):
        login = _text(element, wp("author_login"))
        authors[login] = Author(login, _text(element, wp("author_display_name")))
    items = tuple(_item(element, wp) for element in channel.findall("item"))
    return Export(
        version=_text(channel, wp("wxr_version")) or version,
        title=_text(channel, "title"),
        site_url=_text(channel, wp("base_site_url")),
        blog_url=_text(channel, wp("base_blog_url")),
        link=_text(channel, "link"),
        language=_text(channel, "language"),
        authors=authors,
        items=items,
    )


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment (titles and excerpts are stored as HTML): one line."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def local_datetime(item: Item, zone: ZoneInfo) -> datetime | None:
    """When the item is (or will be) published, in ``zone``.

    The UTC date is preferred: it is right whatever time zone the old site
    was set to. Drafts never published have none; their local date is taken
    as given in ``zone``.
    """
    for value, source in ((item.post_date_gmt, UTC), (item.post_date, zone)):
        if not value or value.startswith(_NO_DATE[:10]):
            continue
        try:
            parsed = datetime.strptime(value.strip()[:19], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=source).astimezone(zone)
    return None


class _Names:
    """Builds ``{namespace}name`` tags for the export's WordPress namespace."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def __call__(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"


def _wordpress_namespace(channel: Element) -> tuple[str, str]:
    for element in _descendants(channel):
        match = _WP_NS.match(element.tag)
        if match:
            return match.group(1), match.group(2)
    raise WxrError(
        M(
            "not a WordPress export: no WordPress elements (wp:…) found; "
            "export the site from Tools → Export → All content"
        )
    )


def _descendants(element: Element) -> Iterator[Element]:
    for child in element:
        yield child
        yield from _descendants(child)


def _text(parent: Element, tag: str) -> str:
    child = parent.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _raw(parent: Element, tag: str) -> str:
    """Text of a child without stripping: HTML whitespace is meaningful."""
    child = parent.find(tag)
    return (child.text or "") if child is not None else ""


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _excerpt(element: Element) -> str:
    """The item's excerpt, whichever scheme its namespace was written with."""
    for child in element:
        if _EXCERPT_NS.match(child.tag):
            return child.text or ""
    return ""


def _item(element: Element, wp: _Names) -> Item:
    terms = tuple(
        Term(
            domain=category.get("domain", ""),
            slug=category.get("nicename", ""),
            name=(category.text or "").strip(),
        )
        for category in element.findall("category")
    )
    meta = tuple(
        (_text(entry, wp("meta_key")), _raw(entry, wp("meta_value")))
        for entry in element.findall(wp("postmeta"))
    )
    return Item(
        post_id=_int(_text(element, wp("post_id"))),
        post_type=_text(element, wp("post_type")),
        status=_text(element, wp("status")),
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        post_name=_text(element, wp("post_name")),
        post_date=_text(element, wp("post_date")),
        post_date_gmt=_text(element, wp("post_date_gmt")),
        creator=_text(element, f"{{{DC_NS}}}creator"),
        content=_raw(element, f"{{{CONTENT_NS}}}encoded"),
        excerpt=_excerpt(element),
        parent=_int(_text(element, wp("post_parent"))),
        password=_text(element, wp("post_password")),
        attachment_url=_text(element, wp("attachment_url")),
        terms=terms,
        meta=meta,
    )
