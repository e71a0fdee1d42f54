"""Markdown to HTML, with the checks an editor's body text needs.

One ``markdown.Markdown`` instance per process is reused with ``reset()``:
building a new one per file costs a measurable share of a large build.
Internal links are written Pelican-style (``{filename}/pages/about.de.md``,
``{static}/images/x.jpg``); they are collected here with their line numbers and
resolved once every file is known, so a link to nothing names its line.

The body is untrusted input. Invisible control characters are removed first,
the text must stay under a size limit, conversion runs under a time limit
(some inputs make Markdown's inline patterns quadratic), and the HTML passes
the allowlist of :mod:`sitecore.sanitize`, which reports what it removed.
Output in which the editor wrote no HTML and nothing the allowlist would
remove is published as Markdown wrote it, without the allowlist's passes over
the whole text (see :mod:`sitecore.trusted`).

Only the Markdown extensions the content contract uses are enabled, the ones
an editor coming from Hugo knows: tables, definition lists, footnotes,
attributes (``{: #id .class }``), fenced code and heading anchors.
"""

from __future__ import annotations

import functools
import html
import re
import time
from dataclasses import dataclass, field

import markdown

from .headings import heading_problems
from .i18n import M_, M, Message
from .limits import (
    CONVERT_SECONDS,
    MAX_MARKDOWN_BYTES,
    MAX_NESTING,
    TimeLimitError,
    allotted_seconds,
    byte_size,
    expected_seconds,
    kilobytes,
    strip_control_characters,
    time_limit,
)
from .nesting import too_deep
from .sanitize import Sanitized, sanitize_html
from .slugs import slugify
from .trusted import TreeCheckExtension, needs_cleaning

LINK_PATTERN = re.compile(
    r"""(?P<attr>href|src)=(?P<quote>["'])\{(?P<kind>filename|static|attach)\}"""
    r"""(?P<target>[^"'#?]*)(?P<rest>[^"']*)(?P=quote)"""
)
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
SUMMARY_LENGTH = 300
CONTROL_CHARACTERS_MESSAGE = M_(
    "removed invisible control characters on this line, as text copied from "
    "a word processor or PDF often has; check that the line still reads as intended"
)


@dataclass
class Link:
    """An internal link placeholder found in rendered HTML."""

    kind: str  # filename | static | attach
    target: str  # as written, e.g. "/pages/about.de.md" or "../x.en.md"
    line: int


@dataclass
class Rendered:
    """The HTML of a Markdown body and what was found while rendering it.

    ``problems`` are errors (the item must not be published: something was
    removed, or the text is too large or too slow to convert); ``warnings``
    are worth telling the editor but harmless, since the HTML is already
    cleaned. Both are ``(file line, message)`` pairs.
    """

    html: str
    summary: str
    links: list[Link] = field(default_factory=list)
    problems: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[tuple[int, Message]] = field(default_factory=list)
    #: Seconds the conversion took beyond what its size explains (the
    #: build's budget pays them), and whether its time limit stopped it.
    slow_seconds: float = 0.0
    stopped: bool = False


def _heading_id(value: str, separator: str) -> str:
    return slugify(value) or "section"


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """The process's Markdown converter (cached: see module docstring)."""
    return markdown.Markdown(
        extensions=[
            *("tables", "def_list", "footnotes", "attr_list", "fenced_code"),
            *("sane_lists", "toc"),
            TreeCheckExtension(),
        ],
        extension_configs={
            # align="…" passes the allowlist; style="text-align: …" would not.
            "tables": {"use_align_attribute": True},
            "toc": {"slugify": _heading_id, "toc_depth": "2-3"},
        },
        output_format="html",
    )


def _too_deep(what: str) -> Message:
    kinds = {
        "html": M("HTML elements inside each other"),
        "emphasis": M("a run of '*' or '_'"),
    }
    return M(
        "the text is nested too deeply ({what}: more than {limit} levels); "
        "flatten the lists, quotes or HTML elements",
        what=kinds.get(what) or M("lists, quotes or indented blocks"),
        limit=MAX_NESTING,
    )


def line_of(body: str, needle: str, first_line: int) -> int:
    """File line of the first occurrence of ``needle`` in ``body`` (else its start)."""
    index = body.find(needle)
    if index < 0:
        return first_line
    return first_line + body.count("\n", 0, index)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment with tags removed and whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """Cut ``text`` at a word boundary so teasers stay short on phones."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + " …"


def render_markdown(
    body: str,
    first_line: int,
    *,
    seconds: float = CONVERT_SECONDS,
    extra_seconds: float | None = None,
) -> Rendered:
    """Render ``body`` (which starts on file line ``first_line``).

    Never raises for anything in ``body``: a text over the size limit, nested
    deeper than :data:`~sitecore.limits.MAX_NESTING`, or one that takes more
    than its time to convert gives empty HTML and a problem; removed HTML
    gives a problem per removal on its line. The time is ``seconds``, or,
    within a build, what the text's size explains plus ``extra_seconds`` (its
    share of the build's budget for slow texts, see ``limits.py``).
    """
    body, control_lines = strip_control_characters(body)
    result = Rendered(html="", summary="")
    for line in control_lines:
        result.warnings.append((first_line + line - 1, M(CONTROL_CHARACTERS_MESSAGE)))
    size = byte_size(body)
    if size > MAX_MARKDOWN_BYTES:
        result.problems.append(
            (
                first_line,
                M(
                    "the text is {size} long and the limit is {limit}; "
                    "split it into several pages",
                    size=kilobytes(size),
                    limit=kilobytes(MAX_MARKDOWN_BYTES),
                ),
            )
        )
        return result
    deep = too_deep(body)
    if deep is not None:
        result.problems.append((first_line + deep.line - 1, _too_deep(deep.what)))
        return result
    if extra_seconds is not None:
        seconds = allotted_seconds(size, extra_seconds)
    started = time.perf_counter()
    try:
        with time_limit(seconds):
            converter = _markdown()
            converter.reset()
            output = converter.convert(body)
            if needs_cleaning(converter):
                sanitized = sanitize_html(output, body, first_line)
            else:
                sanitized = Sanitized(output)
    except (TimeLimitError, RecursionError) as exc:
        # Interrupted half-way, the converter's state is unknown: rebuild it.
        _markdown.cache_clear()
        result.stopped = isinstance(exc, TimeLimitError)
        result.slow_seconds = seconds - expected_seconds(size)
        message = (
            _too_deep("blocks")
            if isinstance(exc, RecursionError)
            else M(
                "this file takes too long to convert (more than {seconds} "
                "seconds); look for a very long line or many unclosed '[' or "
                "'<' characters",
                seconds=f"{seconds:.2g}",
            )
        )
        result.problems.append((first_line, message))
        return result
    result.slow_seconds = max(
        0.0, time.perf_counter() - started - expected_seconds(size)
    )
    result.html = sanitized.html
    result.problems.extend(sanitized.problems)
    result.problems.extend(heading_problems(result.html, body, first_line))
    match = _FIRST_PARAGRAPH.search(result.html)
    if match:
        result.summary = shorten(plain_text(match.group(1)))
    for link in LINK_PATTERN.finditer(result.html):
        written = "{" + link["kind"] + "}" + link["target"]
        result.links.append(
            Link(link["kind"], link["target"], line_of(body, written, first_line))
        )
    return result
