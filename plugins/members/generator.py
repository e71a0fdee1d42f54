"""The Pelican adapter: read members, check references, write the pages.

Member files are read through the site's one reading path (scanning, cache,
validation with lines, Markdown with lines); everything with rules lives in
the pure modules beside this one. This class moves data between them and the
site: logos, the check of every ``members`` field, and the pages.
"""

from __future__ import annotations

import logging
import os
import posixpath
from typing import Any, ClassVar

from markupsafe import Markup

from bilingual.sections import MarkdownGenerator
from sitecore.entry import Entry
from sitecore.fieldbase import DeclaredField
from sitecore.i18n import N_, M, message_of
from sitecore.problems import did_you_mean
from sitecore.schema import FIELD_PROBLEM
from sitecore.sections import Section
from sitecore.sources import Confinement

from .logos import LogoCache, LogoError, ProcessedLogo
from .pages import (
    DIMENSIONS,
    LogoRef,
    MemberEntry,
    groups,
    naming,
    organization_jsonld,
    sort_by_name,
    when,
)

logger = logging.getLogger(__name__)

LOGO_FOLDER = "logos"
DIRECTORY_DESCRIPTION = N_(
    "The members of The Bay Areas e.V.: companies, associations, public bodies, "
    "research and education from Schleswig-Holstein and the San Francisco Bay Area."
)


