"""When each file last changed in what it says, read from the git history.

The translation report needs, for each language version of an item, when
its content last changed and since when it exists. What counts as content
is the caller's ``content`` function: it reduces one version's text to what
matters (for the report, the words a translator translates), and a commit
that leaves that equal (a new date, a tag, a picture, the same YAML
re-formatted) is no change. Every commit's version of a file is compared
with the one before it, so the answer does not depend on the order in which
files were saved; renames (an item moved into a year folder) are followed.
A change not yet committed counts from the file's modification time. Without
git, and for files git does not know, the file times are all there is.
"""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

#: Reduces one version of a file (its path now, its text then) to its content.
Content = Callable[[str, str], Hashable]

EPOCH = datetime.min.replace(tzinfo=UTC)
_NO_BLOB = "0" * 40
_ABSENT = object()  # the content of a file before it was added
_STAMP = "--format=%x01%ct"  # each commit: \x01 and its time


@dataclass(frozen=True)
class Changes:
    """What the history says about one file."""

    last: datetime  # the latest change of its content
    first: datetime | None = None  # since when it exists; None: no history


@dataclass(frozen=True)
class _Step:
    """One commit's change to one path: what it was before and after."""

    order: int  # position in the log, 0 = newest
    stamp: datetime
    before: str  # blob id, or _NO_BLOB when the commit added the file
    after: str
    came_from: str  # the path before a rename, else the path itself


def _whole(_path: str, text: str) -> Hashable:
    return text


def file_changes(
    paths: list[str], content: Content | None = None, within: str = ""
) -> dict[str, Changes]:
    """:class:`Changes` of each file in ``paths`` (absolute paths).

    ``content`` decides what a change is (default: any change of the text).
    ``within`` is the folder whose history is read (default: the one holding
    all ``paths``); a file moved there from outside begins with the move. A
    file git does not know has no ``first``.
    """
    content = content or _whole
    found = {path: Changes(_mtime(path)) for path in paths}
    if not paths:
        return found
    folder = os.path.realpath(
        within or os.path.commonpath([os.path.dirname(path) for path in paths])
    )
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        below = os.path.relpath(folder, top)
        log = _git(top, "log", "-M", "--raw", "--no-abbrev", "-z", _STAMP, "--", below)
        tree = _git(top, "ls-tree", "-r", "-z", "HEAD", "--", below)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return found  # not a git checkout (or no git, or no commit yet)
    steps = _steps(log.decode("utf-8", "surrogateescape"))
    committed = _tree(tree.decode("utf-8", "surrogateescape"))
    names = {}
    for path in paths:
        name = os.path.relpath(os.path.realpath(path), top).replace(os.sep, "/")
        if name in committed:
            names[path] = name
    lineages = {path: _lineage(name, steps) for path, name in names.items()}
    blobs = {committed[name] for name in names.values()}
    for lineage in lineages.values():
        blobs |= {blob for step in lineage for blob in (step.before, step.after)}
    texts = _blobs(top, blobs - {_NO_BLOB})
    for path, name in names.items():
        lineage = lineages[path]
        if lineage:
            found[path] = _changes(path, lineage, committed[name], texts, content)
    return found


def _changes(
    path: str,
    lineage: list[_Step],
    committed: str,
    texts: dict[str, str],
    content: Content,
) -> Changes:
    """The file's changes: the newest commit that changed its content, or now."""

    def essence(blob: str) -> Hashable:
        return _ABSENT if blob == _NO_BLOB else content(path, texts.get(blob, ""))

    last = next(
        (s.stamp for s in lineage if essence(s.before) != essence(s.after)),
        lineage[-1].stamp,
    )
    first = next(
        (s.stamp for s in reversed(lineage) if s.before == _NO_BLOB),
        lineage[-1].stamp,
    )
    try:
        with open(path, encoding="utf-8") as handle:
            now = content(path, handle.read())
    except (OSError, UnicodeDecodeError):
        now = _ABSENT
    if now != essence(committed):  # changed, not yet committed
        last = max(last, _mtime(path))
    return Changes(last, first)


def last_changes(paths: list[str]) -> dict[str, datetime]:
    """When each file last changed at all: git history, else modification times."""
    return {path: changes.last for path, changes in file_changes(paths).items()}


def _steps(log: str) -> dict[str, list[_Step]]:
    """The changes ``git log -M --raw -z`` lists, by the path they leave."""
    steps: dict[str, list[_Step]] = defaultdict(list)
    tokens = log.split("\0")
    stamp, order, index = EPOCH, 0, 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith("\x01"):
            stamp = datetime.fromtimestamp(int(token[1:]), UTC)
            order += 1
        elif token.startswith(":"):
            _modes_a, _modes_b, before, after, status = token[1:].split(" ")[:5]
            count = 2 if status[:1] in ("R", "C") else 1
            names = tokens[index : index + count]
            index += count
            if status[:1] == "D" or len(names) < count:
                continue
            if status[:1] == "C":  # a copy: the new file begins there
                before = _NO_BLOB
            steps[names[-1]].append(_Step(order, stamp, before, after, names[0]))
    return steps


def _lineage(name: str, steps: dict[str, list[_Step]]) -> list[_Step]:
    """The commits that made the file ``name`` what it is now, newest first.

    Follows renames back; a path's earlier life before it was deleted and
    added again is not part of it (the walk stops at the commit that added it).
    """
    lineage: list[_Step] = []
    newer_than = -1
    while True:
        earlier = [s for s in steps.get(name, ()) if s.order > newer_than]
        if not earlier:
            return lineage
        for step in earlier:
            lineage.append(step)
            newer_than = step.order
            if step.before == _NO_BLOB:
                return lineage
            if step.came_from != name:
                name = step.came_from
                break
        else:
            return lineage


def _tree(listing: str) -> dict[str, str]:
    """``git ls-tree -r -z``: path → blob id of the last commit."""
    files = {}
    for entry in listing.split("\0"):
        meta, _, name = entry.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[1] == "blob":
            files[name] = parts[2]
    return files


def _blobs(top: str, blobs: Iterable[str]) -> dict[str, str]:
    """The texts of ``blobs``, read in one ``git cat-file --batch``."""
    wanted = sorted(blobs)
    if not wanted:
        return {}
    output = _git(top, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted))
    texts, position = {}, 0
    for blob in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) != 3:  # "<blob> missing"
            continue
        size = int(header[2])
        texts[blob] = output[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return texts


def _git(folder: str, *args: str, stdin: str | None = None) -> bytes:
    done = subprocess.run(
        ["git", "-C", folder, *args],
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def _mtime(path: str) -> datetime:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    except OSError:
        return EPOCH
