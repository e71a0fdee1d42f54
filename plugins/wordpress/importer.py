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
from .convert import ELEMENTOR_NOTE, convert_html
from .leftovers import Kind, Leftover
from .links import LinkIndex, Target, old_hosts
from .names import tag_problem
from .pairing import (
    DRAFT_STATUSES,
    ExistingFile,
    Folders,
    Language,
    Placement,
    date_text,
    display_title,
    group_items,
    place_groups,
)
from .pictures import Picture, PictureFinder, Uploads
from .sectionmap import SectionMap, importable, section_map
from .writer import Outcome, item_document
from .wxr import Export, Item, plain_text

#: WordPress's default category, which says nothing about a post.
DEFAULT_CATEGORIES = frozenset({"uncategorized", "allgemein", "unkategorisiert"})
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

    @classmethod
    def of(cls, settings: SiteSettings, rules: str = "") -> NewSite:
        """The site of ``settings``; ``rules`` as for ``--section-map``.

        Raises ValueError with an editor message for a bad rule.
        """
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
            section_map(rules, settings.sections),
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
            _render(planned, export, placement, finder, index, site)
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


def _tags(item: Item, leftovers: list[Leftover]) -> list[str]:
    """Categories and tags, once each, without WordPress's default category.

    A tag the site cannot give an address (no letters A to Z or digits, as
    ``远征手记``) or one too long is listed instead.
    """
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
        problem = tag_problem(name)
        if problem is not None:
            leftovers.append(Leftover(Kind.TAG, _tag_message(name, problem)))
            continue
        tags.append(name)
    return tags


def _tag_message(name: str, problem: str) -> Message:
    if problem == "length":
        return M(
            "'{tag}' is longer than a tag may be; not imported, add a shorter one",
            tag=name,
        )
    return M(
        "'{tag}' has no letters from A to Z or digits, which a tag's web address "
        "needs; not imported, add it in Latin letters if it matters",
        tag=name,
    )


def _featured(item: Item, finder: PictureFinder) -> Picture | None:
    """The item's featured image (``_thumbnail_id``), if it has one."""
    value = item.meta_value("_thumbnail_id").strip()
    if not value.isdigit():
        return None
    attachment = finder.attachments.get(int(value))
    if attachment is None:
        return Picture("", problem=f"attachment {value} is not in the export")
    return finder.find(attachment.attachment_url, attachment.post_id)


def _featured_alt(
    featured: Picture, used: dict[str, str], leftovers: list[Leftover]
) -> str:
    """The featured image's alt text, from the best source there is.

    The same picture's alt text in the item's own text comes first, then the
    media library's alt text; its caption or title are a guess the report
    asks to check. Without any, the report says the build refuses the file.
    """
    file = featured.target or ""
    alt = used.get(file) or featured.alt
    if alt:
        return alt
    if featured.caption:
        leftovers.append(
            Leftover(
                Kind.ALT_CHECK,
                M(
                    "featured image {file}: image_alt is its caption or title in "
                    "the media library, '{alt}'; check that it says what the "
                    "picture shows",
                    file=file,
                    alt=featured.caption,
                ),
            )
        )
        return featured.caption
    leftovers.append(
        Leftover(
            Kind.ALT_MISSING,
            M(
                "featured image {file}: fill in image_alt; the strict build "
                "refuses the file until then",
                file=file,
            ),
        )
    )
    return ""


def _render(
    planned: PlannedFile,
    export: Export,
    placement: Placement,
    finder: PictureFinder,
    index: LinkIndex,
    site: NewSite,
) -> None:
    """Convert the item's text and write its front matter into ``planned``.

    Only fields the section's model declares are written; a required field
    the import cannot fill (an event's ``start``) is listed, because the
    strict build refuses the file until it is there.
    """
    item, lang, leftovers = planned.item, planned.lang, planned.leftovers
    section = placement.group.section
    fields = site.fields(section)
    title = display_title(item)
    if not plain_text(item.title):
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
    values: dict[str, object] = {
        "title": title,
        "slug": slug if slug and slug != placement.key else None,
        "summary": plain_text(item.excerpt) or None,
        "draft": item.status in DRAFT_STATUSES or bool(item.password),
        "aliases": planned.aliases,
    }
    if "date" in fields:
        values["date"] = date_text(item, site.zone)
        if not values["date"]:
            leftovers.append(
                Leftover(Kind.NOTE, M("the export gives no date; add one"))
            )
    if "tags" in fields:
        values["tags"] = _tags(item, leftovers)
    if "author" in fields:
        values["author"] = export.author_name(item.creator) or None
    featured = _featured(item, finder)
    if featured is not None and "image" not in fields:
        leftovers.append(
            Leftover(
                Kind.FEATURED_PAGE,
                M(
                    "{picture}: {section} have no lead picture; put it in the "
                    "text if it matters",
                    picture=featured.url or M("a featured image"),
                    section=section,
                ),
            )
        )
    elif featured is not None and featured.target:
        values["image"] = featured.target
        values["image_alt"] = _featured_alt(featured, converted.alts, leftovers)
        planned.pictures.append(featured)
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
    for name in site.required(section):
        leftovers.append(
            Leftover(
                Kind.REQUIRED,
                M(
                    "{field}: required in {section}, and WordPress has nothing to "
                    "fill it with; the strict build refuses the file until you "
                    "add it",
                    field=name,
                    section=section,
                ),
            )
        )
    planned.text = item_document(fields, converted.markdown, **values)
