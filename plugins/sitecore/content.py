"""Read content files into entries, in parallel, and pair translations.

One reading path for every section: a Markdown file with front matter
(``<key>.<lang>.md``, one language) and a YAML file (``<key>.yml``, every
language inside, with Markdown in its per-language text fields) both become a
:class:`ReadResult` — validated metadata, the lines of every field, rendered
HTML and all problems found — and then one :class:`Entry` per language.

Reading (front matter, validation, Markdown) is the bulk of a build and each
file is independent, so it runs in a process pool on all cores when there are
enough files, and results are cached by file content (see ``cache.py``).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import hashlib
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from .frontmatter import FrontMatterError, parse_document
from .i18n import M, Message
from .limits import SlowBudget
from .markup import Link, Rendered, render_markdown
from .problems import Problem, ProblemLog, Severity
from .schema import FIELD_PROBLEM, validate
from .sectionmodel import SectionModel
from .sources import SourceFile
from .yamldoc import YamlDoc, YamlError, load_yaml

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


@dataclass
class Text:
    """One rendered Markdown text of a file, with where it starts in the file."""

    rendered: Rendered
    body: str
    first_line: int


@dataclass
class ReadResult:
    """What reading one file produced; picklable, so workers can return it.

    ``texts`` maps each language to its rendered text: one entry for a
    Markdown file (its body), one per site language for a YAML file.
    ``fallbacks`` names, per language, the per-language fields of a YAML
    file without a text in it: the site shows those in ``fallback``, the
    default language.
    """

    source: SourceFile
    meta: SectionModel | None
    doc: YamlDoc = field(default_factory=lambda: YamlDoc({}))
    texts: dict[str, Text] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # sha256 of the file's bytes
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fallback: str = ""

    @property
    def slow_seconds(self) -> float:
        """Conversion time beyond what the texts' sizes explain (see ``limits``)."""
        return sum(text.rendered.slow_seconds for text in self.texts.values())

    @property
    def cacheable(self) -> bool:
        """False when a time limit stopped a text: that depends on the build."""
        return not any(text.rendered.stopped for text in self.texts.values())

    @property
    def failed(self) -> bool:
        return self.meta is None or any(
            p.severity is Severity.ERROR for p in self.problems
        )


@dataclass(frozen=True)
class ReadJob:
    """Everything a worker needs to read one file.

    ``required`` are the languages a YAML file must have its texts in (all
    of ``languages`` unless said); the others fall back to ``fallback``.
    """

    source: SourceFile
    model: type[SectionModel]
    timezone: str
    languages: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()
    #: This file's share of the build's time for slow texts (None: no budget).
    extra_seconds: float | None = None
    required: tuple[str, ...] = ()
    fallback: str = ""

    @property
    def yaml_file(self) -> bool:
        return self.model.yaml_file

    @property
    def context(self) -> dict[str, Any]:
        """What the field types read besides the file (see ``sitecore.fields``)."""
        return {
            "timezone": self.timezone,
            "languages": self.languages,
            "required": self.required or self.languages,
        }

    @property
    def settings_key(self) -> str:
        """Every setting the result depends on, for the caches' keys."""
        return (
            f"{self.timezone}|{self.languages}|{self.required}|{self.fallback}"
            f"|{sorted(self.ignore)}"
        )


def read_one(job: ReadJob) -> ReadResult:
    """Read, validate and render one file; never raises for content mistakes."""
    log = ProblemLog()
    path = job.source.path
    result = ReadResult(job.source, None)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        log.error(
            path,
            None,
            M(
                "the file cannot be read ({reason}); check that it is a normal "
                "file you may open",
                reason=exc.strerror or exc,
            ),
        )
        result.problems = list(log)
        return result
    result.digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        log.error(
            path,
            None,
            M(
                "the file is not saved as UTF-8 text; save it again with the "
                "encoding UTF-8 (most editors offer it under 'Save as')"
            ),
        )
        result.problems = list(log)
        return result
    if job.yaml_file:
        _read_yaml(job, text, result, log)
    else:
        _read_markdown(job, text, result, log)
    result.problems = list(log)
    return result


def _read_markdown(
    job: ReadJob, text: str, result: ReadResult, log: ProblemLog
) -> None:
    path = job.source.path
    try:
        document = parse_document(text)
    except FrontMatterError as exc:
        log.error(path, exc.line, exc.message)
        if exc.document is None:
            return
        # The fields are unreadable, the text is not: check it in this build
        # too, so the editor learns everything at once (the file stays
        # unpublished, since it has no valid fields).
        document = exc.document
    else:
        result.doc = document.meta
        result.meta = validate(
            job.model,
            document.meta,
            path,
            log,
            context=job.context,
            ignore=job.ignore,
        )
    result.texts[job.source.lang] = _render(
        document.body, document.body_line, path, "", log, job.extra_seconds
    )