class MembersGenerator(MarkdownGenerator):
    """Member directory and profiles, in every language of the site."""

    kind: ClassVar[str | None] = "members"
    entry_class: ClassVar[type[Entry]] = MemberEntry

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.state.claim_tree(LOGO_FOLDER + "/", M("the members' logos"))

    def read(self) -> None:
        """Read and validate the member files; process their logos."""
        self.logos: dict[str, ProcessedLogo] = {}
        self.logo_cache = LogoCache(self.site.cache_folder("members-logos"))
        super().read()
        if self.logos:
            logger.info(
                "member logos: %d encoded, %d taken from the cache",
                self.logo_cache.encoded,
                self.logo_cache.reused,
            )

    def after_read(self, section: Section) -> None:
        """Logos: a member whose logo cannot be read is left out, with the reason."""
        state = self.state
        kept = []
        for entry in state.all_entries([section.name]):
            if (section.name, entry.key) in state.failed:
                continue
            logo = entry.meta.logo
            if logo and entry.key not in self.logos:
                try:
                    self.logos[entry.key] = self.logo_cache.process(
                        self._logo_source(logo)
                    )
                except LogoError as exc:
                    state.problems.error(
                        entry.source.path,
                        entry.line_of("logo"),
                        M(FIELD_PROBLEM, field="logo", message=message_of(exc)),
                    )
                    state.failed[(section.name, entry.key)] = entry.source
                    continue
            entry.logo = self._logo_ref(entry.key)
            kept.append(entry)
        state.add_entries(section, kept)

    def _logo_source(self, logo: str) -> str:
        """The logo's file, which must exist inside the content folder."""
        root = self.site.content_path
        path = os.path.join(root, *logo.split("/"))
        if not os.path.isfile(path):
            folder = os.path.dirname(path)
            siblings = os.listdir(folder) if os.path.isdir(folder) else []
            hint = did_you_mean(posixpath.basename(logo), siblings)
            raise LogoError(
                M("the file content/{file} does not exist{hint}", file=logo, hint=hint)
            )
        if not Confinement(root).inside(path):
            raise LogoError(
                M(
                    "content/{file} is a link to a file outside the content folder; "
                    "copy the logo into content/images/",
                    file=logo,
                )
            )
        return path

    def _logo_ref(self, key: str) -> LogoRef | None:
        processed = self.logos.get(key)
        if processed is None:
            return None
        webp, fallback = self._logo_urls(key, processed)
        return LogoRef(
            webp_href=self.site.href(webp),
            fallback_href=self.site.href(fallback),
            fallback_type=processed.fallback_type,
            width=processed.width,
            height=processed.height,
            absolute=self.site.absolute(fallback),
        )

    @staticmethod
    def _logo_urls(key: str, processed: ProcessedLogo) -> tuple[str, str]:
        stem = f"{LOGO_FOLDER}/{key}.{processed.digest[:12]}"
        return f"{stem}.webp", f"{stem}{processed.fallback_ext}"

    def cross_check(self) -> None:
        """Every field naming members (``members``, ``member``) names a published one.

        A YAML file gives an entry per language with the same fields; its
        references are checked once.
        """
        super().cross_check()
        for section in self.own_sections:
            known = sorted(
                {entry.key for entry in self.state.all_entries([section.name])}
            )
            checked = set()
            for entry in self.state.all_entries():
                if entry.source.path in checked:
                    continue
                checked.add(entry.source.path)
                for declared, keys in entry.meta.member_references():
                    self._check_references(entry, section, known, declared, keys)

    def _check_references(
        self,
        entry: Entry,
        section: Section,
        known: list[str],
        declared: DeclaredField,
        keys: list[str],
    ) -> None:
        """An unknown member key is an error on its line in the naming file."""
        name = declared.name
        for index, key in enumerate(keys):
            if key in known:
                continue
            line = (
                entry.line_of(name, index)
                if declared.type.many
                else entry.line_of(name)
            )
            failed = self.state.failed.get((section.name, key))
            if failed is not None:
                # Nothing to fix here: the member's own error lists this line.
                self.state.problems.consequence(
                    failed.path,
                    entry.source.path,
                    line,
                    "names",
                    M(
                        "{field}: '{key}' is not published because "
                        "content/{file} has errors",
                        field=name,
                        key=key,
                        file=failed.relpath,
                    ),
                    shown=f"content/{entry.source.relpath}",
                )
                continue
            self.state.problems.error(
                entry.source.path,
                line,
                M(
                    "{field}: there is no member '{key}' (no file "
                    "content/{folder}/{key}.yml){hint}",
                    field=name,
                    key=key,
                    folder=section.path,
                    hint=did_you_mean(key, known),
                ),
            )

    # Pages ---------------------------------------------------------------------

    def plan(self) -> None:
        """Logos, the directory and every profile, in every language."""
        for key, processed in sorted(self.logos.items()):
            for source, url in zip(
                (processed.webp_path, processed.fallback_path),
                self._logo_urls(key, processed),
                strict=True,
            ):
                self.state.output.copy(url, source)
        super().plan()

    def plan_list(self, section: Section, lang: str, entries: list[Entry]) -> None:
        pages = sort_by_name(entries, lang)
        self.plan_page(
            section.list_template,
            lang=lang,
            url=section.list_url(lang),
            title=self.state.label(section, lang),
            description=self.gettext(lang, DIRECTORY_DESCRIPTION),
            counterparts=self.list_counterparts(section),
            section=section.name,
            members=pages,
            groups={d: groups(pages, d, lang) for d in DIMENSIONS},
            vocabulary=DIMENSIONS,
        )

    def plan_item(self, section: Section, entry: Entry) -> None:
        site, lang = self.site, entry.lang
        referring = [
            name
            for name, other in site.sections.items()
            if other.kind != self.kind
            and any(
                d.type.member_link and d.type.many
                for d in other.model().declared.values()
            )
        ]
        related = {
            name: [
                (item, when(item))
                for item in naming(self.state.entries(name, lang), entry.key)
            ]
            for name in referring
        }
        jsonld = organization_jsonld(
            entry,
            canonical=site.absolute(entry.url),
            site_name=site.site_name,
            site_home=site.absolute(site.url(lang, "home")),
        )
        self.plan_page(
            section.item_template,
            lang=lang,
            url=entry.url,
            title=entry.title,
            description=entry.summary,
            counterparts=entry.counterparts,
            section=section.name,
            section_label=self.state.label(section, lang),
            member=entry,
            entry=entry,
            related=[
                (self.state.label(site.sections[name], lang), name, items)
                for name, items in related.items()
                if items
            ],
            vocabulary=DIMENSIONS,
            list_href=site.href(section.list_url(lang)),
            jsonld=Markup(jsonld),  # escaped by organization_jsonld
        )

    def plan_tags(self, lang: str) -> None:
        """Members have no tags."""

    def list_values(self, section: Section, lang: str, entries: Any) -> dict[str, Any]:
        return {}
