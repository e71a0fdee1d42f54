"""Find content files and tell section, key and language from their names.

The contract makes the file name the single source of truth: ``<key>.de.md`` is
German, ``<key>.en.md`` English, and two files with one key in one section are
translations of each other; a YAML section has one ``<key>.yml`` per item
with every language inside. Everything else an editor might try (``foo.md``,
``Foo_Bar.de.md``, ``foo.fr.md``, ``foo.markdown``) is reported, never guessed.

Editors' files are untrusted: every file is resolved and must lie inside the
content folder, so a symbolic link cannot smuggle a file of the build machine
(``/proc/self/environ``, a key) into the site.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from .i18n import M, one_or_other
from .problems import ProblemLog
from .slugs import is_valid_key, slugify

MARKDOWN_SUFFIX = ".md"
YAML_SUFFIX = ".yml"
_LOOKS_LIKE_CONTENT = {".markdown", ".mdown", ".mkd", ".txt", ".rst", ".html", ".htm"}
_LOOKS_LIKE_YAML = {".yaml", ".json", ".toml", ".md", ".txt"}


@dataclass(frozen=True)
class SourceFile:
    """One content file: where it is and what its name says about it.

    ``lang`` is empty for a YAML file, which holds every language.
    """

    section: str
    key: str
    lang: str
    path: str  # absolute path on disk
    relpath: str  # POSIX path relative to the content folder, e.g. news/2017/x.de.md

    def in_language(self, lang: str) -> SourceFile:
        """The same file seen as the source of its ``lang`` version."""
        return SourceFile(self.section, self.key, lang, self.path, self.relpath)


class Confinement:
    """Decides whether a path really lies inside the content folder.

    ``realpath`` follows every symbolic link, of the file and of each folder
    above it, so a link anywhere on the way out is caught.
    """

    def __init__(self, content_root: str) -> None:
        self.root = os.path.realpath(content_root)

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self.root or real.startswith(self.root + os.sep)

    def check(self, path: str, problems: ProblemLog) -> bool:
        """True if ``path`` is inside; otherwise an error naming the link."""
        if self.inside(path):
            return True
        problems.error(
            path,
            None,
            M(
                "this is a link to a file outside the content folder ({target}); "
                "it is not published: copy the file into content/ instead of "
                "linking to it",
                target=os.path.realpath(path),
            ),
        )
        return False


def iter_visible_files(
    folder: str, confinement: Confinement, problems: ProblemLog
) -> Iterator[str]:
    """Yield files below ``folder``, skipping names that start with '_' or '.'.

    Sorted, so builds and error reports do not depend on the file system's
    order. Links leading out of the content folder (files or folders) are
    reported and skipped; folder links are never followed.
    """
    if not confinement.check(folder, problems):
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        visible = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        dirnames[:] = []
        for name in visible:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                dirnames.append(name)  # a real folder below a confined one
            else:
                confinement.check(path, problems)  # never followed; reported if out
        for name in sorted(filenames):
            if name.startswith(("_", ".")):
                continue
            path = os.path.join(dirpath, name)
            if not name.isprintable() or "\\" in name:
                problems.error(
                    path,
                    None,
                    M(
                        "the file name has an invisible character or a backslash, "
                        "which no address can carry; rename the file"
                    ),
                )
                continue
            # Only a link can lead out of a folder that is itself inside.
            if not os.path.islink(path) or confinement.check(path, problems):
                yield path


def check_key(key: str, path: str, line: int | None, problems: ProblemLog) -> bool:
    """Report a key that is not lower-case ASCII, digits and '-'; True if valid."""
    if is_valid_key(key):
        return True
    hint = slugify(key)
    suggestion = M("; rename it to '{name}'", name=hint) if hint else ""
    problems.error(
        path,
        line,
        M(
            "'{key}' is not a valid key: use lower-case letters a-z, digits and "
            "'-' only{suggestion}",
            key=key,
            suggestion=suggestion,
        ),
    )
    return False


def relative(path: str, content_root: str) -> str:
    """POSIX path of ``path`` below the content folder."""
    root = content_root.rstrip(os.sep) + os.sep
    if path.startswith(root):  # the usual case, without relpath's work
        return path[len(root) :].replace(os.sep, "/")
    return PurePosixPath(os.path.relpath(path, content_root)).as_posix()


def scan_section(
    content_root: str,
    section: str,
    languages: tuple[str, ...],
    problems: ProblemLog,
    *,
    folder: str | None = None,
    yaml_files: bool = False,
) -> list[SourceFile]:
    """The content files of a section, validated by name.

    ``folder`` (below ``content_root``, the section's name by default) holds
    ``<key>.<lang>.md`` files, or ``<key>.yml`` files when ``yaml_files``.
    """
    path = os.path.join(content_root, *(folder or section).split("/"))
    if not os.path.lexists(path):
        return []
    confinement = Confinement(content_root)
    scan = _yaml_file if yaml_files else _markdown_file
    found: list[SourceFile] = []
    seen: dict[tuple[str, str], str] = {}
    for file in iter_visible_files(path, confinement, problems):
        source = scan(file, section, languages, problems)
        if source is None:
            continue
        relpath = relative(file, content_root)
        other = seen.get((source.key, source.lang))
        if other is not None:
            problems.error(
                file,
                None,
                M(
                    "duplicate key '{key}' in {section}: content/{other} has the "
                    "same key; keys must be unique within a section, so rename "
                    "one of the files",
                    key=source.key,
                    section=section,
                    other=other,
                ),
            )
            continue
        seen[(source.key, source.lang)] = relpath
        found.append(SourceFile(section, source.key, source.lang, file, relpath))
    return found


def _markdown_file(
    path: str, section: str, languages: tuple[str, ...], problems: ProblemLog
) -> SourceFile | None:
    name = os.path.basename(path)
    stem, ext = os.path.splitext(name)
    if ext != MARKDOWN_SUFFIX:
        if ext.lower() in _LOOKS_LIKE_CONTENT or ext.lower() == MARKDOWN_SUFFIX:
            problems.error(
                path,
                None,
                M(
                    "'{name}' is not published: content files are named {names}",
                    name=name,
                    names=one_or_other(f"'<key>.{lang}.md'" for lang in languages),
                ),
            )
        return None
    key, dot, lang = stem.rpartition(".")
    if not dot:
        problems.error(
            path,
            None,
            M(
                "the file name has no language: rename it to {choices}",
                choices=one_or_other(f"'{stem}.{code}.md'" for code in languages),
            ),
        )
        return None
    if lang not in languages:
        problems.error(
            path,
            None,
            M(
                "unknown language '{lang}' in the file name; use {choices}",
                lang=lang,
                choices=one_or_other(f"'{key}.{code}.md'" for code in languages),
            ),
        )
        return None
    if not check_key(key, path, None, problems):
        return None
    return SourceFile(section, key, lang, path, "")


def _yaml_file(
    path: str, section: str, languages: tuple[str, ...], problems: ProblemLog
) -> SourceFile | None:
    name = os.path.basename(path)
    key, ext = os.path.splitext(name)
    if ext != YAML_SUFFIX:
        if ext.lower() in _LOOKS_LIKE_YAML or ext.lower() == YAML_SUFFIX:
            problems.error(
                path,
                None,
                M("'{name}' is not read: files here are named '<key>.yml'", name=name),
            )
        return None
    if not check_key(key, path, None, problems):
        return None
    return SourceFile(section, key, "", path, "")


class LineLocator:
    """The file line of a snippet (a link, a picture, a tag) in a text.

    Problems are found in the HTML, but editors need the line they wrote.
    The text is searched from the previous find onward, so a snippet that
    occurs twice is located twice, each time on its own line; case is
    ignored, since HTML tag and attribute names may differ in case.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.position = 0

    def __call__(self, *needles: str) -> int:
        """The line of the first of ``needles`` found; else the text's first."""
        for needle in needles:
            if not needle:
                continue
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            found = pattern.search(self.text, self.position) or pattern.search(
                self.text
            )
            if found is not None:
                self.position = found.start() + 1
                return self.first_line + self.text.count("\n", 0, found.start())
        return self.first_line
