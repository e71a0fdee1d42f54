"""The base class of the site's generators: render a template in one language.

Pelican gives every generator its own Jinja environment. This base class sets
it up once for the whole site's needs — autoescaping, the gettext extension,
date formatting — and offers :meth:`SiteGenerator.write_page`, the one place
that knows what every page's template receives (language, switcher, hreflang
alternates, canonical URL, navigation) and that records the page for the
sitemap. Event and member generators subclass it.
"""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from sitecore.content import (
    Entry,
    ReadJob,
    entries_from,
    read_all,
    select_published,
    unpaired,
)
from sitecore.dates import format_date, format_time
from sitecore.sources import scan_section

from .links import resolve_links
from .site import SITE_DESCRIPTION, PageRecord, SiteState

logger = logging.getLogger(__name__)


def save_path(output_path: str, url: str) -> str:
    """File for a site-relative URL: ``de/x/`` → ``de/x/index.html``."""
    if not url or url.endswith("/"):
        url += "index.html"
    return os.path.join(output_path, *url.split("/"))


def write_file(output_path: str, url: str, data: str | bytes) -> str:
    """Write ``data`` to the file of ``url`` and return its path."""
    path = save_path(output_path, url)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(
        path, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})
    ) as handle:
        handle.write(data)
    return path


class SiteGenerator(Generator):
    """Shared rendering for all of the site's page types, in both languages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.state = SiteState.of(self.context)
        self.linked_files: set[str] = set()
        settings = self.state.settings
        self.env.autoescape = True
        if "jinja2.ext.InternationalizationExtension" not in self.env.extensions:
            self.env.add_extension("jinja2.ext.i18n")
        self.env.globals.update(
            site=settings,
            find=self.state.find,
            href=settings.href,
            asset=lambda name: settings.href(self.state.assets.url(name)),
        )
        self.language = settings.default_lang
        catalog = lambda: self.state.catalogs[self.language]  # noqa: E731
        self.env.install_gettext_callables(
            lambda message: catalog().gettext(message),
            lambda singular, plural, n: catalog().ngettext(singular, plural, n),
            newstyle=True,
            pgettext=lambda ctx, message: catalog().pgettext(ctx, message),
            npgettext=lambda ctx, s, p, n: catalog().npgettext(ctx, s, p, n),
        )
        # "_" is an alias that looks "gettext" up on every call; bind it directly.
        self.env.globals["_"] = self.env.globals["gettext"]
        self.env.globals.update(
            format_date=lambda value, format="long": format_date(
                value, self.language, format
            ),
            format_time=lambda value, format="short": format_time(
                value, self.language, format
            ),
        )

    def read_content(
        self, models: dict[str, type], ignore: frozenset[str] = frozenset()
    ) -> list[Entry]:
        """Read the Markdown sections in ``models`` (section → front-matter model).

        Every file is read once (from the content cache where unchanged);
        problems go to the build's log. Returns the entries to publish now —
        with previews, drafts and scheduled items too — and notes why the
        others are not published, for messages about links to them.
        """
        state = self.state
        settings = state.settings
        jobs = [
            ReadJob(source, model, settings.timezone, ignore)
            for section, model in models.items()
            for source in scan_section(
                settings.content_path, section, settings.languages, state.problems
            )
        ]
        results = read_all(jobs, settings.workers, settings.cache())
        entries = entries_from(results, state.problems)
        published = select_published(entries, settings.now, settings.show_drafts)
        read_paths = {entry.source.relpath for entry in entries}
        for job in jobs:
            if job.source.relpath not in read_paths:
                state.unpublished[job.source.relpath] = (
                    f"content/{job.source.relpath} (it has errors)"
                )
        shown = {id(entry) for entry in published}
        for entry in entries:
            if id(entry) not in shown:
                why = "a draft" if entry.is_draft else "an item dated in the future"
                state.unpublished[entry.source.relpath] = (
                    f"content/{entry.source.relpath} ({why})"
                )
        return published

    def finish_entries(self, entries: list[Entry]) -> None:
        """The cross-check every content generator runs on its entries.

        Resolves internal links (remembering linked files for
        :meth:`copy_linked_files`), runs the registered HTML processors and
        logs items that exist in one language only.
        """
        self.linked_files |= resolve_links(entries, self.state)
        self.state.process_html(entries)
        for entry in unpaired(entries):
            logger.info(
                "%s: published in %s only (no translation)",
                entry.source.relpath,
                entry.lang,
            )

    def copy_linked_files(self) -> None:
        """Publish files linked with ``{static}``/``{attach}`` outside images/.

        Pictures under ``content/images/`` go through the image pipeline; any
        other linked file (a PDF, say) is published as it is.
        """
        content = self.state.settings.content_path
        for path in sorted(self.linked_files):
            if path.startswith("images/"):
                continue
            target = os.path.join(self.output_path, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(content, *path.split("/")), target)

    def gettext(self, lang: str, message: str) -> str:
        """Translate a message from Python code (feed titles and the like)."""
        return self.state.catalogs[lang].gettext(message)

    def render(self, template: str, lang: str, values: dict[str, Any]) -> str:
        """Render ``template`` with ``values`` in ``lang``.

        The gettext and date globals look up :attr:`language` when called, so
        macros imported without context (whose globals Jinja caches) still
        follow the language of the page being rendered.
        """
        self.language = lang
        return self.get_template(template.removesuffix(".html")).render(values)

    def write_page(
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
        **values: Any,
    ) -> None:
        """Render and write one HTML page of ``lang`` at ``url``.

        ``counterparts`` maps each language to the URL of the same item in it
        (this page's own URL included); only real counterparts become hreflang
        alternates. Where a language is missing, the switcher falls back to
        ``section``'s list, then to the home page.
        """
        settings = self.state.settings
        counterparts = dict(counterparts or {lang: url})
        counterparts.setdefault(lang, url)
        alternates = [(code, settings.absolute(u)) for code, u in counterparts.items()]
        default = (
            x_default
            if x_default is not None
            else counterparts.get(settings.default_lang, url)
        )
        alternates.append(("x-default", settings.absolute(default)))
        switches = [
            self.state.switch(lang, other, counterparts.get(other), section)
            for other in settings.other_languages(lang)
        ]
        context = {
            **values,
            "lang": lang,
            "page_url": url,
            "page_href": settings.href(url),
            "canonical": settings.absolute(url),
            "alternates": alternates,
            "switches": switches,
            "nav": self.state.nav(lang),
            "footer_links": self.state.footer_links(lang),
            "title": title,
            "description": description or self.gettext(lang, SITE_DESCRIPTION),
        }
        write_file(self.output_path, url, self.render(template, lang, context))
        self.state.pages.append(
            PageRecord(url, lang, counterparts, lastmod=lastmod, in_sitemap=in_sitemap)
        )


def html(fragment: str) -> Markup:
    """Mark trusted HTML (rendered Markdown) as safe for the templates."""
    return Markup(fragment)
