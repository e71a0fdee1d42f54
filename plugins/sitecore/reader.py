"""Read one content file: its fields checked, its texts rendered, its problems.

One reading path for every section: a Markdown file with front matter
(``<key>.<lang>.md``, one language) and a YAML file (``<key>.yml``, every
language inside, with Markdown in its per-language text fields) both become a
:class:`ReadResult` — validated metadata, the lines of every field, rendered
HTML and all problems found. A result is plain data, so a worker process can
return it and a cache can keep it; many files are read by ``readall.py``,
and a result becomes one :class:`~sitecore.entry.Entry` per language in
``entry.py``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .frontmatter import FrontMatterError, parse_document
from .i18n import M, Message
from .markup import Rendered, render_markdown
from .problems import Problem, ProblemLog, Severity
from .schema import FIELD_PROBLEM, validate
from .sectionmodel import SectionModel
from .sources import SourceFile
from .yamldoc import YamlDoc, YamlError, load_yaml

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
