"""Per-build state shared by the site's generators, kept in Pelican's context.

Pelican hands every generator the same ``context`` dict for one build, so the
state lives there (created on first use) instead of in module globals: the dev
server's rebuilds each start from a fresh context and nothing leaks between
builds or tests.
"""

from __future__ import annotations

import os
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from babel import Locale

from sitecore.content import Entry
from sitecore.problems import ProblemLog

from .assets import AssetBundle, build_assets
from .catalogs import load_catalogs
from .settings import SiteSettings, read_settings

CONTEXT_KEY = "bilingual_site"


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark a message for extraction; it is translated where it is used."""
    return message


# Each is shown in the *target* language, so the English text names English.
NOT_TRANSLATED_SECTION = N_("not available in English: to the overview")
NOT_TRANSLATED_HOME = N_("not available in English: to the home page")
SITE_DESCRIPTION = N_(
    "The Bay Areas e.V. connects people and organisations of Kiel and "
    "Schleswig-Holstein with the San Francisco Bay Area."
)
SLOT_KEY = "BILINGUAL_BUILD_SLOT"


@dataclass(eq=False)
class BuildSlot:
    """Holds the state of the Pelican instance's latest build (see build.py)."""

    state: SiteState | None = None


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation or the footer."""

    kind: str  # "section" (label from the theme's catalog) or "page"
    name: str  # section id, or the page's title
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


@dataclass
class PageRecord:
    """A written HTML page, for the sitemap and the static checks."""

    url: str
    lang: str
    alternates: dict[str, str]
    lastmod: datetime | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class HomeBlock:
    """A block another generator adds to the home page (e.g. next events).

    ``template`` is included by ``home.html`` with ``block`` set to this
    object; ``values`` maps each language to what that template needs.
    """

    order: float
    template: str
    values: dict[str, Any]


@dataclass(eq=False)
class SiteState:
    """Everything one build's generators share."""

    settings: SiteSettings
    problems: ProblemLog = field(default_factory=ProblemLog)
    catalogs: dict[str, Any] = field(default_factory=dict)
    assets: AssetBundle = field(default_factory=AssetBundle)
    sections: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    nav_sections: list[tuple[float, str]] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    unpublished: dict[str, str] = field(default_factory=dict)
    home_blocks: list[HomeBlock] = field(default_factory=list)
    html_processors: list[Callable[[Entry, SiteState], None]] = field(
        default_factory=list
    )

    @classmethod
    def of(cls, context: MutableMapping[str, Any]) -> SiteState:
        """The build's state, created from the settings on first use."""
        state = context.get(CONTEXT_KEY)
        if state is None:
            settings = read_settings(context)
            state = cls(settings=settings)
            translations = os.path.join(settings.theme_path, "translations")
            state.catalogs = load_catalogs(translations, settings.languages)
            state.assets = build_assets(settings.theme_path)
            context[CONTEXT_KEY] = state
            slot = context.get(SLOT_KEY)
            if slot is not None:
                slot.state = state
        return state

    def add_section(self, name: str, entries: list[Entry], order: float | None) -> None:
        """Publish a section's entries by language; ``order`` puts it in the menu."""
        by_lang: dict[str, list[Entry]] = {lang: [] for lang in self.settings.languages}
        for entry in entries:
            by_lang[entry.lang].append(entry)
        self.sections[name] = by_lang
        if order is not None:
            self.nav_sections.append((order, name))

    def entries(self, section: str, lang: str) -> list[Entry]:
        """Published entries of ``section`` in ``lang`` (empty if none)."""
        return self.sections.get(section, {}).get(lang, [])

    def find(self, section: str, lang: str, keys: list[str]) -> list[Any]:
        """The published items of ``section`` in ``lang`` with these keys, in order.

        Templates use it for cross-links, e.g. the members an article names.
        """
        by_key = {item.key: item for item in self.entries(section, lang)}
        return [by_key[key] for key in keys if key in by_key]

    def process_html(self, entries: list[Entry]) -> None:
        """Run the registered HTML processors (e.g. responsive images) on entries.

        Generators call this after resolving links, in their ``cross_check``;
        plugins register processors in their ``generate_context``.
        """
        for entry in entries:
            for processor in self.html_processors:
                processor(entry, self)

    def nav(self, lang: str) -> list[NavItem]:
        """Sections in their order, then pages with ``menu`` by number and title."""
        settings = self.settings
        items = [
            NavItem(
                "section", name, url := settings.url(lang, name), settings.href(url)
            )
            for _, name in sorted(self.nav_sections)
        ]
        pages = [e for e in self.entries("pages", lang) if e.meta.menu is not None]
        pages.sort(key=lambda e: (e.meta.menu, e.title.casefold()))
        items += [NavItem("page", e.title, e.url, e.href) for e in pages]
        return items

    def footer_links(self, lang: str) -> list[NavItem]:
        """Imprint and privacy pages (by key), in this language if it exists."""
        by_key = {entry.key: entry for entry in self.entries("pages", lang)}
        links = []
        for key in self.settings.footer_pages:
            entry = by_key.get(key)
            if entry is None:
                entry = next(
                    (
                        e
                        for other in self.settings.other_languages(lang)
                        for e in self.entries("pages", other)
                        if e.key == key
                    ),
                    None,
                )
            if entry is not None:
                links.append(NavItem("page", entry.title, entry.url, entry.href))
        return links

    def switch(
        self, lang: str, target: str, counterpart: str | None, section: str | None
    ) -> Switch:
        """The switcher to ``target`` language for a page of ``lang``.

        Never a dead end: the counterpart if it exists, else the section's list
        in the other language, else that language's home page.
        """
        settings = self.settings
        label = Locale.parse(target).get_display_name(target).capitalize()
        if counterpart is not None:
            return Switch(
                target, counterpart, settings.href(counterpart), "translation", label
            )
        catalog = self.catalogs[target]
        if section is not None and section in settings.urls[target]:
            url = settings.url(target, section)
            note = catalog.gettext(NOT_TRANSLATED_SECTION)
            return Switch(target, url, settings.href(url), "section", label, note)
        url = settings.url(target, "home")
        note = catalog.gettext(NOT_TRANSLATED_HOME)
        return Switch(target, url, settings.href(url), "home", label, note)
