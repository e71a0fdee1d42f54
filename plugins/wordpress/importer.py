"""Plan an import from a parsed export.

:func:`plan_import` is pure: given the export, the files already in
``content/`` and the list of uploaded files, it decides every file's path and
text, every picture to copy and every report entry. :mod:`.uploads` carries
the plan out; it only ever creates files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bilingual.settings import SiteSettings
from sitecore.i18n import M, Message
from sitecore.sections import Section

from .addresses import decode, old_address
from .leftovers import Kind, Leftover
from .links import LinkIndex, Target, old_hosts
from .pairing import (
    ExistingFile,
    Folders,
    Language,
    Placement,
    group_items,
    place_groups,
)
from .pictures import Picture, PictureFinder, Uploads
from .render import render
from .sectionmap import SectionMap, importable, section_map
from .writer import Outcome
from .wxr import Export, Item, plain_text

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


@dataclass
class PlannedFile:
    """One language version of an item: its file, text and report entries."""

    lang: str
    relpath: str
    item: Item
    text: str = ""
    leftovers: list[Leftover] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    query_addresses: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    outcome: Outcome = Outcome.PLANNED


@dataclass
class PlannedGroup:
    """An item in all its languages (one file when unpaired)."""

    section: str
    key: str
    method: str
    files: list[PlannedFile] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title the report lists the item under."""
        first = self.files[0].item
        return plain_text(first.title) or f"#{first.post_id}"


@dataclass
class Plan:
    """Everything one import would write, and what it leaves out."""

    groups: list[PlannedGroup] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # target → uploads path
    copy_outcomes: dict[str, Outcome] = field(default_factory=dict)
    unknown: list[tuple[Item, Language]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    refused_uploads: list[str] = field(default_factory=list)  # not regular/inside
    notes: list[Message] = field(default_factory=list)  # about the run as a whole

    @property
    def files(self) -> list[PlannedFile]:
        """Every planned file, group by group."""
        return [file for group in self.groups for file in group.files]


def plan_import(
    export: Export,
    existing: Sequence[ExistingFile],
    upload_files: Iterable[str] | None,
    site: NewSite,
) -> Plan:
    """Decide every file, picture and report entry of an import (no disk access).

    ``upload_files`` lists the uploads folder (paths relative to it), or is
    None when no folder was given.
    """
    languages, zone = site.languages, site.zone
    plan = Plan()
    hosts = old_hosts(export.site_url, export.blog_url, export.link)
    for item in export.items:
        if site.section_map.section_of(item) is None:
            plan.skipped[site.section_map.skip_label(item)] += 1
    own_language = export.language.lower().replace("_", "-").split("-")[0]
    grouping = group_items(export.items, languages, site.section_map, own_language)
    plan.unknown = grouping.unknown
    placements = place_groups(grouping.groups, existing, zone, site.folders)
    homes = frozenset({"/", *(f"/{lang}/" for lang in languages)})
    index = LinkIndex(hosts, home_paths=homes)
    for placement in placements:
        for lang, item in placement.group.versions.items():
            target = Target(placement.relpath(lang), item.status == "publish")
            index.add(target, item.post_id, (item.link, item.guid), item.post_name)
    attachments = {i.post_id: i for i in export.items if i.post_type == "attachment"}
    uploads = Uploads(upload_files) if upload_files is not None else None
    finder = PictureFinder(uploads, attachments, hosts)
    addresses = new_addresses(placements, existing, site)
    for placement in placements:
        section = placement.group.section
        group = PlannedGroup(section, placement.key, placement.group.method)
        for lang, item in placement.group.versions.items():
            planned = PlannedFile(lang, placement.relpath(lang), item)
            planned.leftovers += grouping.notes.get(item.post_id, [])
            planned.leftovers += placement.notes.get(lang, [])
            planned.aliases = _aliases(planned, addresses, site, planned.leftovers)
            for alias in planned.aliases:  # an old address leads to one item only
                addresses[decode(alias)] = planned.relpath
            kind = "page_id" if item.post_type == "page" else "p"
            planned.query_addresses = [f"/?{kind}={item.post_id}"]
            render(planned, export, placement, finder, index, site)
            group.files.append(planned)
            for picture in planned.pictures:
                if picture.target and picture.source:
                    plan.copies.setdefault(picture.target, picture.source)
        plan.groups.append(group)
    return plan


def new_addresses(
    placements: Sequence[Placement], existing: Sequence[ExistingFile], site: NewSite
) -> dict[str, str]:
    """Every (decoded) address the new site will have for its items → its file."""
    addresses = {}
    for file in existing:
        address = site.address(file.section, file.lang, file.slug or file.key)
        addresses[address] = file.relpath
    for placement in placements:
        for lang in placement.group.versions:
            slug = placement.slugs.get(lang) or placement.key
            address = site.address(placement.group.section, lang, slug)
            addresses[address] = placement.relpath(lang)
    return addresses


def owned_folders() -> frozenset[str]:
    """The output folders that one part of the build claims whole."""
    from admin.generator import FOLDER as ADMIN
    from imaging.site_images import IMAGES_FOLDER
    from members.generator import LOGO_FOLDER
    from search.index import BUNDLE

    return frozenset({"theme", ADMIN.strip("/"), IMAGES_FOLDER, LOGO_FOLDER, BUNDLE})


def _aliases(
    planned: PlannedFile,
    addresses: dict[str, str],
    site: NewSite,
    leftovers: list[Leftover],
) -> list[str]:
    """The old address as an alias, unless the new site already has it.

    An address the build would refuse (see :mod:`.addresses`) is listed
    instead of written.
    """
    alias, why = old_address(planned.item.link)
    if why is not None:
        leftovers.append(Leftover(Kind.NOTE, why))
    if not alias:
        return []
    path = decode(alias)
    folder = path.strip("/").split("/")[0].casefold()
    if folder in site.owned_folders:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M(
                    "old address {address} cannot become a redirect: /{folder}/ "
                    "holds the new site's own files",
                    address=alias,
                    folder=folder,
                ),
            )
        )
        return []
    if path in site.fixed_urls:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M(
                    "old address {path} is a list or home page of the new site; "
                    "no redirect from it",
                    path=path,
                ),
            )
        )
        return []
    owner = addresses.get(path)
    path = alias
    if owner == planned.relpath:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M("keeps its old address {path}; no redirect needed", path=path),
            )
        )
        return []
    if owner is not None:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M(
                    "old address {path} now belongs to content/{file}; no redirect",
                    path=path,
                    file=owner,
                ),
            )
        )
        return []
    return [path]
