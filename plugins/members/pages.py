"""What the member pages show: per-language entries, groups, links, JSON-LD.

Pure functions and small data classes, so the directory's order and groups,
the reverse links and the structured data are tested without a build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitecore.collation import sort_key
from sitecore.entry import Entry
from sitecore.jsonld import script_json

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
class MemberEntry(Entry):
    """A member in one language: what the directory and the profile show."""

    logo: LogoRef | None = None

    @property
    def title(self) -> str:
        return self.meta.name

    @property
    def summary(self) -> str:
        return self.summary_text

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
        return [self.meta.region if dimension == "region" else self.meta.type]


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


def sort_by_name(pages: Iterable[Entry], lang: str) -> list[Entry]:
    """Dictionary order of the names for readers of ``lang``, then by key."""
    key = sort_key(lang)
    return sorted(pages, key=lambda page: (key(page.title), page.key))


@dataclass(frozen=True)
class Group:
    """Members sharing one region, type or topic: a section of the directory."""

    dimension: str  # region | type | topic
    code: str
    label: str  # gettext message id; the template translates it
    members: list[MemberEntry]

    @property
    def anchor(self) -> str:
        return f"{self.dimension}-{self.code}"


def groups(pages: list[MemberEntry], dimension: str, lang: str) -> list[Group]:
    """Non-empty groups of ``dimension`` in the vocabulary's order, names sorted."""
    result = []
    for code, label in DIMENSIONS[dimension].items():
        found = [page for page in pages if code in page.codes(dimension)]
        if found:
            result.append(Group(dimension, code, label, sort_by_name(found, lang)))
    return result


def when(entry: Entry) -> datetime:
    """When a news item was published or an event starts, for ordering."""
    value = entry.meta.moment
    if value is None:
        return _MIN
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def naming(entries: Iterable[Entry], key: str) -> list[Entry]:
    """The entries whose lists of members name ``key``, newest first."""
    found = [e for e in entries if key in e.meta.related_members]
    return sorted(found, key=lambda e: (when(e), e.key), reverse=True)


def organization_jsonld(
    page: MemberEntry, *, canonical: str, site_name: str, site_home: str
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
    return script_json(data)
