"""The contract of the site's generators, and the one shared reading path.

Every generator of the site (core pages, Markdown sections, events, members,
people, pictures) is a :class:`SiteGenerator`: Pelican creates it from the
``get_generators`` signal and the build calls four steps on all of them,
each a no-op unless a generator has something to do in it:

1. :meth:`~SiteGenerator.read` — read its files into entries (Pelican's
   ``generate_context``);
2. :meth:`~SiteGenerator.cross_check` — once everything is read: resolve
   links, check references between sections; then every problem is reported
   and a strict build stops;
3. :meth:`~SiteGenerator.plan` — plan pages and write other files
   (``generate_output``);
4. :meth:`~SiteGenerator.finish` — after every page is written.

Pelican runs its generators' steps in the order it made them, and every
generator of the build is in the build's state (``state.generators``), so the
last of them closes each step for all: once it has read, the build checks and
reports (``build.check_content``); once it has planned, the pages are
rendered and every generator finishes (``build.finish_build``). Both get the
build's state from the generator, so nothing of a build is kept anywhere else.

A generator reads the declared sections whose ``kind`` it names (see
``sitecore.sections``) through :meth:`SiteGenerator.read_section`: the same
scanning, cache, validation, publication window and URL claims for Markdown
and YAML sections alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar

from pelican.generators import Generator

from sitecore.entry import (
    Entry,
    entries_from,
    pair_translations,
    select_published,
    unpublished_entries,
)
from sitecore.models import EXTRA_ACCEPTED
from sitecore.readall import read_all
from sitecore.reader import ReadJob
from sitecore.sections import Section
from sitecore.sources import scan_section

from .build import check_content, finish_build
from .links import check_unpublished, finish_entries
from .navigation import page_common
from .records import DRAFT, ERRORS, SCHEDULED, PageFacts, PageRecord, Unpublished
from .render import PageJob
from .site import SiteState

logger = logging.getLogger(__name__)


class SiteGenerator(Generator):
    """Base of the site's generators: the build's four steps, no-ops by default."""

    #: The section kind this generator reads (``markdown``, ``events`` …).
    kind: ClassVar[str | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.state = SiteState.of(self.context)
        self.site = self.state.settings
        self.state.generators.append(self)

    # Pelican's calls --------------------------------------------------------

    def generate_context(self) -> None:
        """Pelican's reading step; after the last generator's, the checks."""
        self.read()
        if self.state.is_last(self):
            check_content(self.state)

    def generate_output(self, writer: Any) -> None:
        """Pelican's writing step: pages are planned here, rendered at the end.

        After the last generator has planned, every page is rendered and each
        generator finishes.
        """
        self.plan()
        if self.state.is_last(self):
            finish_build(self.state)

    # The contract -----------------------------------------------------------

    def read(self) -> None:
        """Read this generator's files; report problems to ``state.problems``."""

    def cross_check(self) -> None:
        """Check what was read against everything else that was read.

        By default: resolve the links of this generator's entries and run the
        registered HTML processors (pictures) on them; the texts of this
        generator's files with errors get the same checks, for the report.
        """
        finish_entries(self.state, self.own_entries())
        check_unpublished(
            self.state,
            [e for s in self.own_sections for e in self.state.unread.get(s.name, ())],
        )

    def plan(self) -> None:
        """Plan this generator's pages (:meth:`plan_page`) and write other files."""

    def finish(self) -> None:
        """Run after every page of the build is written."""

    def signature_parts(self) -> tuple[Any, ...]:
        """What this generator's template functions show on every page.

        Part of every page's signature: when it changes (the site's default
        link preview became ready), every page is rendered again.
        """
        return ()

    def known_urls(self) -> Iterable[str]:
        """Files this generator writes besides the claimed ones (pagination …).

        Known once everything is read (after :meth:`cross_check`); they are
        claimed before any alias is, so no alias can take one of them, and
        links typed as site addresses are checked against them.
        """
        return ()

    def template_globals(self) -> dict[str, Any]:
        """Functions this generator offers the templates (none by default).

        They are called while pages render, possibly in worker processes: they
        may only read what was prepared before (in ``cross_check``).
        """
        return {}

    # Helpers ----------------------------------------------------------------

    @property
    def own_sections(self) -> list[Section]:
        """The declared sections this generator reads."""
        return [s for s in self.site.sections.values() if s.kind == self.kind]

    def own_entries(self) -> list[Entry]:
        return self.state.all_entries(s.name for s in self.own_sections)

    def read_section(
        self, section: Section, entry_class: Callable[..., Entry] = Entry
    ) -> list[Entry]:
        """Read a declared section: published entries, paired, with URLs.

        Every file is read once (from a cache where unchanged); problems go to
        the build's log. Drafts and items not yet due are kept only for
        previews; why the others are not published is noted for messages
        about links to them.
        """
        state, site = self.state, self.site
        model = section.model()
        sources = scan_section(
            site.content_path,
            section.name,
            site.languages,
            state.problems,
            folder=section.path,
            yaml_files=model.yaml_file,
        )
        state.scanned[section.name] = sources
        jobs = [
            ReadJob(
                source,
                model,
                site.timezone,
                site.languages,
                EXTRA_ACCEPTED,
                required=site.required_languages,
                fallback=site.default_lang,
            )
            for source in sources
        ]
        results = read_all(
            jobs,
            site.workers,
            self.state.session.read_caches(site),
            budget=state.slow_budget,
        )
        entries = entries_from(results, state.problems, entry_class)
        for result in results:
            if result.failed:
                source = result.source
                state.unpublished[source.relpath] = Unpublished(source, ERRORS)
                state.failed[(section.name, source.key)] = source
        # The texts of files with errors are checked too (links, pictures).
        state.unread[section.name] = unpublished_entries(results)
        published = select_published(entries, site.now, site.show_drafts)
        shown = {id(entry) for entry in published}
        for entry in entries:
            if id(entry) not in shown:
                why = DRAFT if entry.is_draft else SCHEDULED
                state.unpublished[entry.source.relpath] = Unpublished(entry.source, why)
        published = self._assign_urls(section, published)
        pair_translations(published, site.languages)
        state.add_entries(section, published)
        return published

    def _assign_urls(self, section: Section, entries: list[Entry]) -> list[Entry]:
        if not section.has_items:
            return entries
        kept = []
        for entry in entries:
            entry.url = section.item_url(entry.lang, entry.slug, entry.key)
            entry.href = self.site.href(entry.url)
            what = f"content/{entry.source.relpath}"
            line = entry.line_of("slug") if "slug" in entry.doc.data else None
            if self.state.claim(entry.url, what, entry.source.path, line, entry.slug):
                kept.append(entry)
            else:
                self.state.unpublished[entry.source.relpath] = Unpublished(
                    entry.source, ERRORS
                )
        return kept

    def gettext(self, lang: str, message: str) -> str:
        """Translate a message from Python code (titles and the like)."""
        return self.state.gettext(lang, message)

    def plan_page(
        self,
        template: str,
        *,
        lang: str,
        url: str,
        title: str,
        counterparts: dict[str, str] | None = None,
        section: str | None = None,
        description: str = "",
        lastmod: datetime | None = None,
        in_sitemap: bool = True,
        x_default: str | None = None,
        structured: Sequence[dict[str, Any]]
        | Callable[[], Sequence[dict[str, Any]]] = (),
        **values: Any,
    ) -> None:
        """Plan one HTML page of ``lang`` at ``url``; it is rendered at the end.

        ``counterparts`` maps each language to the URL of the same item in it
        (this page's own URL included); only real counterparts become hreflang
        alternates. Where a language is missing, the switcher falls back to
        ``section``'s list, then to the home page. ``structured`` is the
        page's schema.org data; every page in the sitemap below the home page
        also gets its ``BreadcrumbList`` (home → section list → page).
        """
        state, site = self.state, self.site
        counterparts = dict(counterparts or {lang: url})
        counterparts.setdefault(lang, url)
        ordered = {
            code: counterparts[code] for code in site.languages if code in counterparts
        }
        page = PageFacts(
            title=title,
            counterparts=ordered,
            section=section,
            description=description,
            x_default=x_default,
            in_sitemap=in_sitemap,
            structured=structured if callable(structured) else list(structured),
        )
        record = PageRecord(
            url,
            lang,
            ordered,
            lastmod=lastmod,
            in_sitemap=in_sitemap,
            x_default=ordered.get(site.default_lang, url)
            if x_default is None
            else x_default,
        )
        signature = page_common(state, lang).signature + state.fingerprint(
            template, lang, url, page, values
        )
        state.plan(PageJob(template, lang, url, page, values, record, signature))
