"""Read ``content/members/<key>.yml`` into validated members.

Each file holds one organisation in both languages. Every mistake in it is
reported as ``path:line: field: message`` and the member is left out, while
the other members are still read: an editor sees all problems of all files
after one build.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sitecore.markup import Rendered, render_markdown
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.sources import check_key, iter_visible_files
from sitecore.yamldoc import YamlDoc, YamlError, load_yaml

from .model import MemberMeta

logger = logging.getLogger(__name__)

SECTION = "members"
SUFFIX = ".yml"
_MISNAMED = {".yaml", ".json", ".toml", ".md", ".txt"}
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True)
class Member:
    """One member organisation, validated, with its descriptions rendered."""

    key: str
    path: str  # absolute path on disk
    relpath: str  # POSIX path below the content folder: members/diwish.yml
    meta: MemberMeta
    doc: YamlDoc  # for the line of a field, when a later step finds a problem
    descriptions: dict[str, Rendered] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.meta.name


@dataclass
class Loaded:
    """The members that read cleanly, and the keys of files with errors.

    A news item that names a member whose file has errors gets a message
    pointing at that file instead of "no such member".
    """

    members: list[Member] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # key → relpath


def load_members(
    content_root: str, languages: Sequence[str], problems: ProblemLog
) -> Loaded:
    """Read every member file under ``content_root/members``, sorted by path."""
    folder = os.path.join(content_root, SECTION)
    loaded = Loaded()
    if not os.path.isdir(folder):
        return loaded
    seen: dict[str, str] = {}
    for path in iter_visible_files(folder):
        relpath = PurePosixPath(os.path.relpath(path, content_root)).as_posix()
        name = os.path.basename(path)
        key, ext = os.path.splitext(name)
        if ext != SUFFIX:
            if ext.lower() in _MISNAMED or ext.lower() == SUFFIX:
                problems.error(
                    path,
                    None,
                    f"'{name}' is not read: member files are named '<key>.yml'",
                )
            continue
        if not check_key(key, path, None, problems):
            continue
        if key in seen:
            problems.error(
                path,
                None,
                f"duplicate member key '{key}': {seen[key]} has the same key; "
                "keys must be unique",
            )
            continue
        seen[key] = relpath
        member = read_member(path, relpath, key, content_root, languages, problems)
        if member is None:
            loaded.failed[key] = relpath
        else:
            loaded.members.append(member)
    return loaded


def read_member(
    path: str,
    relpath: str,
    key: str,
    content_root: str,
    languages: Sequence[str],
    problems: ProblemLog,
) -> Member | None:
    """Read and validate one member file; None (and problems logged) if broken."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        problems.error(path, None, "the file is not UTF-8 text; save it as UTF-8")
        return None
    text = text.removeprefix("\ufeff")
    try:
        doc = load_yaml(text)
    except YamlError as exc:
        problems.error(path, exc.line, exc.message)
        return None
    context = {"content_path": content_root, "languages": tuple(languages)}
    meta = validate(
        MemberMeta, doc, path, problems, unknown_is_error=True, context=context
    )
    if meta is None or problems.has_errors_for(path):
        return None
    member = Member(key, path, relpath, meta, doc)
    source_lines = text.split("\n")
    for lang in languages:
        first = description_line(doc, source_lines, lang)
        rendered = render_markdown(meta.description[lang], first)
        for line, message in rendered.problems:
            problems.error(path, line, f"description.{lang}: {message}")
        member.descriptions[lang] = rendered
    if problems.has_errors_for(path):
        return None
    return member


def description_line(doc: YamlDoc, source_lines: list[str], lang: str) -> int:
    """File line where the ``lang`` description's text starts.

    ``de: |`` starts a block whose text begins on the next line; a short
    text on the same line as ``de:`` starts there.
    """
    line = doc.line_of("description", lang)
    written = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    return line + 1 if _BLOCK_SCALAR.search(written.rstrip()) else line
