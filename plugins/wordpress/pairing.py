"""Which items become content, in which language, paired how, under which key.

Language and pairing come from the most explicit source an item has: WPML's
import meta, else Polylang's ``language`` and ``post_translations`` terms, else
the permalink's language prefix (``/en/…``), which tells the language but not
the partner, so such items stay unpaired. The versions of one group share one
contract key; keys are unique within their section (across year folders) and
never take the key of a file already in ``content/``, unless that file *is*
the item, imported earlier: then its key is reused, which is what makes a
second run write nothing.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sitecore.i18n import N_, M, Message

from .addresses import old_address, same_address
from .leftovers import Kind, Leftover
from .names import has_letters, name_slug, wordpress_slug
from .sectionmap import SectionMap
from .wxr import Item, local_datetime, plain_text

#: Posts to news, pages to pages: the map of a site with the contract's sections.
DEFAULT_MAP = SectionMap({"post": "news", "page": "pages"})
DRAFT_STATUSES = frozenset({"draft", "pending", "private"})
KEY_LENGTH = 60
WPML_LANGUAGE = "_wpml_import_language_code"
WPML_GROUP = "_wpml_import_translation_group"
#: Pairing by the old address (``/en/…``), when no plugin names the language.
ADDRESS = N_("address")
WPML_SOURCE = "_wpml_import_source_language_code"


section_of = DEFAULT_MAP.section_of
skip_label = DEFAULT_MAP.skip_label


@dataclass(frozen=True)
class Language:
    """An item's language as its export tells it, and its translation group."""

    code: str  # as found, lower-case: "de", "en", "fr", "pt-br"
    lang: str | None  # the site language it is, None if the site has none such
    method: str  # "WPML", "Polylang" or "address"
    group: str = ""  # translation group; "" leaves the item unpaired
    is_source: bool = False  # WPML: the original the others were translated from


def detect_language(
    item: Item, languages: Sequence[str], default: str | None = None
) -> Language:
    """The language of ``item``: WPML meta, else Polylang terms, else its address.

    By address, a first segment naming a site language (``/en/…``) decides;
    everything else is in ``default`` (the export's own language, where the
    site has it), else in the site's first language.
    """
    code = item.meta_value(WPML_LANGUAGE).strip().lower()
    if code:
        return Language(
            code,
            _site_language(code, languages),
            "WPML",
            item.meta_value(WPML_GROUP).strip(),
            not item.meta_value(WPML_SOURCE).strip(),
        )
    terms = item.terms_in("language")
    if terms:
        code = (terms[0].slug or terms[0].name).strip().lower()
        groups = item.terms_in("post_translations")
        group = (groups[0].slug or groups[0].name).strip() if groups else ""
        return Language(code, _site_language(code, languages), "Polylang", group)
    segments = [s for s in urlsplit(item.link).path.split("/") if s]
    first = segments[0].lower() if segments else ""
    fallback = default if default in languages else languages[0]
    lang = first if first in languages and first != fallback else fallback
    return Language(lang, lang, ADDRESS)


def _site_language(code: str, languages: Sequence[str]) -> str | None:
    code = code.replace("_", "-")
    for candidate in (code, code.split("-")[0]):
        if candidate in languages:
            return candidate
    return None


@dataclass
class Group:
    """The language versions of one item, keyed by site language."""

    section: str
    versions: dict[str, Item]
    source_lang: str
    method: str

    @property
    def source(self) -> Item:
        """The version the key is made from (the original where known)."""
        return self.versions[self.source_lang]


@dataclass
class Grouping:
    """The groups to import, and what could not be imported or paired."""

    groups: list[Group] = field(default_factory=list)
    unknown: list[tuple[Item, Language]] = field(default_factory=list)
    notes: dict[int, list[Leftover]] = field(default_factory=dict)


