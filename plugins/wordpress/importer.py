"""Plan an import from a parsed export.

:func:`plan_import` is pure: given the export, the files already in
``content/`` and the list of uploaded files, it decides every file's path and
text, every picture to copy and every report entry (:mod:`.planned`), for
the site the settings declare (:mod:`.newsite`). :mod:`.uploads` carries the
plan out; it only ever creates files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitecore.i18n import M

from .addresses import decode, old_address
from .leftovers import Kind, Leftover
from .links import LinkIndex, Target, old_hosts
from .newsite import NewSite
from .pairing import ExistingFile, Placement, group_items, place_groups
from .pictures import PictureFinder, Uploads
from .planned import Plan, PlannedFile, PlannedGroup
from .render import render
from .wxr import Export


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
