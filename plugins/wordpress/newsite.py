"""The site an import writes into, as its settings declare it.

The import follows the declarations: the sections items can go to, their
folders, their models' fields and their addresses (which decide where an old
address needs a redirect) all come from the settings through :class:`NewSite`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bilingual.settings import SiteSettings
from sitecore.sections import Section

from .pairing import Folders
from .sectionmap import SectionMap, importable, section_map

#: Fields the import fills when a section's model has them.
FILLED = frozenset(
    {"title", "date", "slug", "summary", "tags", "author", "image", "image_alt"}
    | {"status", "aliases"}
)


@dataclass(frozen=True)
class NewSite:
    """The site the import writes into, as its settings declare it.

    Its addresses decide which old addresses get a redirect: one at which the
    new site shows the same item needs none, and one that is a list, home or
    other fixed page there must not get one (an alias that collides with a
    page is a build error).
    """

    languages: tuple[str, ...]
    zone: ZoneInfo
    sections: Mapping[str, Section]
    fixed_urls: frozenset[str]
    section_map: SectionMap = field(default_factory=SectionMap)
    #: Folders the build fills itself (pictures, theme, /admin/ …): no alias
    #: may lie inside them.
    owned_folders: frozenset[str] = frozenset()

    @classmethod
    def of(cls, settings: SiteSettings, rules: str = "") -> NewSite:
        """The site of ``settings``; ``rules`` as for ``--section-map``.

        Raises ValueError with an editor message for a bad rule.
        """
        fixed = {"/"}
        for lang in settings.languages:
            patterns = settings.urls[lang].values()
            fixed.update(f"/{pattern}" for pattern in patterns if "{" not in pattern)
            for section in settings.sections.values():
                if section.has_list:
                    fixed.add(f"/{section.list_url(lang)}")
                if section.has_feed:
                    fixed.add(f"/{section.feed_url(lang)}")
        return cls(
            settings.languages,
            ZoneInfo(settings.timezone),
            settings.sections,
            frozenset(fixed),
            section_map(rules, settings.sections),
            owned_folders(),
        )

    @property
    def targets(self) -> tuple[str, ...]:
        """The sections imported items can go to."""
        return tuple(importable(self.sections))

    def fields(self, section: str) -> frozenset[str]:
        """The front-matter fields of ``section``'s model."""
        return frozenset(self.sections[section].model().model_fields)

    def required(self, section: str) -> tuple[str, ...]:
        """Required fields of ``section`` that the import cannot fill."""
        model_fields = self.sections[section].model().model_fields
        return tuple(
            name
            for name, info in model_fields.items()
            if info.is_required() and name not in FILLED
        )

    @property
    def folders(self) -> Folders:
        """Each section's folder, and whether it is filed by year (has ``date``)."""
        return {
            name: (section.path, "date" in self.fields(name))
            for name, section in importable(self.sections).items()
        }

    def address(self, section: str, lang: str, slug: str) -> str:
        """Where the new site shows an item of ``section`` with this slug."""
        return "/" + self.sections[section].item_url(lang, slug, slug)


def owned_folders() -> frozenset[str]:
    """The output folders that one part of the build claims whole."""
    from admin.generator import FOLDER as ADMIN
    from imaging.site_images import IMAGES_FOLDER
    from members.generator import LOGO_FOLDER
    from search.index import BUNDLE

    return frozenset({"theme", ADMIN.strip("/"), IMAGES_FOLDER, LOGO_FOLDER, BUNDLE})
