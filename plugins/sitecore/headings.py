"""A text's headings: below the page's title, one level deeper at a time.

The page's title is its only level-1 heading, so a text's headings start at
``##``, and each goes at most one level deeper than the heading before it
(``##`` then ``###``, never ``##`` then ``####``). Screen readers offer a
page's headings as its outline, where a skipped level reads as a missing
section (WCAG 1.3.1); the Nu HTML Checker of ``invoke check`` reports it on
the built page. The build reports it on the source line instead, and the
WordPress import moves an old post's headings to levels that follow the rule.

Levels are read from the HTML (ATX, setext and raw ``<h3>`` headings alike),
lines from the Markdown source, best effort: when the two do not pair up,
the problem names the text's first line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .i18n import M, Message

_HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def nested_levels(levels: Sequence[int]) -> list[int]:
    """Levels that keep the headings' structure and follow the rule.

    A heading goes one level below the nearest earlier heading of a higher
    (smaller) level, or to level 2 when there is none: siblings stay
    siblings, and ``#``, ``###``, ``#####`` become ``##``, ``###``, ``####``.
    Below level 6, which HTML does not go beyond, headings stay at 6.
    """
    stack: list[tuple[int, int]] = []  # (level written, level given)
    result = []
    for level in levels:
        while stack and stack[-1][0] >= level:
            stack.pop()
        given = min(6, stack[-1][1] + 1) if stack else 2  # HTML ends at h6
        stack.append((level, given))
        result.append(given)
    return result


def heading_problems(
    html: str, body: str, first_line: int
) -> list[tuple[int, Message]]:
    """A problem for each heading of ``html`` that breaks the rule, on its line."""
    levels = [int(level) for level in _HTML_HEADING.findall(html)]
    if not levels:
        return []
    lines = _source_lines(body)
    if len(lines) != len(levels):
        lines = [1] * len(levels)
    problems = []
    previous = 1
    for level, line in zip(levels, lines, strict=True):
        where = first_line + line - 1
        if level == 1:
            problems.append(
                (
                    where,
                    M(
                        "a level-1 heading ('# ') in the text: the title is the "
                        "page's only one; start the text's headings with '## '"
                    ),
                )
            )
        elif level > previous + 1:
            problems.append(
                (
                    where,
                    M(
                        "this heading is level {level} ('{written} ') right after "
                        "level {previous}: headings go one level deeper at a "
                        "time, so make it '{wanted} '",
                        level=level,
                        written="#" * level,
                        previous=previous,
                        wanted="#" * (previous + 1),
                    ),
                )
            )
        previous = level
    return problems


def _source_lines(body: str) -> list[int]:
    """Lines (from 1) of the headings in Markdown source, in order."""
    found = []
    fence = ""
    paragraph = False  # the line before could be a setext heading's text
    for number, line in enumerate(body.split("\n"), start=1):
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            paragraph = False
            continue
        if _ATX.match(line):
            found.append(number)
            paragraph = False
            continue
        if paragraph and _SETEXT.match(line):
            found.append(number - 1)
            paragraph = False
            continue
        found += [number] * len(_HTML_HEADING.findall(line))
        blank = not line.strip()
        paragraph = not blank and not line.startswith(("    ", "\t"))
        paragraph = paragraph and not _LIST_ITEM.match(line)
    return found