def _read_yaml(job: ReadJob, text: str, result: ReadResult, log: ProblemLog) -> None:
    path = job.source.path
    text = text.removeprefix("\ufeff")
    try:
        result.doc = load_yaml(text)
    except YamlError as exc:
        log.error(path, exc.line, exc.message)
        return
    result.meta = validate(
        job.model,
        result.doc,
        path,
        log,
        unknown_is_error=True,
        context=job.context,
        # The editing interface's "key" only; "draft: true" is a front-matter
        # habit, and a YAML file says "status: draft".
        ignore=job.ignore & {"key"},
    )
    lines = text.split("\n")
    markdown_fields = job.model.markdown_fields
    if not markdown_fields and result.meta is not None:
        # Plain-text files (people) still give one entry per language.
        for lang in job.languages:
            result.texts[lang] = Text(Rendered("", ""), "", 1)
    for name in markdown_fields:
        # With other fields wrong, the texts that are there are still checked.
        values = (
            result.meta.field_value(name)
            if result.meta is not None
            else result.doc.data.get(name)
        )
        if not isinstance(values, dict):
            continue
        for lang in job.languages:
            if not isinstance(values.get(lang), str):
                continue
            first = text_line(result.doc, lines, (name, lang))
            result.texts[lang] = _render(
                values[lang], first, path, f"{name}.{lang}", log, job.extra_seconds
            )
    if result.meta is not None:
        _fall_back(job, result.meta, result)


def _fall_back(job: ReadJob, meta: SectionModel, result: ReadResult) -> None:
    """The default language's texts where a site language has none in the file.

    A language whose texts are missing still gets its entry (the item is
    never left out); which fields it shows in the default language is noted
    for the page (``lang``) and the translation report.
    """
    fallback = job.fallback or job.languages[0]
    result.fallback = fallback
    for lang in job.languages:
        missing = tuple(
            name
            for name in meta.per_language_fields
            if lang not in (meta.field_value(name) or {})
        )
        if not missing:
            continue
        result.fallbacks[lang] = missing
        if lang not in result.texts and fallback in result.texts:
            result.texts[lang] = result.texts[fallback]


def _render(
    body: str,
    first_line: int,
    path: str,
    field: str,
    log: ProblemLog,
    extra_seconds: float | None = None,
) -> Text:
    """Render one text; its problems name ``field`` when it is a YAML field."""
    rendered = render_markdown(body, first_line, extra_seconds=extra_seconds)

    def named(message: Message) -> Message:
        return M(FIELD_PROBLEM, field=field, message=message) if field else message

    for line, message in rendered.problems:
        log.error(path, line, named(message))
    for line, message in rendered.warnings:
        log.warning(path, line, named(message))
    return Text(rendered, body, first_line)


def text_line(doc: YamlDoc, source_lines: list[str], path: tuple[str, ...]) -> int:
    """File line where the text of the YAML value at ``path`` starts.

    ``de: |`` starts a block whose text begins on the next line; a short text
    on the same line as ``de:`` starts there.
    """
    line = doc.line_of(*path)
    written = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    return line + 1 if _BLOCK_SCALAR.search(written.rstrip()) else line


class Cache(Protocol):
    """A store of read results (see ``cache.py`` and the dev server's memory).

    ``shared``: any process may write it (a pool's workers store their own
    results); otherwise only the reading process fills it.
    """

    shared: bool

    def get(self, job: ReadJob) -> ReadResult | None: ...

    def put(self, job: ReadJob, result: ReadResult) -> None: ...


def read_all(
    jobs: Sequence[ReadJob],
    workers: int,
    caches: Sequence[Cache] = (),
    budget: SlowBudget | None = None,
) -> list[ReadResult]:
    """Read every job, from the first of ``caches`` that has it.

    Files in no cache are read on ``workers`` processes when there are enough
    of them to pay for starting a pool, then stored in every cache.
    ``budget`` is what the build may still spend on slow texts: shared out
    among the files to read, so that the time a dozen hostile files can
    cost is bounded, not ten seconds each. A file stopped by its time limit
    is not cached (with another share it might pass).
    """
    results: list[ReadResult | None] = []
    for job in jobs:
        found = None
        for index, cache in enumerate(caches):
            found = cache.get(job)
            if found is not None:
                for earlier in caches[:index]:
                    earlier.put(job, found)
                break
        results.append(found)
    missing = [index for index, result in enumerate(results) if result is None]
    if budget is not None and missing:
        share = budget.share(len(missing))
        jobs = list(jobs)
        for index in missing:
            jobs[index] = dataclasses.replace(jobs[index], extra_seconds=share)
    # Caches on disk are written by whoever read the file (a worker, in
    # parallel); this process's own memory is filled here.
    shared = tuple(cache for cache in caches if cache.shared)
    fresh = _read_uncached([jobs[index] for index in missing], workers, shared)
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
        if budget is not None:
            budget.pay(result.slow_seconds)
        for cache in caches:
            if cache not in shared and result.cacheable:
                cache.put(jobs[index], result)
    return results  # type: ignore[return-value]


def _read_and_store(job: ReadJob, caches: Sequence[Cache]) -> ReadResult:
    result = read_one(job)
    if result.cacheable:
        for cache in caches:
            cache.put(job, result)
    return result


def _read_uncached(
    jobs: Sequence[ReadJob], workers: int, caches: Sequence[Cache] = ()
) -> list[ReadResult]:
    read = functools.partial(_read_and_store, caches=caches)
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        return [read(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_leave_interrupts_to_parent
    ) as pool:
        return list(pool.map(read, jobs, chunksize=chunk))


def _leave_interrupts_to_parent() -> None:
    """Ctrl+C reaches the workers too; the build stops them, silently."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_workers() -> int:
    """Use every core the process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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
