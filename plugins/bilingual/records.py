"""What the parts of a build hand each other: plain records and the two keys.

This module imports nothing else of the site plugin, so any module may use
its records without depending on the build's state: the navigation's links,
a page's facts and its sitemap record, a home page block, why a file is not
published, and what the state asks of each generator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Protocol

from sitecore.sources import SourceFile

#: Where Pelican's settings keep the session (see ``session.py``): the one
#: object that outlives a build, created when Pelican is.
SESSION_KEY = "SITE_SESSION"
#: Where a build's context keeps its state (see ``site.py``).
STATE_KEY = "bilingual_site"


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation or the footer, its label translated."""

    name: str
    url: str
    href: str


@dataclass(frozen=True)
class Switch:
    """Where the language switcher leads, and whether it is the same item.

    ``kind`` is ``translation`` (the same item), ``section`` (the item does not
    exist in that language: its section's list instead) or ``home``.
    """

    lang: str
    url: str
    href: str
    kind: str
    label: str = ""  # the language's own name, e.g. "English"
    note: str = ""  # in the target language: why this is not the same item

    @property
    def exact(self) -> bool:
        return self.kind == "translation"


@dataclass(frozen=True)
class FeedLink:
    """A section's Atom feed in one language, for ``<head>`` and the footer."""

    title: str
    label: str  # the section's label
    href: str


@dataclass(frozen=True)
class PageCommon:
    """What every page of one language shows around its content, made once.

    ``signature`` covers it and everything else all pages share: settings
    (but the clock), catalogs, theme assets and what the generators offer
    every page (see ``navigation.py``).
    """

    nav: list[NavItem]
    footer_links: list[NavItem]
    feeds: list[FeedLink]
    description: str
    signature: str


@dataclass(frozen=True)
class PageFacts:
    """What every page has besides its template's own values.

    ``counterparts`` maps each language to the URL of the same item in it
    (this page's own included); ``structured`` is its schema.org data, or a
    function that makes it when the page is rendered.
    """

    title: str
    counterparts: dict[str, str]
    section: str | None
    description: str
    x_default: str | None
    in_sitemap: bool
    structured: Sequence[dict[str, Any]] | Callable[[], Sequence[dict[str, Any]]]


@dataclass
class PageRecord:
    """A page of the build, for the sitemap and the static checks."""

    url: str
    lang: str
    alternates: dict[str, str]
    lastmod: datetime | None = None
    in_sitemap: bool = True
    x_default: str | None = None  # page for other languages ("" is the root)

    @property
    def hreflang(self) -> list[tuple[str, str]]:
        """The page's language alternates and ``x-default`` (site-relative URLs).

        The page's ``<link rel="alternate">`` elements and its sitemap entry
        both come from here, so they cannot disagree.
        """
        fallback = self.url if self.x_default is None else self.x_default
        return [*self.alternates.items(), ("x-default", fallback)]


@dataclass(frozen=True)
class HomeBlock:
    """A block a generator adds to the home page (e.g. next events).

    ``template`` is included by ``home.html`` with ``block`` set to the
    language's value in ``values``.
    """

    order: float
    template: str
    values: dict[str, Any]


#: Why a file is not published (see :class:`Unpublished`).
ERRORS, DRAFT, SCHEDULED = "errors", "draft", "scheduled"


@dataclass(frozen=True)
class Unpublished:
    """A content file this build does not publish, and why.

    ``why`` is :data:`ERRORS` (then links to it are consequences of those
    errors), :data:`DRAFT` or :data:`SCHEDULED` (dated in the future).
    """

    source: SourceFile
    why: str


class SitePart(Protocol):
    """What the build asks of each of its generators once all have read.

    :class:`~bilingual.generator.SiteGenerator` is the one implementation;
    the state and the build's checkpoints see its generators only through
    this, so they need not import the generators' module.
    """

    kind: ClassVar[str | None]

    def cross_check(self) -> None: ...

    def known_urls(self) -> Iterable[str]: ...

    def signature_parts(self) -> tuple[Any, ...]: ...

    def template_globals(self) -> dict[str, Any]: ...

    def finish(self) -> None: ...
