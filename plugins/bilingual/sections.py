"""Markdown sections as declared: news, pages, projects and any new one.

A section declared in ``sitecore.sections`` or the ``SECTIONS`` setting with
kind ``markdown`` needs no Python of its own: this generator reads it and
writes, in every language, its list (paginated if declared), a page per
item, its feed, tag pages, year archives and its home page block, all from
the declaration. Events subclass it for what only events have.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from sitecore.entry import Entry
from sitecore.i18n import N_, M
from sitecore.models import PAGE_FORM
from sitecore.personal import CONSENT_FIELD
from sitecore.sections import Section

from .feeds import atom_feed
from .forms import contact_form
from .generator import SiteGenerator
from .listing import TagGroup, assign_tags, paginate, years
from .records import HomeBlock
from .structured import news_article

logger = logging.getLogger(__name__)

YEAR_TITLE = N_("%(section)s %(year)s")


class MarkdownGenerator(SiteGenerator):
    """Reads the Markdown sections and writes their pages in every language."""

    kind: ClassVar[str | None] = "markdown"
    entry_class: ClassVar[type[Entry]] = Entry

    def read(self) -> None:
        """Read every section of this kind; give them tags and home blocks."""
        for section in self.own_sections:
            self.read_section(section, self.entry_class)
            self.after_read(section)
        tagged = [s.name for s in self.own_sections if s.tags]
        self.tags: dict[str, dict[str, TagGroup]] = {
            lang: assign_tags(
                [e for name in tagged for e in self.state.entries(name, lang)],
                self.site,
            )
            for lang in self.site.languages
        }

    def after_read(self, section: Section) -> None:
        """What a kind adds once a section is read; by default its home block."""
        if section.home and section.has_list:
            self.state.home_blocks.append(
                HomeBlock(
                    order=section.menu if section.menu is not None else 100,
                    template="partials/home_section.html",
                    values={
                        lang: self.home_values(section, lang)
                        for lang in self.site.languages
                    },
                )
            )

    def home_values(self, section: Section, lang: str) -> dict[str, Any]:
        label = self.state.label(section, lang)
        return {
            "id": f"home-{section.name}",
            "title": self.gettext(lang, section.home_title)
            if section.home_title
            else label,
            "entries": self.state.entries(section.name, lang)[: section.home],
            "more": self.gettext(lang, section.more_label) % {"section": label},
            "list_href": self.site.href(section.list_url(lang)),
        }

    def withhold_without_consent(self) -> None:
        """Personal data dated after the build's day is an error, and withheld.

        A ``consent`` after today cannot have been given yet. Checked here, not
        when the file is read (the reading is cached, the day changes): the
        file's e-mail, phone and photo fields stay unpublished meanwhile.
        """
        today = self.site.now.date()
        reported: set[str] = set()
        for entry in self.own_entries():
            consent = entry.meta.consent_given()
            if consent is None or consent.first_day <= today:
                continue
            if entry.source.path not in reported:  # one file, every language
                reported.add(entry.source.path)
                self.state.problems.error(
                    entry.source.path,
                    entry.line_of(CONSENT_FIELD),
                    M(
                        "consent: {date} is in the future, so it cannot have "
                        "been given yet; write the day the person agreed "
                        "(until then e-mail, phone and photo are not published)",
                        date=consent.iso,
                    ),
                )
            entry.meta = entry.meta.model_copy(
                update=dict.fromkeys(entry.meta.consent_fields)
            )

    def cross_check(self) -> None:
        """Links and pictures of the entries; the addresses of the year archives.

        The years are known only now; an item whose slug took a year's
        address is reported here, before a strict build decides.
        """
        super().cross_check()
        self.withhold_without_consent()
        self.archive_urls: set[str] = set()
        for section in self.own_sections:
            if not (section.archive and section.has_list):
                continue
            for lang in self.site.languages:
                for link in self.archive_links(
                    section, lang, self.state.entries(section.name, lang)
                ):
                    what = M(
                        "the {section} archive of {year}",
                        section=section.name,
                        year=link["year"],
                    )
                    if self.state.claim(link["url"], what):
                        self.archive_urls.add(link["url"])

    def known_urls(self) -> Iterable[str]:
        """The further pages of every list and the tag pages (with theirs)."""
        for section in self.own_sections:
            if not section.has_list:
                continue
            for lang in self.site.languages:
                count = len(self.state.entries(section.name, lang))
                yield from self._page_urls(
                    section.per_page, count, lang, section.list_url(lang)
                )
        per_page = self._tag_page_size()
        for lang in self.site.languages:
            for group in self.tags[lang].values():
                yield from self._page_urls(
                    per_page, len(group.entries), lang, group.tag.url
                )

    def _page_urls(
        self, per_page: int, count: int, lang: str, base: str
    ) -> Iterable[str]:
        pages = -(-count // per_page) if per_page else 1
        return [self.site.paginated(lang, base, n) for n in range(1, max(pages, 1) + 1)]

    def _tag_page_size(self) -> int:
        return max(
            (s.per_page for s in self.own_sections if s.tags and s.per_page), default=10
        )

    def plan(self) -> None:
        """Lists, item pages, feeds, archives and tag pages of every language."""
        for section in self.own_sections:
            for lang in self.site.languages:
                entries = self.state.entries(section.name, lang)
                if section.has_list:
                    self.plan_list(section, lang, entries)
                if section.has_items:
                    for entry in entries:
                        self.plan_item(section, entry)
                if section.has_feed:
                    self.write_feed(section, lang, entries)
                if section.archive and section.has_list:
                    self.plan_archive(section, lang, entries)
        for lang in self.site.languages:
            self.plan_tags(lang)

    # Lists and items ---------------------------------------------------------

    def list_counterparts(self, section: Section) -> dict[str, str]:
        return {lang: section.list_url(lang) for lang in self.site.languages}

    def plan_list(self, section: Section, lang: str, entries: Sequence[Entry]) -> None:
        """The section's list, paginated as declared."""
        base = section.list_url(lang)
        label = self.state.label(section, lang)
        counterparts = self.list_counterparts(section)
        per_page = section.per_page or max(1, len(entries))
        shared = {  # the same objects on every page: their signature is made once
            "section_label": label,
            "years": self.archive_links(section, lang, entries),
            "list_href": self.site.href(base),
            "feed_href": self.site.href(section.feed_url(lang))
            if section.has_feed
            else "",
            **self.list_values(section, lang, entries),
        }
        for page in paginate(entries, per_page, self.site, lang, base):
            self.plan_page(
                section.list_template,
                lang=lang,
                url=page.url,
                title=label,
                counterparts=counterparts if page.number == 1 else {lang: page.url},
                section=section.name,
                pagination=page,
                **shared,
            )

    def list_values(
        self, section: Section, lang: str, entries: Sequence[Entry]
    ) -> dict[str, Any]:
        """Further values of a list page (a kind adds its own)."""
        return {}

    def plan_item(self, section: Section, entry: Entry) -> None:
        """The page of one item in its language."""
        self.plan_page(
            section.item_template,
            lang=entry.lang,
            url=entry.url,
            title=entry.title,
            description=entry.summary,
            counterparts=entry.counterparts,
            section=section.name,
            section_label=self.state.label(section, entry.lang),
            list_href=self.site.href(section.list_url(entry.lang))
            if section.has_list
            else "",
            lastmod=entry.modified or entry.date,
            entry=entry,
            related_members=self.state.find(
                "members", entry.lang, entry.meta.related_members
            ),
            # Made when the page is rendered: it follows from the entry alone.
            structured=(lambda: [news_article(entry, self.site, section.jsonld_type)])
            if section.jsonld_type
            else [],
            **self.item_values(section, entry),
        )

    def item_values(self, section: Section, entry: Entry) -> dict[str, Any]:
        """Further values of an item page (a kind adds its own): a page's form."""
        forms = [value for _, value in entry.meta.values_of(PAGE_FORM)]
        if "contact" in forms:
            return {"contact": contact_form(self.state, entry.lang)}
        return {}

    # Feeds, archives, tags -----------------------------------------------------

    def write_feed(self, section: Section, lang: str, entries: Sequence[Entry]) -> None:
        title = f"{self.site.site_name} – {self.state.label(section, lang)}"
        shown = list(entries[: section.feed_size])
        fingerprint = self.state.fingerprint(title, shown)
        self.state.output.write_lazy(
            section.feed_url(lang),
            fingerprint,
            lambda: atom_feed(self.site, section, lang, title, shown),
        )

    def archive_links(
        self, section: Section, lang: str, entries: Sequence[Entry]
    ) -> list[dict[str, Any]]:
        """The years with items in ``lang``, newest first, for the year navigation."""
        if not section.archive:
            return []
        base = section.list_url(lang)
        return [
            {
                "year": year,
                "url": f"{base}{year}/",
                "href": self.site.href(f"{base}{year}/"),
            }
            for year in years(entries)
        ]

    def plan_archive(
        self, section: Section, lang: str, entries: Sequence[Entry]
    ) -> None:
        """A page per year with the section's items of that year."""
        label = self.state.label(section, lang)
        links = self.archive_links(section, lang, entries)
        by_year: dict[int, list[Entry]] = {}
        for entry in entries:
            if entry.date is not None:
                by_year.setdefault(entry.date.year, []).append(entry)
        years_of = {
            code: {
                e.date.year for e in self.state.entries(section.name, code) if e.date
            }
            for code in self.site.languages
        }
        for link in links:
            year = link["year"]
            if link["url"] not in self.archive_urls:
                continue  # an item has its address: reported when it was claimed
            found = by_year[year]
            counterparts = {
                code: f"{section.list_url(code)}{year}/"
                for code in self.site.languages
                if year in years_of[code]
            }
            page = next(
                paginate(found, max(1, len(found)), self.site, lang, link["url"])
            )
            self.plan_page(
                section.list_template,
                lang=lang,
                url=link["url"],
                title=self.gettext(lang, YEAR_TITLE) % {"section": label, "year": year},
                counterparts=counterparts,
                section=section.name,
                section_label=label,
                pagination=page,
                years=links,
                year=year,
                list_href=self.site.href(section.list_url(lang)),
                feed_href=self.site.href(section.feed_url(lang))
                if section.has_feed
                else "",
                **self.list_values(section, lang, found),
            )

    def plan_tags(self, lang: str) -> None:
        """A (paginated) page per tag with the tagged items of ``lang``."""
        per_page = self._tag_page_size()
        for slug, group in sorted(self.tags[lang].items()):
            counterparts = {
                other: self.tags[other][slug].tag.url
                for other in self.site.languages
                if slug in self.tags[other]
            }
            for page in paginate(
                group.entries, per_page, self.site, lang, group.tag.url
            ):
                self.plan_page(
                    "tag.html",
                    lang=lang,
                    url=page.url,
                    title=group.tag.name,
                    counterparts=counterparts if page.number == 1 else {lang: page.url},
                    section=group.entries[0].section,
                    tag=group.tag,
                    tag_count=len(group.entries),
                    pagination=page,
                    list_href=self.site.href(
                        self.site.sections[group.entries[0].section].list_url(lang)
                    ),
                )
