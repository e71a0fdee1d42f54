"""The Pelican adapter: read people, link their members, write one page per language.

People files are read through the site's one reading path like member files;
the ordering and grouping live in ``pages.py``, the published form of e-mail
addresses in ``sitecore.email``. The ``member`` field is checked with every
other reference to a member (``members.generator``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from markupsafe import Markup

from bilingual.sections import MarkdownGenerator
from sitecore.email import email_link, phone_href
from sitecore.entry import Entry
from sitecore.i18n import N_
from sitecore.sections import Section

from .pages import PersonEntry, group_people

PAGE_TITLE = N_("Board and office")
PAGE_DESCRIPTION = N_(
    "Who runs The Bay Areas e.V.: the board, the office and the advisory board."
)
#: The photos are shown at most this wide (see people.css).
PHOTO_SIZES = "8rem"


class PeopleGenerator(MarkdownGenerator):
    """Board and office: one page per language, grouped."""

    kind: ClassVar[str | None] = "people"
    entry_class: ClassVar[type[Entry]] = PersonEntry

    def after_read(self, section: Section) -> None:
        """People have no home page block."""

    def cross_check(self) -> None:
        """Links, pictures and consent as usual; then members and contact links."""
        super().cross_check()
        for person in self.own_entries():
            meta = person.meta
            if meta.email:
                person.email_html = Markup(email_link(meta.email))  # escaped there
            if meta.phone:
                person.phone_link = phone_href(meta.phone)
            if meta.member:
                found = self.state.find("members", person.lang, [meta.member])
                person.member = found[0] if found else None

    def plan(self) -> None:
        """One page per language and section; people have no pages of their own."""
        for section in self.own_sections:
            for lang in self.site.languages:
                self.plan_list(section, lang, self.state.entries(section.name, lang))

    def plan_list(self, section: Section, lang: str, entries: Sequence[Entry]) -> None:
        self.plan_page(
            section.list_template,
            lang=lang,
            url=section.list_url(lang),
            title=self.gettext(lang, PAGE_TITLE),
            description=self.gettext(lang, PAGE_DESCRIPTION),
            counterparts=self.list_counterparts(section),
            section=section.name,
            section_label=self.state.label(section, lang),
            groups=group_people(entries, lang),
            photo_sizes=PHOTO_SIZES,
        )

    def plan_tags(self, lang: str) -> None:
        """People have no tags."""

    def list_values(self, section: Section, lang: str, entries: Any) -> dict[str, Any]:
        return {}
