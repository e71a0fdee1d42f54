"""News and pages in both languages, from one reading of the content.

This generator replaces Pelican's article and page generators for our
content: Pelican's translation model makes one language the original and
lists only it, while this site treats German and English as equals — each
language gets its own home page, news list, tag pages and feed, and every page
knows its counterpart for the language switcher.
"""

from __future__ import annotations

import logging
from typing import Any

from babel import Locale

from sitecore.content import (
    Entry,
    check_unique_slugs,
    pair_translations,
)
from sitecore.models import EXTRA_ACCEPTED, NewsMeta, PageMeta

from .feeds import atom_feed
from .listing import assign_tags, paginate
from .rendering import SiteGenerator, html, write_file
from .site import N_

logger = logging.getLogger(__name__)

MODELS = {"news": NewsMeta, "pages": PageMeta}
NEWS_MENU_ORDER = 10


NEWS_FEED_TITLE = N_("News")
CHOOSE_LANGUAGE = N_("Welcome! Please choose your language.")
NOT_FOUND = N_("Page not found")
NOT_FOUND_HINT = N_("This page does not exist (any more).")
GO_HOME = N_("Go to the home page")


class ContentGenerator(SiteGenerator):
    """Reads news and pages once and writes every page of both languages."""

    def generate_context(self) -> None:
        """Read, validate and pair all news and pages; publish what is due."""
        state = self.state
        settings = state.settings
        published = self.read_content(MODELS, EXTRA_ACCEPTED)
        news = [e for e in published if e.section == "news"]
        pages = [e for e in published if e.section == "pages"]
        news = self._assign_urls(news, "news_item")
        pages = self._assign_urls(pages, "page")
        pair_translations(news + pages)
        news.sort(key=lambda e: (e.date, e.key), reverse=True)
        self.tags = {
            lang: assign_tags([e for e in news if e.lang == lang], settings)
            for lang in settings.languages
        }
        state.add_section("news", news, order=NEWS_MENU_ORDER)
        state.add_section("pages", pages, order=None)

    def _assign_urls(self, entries: list[Entry], pattern: str) -> list[Entry]:
        settings = self.state.settings
        reserved = {
            settings.url(lang, name): name
            for lang in settings.languages
            for name in ("home", "news", "events", "members")
        }
        kept = []
        for entry in entries:
            entry.url = settings.url(entry.lang, pattern, slug=entry.slug)
            entry.href = settings.href(entry.url)
            if entry.url in reserved:
                self.state.problems.error(
                    entry.source.path,
                    None,
                    f"slug '{entry.slug}' would replace the {reserved[entry.url]} "
                    f"page at /{entry.url}; choose another slug",
                )
                continue
            kept.append(entry)
        return check_unique_slugs(kept, lambda e: e.url, self.state.problems)

    def cross_check(self) -> None:
        """Resolve internal links now that every generator has read its files."""
        own = [
            e
            for name in MODELS
            for lang in self.state.settings.languages
            for e in self.state.entries(name, lang)
        ]
        self.finish_entries(own)

    def generate_output(self, writer: Any) -> None:
        """Write all news and page views, lists, tags, feeds and 404 pages."""
        settings = self.state.settings
        for asset in self.state.assets.assets.values():
            write_file(self.output_path, asset.url, asset.data)
        self.copy_linked_files()
        for lang in settings.languages:
            self._write_language(lang)
        self._write_root()

    def _write_language(self, lang: str) -> None:
        settings = self.state.settings
        news = self.state.entries("news", lang)
        home = {code: settings.url(code, "home") for code in settings.languages}
        self.write_page(
            "home.html",
            lang=lang,
            url=home[lang],
            title=settings.site_name,
            counterparts=home,
            x_default="",
            latest_news=news[: settings.home_news_count],
            home_blocks=[
                (block.template, block.values.get(lang))
                for block in sorted(self.state.home_blocks, key=lambda b: b.order)
            ],
        )
        lists = {code: settings.url(code, "news") for code in settings.languages}
        for page in paginate(news, settings.news_per_page, settings, lang, lists[lang]):
            self.write_page(
                "news_list.html",
                lang=lang,
                url=page.url,
                title=self.gettext(lang, NEWS_FEED_TITLE),
                counterparts=lists if page.number == 1 else {lang: page.url},
                section="news",
                pagination=page,
            )
        for entry in news:
            self._write_entry("article.html", entry, "news")
        for entry in self.state.entries("pages", lang):
            self._write_entry("page.html", entry, None)
        self._write_tags(lang)
        feed_title = f"{settings.site_name} – {self.gettext(lang, NEWS_FEED_TITLE)}"
        write_file(
            self.output_path,
            settings.url(lang, "feed"),
            atom_feed(settings, lang, feed_title, news),
        )
        self.write_page(
            "404.html",
            lang=lang,
            url=settings.url(lang, "not_found"),
            title=self.gettext(lang, NOT_FOUND),
            counterparts={c: settings.url(c, "not_found") for c in settings.languages},
            in_sitemap=False,
        )

    def _write_entry(self, template: str, entry: Entry, section: str | None) -> None:
        counterparts = {entry.lang: entry.url}
        if entry.translation is not None:
            counterparts[entry.translation.lang] = entry.translation.url
        self.write_page(
            template,
            lang=entry.lang,
            url=entry.url,
            title=entry.title,
            description=entry.summary,
            counterparts=counterparts,
            section=section,
            lastmod=entry.modified or entry.date,
            entry=entry,
            content=html(entry.content),
        )

    def _write_tags(self, lang: str) -> None:
        settings = self.state.settings
        for slug, group in sorted(self.tags[lang].items()):
            counterparts = {lang: group.tag.url}
            for other in settings.other_languages(lang):
                if slug in self.tags[other]:
                    counterparts[other] = self.tags[other][slug].tag.url
            for page in paginate(
                group.entries, settings.news_per_page, settings, lang, group.tag.url
            ):
                self.write_page(
                    "tag.html",
                    lang=lang,
                    url=page.url,
                    title=group.tag.name,
                    counterparts=counterparts if page.number == 1 else {lang: page.url},
                    section="news",
                    tag=group.tag,
                    tag_count=len(group.entries),
                    pagination=page,
                )

    def _write_root(self) -> None:
        """``/`` and ``/404.html``: bilingual, leading each visitor to a language."""
        settings = self.state.settings
        for url, not_found in (("", False), ("404.html", True)):
            choices = [
                {
                    "lang": lang,
                    "href": settings.href(settings.url(lang, "home")),
                    "message": self.gettext(
                        lang, NOT_FOUND_HINT if not_found else CHOOSE_LANGUAGE
                    ),
                    "heading": self.gettext(lang, NOT_FOUND) if not_found else "",
                    "link": self.gettext(lang, GO_HOME)
                    if not_found
                    else Locale.parse(lang).get_display_name(lang).capitalize(),
                }
                for lang in settings.languages
            ]
            self.write_page(
                "root.html",
                lang=settings.default_lang,
                url=url,
                title=settings.site_name,
                counterparts={c: settings.url(c, "home") for c in settings.languages},
                x_default="",
                in_sitemap=False,
                choices=choices,
                not_found=not_found,
            )