def group_items(
    items: Iterable[Item],
    languages: Sequence[str],
    sections: SectionMap = DEFAULT_MAP,
    default_lang: str | None = None,
) -> Grouping:
    """Group the importable ``items`` into translation groups.

    An item in a language the site does not have is set aside (its partners
    still pair). A second version in the same language within one group is
    imported on its own and noted, rather than guessed.
    """
    result = Grouping()
    buckets: dict[tuple[str, str, str], list[tuple[Item, Language]]] = {}
    for item in sorted(items, key=lambda i: i.post_id):
        section = sections.section_of(item)
        if section is None:
            continue
        language = detect_language(item, languages, default_lang)
        if language.lang is None:
            result.unknown.append((item, language))
            continue
        group_id = language.group or f"#{item.post_id}"
        buckets.setdefault((section, language.method, group_id), []).append(
            (item, language)
        )
    for (section, method, _), members in buckets.items():
        versions: dict[str, Item] = {}
        sources: list[str] = []
        for item, language in members:
            lang = language.lang or ""
            if lang in versions:
                result.notes.setdefault(item.post_id, []).append(
                    Leftover(Kind.NOTE, _second_version(lang, language.group))
                )
                result.groups.append(Group(section, {lang: item}, lang, method))
                continue
            versions[lang] = item
            if language.is_source:
                sources.append(lang)
        ordered = {lang: versions[lang] for lang in languages if lang in versions}
        source = next(iter(sources), None) or next(iter(ordered))
        result.groups.append(Group(section, ordered, source, method))
    return result


def _second_version(lang: str, group: str) -> Message:
    if not group.strip():
        return M(
            "a second {lang} version of one item; imported without a partner", lang=lang
        )
    return M(
        "a second {lang} version in translation group {group}; imported "
        "without a partner",
        lang=lang,
        group=group,
    )


# Keys and files -------------------------------------------------------------


@dataclass(frozen=True)
class ExistingFile:
    """A Markdown file already in ``content/``, as far as placing keys needs it."""

    relpath: str  # content-relative POSIX path, e.g. news/2017/x.de.md
    section: str
    key: str
    lang: str
    title: str = ""
    date: str = ""
    slug: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class Placement:
    """Where a group's files go: one key and folder, a slug per language."""

    group: Group
    key: str
    folder: str  # content-relative, e.g. news/2017 or pages
    slugs: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[Leftover]] = field(default_factory=dict)
    existing: ExistingFile | None = None  # the file that identified the item

    def relpath(self, lang: str) -> str:
        """The content-relative path of the ``lang`` version."""
        return f"{self.folder}/{self.key}.{lang}.md"


def old_path(item: Item) -> str:
    """The item's permalink as an alias the build accepts ('' if there is none).

    See :mod:`.addresses`: ``?p=`` links and addresses the build would
    refuse give ''.
    """
    return old_address(item.link)[0]


def display_title(item: Item) -> str:
    """The title an item is written with: its own, else one naming it.

    An untitled item gets the same stand-in title on every run, which is how
    a second run recognises it when it has no old address either.
    """
    return plain_text(item.title) or f"({item.post_type} {item.post_id})"


def wanted_slug(item: Item) -> str:
    """The item's URL segment on the old site, in contract form.

    Its WordPress slug, else its title, in Latin letters; a slug of digits
    only (``2``) gives way to a title that says more.
    """
    candidates = [wordpress_slug(item.post_name), name_slug(plain_text(item.title))]
    found = [slug for slug in candidates if slug]
    return next(
        (slug for slug in found if has_letters(slug)), found[0] if found else ""
    )


def date_text(item: Item, zone: ZoneInfo) -> str:
    """The contract's ``date`` of an item: local ``YYYY-MM-DD HH:MM``, or ''."""
    when = local_datetime(item, zone)
    return when.strftime("%Y-%m-%d %H:%M") if when else ""


def base_key(group: Group) -> str:
    """A key from the source version's slug or title, at most KEY_LENGTH long."""
    source = group.source
    key = wanted_slug(source) or f"{source.post_type}-{source.post_id}"
    if len(key) > KEY_LENGTH:
        key = key[:KEY_LENGTH].rsplit("-", 1)[0] or key[:KEY_LENGTH]
    return key


