"""The state of one build: its entries, its addresses and its pages.

Pelican hands every generator of a build the same ``context`` dict; the
build's :class:`SiteState` lives there, made in one place
(:meth:`SiteState.of`) for the build's first generator and found there by
the others. Each build starts from a fresh state, so nothing leaks between
builds or tests; the build's last generator finishes it (``generator.py``).

The state is the one owner of what a build's generators share: typed fields,
read and written by name in code a type checker follows. It holds the
:class:`~bilingual.session.Session` — what outlives builds — and never the
other way round. What every page shows around its content is made from the
state in ``navigation.py``; the records other modules exchange with it are in
``records.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from sitecore.entry import Entry, group_by_language
from sitecore.i18n import M, Message
from sitecore.limits import SlowBudget
from sitecore.problems import ProblemLog
from sitecore.sections import Section, sort_entries
from sitecore.sources import SourceFile

from .assets import AssetBundle
from .fingerprint import Fingerprints
from .output import Claim, Output, OutputError
from .records import STATE_KEY, HomeBlock, PageCommon, SitePart, Unpublished
from .redirects import Redirect
from .render import PageJob
from .session import Session
from .settings import SiteSettings, read_settings


@dataclass(eq=False)
class SiteState:
    """Everything one build's generators share."""

    settings: SiteSettings
    session: Session
    #: The output folder's one writer, knowing what this process wrote last.
    output: Output
    #: The visitors' catalogs of the site languages.
    catalogs: dict[str, Any]
    assets: AssetBundle
    problems: ProblemLog = field(default_factory=ProblemLog)
    #: The build's generators, in the order Pelican runs them.
    generators: list[SitePart] = field(default_factory=list)
    entries_by_section: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    unpublished: dict[str, Unpublished] = field(default_factory=dict)
    failed: dict[tuple[str, str], SourceFile] = field(default_factory=dict)
    #: Every file of a section that was read, whatever became of it.
    scanned: dict[str, list[SourceFile]] = field(default_factory=dict)
    #: Entries of files with errors, by section: never published, their text
    #: still checked (links, pictures) so all problems show in one build.
    unread: dict[str, list[Entry]] = field(default_factory=dict)
    #: Checks of an entry's HTML that report without changing it (pictures).
    html_checks: list[Callable[[Entry, SiteState], None]] = field(default_factory=list)
    html_processors: list[Callable[[Entry, SiteState], None]] = field(
        default_factory=list
    )
    claims: dict[str, Claim] = field(default_factory=dict)
    #: The items' old addresses, claimed after every file of the site.
    redirects: list[Redirect] = field(default_factory=list)
    home_blocks: list[HomeBlock] = field(default_factory=list)
    #: The search page of each language, where the search plugin offers one.
    search_urls: dict[str, str] = field(default_factory=dict)
    #: Files the content links (``{static}``, ``{attach}``), published as they are.
    linked_files: set[str] = field(default_factory=set)
    pages: dict[str, PageJob] = field(default_factory=dict)
    #: What every page of a language shows around its content, made once
    #: (see ``navigation.py``).
    common: dict[str, PageCommon] = field(default_factory=dict)
    fingerprints: Fingerprints = field(default_factory=Fingerprints)
    started: float = field(default_factory=time.perf_counter)
    #: What converting Markdown may still spend on slow texts (``limits``).
    slow_budget: SlowBudget = field(default_factory=SlowBudget)
    _by_path: dict[tuple[str, str], Entry] | None = None

    @classmethod
    def of(cls, context: MutableMapping[str, Any]) -> SiteState:
        """The build's state; the first generator of a build makes it.

        The session comes from the settings (``Session.open`` put it there
        when Pelican was made); the site's own addresses are claimed before
        any generator reads a file.
        """
        state = context.get(STATE_KEY)
        if state is None:
            settings = read_settings(context)
            session = Session.of(context)
            state = cls(
                settings=settings,
                session=session,
                output=session.output_for(settings.output_path),
                catalogs=session.catalogs(settings),
                assets=session.assets(settings),
            )
            state.claim_site_urls()
            session.begin()
            context[STATE_KEY] = state
        return state

    def is_last(self, generator: SitePart) -> bool:
        """Whether ``generator`` is the build's last: the one that ends a step."""
        return bool(self.generators) and self.generators[-1] is generator

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

    def published_by_path(self) -> dict[tuple[str, str], Entry]:
        """Every published entry by (content-relative path, language).

        A YAML file holds every language of its item, so it appears once per
        language, and once more under ``""`` (its first language); a Markdown
        file once. Made on first use, which is after every generator has read
        its files (links are resolved only then).
        """
        if self._by_path is None:
            found: dict[tuple[str, str], Entry] = {}
            for entry in self.all_entries():
                found[(entry.source.relpath, entry.lang)] = entry
                found.setdefault((entry.source.relpath, ""), entry)
            self._by_path = found
        return self._by_path

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

    def process_html(self, entries: list[Entry]) -> None:
        """Run the registered HTML processors (e.g. responsive images) on entries."""
        for entry in entries:
            for processor in self.html_processors:
                processor(entry, self)

    # Text ------------------------------------------------------------------

    def gettext(self, lang: str, message: str) -> str:
        """Translate a message from Python code (titles, labels and the like)."""
        return self.catalogs[lang].gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, count: int) -> str:
        return self.catalogs[lang].ngettext(singular, plural, count)

    def label(self, section: Section, lang: str) -> str:
        """A section's navigation label in ``lang``.

        A message id is translated with the catalogs; a mapping gives the
        label per language (``{"de": "Berichte", "en": "Reports"}``).
        """
        label = section.label or section.name
        if isinstance(label, Mapping):
            return label.get(lang) or next(iter(label.values()), section.name)
        return self.gettext(lang, label)
