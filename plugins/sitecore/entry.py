"""One language version of a content item, and what the build does with many.

A file read cleanly (``reader.py``) becomes one :class:`Entry` per language;
the build then keeps what is due (:func:`select_published`), pairs the
versions of one item (:func:`pair_translations`) and groups them by language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .markup import Link
from .problems import ProblemLog
from .reader import ReadResult
from .sectionmodel import SectionModel
from .sources import SourceFile
from .yamldoc import YamlDoc


@dataclass(eq=False)
class Entry:
    """One language version of a content item (an article, a page, a member…).

    ``translations`` maps every language the item exists in to its version
    there, this one included, so the language switcher, hreflang links and
    the sitemap can iterate over the site's languages.
    """

    source: SourceFile
    meta: SectionModel
    content: str
    summary_text: str
    doc: YamlDoc = field(default_factory=lambda: YamlDoc({}))
    digest: str = ""
    links: list[Link] = field(default_factory=list)
    slug: str = ""
    url: str = ""
    href: str = ""
    translations: dict[str, Entry] = field(default_factory=dict)
    tags: list = field(default_factory=list)
    is_scheduled: bool = False
    body: str = ""  # the Markdown source, for locating problems found later
    body_line: int = 1
    media: tuple = ()  # what the pictures of the entry were made into
    #: The site's default language, and the fields of a YAML file shown in it
    #: because the file has no text for them in this entry's language.
    fallback_lang: str = ""
    fallbacks: tuple[str, ...] = ()

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def section(self) -> str:
        return self.source.section

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def sort_title(self) -> str:
        """What lists sort by: the title, or a member's name."""
        return self.title

    @property
    def summary(self) -> str:
        """The editor's teaser, else the start of the first paragraph."""
        return self.meta.teaser or self.summary_text

    @property
    def date(self) -> datetime | None:
        when = self.meta.published
        return when.value if when else None

    @property
    def modified(self) -> datetime | None:
        when = self.meta.changed
        return when.value if when else None

    @property
    def is_draft(self) -> bool:
        return self.meta.is_draft

    @property
    def is_preview(self) -> bool:
        """Shown only by the dev server: a draft or not yet due."""
        return self.is_draft or self.is_scheduled

    @property
    def content_lang(self) -> str:
        """The language of ``content``: the entry's, or the default language's
        where a YAML file has no text in the entry's language."""
        if any(name in self.meta.markdown_fields for name in self.fallbacks):
            return self.fallback_lang
        return self.lang

    def text(self, name: str) -> tuple[str, str]:
        """A per-language field's text for this entry, and the language it is in."""
        return self.meta.text_in(name, self.lang, self.fallback_lang or self.lang)

    @property
    def counterparts(self) -> dict[str, str]:
        """Each language's URL of this item, in the order languages were paired."""
        return {lang: entry.url for lang, entry in self.translations.items()}

    def line_of(self, *path: str | int) -> int:
        """The file line of a field (``line_of("members", 2)``), from the reader."""
        return self.doc.line_of(*path)


def entries_from(
    results: Iterable[ReadResult],
    problems: ProblemLog,
    entry_class: Callable[..., Entry] = Entry,
) -> list[Entry]:
    """One entry per language of each file that read cleanly.

    Every problem moves to ``problems``; a file with errors gives no entry.
    """
    entries = []
    for result in results:
        problems.extend(result.problems)
        if result.failed:
            continue
        for lang, text in result.texts.items():
            source = result.source
            if not source.lang:
                source = source.in_language(lang)
            meta = result.meta
            entries.append(
                entry_class(
                    source=source,
                    meta=meta,
                    content=text.rendered.html,
                    summary_text=text.rendered.summary,
                    doc=result.doc,
                    digest=result.digest,
                    links=text.rendered.links,
                    slug=meta.page_slug or source.key,
                    body=text.body,
                    body_line=text.first_line,
                    fallback_lang=result.fallback,
                    fallbacks=result.fallbacks.get(lang, ()),
                )
            )
    return entries


def unpublished_entries(results: Iterable[ReadResult]) -> list[Entry]:
    """Entries of the files with errors whose text could be read.

    They are never published; the checks that need the whole site (links
    to other files, pictures) still look at their text, so an editor learns
    of those problems in the same build as of the file's own errors. Their
    ``meta`` is None when the fields could not be read.
    """
    entries = []
    for result in results:
        if not result.failed:
            continue
        for lang, text in result.texts.items():
            source = result.source
            if not source.lang:
                source = source.in_language(lang)
            entries.append(
                Entry(
                    source=source,
                    meta=result.meta,
                    content=text.rendered.html,
                    summary_text="",
                    doc=result.doc,
                    links=text.rendered.links,
                    body=text.body,
                    body_line=text.first_line,
                )
            )
    return entries


def select_published(
    entries: Iterable[Entry], now: datetime, show_previews: bool
) -> list[Entry]:
    """Drop drafts and items dated after ``now``, unless previews are wanted.

    A future ``date`` publishes the item with the first build on or after it,
    which is why the site is rebuilt on a schedule.
    """
    kept = []
    for entry in entries:
        entry.is_scheduled = entry.date is not None and entry.date > now
        if entry.is_preview and not show_previews:
            continue
        kept.append(entry)
    return kept


def pair_translations(entries: Iterable[Entry], languages: Sequence[str]) -> None:
    """Give every entry the map of its item's versions, in site-language order."""
    groups: dict[tuple[str, str], dict[str, Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.section, entry.key), {})[entry.lang] = entry
    for group in groups.values():
        ordered = {lang: group[lang] for lang in languages if lang in group}
        for entry in ordered.values():
            entry.translations = ordered


def missing_languages(entry: Entry, languages: Sequence[str]) -> tuple[str, ...]:
    """The site languages the entry's item does not exist in."""
    return tuple(lang for lang in languages if lang not in entry.translations)


def by_key(entries: Iterable[Entry]) -> Mapping[str, Entry]:
    """Entries by key (of one section and language)."""
    return {entry.key: entry for entry in entries}


def group_by_language(
    entries: Iterable[Entry], languages: Sequence[str]
) -> MutableMapping[str, list[Entry]]:
    """Entries split by language, every site language present."""
    result: dict[str, list[Entry]] = {lang: [] for lang in languages}
    for entry in entries:
        result.setdefault(entry.lang, []).append(entry)
    return result
