"""What the member pages show: per-language views, groups, links, JSON-LD.

Pure functions and small data classes, so the directory's order and groups,
the reverse links and the structured data are tested without a build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sitecore.markup import Link

from .collation import german_sort_key
from .loader import Member
from .model import MemberMeta
from .vocabulary import REGION_COUNTRIES, REGIONS, TOPICS, TYPES

DIMENSIONS: Mapping[str, Mapping[str, str]] = {
    "region": REGIONS,
    "type": TYPES,
    "topic": TOPICS,
}
_MIN = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class LogoRef:
    """A processed logo as the templates link it."""

    webp_href: str
    fallback_href: str
    fallback_type: str
    width: int
    height: int
    absolute: str  # the fallback's absolute URL, for structured data


@dataclass(eq=False)
class MemberPage:
    """A member in one language: what the directory and the profile show."""

    member: Member
    lang: str
    url: str
    href: str
    content: str  # the description, rendered from Markdown
    links: list[Link] = field(default_factory=list)
    logo: LogoRef | None = None
    translation: MemberPage | None = None

    @property
    def key(self) -> str:
        return self.member.key

    @property
    def meta(self) -> MemberMeta:
        return self.member.meta

    @property
    def title(self) -> str:
        return self.member.meta.name

    @property
    def summary(self) -> str:
        return self.member.descriptions[self.lang].summary

    @property
    def logo_alt(self) -> str:
        return self.meta.logo_alt or self.meta.name

    @property
    def initials(self) -> str:
        """Letters for the placeholder shown where a member has no logo."""
        return initials(self.meta.short_name or self.meta.name)

    @property
    def topics(self) -> list[str]:
        return list(self.meta.topics)

    def codes(self, dimension: str) -> list[str]:
        """The member's codes for ``region``, ``type`` or ``topic``."""
        if dimension == "topic":
            return self.topics
        return [getattr(self.meta, dimension)]


def initials(name: str) -> str:
    """ "DiWiSH" → "DWSH", "Landeshauptstadt Kiel" → "LK", "kiel" → "KI"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    capitals = [c for c in words[0] if c.isupper()]
    if 2 <= len(capitals) <= 4:  # an acronym such as "DiWiSH" or "WTSH"
        return "".join(capitals)
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[1][0]).upper()


def member_pages(
    members: Iterable[Member],
    languages: Iterable[str],
    url_of: Any,
    href_of: Any,
) -> list[MemberPage]:
    """One page per member and language, each knowing its translations.

    ``url_of(lang, key)`` gives the site-relative URL, ``href_of(url)`` the
    link target. Every member exists in every language (its file holds all
    descriptions), so the language switcher always finds the same member.
    """
    pages = []
    languages = tuple(languages)
    for member in members:
        own = []
        for lang in languages:
            url = url_of(lang, member.key)
            rendered = member.descriptions[lang]
            own.append(
                MemberPage(
                    member, lang, url, href_of(url), rendered.html, list(rendered.links)
                )
            )
        for page in own:
            others = [other for other in own if other is not page]
            page.translation = others[0] if others else None
        pages.extend(own)
    return sort_by_name(pages)


def sort_by_name(pages: Iterable[MemberPage]) -> list[MemberPage]:
    """German dictionary order of the names (Ä with A), then by key."""
    return sorted(pages, key=lambda page: (german_sort_key(page.title), page.key))


@dataclass(frozen=True)
class Group:
    """Members sharing one region, type or topic: a section of the directory."""

    dimension: str  # region | type | topic
    code: str
    label: str  # gettext message id; the template translates it
    members: list[MemberPage]

    @property
    def anchor(self) -> str:
        return f"{self.dimension}-{self.code}"


def groups(pages: list[MemberPage], dimension: str) -> list[Group]:
    """Non-empty groups of ``dimension`` in the vocabulary's order, names sorted."""
    result = []
    for code, label in DIMENSIONS[dimension].items():
        found = [page for page in pages if code in page.codes(dimension)]
        if found:
            result.append(Group(dimension, code, label, sort_by_name(found)))
    return result


def when(entry: Any) -> datetime:
    """When a news item was published or an event starts, for ordering."""
    for name in ("date", "start"):
        value = getattr(entry, name, None)
        if value is None:
            value = getattr(getattr(entry, "meta", None), name, None)
        value = getattr(value, "value", value)  # sitecore.dates.When
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, date):
            return datetime.combine(value, time(), tzinfo=UTC)
    return _MIN


def naming(entries: Iterable[Any], key: str) -> list[Any]:
    """The entries whose ``members`` field names ``key``, newest first."""
    found = [e for e in entries if key in (getattr(e.meta, "members", None) or ())]
    return sorted(found, key=lambda e: (when(e), e.key), reverse=True)


def organization_jsonld(
    page: MemberPage, *, canonical: str, site_name: str, site_home: str
) -> str:
    """schema.org ``Organization`` of a profile, safe inside ``<script>``."""
    meta = page.meta
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{canonical}#organization",
        "name": meta.name,
        "url": meta.website or canonical,
        "mainEntityOfPage": canonical,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": meta.city,
            "addressCountry": REGION_COUNTRIES[meta.region],
        },
        "memberOf": {"@type": "Organization", "name": site_name, "url": site_home},
    }
    if meta.short_name:
        data["alternateName"] = meta.short_name
    if page.logo is not None:
        data["logo"] = page.logo.absolute
    if page.summary:
        data["description"] = page.summary
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # No "</script>" or "<!--" can end the script element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