#: Each section's folder and whether items there are filed by year (they have
#: a ``date``): news in ``news/<yyyy>/``, pages in ``pages/``.
Folders = Mapping[str, tuple[str, bool]]
DEFAULT_FOLDERS: Folders = {"news": ("news", True), "pages": ("pages", False)}


def place_groups(
    groups: Sequence[Group],
    existing: Sequence[ExistingFile],
    zone: ZoneInfo,
    folders: Folders = DEFAULT_FOLDERS,
) -> list[Placement]:
    """Give every group its key, folder and slugs, in a stable order."""
    placer = _Placer(existing, zone, folders)

    def order(group: Group) -> tuple[str, str, int]:
        return (group.section, date_text(group.source, zone), group.source.post_id)

    return [placer.place(group) for group in sorted(groups, key=order)]


class _Placer:
    """The keys and slugs taken so far, while one import is planned."""

    def __init__(
        self, existing: Sequence[ExistingFile], zone: ZoneInfo, folders: Folders
    ) -> None:
        self.zone = zone
        self.folders = folders
        self.files = {f.relpath: f for f in existing}
        self.keys = {(f.section, f.key) for f in existing}
        self.claimed: set[tuple[str, str]] = set()
        self.slugs = {(f.section, f.lang, f.slug or f.key): f.relpath for f in existing}
        self.by_alias: dict[tuple[str, str, str], ExistingFile] = {}
        self.by_title: dict[tuple[str, str, str, str], ExistingFile] = {}
        for file in existing:
            for alias in file.aliases:
                key = (file.section, file.lang, same_address(alias))
                self.by_alias.setdefault(key, file)
            when = file.date if self._dated(file.section) else ""
            self.by_title.setdefault((file.section, file.lang, file.title, when), file)

    def _dated(self, section: str) -> bool:
        return self.folders.get(section, (section, False))[1]

    def place(self, group: Group) -> Placement:
        found = self._identify(group)
        if found is not None:
            key, folder = found.key, posixpath.dirname(found.relpath)
        else:
            key = self._unique_key(group.section, base_key(group))
            folder, dated = self.folders.get(group.section, (group.section, False))
            if dated:
                date = date_text(group.source, self.zone)
                folder = f"{folder}/{date[:4] or 'undated'}"
        self.keys.add((group.section, key))
        self.claimed.add((group.section, key))
        placement = Placement(group, key, folder, existing=found)
        for lang, item in group.versions.items():
            file = self.files.get(placement.relpath(lang))
            if file is not None:  # imported before: its own slug stands
                placement.slugs[lang] = file.slug or file.key
                continue
            self._choose_slug(placement, lang, wanted_slug(item) or key)
        return placement

    def _identify(self, group: Group) -> ExistingFile | None:
        """The existing file that is one of the group's versions, if any."""
        for lang, item in group.versions.items():
            alias = old_path(item)
            when = date_text(item, self.zone) if self._dated(group.section) else ""
            title = display_title(item)
            for found in (
                self.by_alias.get((group.section, lang, alias)) if alias else None,
                self.by_title.get((group.section, lang, title, when)),
            ):
                if found and (found.section, found.key) not in self.claimed:
                    return found
        return None

    def _unique_key(self, section: str, key: str) -> str:
        candidate, number = key, 1
        while (section, candidate) in self.keys:
            number += 1
            candidate = f"{key}-{number}"
        return candidate

    def _choose_slug(self, placement: Placement, lang: str, wanted: str) -> None:
        section, relpath = placement.group.section, placement.relpath(lang)
        slug, number = wanted, 1
        while self.slugs.get((section, lang, slug), relpath) != relpath:
            number += 1
            slug = f"{wanted}-{number}"
        if slug != wanted:
            other = self.slugs[(section, lang, wanted)]
            placement.notes.setdefault(lang, []).append(
                Leftover(
                    Kind.NOTE,
                    M(
                        "the address segment '{wanted}' is taken by content/{file}; "
                        "this item got '{slug}' (if both are the same article, "
                        "keep one)",
                        wanted=wanted,
                        file=other,
                        slug=slug,
                    ),
                )
            )
        self.slugs[(section, lang, slug)] = relpath
        placement.slugs[lang] = slug
