"""The translation report: what is missing in a language, and what is out of date.

Read from the file names and their history alone (no build needed), so CI can
show it on every pull request, the terminal with ``invoke report``, and the
preview on a page of its own. Two kinds of lines:

- a **missing** translation: a key with files in some languages only, or a
  YAML file (members, people) without its texts in a site language: pages
  of that language show the default language's text meanwhile;
- a **stale** one: a translation whose content is older than the original's
  content — the original said something new after the translation was last
  brought up to date.

The original is the item's language version that existed first (from the
git history; without one, or when both came in one commit, the first site
language). Content is what a translator translates: the Markdown body and
the model's text fields that are not shared between the languages (title,
summary, picture description …). Changes to shared fields (date, members,
picture, tags …) and pure formatting (whitespace, quoting, order of fields)
do not count, so updating the translation makes the report clean, and it
never flags the original (``history.py`` reads the git history; without
git, file times decide). A YAML file without a text in one of the required
languages (``REQUIRED_LANGUAGES``) is a build error, not a report line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .fieldtypes import LONG_TEXT, TEXT
from .frontmatter import parse_document
from .history import EPOCH, Changes, file_changes
from .i18n import M_, Translate
from .problems import ProblemLog
from .sectionmodel import SectionModel
from .sections import Section
from .sources import SourceFile, scan_section
from .yamldoc import YamlError, load_yaml


@dataclass(frozen=True)
class ReportLine:
    """One file of an item that needs a translator's attention."""

    source: SourceFile
    missing: tuple[str, ...] = ()  # languages the item does not exist in
    behind: str = ""  # the language of the original that changed since
    changed: datetime | None = None  # when the original's content changed
    fallback: str = ""  # the language a YAML file's texts are shown in instead
    fields: tuple[str, ...] = ()  # the YAML file's fields without those texts

    @property
    def stale(self) -> bool:
        return bool(self.behind)


def _groups(
    content_root: str, sections: Iterable[Section], languages: tuple[str, ...]
) -> list[list[SourceFile]]:
    return [group for _, group in _section_groups(content_root, sections, languages)]


def _section_groups(
    content_root: str, sections: Iterable[Section], languages: tuple[str, ...]
) -> list[tuple[Section, list[SourceFile]]]:
    """The files of each key of each Markdown section, with their section."""
    groups = []
    for section in sections:
        if section.is_yaml:
            continue
        by_key: dict[str, list[SourceFile]] = defaultdict(list)
        found = scan_section(
            content_root, section.name, languages, ProblemLog(), folder=section.path
        )
        for source in found:
            by_key[source.key].append(source)
        groups += [(section, by_key[key]) for key in sorted(by_key)]
    return groups


def missing_translations(
    content_root: str, sections: Iterable[Section], languages: tuple[str, ...]
) -> list[tuple[SourceFile, tuple[str, ...]]]:
    """Each file whose key lacks some language, with the languages it lacks."""
    result = []
    for group in _groups(content_root, sections, languages):
        present = {source.lang for source in group}
        lacking = tuple(lang for lang in languages if lang not in present)
        if lacking:
            result.extend((source, lacking) for source in group)
    return result


def fallback_texts(
    content_root: str,
    sections: Iterable[Section],
    languages: tuple[str, ...],
    fallback: str,
    required: tuple[str, ...] = (),
) -> list[ReportLine]:
    """YAML files without their texts in some site languages (shown in ``fallback``).

    Files that cannot be read are left to the build, which reports them.
    """
    lines = []
    for section in sections:
        if not section.is_yaml:
            continue
        model = section.model()
        found = scan_section(
            content_root,
            section.name,
            languages,
            ProblemLog(),
            folder=section.path,
            yaml_files=True,
        )
        for source in found:
            try:
                with open(source.path, encoding="utf-8") as handle:
                    data = load_yaml(handle.read()).data
            except (OSError, UnicodeDecodeError, YamlError):
                continue
            lacking: dict[str, list[str]] = {}
            for name in model.per_language_fields:
                texts = data.get(name)
                if not isinstance(texts, dict):
                    continue
                for lang in languages:
                    if lang in required or lang == fallback or texts.get(lang):
                        continue
                    lacking.setdefault(lang, []).append(name)
            if lacking:
                fields = tuple(dict.fromkeys(n for ns in lacking.values() for n in ns))
                lines.append(
                    ReportLine(source, tuple(lacking), fallback=fallback, fields=fields)
                )
    return lines


