"""The Pelican adapter: a search page per language, and the index at the end.

The search page offers, besides the search form, what a visitor without
JavaScript can use instead: every section's list and the news archive by
year. Its Content-Security-Policy is the site's with ``'wasm-unsafe-eval'``
added, because the index is searched by WebAssembly; no other page has it.
The index is built in :meth:`SearchGenerator.finish`, after every page is
written and before the pictures plugin precompresses the output.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from bilingual.generator import SiteGenerator
from bilingual.listing import years
from sitecore.i18n import N_, M

from .index import BUNDLE, STAGING, SearchIndexError, build_index

logger = logging.getLogger(__name__)

SEARCH_TITLE = N_("Search")
SEARCH_DESCRIPTION = N_(
    "Search the news, events, projects, members and pages of The Bay Areas e.V."
)


class SearchGenerator(SiteGenerator):
    """Search pages in every language; the Pagefind index of the written site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Generators are all created before any file is read: claiming here
        # reserves the address against a page whose slug would take it.
        self.urls = {
            lang: self.site.url(lang, "search") for lang in self.site.languages
        }
        for url in self.urls.values():
            self.state.claim(url, M("the search page"))
        for folder in (BUNDLE, STAGING):
            self.state.claim_tree(folder + "/", M("the search index"))
        self.state.search_urls.update(self.urls)

    def plan(self) -> None:
        """The search page of every language."""
        for lang, url in self.urls.items():
            self.plan_page(
                "search.html",
                lang=lang,
                url=url,
                title=self.gettext(lang, SEARCH_TITLE),
                description=self.gettext(lang, SEARCH_DESCRIPTION),
                counterparts=self.urls,
                csp=self.site.policy(webassembly=True),
                bundle_href=self.site.href(BUNDLE + "/"),
                base_href=self.site.href(""),
                overviews=self.overviews(lang),
                archives=self.archives(lang),
            )

    def overviews(self, lang: str) -> list[dict[str, str]]:
        """Every section's list in ``lang``, in navigation order."""
        sections = sorted(
            (s for s in self.site.sections.values() if s.has_list),
            key=lambda s: (s.menu is None, s.menu or 0, s.name),
        )
        return [
            {
                "label": self.state.label(s, lang),
                "href": self.site.href(s.list_url(lang)),
            }
            for s in sections
        ]

    def archives(self, lang: str) -> list[dict[str, Any]]:
        """The year archives of ``lang`` (news by year), newest year first."""
        found = []
        for section in self.site.sections.values():
            if not (section.archive and section.has_list):
                continue
            base = section.list_url(lang)
            links = [
                {"year": year, "href": self.site.href(f"{base}{year}/")}
                for year in years(self.state.entries(section.name, lang))
            ]
            if links:
                found.append({"label": self.state.label(section, lang), "years": links})
        return found

    def finish(self) -> None:
        """Index the written site, unless ``SEARCH_INDEX`` is off.

        A failure fails a strict (production) build: a site whose search page
        finds nothing must not be published. A preview reports it and goes on.
        """
        if not self.site.search_index:
            return
        try:
            summary = build_index(self.state.output)
        except SearchIndexError as exc:
            sys.stderr.write(f"search index: {exc}\n")
            if self.site.strict:
                raise SystemExit(1) from None
            return
        logger.info(
            "search index: %d pages (%s)",
            summary.total,
            ", ".join(f"{lang} {count}" for lang, count in summary.pages.items()),
        )
