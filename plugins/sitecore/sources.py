"""Find content files and tell section, key and language from their names.

The contract makes the file name the single source of truth: ``<key>.de.md`` is
German, ``<key>.en.md`` English, and two files with one key in one section are
translations of each other. Everything else an editor might try (``foo.md``,
``Foo_Bar.de.md``, ``foo.fr.md``, ``foo.markdown``) is reported, never guessed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from .problems import ProblemLog
from .slugs import is_valid_key, slugify

MARKDOWN_SUFFIX = ".md"
_LOOKS_LIKE_CONTENT = {".markdown", ".mdown", ".mkd", ".txt", ".rst", ".html", ".htm"}


@dataclass(frozen=True)
class SourceFile:
    """One content file: where it is and what its name says about it."""

    section: str
    key: str
    lang: str
    path: str  # absolute path on disk
    relpath: str  # POSIX path relative to the content folder, e.g. news/2017/x.de.md


def iter_visible_files(folder: str) -> Iterator[str]:
    """Yield files below ``folder``, skipping names that start with '_' or '.'.

    Sorted, so builds and error reports do not depend on the file system's order.
    """
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        for name in sorted(filenames):
            if not name.startswith(("_", ".")):
                yield os.path.join(dirpath, name)


def check_key(key: str, path: str, line: int | None, problems: ProblemLog) -> bool:
    """Report a key that is not lower-case ASCII, digits and '-'; True if valid."""
    if is_valid_key(key):
        return True
    hint = slugify(key)
    suggestion = f"; rename it to '{hint}'" if hint else ""
    problems.error(
        path,
        line,
        f"'{key}' is not a valid key: use lower-case letters a-z, digits and '-' only"
        + suggestion,
    )
    return False


def scan_section(
    content_root: str, section: str, languages: tuple[str, ...], problems: ProblemLog
) -> list[SourceFile]:
    """Return the Markdown files of ``content_root/section``, validated by name."""
    folder = os.path.join(content_root, section)
    if not os.path.isdir(folder):
        return []
    found: list[SourceFile] = []
    seen: dict[tuple[str, str], str] = {}
    for path in iter_visible_files(folder):
        name = os.path.basename(path)
        stem, ext = os.path.splitext(name)
        if ext != MARKDOWN_SUFFIX:
            if ext.lower() in _LOOKS_LIKE_CONTENT or ext.lower() == MARKDOWN_SUFFIX:
                problems.error(
                    path,
                    None,
                    f"'{name}' is not published: content files are named "
                    f"'<key>.de.md' or '<key>.en.md'",
                )
            continue
        key, dot, lang = stem.rpartition(".")
        if not dot:
            problems.error(
                path,
                None,
                f"the file name has no language: rename it to '{stem}.de.md' "
                f"(German) or '{stem}.en.md' (English)",
            )
            continue
        if lang not in languages:
            choices = " or ".join(f"'{key}.{lang_}.md'" for lang_ in languages)
            problems.error(
                path, None, f"unknown language '{lang}' in the file name; use {choices}"
            )
            continue
        if not check_key(key, path, None, problems):
            continue
        relpath = PurePosixPath(os.path.relpath(path, content_root)).as_posix()
        other = seen.get((key, lang))
        if other is not None:
            problems.error(
                path,
                None,
                f"duplicate key '{key}' ({lang}) in {section}: "
                f"{other} has the same key; keys must be unique within a section",
            )
            continue
        seen[(key, lang)] = relpath
        found.append(SourceFile(section, key, lang, path, relpath))
    return found
