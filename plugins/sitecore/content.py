"""Read Markdown content files into entries, in parallel, and pair translations.

Reading (front matter, validation, Markdown) is the bulk of a build and each
file is independent, so it runs in a process pool on all cores. Each file is
read once, for both languages: language versions are entries of one run, not
separate runs per language.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

from .cache import ContentCache
from .frontmatter import FrontMatterError, parse_document
from .markup import Link, render_markdown
from .problems import Problem, ProblemLog, Severity
from .schema import validate
from .sources import SourceFile

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40


@dataclass
class ReadResult:
    """What reading one file produced; picklable, so workers can return it."""

    source: SourceFile
    meta: BaseModel | None
    html: str = ""
    summary: str = ""
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True)
class ReadJob:
    """Everything a worker needs to read one file."""

    source: SourceFile
    model: type[BaseModel]
    timezone: str
    ignore: frozenset[str] = frozenset()


def read_one(job: ReadJob) -> ReadResult:
    """Read, validate and render one file; never raises for content mistakes."""
    log = ProblemLog()
    path = job.source.path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        log.error(path, None, "the file is not UTF-8 text; save it as UTF-8")
        return ReadResult(job.source, None, problems=list(log))
    try:
        document = parse_document(text)
    except FrontMatterError as exc:
        log.error(path, exc.line, exc.message)
        return ReadResult(job.source, None, problems=list(log))
    meta = validate(
        job.model,
        document.meta,
        path,
        log,
        context={"timezone": job.timezone},
        ignore=job.ignore,
    )
    rendered = render_markdown(document.body, document.body_line)
    for line, message in rendered.problems:
        log.error(path, line, message)
    return ReadResult(
        job.source,
        meta,
        html=rendered.html,
        summary=rendered.summary,
        links=rendered.links,
        problems=list(log),
        body=document.body,
        body_line=document.body_line,
    )


def read_all(
    jobs: Sequence[ReadJob], workers: int, cache: ContentCache | None = None
) -> list[ReadResult]:
    """Read every job, from ``cache`` where the file is unchanged.

    Files not in the cache are read on ``workers`` processes when there are
    enough of them to pay for starting a pool.
    """
    if cache is None:
        return _read_uncached(jobs, workers)
    keys = [cache.key(job) for job in jobs]
    results: list[ReadResult | None] = [cache.get(key) for key in keys]
    missing = [index for index, result in enumerate(results) if result is None]
    fresh = _read_uncached([jobs[index] for index in missing], workers)
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
        cache.put(keys[index], result)
    return results  # type: ignore[return-value]


def _read_uncached(jobs: Sequence[ReadJob], workers: int) -> list[ReadResult]:
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        return [read_one(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(read_one, jobs, chunksize=chunk))


def default_workers() -> int:
    """Use every core the process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(eq=False)
class Entry:
    """One language version of a content item (an article, a page, an event)."""

    source: SourceFile
    meta: BaseModel
    content: str
    summary_text: str
    links: list[Link] = field(default_factory=list)
    slug: str = ""
    url: str = ""
    href: str = ""
    translation: Entry | None = None
    tags: list = field(default_factory=list)
    is_scheduled: bool = False
    body: str = ""  # the Markdown source, for locating problems found later
    body_line: int = 1

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
        return self.meta.title  # type: ignore[attr-defined]

    @property
    def summary(self) -> str:
        """The editor's teaser, else the start of the first paragraph."""
        return getattr(self.meta, "summary", None) or self.summary_text

    @property
    def date(self) -> datetime | None:
        when = getattr(self.meta, "date", None)
        return when.value if when else None

    @property
    def modified(self) -> datetime | None:
        when = getattr(self.meta, "modified", None)
        return when.value if when else None

    @property
    def is_draft(self) -> bool:
        return self.meta.status == "draft"  # type: ignore[attr-defined]

    @property
    def is_preview(self) -> bool:
        """Shown only by the dev server: a draft or not yet due."""
        return self.is_draft or self.is_scheduled


def entries_from(results: Iterable[ReadResult], problems: ProblemLog) -> list[Entry]:
    """Keep the files that read cleanly; move every problem to ``problems``."""
    entries = []
    for result in results:
        problems.extend(result.problems)
        failed = any(p.severity is Severity.ERROR for p in result.problems)
        if result.meta is None or failed:
            continue
        meta = result.meta
        slug = getattr(meta, "slug", None) or result.source.key
        entries.append(
            Entry(
                source=result.source,
                meta=meta,
                content=result.html,
                summary_text=result.summary,
                links=result.links,
                slug=slug,
                body=result.body,
                body_line=result.body_line,
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


def pair_translations(entries: Iterable[Entry]) -> None:
    """Link the two language versions of each (section, key)."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.section, entry.key), []).append(entry)
    for group in groups.values():
        for entry in group:
            others = [other for other in group if other is not entry]
            entry.translation = others[0] if others else None


def unpaired(entries: Iterable[Entry]) -> list[Entry]:
    """Entries without a partner in the other language (the translation report)."""
    return [entry for entry in entries if entry.translation is None]


def check_unique_slugs(
    entries: Iterable[Entry], url_of: Callable[[Entry], str], problems: ProblemLog
) -> list[Entry]:
    """Report entries whose URL another entry already has; return the others."""
    taken: dict[str, Entry] = {}
    kept = []
    for entry in entries:
        url = url_of(entry)
        other = taken.get(url)
        if other is not None:
            problems.error(
                entry.source.path,
                None,
                f"slug '{entry.slug}' gives the URL /{url}, which "
                f"{other.source.relpath} already has; choose another slug",
            )
            continue
        taken[url] = entry
        kept.append(entry)
    return kept
