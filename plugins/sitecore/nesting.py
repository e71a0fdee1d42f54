"""How deeply a Markdown text nests, measured before Python-Markdown reads it.

Python-Markdown parses nested blocks by recursion: 500 nested
``<div markdown="1">`` (13 KB), a list nested 450 levels or a run of 2500
``*`` end in ``RecursionError``, and 600 nested quotes take seconds. No
editor nests anything more than a few levels, so a text that nests deeper
than :data:`~sitecore.limits.MAX_NESTING` is refused with the line where it
went too deep — found by one pass over the text, in time proportional to its
length, before the parser runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .limits import MAX_NESTING

#: Elements that need no end tag, or whose end tag HTML lets editors omit.
_NOT_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link"),
        *("meta", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td"),
        *("th", "thead", "tbody", "tfoot", "option", "optgroup", "colgroup"),
        *("caption", "rt", "rp", "html", "head", "body"),
    }
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]{0,2000}?)(/?)>")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_EMPHASIS_RUN = re.compile(rf"[*_]{{{2 * MAX_NESTING + 1},}}")
_RULE = re.compile(r"^[ \t]*(?:[*_-][ \t]*)+$")


@dataclass(frozen=True)
class TooDeep:
    """Where a text nests too deeply: its 1-based line and what nests."""

    line: int
    what: str  # "html", "blocks" or "emphasis"


def too_deep(text: str, limit: int = MAX_NESTING) -> TooDeep | None:
    """The first place ``text`` nests deeper than ``limit``, or None."""
    return _html_depth(text, limit) or _block_depth(text, limit)


def _html_depth(text: str, limit: int) -> TooDeep | None:
    if "<" not in text:
        return None
    open_tags: list[str] = []
    for match in _TAG.finditer(text):
        closing, name, _attributes, self_closing = match.groups()
        name = name.lower()
        if name in _NOT_NESTING or self_closing:
            continue
        if not closing:
            open_tags.append(name)
            if len(open_tags) > limit:
                return TooDeep(text.count("\n", 0, match.start()) + 1, "html")
        elif name in open_tags:
            while open_tags.pop() != name:
                pass
    return None


def _block_depth(text: str, limit: int) -> TooDeep | None:
    fence = ""
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0]:
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if _prefix_depth(line, limit) > limit:
            return TooDeep(number, "blocks")
        if _EMPHASIS_RUN.search(line) and not _RULE.match(line):
            return TooDeep(number, "emphasis")
    return None


def _prefix_depth(line: str, limit: int) -> int:
    """Quote markers, list markers and indentation (4 columns a level) of a line."""
    depth = columns = index = 0
    length = len(line)
    while index < length and depth + columns // 4 <= limit:
        char = line[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">":
            depth += 1
            if line.startswith(" ", index + 1):
                index += 1  # the space after '>' belongs to the marker
        elif (marker := _LIST_MARKER.match(line, index)) is not None:
            depth += 1
            index = marker.end()
            continue
        else:
            break
        index += 1
    return depth + columns // 4
