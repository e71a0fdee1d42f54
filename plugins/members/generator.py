"""The Pelican adapter: read members, check references, write the pages.

Everything with rules lives in the pure modules beside this one; this class
only moves data between them and the site (settings, problem log, sections,
templates, output folder).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from bilingual.links import resolve_links
from bilingual.rendering import SiteGenerator, html
from sitecore.frontmatter import FrontMatterError, parse_document
from sitecore.markup import Link
from sitecore.problems import did_you_mean
from sitecore.sources import SourceFile

from .loader import SECTION, load_members
from .logos import LogoCache, LogoError, ProcessedLogo
from .pages import (
    DIMENSIONS,
    LogoRef,
    MemberPage,
    groups,
    member_pages,
    naming,
    organization_jsonld,
    when,
)
from .vocabulary import N_

logger = logging.getLogger(__name__)

MENU_ORDER = 30
LOGO_FOLDER = "logos"
CACHE_FOLDER = "members-logos"
REFERRING_SECTIONS = ("news", "events")
MEMBERS_TITLE = N_("Members")
DIRECTORY_DESCRIPTION = N_(
    "The members of The Bay Areas e.V.: companies, associations, public bodies, "
    "research and education from Schleswig-Holstein and the San Francisco Bay Area."
)


@dataclass
class _Description:
    """A member description seen as a linking item, for ``resolve_links``."""

    source: SourceFile
    links: list[Link]
    content: str
    page: MemberPage = field(repr=False)
    body: str = ""  # the Markdown source, so HTML processors can name lines
    body_line: int = 1


class MembersGenerator(SiteGenerator):
    """Member directory and profiles, in every language of the site."""

    def generate_context(self) -> None:
        """Read and validate the member files; process logos; publish the section."""
        state = self.state
        settings = state.settings
        loaded = load_members(settings.content_path, settings.languages, state.problems)
        self.failed = loaded.failed
        cache = LogoCache(os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER))
        self.logos: dict[str, ProcessedLogo] = {}
        members = []
        for member in loaded.members:
            if member.meta.logo:
                source = os.path.join(
                    settings.content_path, *member.meta.logo.split("/")
                )
                try:
                    self.logos[member.key] = cache.process(source)
                except LogoError as exc:
                    line = member.doc.line_of("logo")
                    state.problems.error(member.path, line, f"logo: {exc}")
                    self.failed[member.key] = member.relpath
                    continue
            members.append(member)
        if self.logos:
            logger.info(
                "member logos: %d encoded, %d taken from the cache",
                cache.encoded,
                cache.reused,
            )
        pages = member_pages(
            members,
            settings.languages,
            lambda lang, key: settings.url(lang, "member", key=key),
            settings.href,
        )
        for page in pages:
            page.logo = self._logo_ref(page.key)
        state.add_section(SECTION, pages, order=MENU_ORDER)

    def _logo_ref(self, key: str) -> LogoRef | None:
        processed = self.logos.get(key)
        if processed is None:
            return None
        settings = self.state.settings
        webp, fallback = self._logo_urls(key, processed)
        return LogoRef(
            webp_href=settings.href(webp),
            fallback_href=settings.href(fallback),
            fallback_type=processed.fallback_type,
            width=processed.width,
            height=processed.height,
            absolute=settings.absolute(fallback),
        )

    @staticmethod
    def _logo_urls(key: str, processed: ProcessedLogo) -> tuple[str, str]:
        stem = f"{LOGO_FOLDER}/{key}.{processed.digest[:12]}"
        return f"{stem}.webp", f"{stem}{processed.fallback_ext}"

    def cross_check(self) -> None:
        """Check the ``members`` fields of news and events; resolve links."""
        state = self.state
        settings = state.settings
        known = sorted(
            {page.key for page in state.entries(SECTION, settings.default_lang)}
        )
        for section in REFERRING_SECTIONS:
            for lang in settings.languages:
                for entry in state.entries(section, lang):
                    self._check_references(entry, known)
        descriptions = [
            _Description(
                SourceFile(
                    SECTION, page.key, page.lang, page.member.path, page.member.relpath
                ),
                page.links,
                page.content,
                page,
                page.member.meta.description.get(page.lang, ""),
                page.member.doc.line_of("description", page.lang) + 1,
            )
            for lang in settings.languages
            for page in state.entries(SECTION, lang)
        ]
        self.linked_files |= resolve_links(descriptions, state)
        state.process_html(descriptions)  # pictures in descriptions, too
        for description in descriptions:
            description.page.content = description.content

    def _check_references(self, entry: Any, known: list[str]) -> None:
        """An unknown member key is an error on its line in the naming file."""
        names = list(getattr(entry.meta, "members", None) or ())
        unknown = [(index, key) for index, key in enumerate(names) if key not in known]
        if not unknown:
            return
        lines = _member_lines(entry.source.path)
        for index, key in unknown:
            line = lines(index)
            if key in self.failed:
                message = (
                    f"members: '{key}' is not published because "
                    f"content/{self.failed[key]} has errors"
                )
            else:
                message = (
                    f"members: there is no member '{key}' (no file "
                    f"content/{SECTION}/{key}.yml){did_you_mean(key, known)}"
                )
            self.state.problems.error(entry.source.path, line, message)

    def generate_output(self, writer: Any) -> None:
        """Write logos, the directory and every profile, in every language."""
        settings = self.state.settings
        for key, processed in sorted(self.logos.items()):
            for source, url in zip(
                (processed.webp_path, processed.fallback_path),
                self._logo_urls(key, processed),
                strict=True,
            ):
                target = os.path.join(self.output_path, *url.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(source, target)
        self.copy_linked_files()
        for lang in settings.languages:
            self._write_directory(lang)
            for page in self.state.entries(SECTION, lang):
                self._write_profile(page)

    def _write_directory(self, lang: str) -> None:
        settings = self.state.settings
        pages = self.state.entries(SECTION, lang)
        self.write_page(
            "members.html",
            lang=lang,
            url=settings.url(lang, SECTION),
            title=self.gettext(lang, MEMBERS_TITLE),
            description=self.gettext(lang, DIRECTORY_DESCRIPTION),
            counterparts={
                code: settings.url(code, SECTION) for code in settings.languages
            },
            section=SECTION,
            members=pages,
            groups={dimension: groups(pages, dimension) for dimension in DIMENSIONS},
            vocabulary=DIMENSIONS,
        )

    def _write_profile(self, page: MemberPage) -> None:
        settings = self.state.settings
        lang = page.lang
        counterparts = {lang: page.url}
        if page.translation is not None:
            counterparts[page.translation.lang] = page.translation.url
        related = {
            section: [
                (entry, when(entry))
                for entry in naming(self.state.entries(section, lang), page.key)
            ]
            for section in REFERRING_SECTIONS
        }
        jsonld = organization_jsonld(
            page,
            canonical=settings.absolute(page.url),
            site_name=settings.site_name,
            site_home=settings.absolute(settings.url(lang, "home")),
        )
        self.write_page(
            "member.html",
            lang=lang,
            url=page.url,
            title=page.title,
            description=page.summary,
            counterparts=counterparts,
            section=SECTION,
            member=page,
            content=html(page.content),
            related_news=related["news"],
            related_events=related["events"],
            vocabulary=DIMENSIONS,
            jsonld=Markup(jsonld),  # escaped by organization_jsonld
        )


def _member_lines(path: str):
    """Line lookup for the items of a content file's ``members`` field."""
    try:
        with open(path, encoding="utf-8") as handle:
            meta = parse_document(handle.read()).meta
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return lambda index: None
    return lambda index: meta.line_of("members", index)
