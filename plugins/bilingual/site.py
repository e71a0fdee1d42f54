"""Per-build state shared by the site's generators, and what outlives a build.

Pelican hands every generator the same ``context`` dict for one build, so the
build's :class:`SiteState` lives there (created on first use): each build
starts from a fresh state and nothing leaks between builds or tests.

A :class:`~bilingual.session.Session` outlives builds: it is the one object
Pelican's settings carry from build to build (``SESSION_KEY``), holding what
does not change between two builds of one process — the template environment,
catalogs, theme assets, read results — and what the previous build wrote, so
the dev server re-renders only what an edit changed. The ``finalized`` signal,
which only gets the Pelican instance, finds the build's state through it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

from sitecore.content import Entry, group_by_language
from sitecore.i18n import N_, M, Message
from sitecore.jsonld import script_json
from sitecore.limits import SlowBudget
from sitecore.problems import ProblemLog
from sitecore.sections import Section, sort_entries
from sitecore.sources import SourceFile

from .assets import AssetBundle
from .fingerprint import Fingerprints
from .output import Claim, Output, OutputError
from .settings import SiteSettings, read_settings
from .structured import breadcrumb_list

if TYPE_CHECKING:
    from .generator import SiteGenerator
    from .redirects import Redirect
    from .render import PageJob
    from .session import Session

CONTEXT_KEY = "bilingual_site"
SESSION_KEY = "SITE_SESSION"

# Each is shown in the *target* language, so the English text names English.
NOT_TRANSLATED_SECTION = N_("not available in English: to the overview")
NOT_TRANSLATED_HOME = N_("not available in English: to the home page")
SEARCH_LABEL = N_("Search")
HOME_LABEL = N_("Home page")
SITE_DESCRIPTION = N_(
    "The Bay Areas e.V. connects people and organisations of Kiel and "
    "Schleswig-Holstein with the San Francisco Bay Area."
)


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


@dataclass(eq=False)
class SiteState:
    """Everything one build's generators share."""

    settings: SiteSettings
    session: Session
    problems: ProblemLog = field(default_factory=ProblemLog)
    generators: list[SiteGenerator] = field(default_factory=list)
    entries_by_section: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    unpublished: dict[str, Unpublished] = field(default_factory=dict)
    failed: dict[tuple[str, str], SourceFile] = field(default_factory=dict)
    #: Entries of files with errors, by section: never published, their text
    #: still checked (links, pictures) so all problems show in one build.
    unread: dict[str, list[Entry]] = field(default_factory=dict)
    #: Checks of an entry's HTML that report without changing it (pictures).
    html_checks: list[Callable[[Entry, SiteState], None]] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    #: The items' old addresses, claimed after every file of the site.
    redirects: list[Redirect] = field(default_factory=list)
    home_blocks: list[HomeBlock] = field(default_factory=list)
    html_processors: list[Callable[[Entry, SiteState], None]] = field(
        default_factory=list
    )
    pages: dict[str, PageJob] = field(default_factory=dict)
    parts: dict[str, Any] = field(default_factory=dict)
    fingerprints: Fingerprints = field(default_factory=Fingerprints)
    output: Output = field(init=False)
    catalogs: dict[str, Any] = field(init=False)
    assets: AssetBundle = field(init=False)
    started: float = field(default_factory=time.perf_counter)
    #: What converting Markdown may still spend on slow texts (``limits``).
    slow_budget: SlowBudget = field(default_factory=SlowBudget)
    _common: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, context: MutableMapping[str, Any]) -> SiteState:
        """The build's state, created from the settings on first use."""
        state = context.get(CONTEXT_KEY)
        if state is None:
            from .session import Session

            settings = read_settings(context)
            session = Session.of(context)
            state = cls(settings=settings, session=session)
            state.catalogs = session.catalogs(settings)
            state.assets = session.assets(settings)
            state.output = session.output_for(settings.output_path)
            state.claim_site_urls()
            session.begin(state)
            context[CONTEXT_KEY] = state
        return state

    # Sections and entries --------------------------------------------------

    @property
    def sections(self) -> dict[str, Section]:
        return dict(self.settings.sections)

    def section(self, name: str) -> Section | None:
        return self.settings.sections.get(name)

    def add_entries(self, section: Section, entries: list[Entry]) -> None:
        """Publish a section's entries, sorted as declared, by language."""
        by_lang = group_by_language(entries, self.settings.languages)
        self.entries_by_section[section.name] = {
            lang: sort_entries(section, found) for lang, found in by_lang.items()
        }

    def entries(self, section: str, lang: str) -> list[Entry]:
        """Published entries of ``section`` in ``lang`` (empty if none)."""
        return self.entries_by_section.get(section, {}).get(lang, [])

    def all_entries(self, sections: Iterable[str] | None = None) -> list[Entry]:
        """Every published entry (of ``sections``), language by language."""
        names = list(self.entries_by_section) if sections is None else list(sections)
        return [
            entry
            for name in names
            for lang in self.settings.languages
            for entry in self.entries(name, lang)
        ]

    def find(self, section: str, lang: str, keys: Iterable[str]) -> list[Entry]:
        """The published items of ``section`` in ``lang`` with these keys, in order."""
        by_key = {item.key: item for item in self.entries(section, lang)}
        return [by_key[key] for key in keys if key in by_key]

    # URLs ------------------------------------------------------------------

    def claim(
        self,
        url: str,
        what: str | Message,
        path: str | None = None,
        line: int | None = None,
        slug: str = "",
    ) -> bool:
        """Reserve ``url`` for one file; False (and an error) if it is taken.

        The claim is the output's (see ``output.py``): two addresses that
        name one file (``/de/`` and ``/DE/index.html``) are one claim.

        The site's own pages (lists, home, feeds) are claimed before any file
        is read, so an item whose slug would replace one of them is the one
        reported, naming what already has the address. Pages known only later
        (a year archive) lose against an item that took their address, and
        the item's file is told.
        """
        claim = Claim(what, path, line, url)
        other = self.output.claim(url, claim)
        if other is None:
            self.claims[url] = claim
            return True
        if path is not None:
            claimant = M("slug '{slug}'", slug=slug) if slug else what
            self.problems.error(
                path,
                line,
                M(
                    "{claimant} gives the address /{url}, which {other} already "
                    "has; choose another slug",
                    claimant=claimant,
                    url=url,
                    other=other.what,
                ),
            )
        elif other.path is not None:
            self.problems.error(
                other.path,
                other.line,
                M(
                    "{other} has the address /{url}, which the site needs for "
                    "{what}; choose another slug",
                    other=other.what,
                    url=url,
                    what=what,
                ),
            )
        else:
            raise ValueError(
                f"two parts of the site use the URL /{url}: {other.what} and {what}"
            )
        return False

    def claim_site_urls(self) -> None:
        """Claim the site's own addresses before any content file is read."""
        settings = self.settings
        self.claim("", M("the language choice page"))
        self.claim_tree("theme/", M("the theme's files"))
        for name in ("404.html", "sitemap.xml", "robots.txt", "_redirects"):
            self.claim(name, M("the site's {name}", name=name))
        for lang in settings.languages:
            self.claim(settings.url(lang, "home"), M("the home page"))
            self.claim(settings.url(lang, "not_found"), M("the page for missing pages"))
            for section in settings.sections.values():
                if section.has_list:
                    self.claim(
                        section.list_url(lang),
                        M("the {section} list", section=section.name),
                    )
                if section.has_feed:
                    self.claim(
                        section.feed_url(lang),
                        M("the {section} feed", section=section.name),
                    )

    def claim_tree(self, url: str, what: str | Message) -> None:
        """Reserve the folder ``url`` and all below it for one part of the site.

        Parts whose files are named only when they are made (the search
        index) or that own a folder whole (``/admin/``, ``/theme/``) claim it
        before content is read; two parts claiming one folder is a mistake in
        the code.
        """
        other = self.output.claim_tree(url, Claim(what, url=url))
        if other is not None:
            raise OutputError(
                M(
                    "two parts of the site use the folder /{url}: {first} and "
                    "{second}; change the address of one of them in the settings",
                    url=url,
                    first=other.what,
                    second=what,
                )
            )

    def reserve(self, url: str, what: str | Message) -> None:
        """Claim a file a part of the site writes, unless it is claimed already.

        For the files known only once everything is read (pictures, tag
        pages, the pages of a list): claimed before aliases are, so an alias
        that names one of them is the alias's error.
        """
        if self.output.owner(url) is None:
            self.claim(url, what)

    def fingerprint(self, *values: Any) -> str:
        """A signature of ``values`` for this build (see ``fingerprint.py``)."""
        return self.fingerprints.of(values).hex()

    # Pages -------------------------------------------------------------------

    def plan(self, job: PageJob) -> None:
        """Add a page to render; two pages with one URL are a mistake in the code."""
        if job.url in self.pages:
            raise ValueError(f"two pages are planned at /{job.url}")
        job.claim = self.claims.get(job.url)
        self.pages[job.url] = job

    def pages_common(self, lang: str) -> dict[str, Any]:
        """What every page of ``lang`` shows (navigation, footer, feeds), made once.

        ``signature`` covers it and everything else all pages share: settings
        (but the clock), catalogs and theme assets.
        """
        if lang not in self._common:
            common: dict[str, Any] = {
                "nav": self.nav(lang),
                "footer_links": self.footer_links(lang),
                "feeds": self.feeds(lang),
                "description": self.gettext(lang, SITE_DESCRIPTION),
            }
            settings = {k: v for k, v in vars(self.settings).items() if k != "now"}
            common["signature"] = self.fingerprint(
                common,
                [generator.signature_parts() for generator in self.generators],
                repr(settings),
                self.session.catalog_digest(self.settings),
                sorted(asset.url for asset in self.assets.assets.values()),
            )
            self._common[lang] = common
        return self._common[lang]

    def page_context(self, job: PageJob) -> dict[str, Any]:
        """Everything ``job``'s template receives (made when it is rendered)."""
        settings, lang, url = self.settings, job.lang, job.url
        page = job.page
        counterparts = page["counterparts"]
        alternates = [(code, settings.absolute(u)) for code, u in job.record.hreflang]
        common = self.pages_common(lang)
        structured = (
            page["structured"]() if callable(page["structured"]) else page["structured"]
        )
        # Pages left out of the sitemap (404, the language choice) have no
        # place in a trail; they carry only the data they are given.
        data_blocks = (
            [*structured, *self.breadcrumbs(lang, url, page["title"], page["section"])]
            if page["in_sitemap"]
            else list(structured)
        )
        entry = job.values.get("entry")
        content = {"content": Markup(entry.content)} if entry is not None else {}
        return {
            **content,
            **job.values,
            "lang": lang,
            "page_url": url,
            "page_href": settings.href(url),
            "canonical": settings.absolute(url),
            "alternates": alternates,
            "switches": [
                self.switch(lang, other, counterparts.get(other), page["section"])
                for other in settings.other_languages(lang)
            ],
            "nav": common["nav"],
            "footer_links": common["footer_links"],
            "feeds": common["feeds"],
            "title": page["title"],
            "description": page["description"] or common["description"],
            "structured_data": [
                Markup(script_json(data))  # escaped for <script> by script_json
                for data in data_blocks
            ],
        }

    def breadcrumbs(
        self, lang: str, url: str, title: str, section: str | None
    ) -> list[dict[str, Any]]:
        """The ``BreadcrumbList`` of a page: home, its section's list, the page."""
        settings = self.settings
        home = settings.url(lang, "home")
        if url == home:
            return []
        trail = [(self.gettext(lang, HOME_LABEL), settings.absolute(home))]
        declared = settings.sections.get(section or "")
        if declared is not None and declared.has_list:
            listing = declared.list_url(lang)
            if url != listing:
                trail.append((self.label(declared, lang), settings.absolute(listing)))
        trail.append((title, settings.absolute(url)))
        return [breadcrumb_list(trail)]

    def process_html(self, entries: list[Entry]) -> None:
        """Run the registered HTML processors (e.g. responsive images) on entries."""
        for entry in entries:
            for processor in self.html_processors:
                processor(entry, self)

    # Navigation and language switching -------------------------------------

    def label(self, section: Section, lang: str) -> str:
        """A section's navigation label in ``lang``.

        A message id is translated with the catalogs; a mapping gives the
        label per language (``{"de": "Berichte", "en": "Reports"}``).
        """
        label = section.label or section.name
        if isinstance(label, Mapping):
            return label.get(lang) or next(iter(label.values()), section.name)
        return self.gettext(lang, label)

    def nav(self, lang: str) -> list[NavItem]:
        """Sections by menu position, pages with ``menu`` by number and title, search.

        The search page is last, where a plugin provides one (``search_urls``).
        """
        settings = self.settings
        sections = sorted(
            (
                s
                for s in settings.sections.values()
                if s.menu is not None and s.has_list
            ),
            key=lambda s: s.menu,
        )
        items = [
            NavItem(self.label(s, lang), url := s.list_url(lang), settings.href(url))
            for s in sections
        ]
        pages = [e for e in self.entries("pages", lang) if e.meta.menu is not None]
        pages.sort(key=lambda e: (e.meta.menu, e.sort_title.casefold()))
        items += [NavItem(e.title, e.url, e.href) for e in pages]
        search = self.parts.get("search_urls", {}).get(lang)
        if search:
            items.append(
                NavItem(self.gettext(lang, SEARCH_LABEL), search, settings.href(search))
            )
        return items

    def footer_links(self, lang: str) -> list[NavItem]:
        """Imprint and privacy pages (by key), in this language if it exists."""
        links = []
        for key in self.settings.footer_pages:
            found = self.find("pages", lang, [key])
            if not found:
                found = [
                    entry
                    for other in self.settings.other_languages(lang)
                    for entry in self.find("pages", other, [key])
                ][:1]
            links += [NavItem(entry.title, entry.url, entry.href) for entry in found]
        return links

    def feeds(self, lang: str) -> list[FeedLink]:
        """The Atom feeds of ``lang``'s sections."""
        settings = self.settings
        return [
            FeedLink(
                f"{settings.site_name} – {self.label(section, lang)}",
                self.label(section, lang),
                settings.href(section.feed_url(lang)),
            )
            for section in settings.sections.values()
            if section.has_feed
        ]

    def switch(
        self, lang: str, target: str, counterpart: str | None, section: str | None
    ) -> Switch:
        """The switcher to ``target`` language for a page of ``lang``.

        Never a dead end: the counterpart if it exists, else the section's list
        in the other language, else that language's home page.
        """
        settings = self.settings
        label = language_name(target)
        if counterpart is not None:
            return Switch(
                target, counterpart, settings.href(counterpart), "translation", label
            )
        declared = settings.sections.get(section or "")
        if declared is not None and declared.has_list:
            url = declared.list_url(target)
            note = self.gettext(target, NOT_TRANSLATED_SECTION)
            return Switch(target, url, settings.href(url), "section", label, note)
        url = settings.url(target, "home")
        note = self.gettext(target, NOT_TRANSLATED_HOME)
        return Switch(target, url, settings.href(url), "home", label, note)

    # Text ------------------------------------------------------------------

    def gettext(self, lang: str, message: str) -> str:
        """Translate a message from Python code (titles, labels and the like)."""
        return self.catalogs[lang].gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, count: int) -> str:
        return self.catalogs[lang].ngettext(singular, plural, count)


def og_locale(lang: str) -> str:
    """The Open Graph locale of a language: ``de`` → ``de_DE``, ``en`` → ``en_US``."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


def language_name(lang: str) -> str:
    """A language's name in itself: "Deutsch", "English", "Français"."""
    return Locale.parse(lang).get_display_name(lang).capitalize()