def translation_report(
    content_root: str,
    sections: Iterable[Section],
    languages: tuple[str, ...],
    changed: Callable[[list[str]], Mapping[str, Changes]] | None = None,
    *,
    fallback: str = "",
    required: tuple[str, ...] = (),
) -> list[ReportLine]:
    """Missing and stale translations of every declared section.

    Markdown sections by their files; YAML sections (members, people) by the
    texts their files lack in a site language other than the ``required``
    ones, shown in ``fallback`` (the default language; the first language
    unless given). ``changed`` gives the :class:`~sitecore.history.Changes`
    of each file (default: from the git history, comparing :func:`words`).
    """
    sections = list(sections)
    groups = _section_groups(content_root, sections, languages)
    if changed is None:
        models = {s.path: section.model() for section, group in groups for s in group}

        def changed(paths: list[str]) -> Mapping[str, Changes]:
            return file_changes(
                paths, lambda path, text: words(models[path], text), content_root
            )

    times = changed([s.path for _, group in groups for s in group])
    lines = []
    for _, group in groups:
        present = {source.lang for source in group}
        lacking = tuple(lang for lang in languages if lang not in present)
        original = min(group, key=lambda s: _seniority(s, times, languages))
        latest = times.get(original.path, _NEVER).last
        for source in group:
            behind = ""
            if source is not original and times.get(source.path, _NEVER).last < latest:
                behind = original.lang
            if lacking or behind:
                lines.append(
                    ReportLine(source, lacking, behind, latest if behind else None)
                )
    return lines + fallback_texts(
        content_root, sections, languages, fallback or languages[0], required
    )


_NEVER = Changes(EPOCH)


def _seniority(
    source: SourceFile, times: Mapping[str, Changes], languages: tuple[str, ...]
) -> tuple[bool, datetime, int]:
    """Orders an item's files: the one that existed first is the original.

    Files without a history (no git) come after, in the order of the site's
    languages, so without git the first language's file is the original.
    """
    first = times.get(source.path, _NEVER).first
    order = languages.index(source.lang) if source.lang in languages else len(languages)
    return (first is None, first or EPOCH, order)


def words(model: type[SectionModel], text: str) -> Hashable:
    """What a translator translates in one Markdown file, formatting aside.

    The body and the values of the text fields the model does not share
    between languages, each with its whitespace reduced to single spaces:
    a change of a date, a tag or a picture, a re-indented list, other
    quotes or another order of the fields leave it equal.
    """
    try:
        document = parse_document(text)
    except YamlError:
        return ((), " ".join(text.split()))  # unreadable: its text as it is
    meta = document.meta.data if isinstance(document.meta.data, dict) else {}
    shared = set(model.shared_fields)
    fields = tuple(
        (name, " ".join(str(meta[name]).split()))
        for name, field in sorted(model.declared.items())
        if field.type in (TEXT, LONG_TEXT)
        and name not in shared
        and meta.get(name) is not None
    )
    return (fields, " ".join(document.body.split()))


ALL_TRANSLATED = M_("Every item exists in all languages, and no translation is older.")
HEADING = M_("Translations to do: {count}")
FILE = M_("file")
TO_DO = M_("to do")
MISSING = M_("missing in: {languages}")
SHOWN_INSTEAD = M_("{fields}: the {lang} text is shown meanwhile")
STALE = M_("the {lang} version changed on {date}: check this translation")
NO_CATALOG = M_(
    "{lang}: there is no catalog of the site's own texts ({file}); its pages show "
    "them in English. Create it with `invoke i18n.update` and translate it"
)
UNTRANSLATED = M_(
    "{lang}: {count} of the site's own texts are not translated in {file}; its "
    "pages show them in English"
)


def describe(line: ReportLine, translate: Translate, format_date: Callable) -> str:
    """What to do about one report line, in the editor's language."""
    parts = []
    if line.missing:
        parts.append(translate(MISSING).format(languages=", ".join(line.missing)))
    if line.fallback:
        parts.append(
            translate(SHOWN_INSTEAD).format(
                fields=", ".join(line.fields), lang=line.fallback
            )
        )
    if line.stale and line.changed is not None:
        parts.append(
            translate(STALE).format(lang=line.behind, date=format_date(line.changed))
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class CatalogGap:
    """A site language whose catalog of the site's texts is missing or incomplete."""

    lang: str
    file: str
    untranslated: int | None  # None: there is no catalog at all


def describe_catalog(gap: CatalogGap, translate: Translate) -> str:
    """What to do about one catalog, in the editor's language."""
    if gap.untranslated is None:
        return translate(NO_CATALOG).format(lang=gap.lang, file=gap.file)
    return translate(UNTRANSLATED).format(
        lang=gap.lang, count=gap.untranslated, file=gap.file
    )


def markdown_report(
    lines: list[ReportLine],
    translate: Translate = lambda message: message,
    format_date: Callable = lambda when: when.date().isoformat(),
    catalogs: Iterable[CatalogGap] = (),
) -> str:
    """The report as a Markdown table (terminals, CI job summaries).

    ``catalogs`` are the site languages whose own texts (the catalogs of the
    theme) are missing or incomplete: listed after the table.
    """
    notes = [f"- {describe_catalog(gap, translate)}" for gap in catalogs]
    if not lines:
        return "\n".join([translate(ALL_TRANSLATED), *notes]) + "\n"
    table = [
        translate(HEADING).format(count=len(lines)),
        "",
        f"| {translate(FILE)} | {translate(TO_DO)} |",
        "|---|---|",
    ]
    table += [
        f"| `{line.source.relpath}` | {describe(line, translate, format_date)} |"
        for line in lines
    ]
    if notes:
        table += ["", *notes]
    return "\n".join(table) + "\n"
