"""The pages every site has, whatever its sections: home, 404, root, sitemap.

Each language gets its own home page and 404 page; ``/`` and ``/404.html``
offer every language (a visitor's browser language decides where ``/``
leads). Theme assets, linked documents, the sitemap and ``robots.txt`` are
written here too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from sitecore.i18n import M_, N_, M

from .catalogs import po_path
from .generator import SiteGenerator
from .navigation import language_name
from .redirects import redirects_file
from .sitemap import robots_txt, sitemap_xml
from .structured import organization, site_website, website

CHOOSE_LANGUAGE = N_("Welcome! Please choose your language.")
NOT_FOUND = N_("Page not found")
NOT_FOUND_HINT = N_("This page does not exist (any more).")
GO_HOME = N_("Go to the home page")
NO_CATALOG = M_(
    "there is no catalog of the site's own texts for '{lang}': its pages show "
    "them in English; create it with `invoke i18n.update` and translate it"
)


class CoreGenerator(SiteGenerator):
    """Home pages, 404 pages, the root page, assets, redirects and the sitemap."""

    def read(self) -> None:
        """Say which site languages have no catalog of the site's own texts."""
        folder = os.path.join(self.site.theme_path, "translations")
        for lang in self.site.languages:
            catalog = po_path(folder, lang)
            if not os.path.exists(catalog):
                # Not silently English: the editor learns why, and what to do.
                self.state.problems.warning(catalog, None, M(NO_CATALOG, lang=lang))

    def known_urls(self) -> Iterable[str]:
        """The theme's files and the documents the content links."""
        yield from (asset.url for asset in self.state.assets.assets.values())
        yield from self.state.linked_files

    def plan(self) -> None:
        """Plan every language's home and 404 page, then ``/`` and ``/404.html``."""
        output = self.state.output
        for asset in self.state.assets.assets.values():
            output.write(asset.url, asset.data)
        content = self.site.content_path
        for path in sorted(self.state.linked_files):
            if not path.startswith("images/"):  # pictures: the image pipeline
                output.copy(path, os.path.join(content, *path.split("/")))
        homes = {code: self.site.url(code, "home") for code in self.site.languages}
        not_found = {
            code: self.site.url(code, "not_found") for code in self.site.languages
        }
        search_urls = self.state.search_urls
        for lang in self.site.languages:
            self.plan_page(
                "home.html",
                lang=lang,
                url=homes[lang],
                title=self.site.site_name,
                counterparts=homes,
                x_default="",
                structured=[
                    organization(self.site),
                    website(self.site, lang, search_urls.get(lang)),
                ],
                home_blocks=[
                    (block.template, block.values.get(lang))
                    for block in sorted(self.state.home_blocks, key=lambda b: b.order)
                ],
            )
            self.plan_page(
                "404.html",
                lang=lang,
                url=not_found[lang],
                title=self.gettext(lang, NOT_FOUND),
                counterparts=not_found,
                in_sitemap=False,
            )
        for url, is_404 in (("", False), ("404.html", True)):
            self.plan_page(
                "root.html",
                lang=self.site.default_lang,
                url=url,
                title=self.site.site_name,
                counterparts=homes,
                x_default="",
                in_sitemap=False,
                choices=[self._choice(lang, is_404) for lang in self.site.languages],
                not_found=is_404,
                structured=[]
                if is_404
                else [organization(self.site), site_website(self.site)],
            )

        self._plan_redirects()

    def _plan_redirects(self) -> None:
        """A redirect page per alias, and ``/_redirects`` with all of them."""
        for redirect in self.state.redirects:
            entry = redirect.target
            self.plan_page(
                "redirect.html",
                lang=entry.lang,
                url=redirect.url,
                title=entry.title,
                in_sitemap=False,
                target=entry,
            )
        prefix = self.site.href("").rstrip("/")
        host = self.site.redirects_host
        self.state.output.write(
            "_redirects", redirects_file(self.state.redirects, prefix, host)
        )

    def _choice(self, lang: str, is_404: bool) -> dict[str, Any]:
        return {
            "lang": lang,
            "href": self.site.href(self.site.url(lang, "home")),
            "message": self.gettext(
                lang, NOT_FOUND_HINT if is_404 else CHOOSE_LANGUAGE
            ),
            "heading": self.gettext(lang, NOT_FOUND) if is_404 else "",
            "link": self.gettext(lang, GO_HOME) if is_404 else language_name(lang),
        }

    def finish(self) -> None:
        """The sitemap of every page written, and ``robots.txt``."""
        records = [job.record for job in self.state.pages.values()]
        self.state.output.write("sitemap.xml", sitemap_xml(self.site, records))
        self.state.output.write("robots.txt", robots_txt(self.site))
