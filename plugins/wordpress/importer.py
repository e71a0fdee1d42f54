"""Plan an import from a parsed export, then carry the plan out.

:func:`plan_import` is pure: given the export, the files already in
``content/`` and the list of uploaded files, it decides every file's path and
text, every picture to copy and every report entry. :func:`apply_plan` is the
only step that touches the disk, and it only ever creates files.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bilingual.settings import SiteSettings
from sitecore.i18n import M
from sitecore.sections import Section

from .convert import ELEMENTOR_NOTE, convert_html
from .leftovers import Kind, Leftover
from .links import LinkIndex, Target, old_hosts
from .pairing import (
    DRAFT_STATUSES,
    ExistingFile,
    Language,
    Placement,
    date_text,
    group_items,
    old_path,
    place_groups,
    section_of,
    skip_label,
)
from .pictures import Picture, PictureFinder, Uploads
from .writer import Outcome, copy_new, news_document, page_document, write_new
from .wxr import Export, Item, plain_text

CONTENT_SECTIONS = ("news", "pages")
#: WordPress's default category, which says nothing about a post.
DEFAULT_CATEGORIES = frozenset({"uncategorized", "allgemein", "unkategorisiert"})


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

    @classmethod
    def of(cls, settings: SiteSettings) -> NewSite:
        fixed = {"/"}
        for lang in settings.languages:
            patterns = settings.urls[lang].values()
            fixed.update(f"/{pattern}" for pattern in patterns if "{" not in pattern)
            fixed.update(
                f"/{section.list_url(lang)}"
                for section in settings.sections.values()
                if section.has_list
            )
        return cls(
            settings.languages,
            ZoneInfo(settings.timezone),
            settings.sections,
            frozenset(fixed),
        )

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
        if section_of(item) is None:
            plan.skipped[skip_label(item)] += 1
    grouping = group_items(export.items, languages)
    plan.unknown = grouping.unknown
    placements = place_groups(grouping.groups, existing, zone)
    homes = frozenset({"/", *(f"/{lang}/" for lang in languages)})
    index = LinkIndex(hosts, home_paths=homes)
    for placement in placements:
        for lang, item in placement.group.versions.items():
            target = Target(placement.relpath(lang), item.status == "publish")
            index.add(target, item.post_id, (item.link, item.guid))
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
            kind = "p" if item.post_type == "post" else "page_id"
            planned.query_addresses = [f"/?{kind}={item.post_id}"]
            _render(planned, export, placement, finder, index, zone)
            group.files.append(planned)
            for picture in planned.pictures:
                if picture.target and picture.source:
                    plan.copies.setdefault(picture.target, picture.source)
        plan.groups.append(group)
    return plan


def new_addresses(
    placements: Sequence[Placement], existing: Sequence[ExistingFile], site: NewSite
) -> dict[str, str]:
    """Every address the new site will have for news and pages → its file."""
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


def _aliases(
    planned: PlannedFile,
    addresses: dict[str, str],
    site: NewSite,
    leftovers: list[Leftover],
) -> list[str]:
    """The old address as an alias, unless the new site already has it."""
    path = old_path(planned.item)
    if not path:
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


def _tags(item: Item) -> list[str]:
    """Categories and tags, once each, without WordPress's default category."""
    tags: list[str] = []
    seen: set[str] = set()
    for term in item.terms:
        if term.domain not in ("category", "post_tag"):
            continue
        name = plain_text(term.name)
        folded = name.casefold()
        if not name or folded in seen:
            continue
        if term.domain == "category" and (
            folded in DEFAULT_CATEGORIES or term.slug in DEFAULT_CATEGORIES
        ):
            continue
        seen.add(folded)
        tags.append(name)
    return tags


def _featured(item: Item, finder: PictureFinder) -> Picture | None:
    """The item's featured image (``_thumbnail_id``), if it has one."""
    value = item.meta_value("_thumbnail_id").strip()
    if not value.isdigit():
        return None
    attachment = finder.attachments.get(int(value))
    if attachment is None:
        return Picture("", problem=f"attachment {value} is not in the export")
    return finder.find(attachment.attachment_url, attachment.post_id)


def _render(
    planned: PlannedFile,
    export: Export,
    placement: Placement,
    finder: PictureFinder,
    index: LinkIndex,
    zone: ZoneInfo,
) -> None:
    """Convert the item's text and write its front matter into ``planned``."""
    item, lang, leftovers = planned.item, planned.lang, planned.leftovers
    title = plain_text(item.title)
    if not title:
        title = f"({item.post_type} {item.post_id})"
        leftovers.append(Leftover(Kind.NOTE, M("the item has no title; write one")))
    if item.password:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M("password-protected on the old site; imported as a draft"),
            )
        )
    converted = convert_html(item.content, finder, index.rewrite)
    elementor = Leftover(Kind.PAGE_BUILDER, M(ELEMENTOR_NOTE))
    if (
        item.meta_value("_elementor_edit_mode") == "builder"
        and elementor not in converted.leftovers
    ):
        leftovers.append(elementor)
    leftovers += converted.leftovers
    planned.pictures = list(converted.pictures)
    slug = placement.slugs.get(lang)
    fields = {
        "title": title,
        "body": converted.markdown,
        "slug": slug if slug and slug != placement.key else None,
        "summary": plain_text(item.excerpt) or None,
        "draft": item.status in DRAFT_STATUSES or bool(item.password),
        "aliases": planned.aliases,
    }
    featured = _featured(item, finder)
    if placement.group.section != "news":
        if featured is not None:
            leftovers.append(
                Leftover(
                    Kind.FEATURED_PAGE,
                    M(
                        "{picture}: pages have no lead picture; put it in the text "
                        "if it matters",
                        picture=featured.url or M("a featured image"),
                    ),
                )
            )
        planned.text = page_document(**fields)
        return
    date = date_text(item, zone)
    if not date:
        leftovers.append(Leftover(Kind.NOTE, M("the export gives no date; add one")))
    image = image_alt = None
    if featured is not None and featured.target:
        image, image_alt = featured.target, featured.alt
        planned.pictures.append(featured)
        if not image_alt:
            leftovers.append(
                Leftover(
                    Kind.ALT_MISSING,
                    M("featured image {file}: fill in image_alt", file=image),
                )
            )
    elif featured is not None:
        leftovers.append(
            Leftover(
                Kind.PICTURE_MISSING,
                M(
                    "featured image {address}: {problem}",
                    address=featured.url or M("(no address)"),
                    problem=featured.problem,
                ),
            )
        )
    planned.text = news_document(
        **fields,
        date=date,
        tags=_tags(item),
        author=export.author_name(item.creator) or None,
        image=image,
        image_alt=image_alt,
    )


# Carrying the plan out ------------------------------------------------------


def list_uploads(folder: Path) -> list[str]:
    """Every file below ``folder``, as POSIX paths relative to it."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            found.append(Path(dirpath, name).relative_to(folder).as_posix())
    return found


def apply_plan(
    plan: Plan, content: Path, uploads: Path | None, dry_run: bool = False
) -> None:
    """Create the plan's files and copy its pictures, never replacing a file.

    Outcomes are recorded on the plan; with ``dry_run`` nothing is written and
    new files are marked "would be written".
    """
    for file in plan.files:
        file.outcome = write_new(content, file.relpath, file.text, dry_run)
    for target, source in sorted(plan.copies.items()):
        if uploads is None:  # no copies are planned without an uploads folder
            continue
        plan.copy_outcomes[target] = copy_new(
            uploads / source, content, target, dry_run
        )
