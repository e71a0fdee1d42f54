"""Markdown to HTML, with the checks an editor's body text needs.

One ``markdown.Markdown`` instance per process is reused with ``reset()``:
building a new one per file costs a measurable share of a large build.
Internal links are written Pelican-style (``{filename}/pages/about.de.md``,
``{static}/images/x.jpg``); they are collected here with their line numbers and
resolved once every file is known, so a link to nothing names its line.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

import markdown

from .slugs import slugify

LINK_PATTERN = re.compile(
    r"""(?P<attr>href|src)=(?P<quote>["'])\{(?P<kind>filename|static|attach)\}"""
    r"""(?P<target>[^"'#?]*)(?P<rest>[^"']*)(?P=quote)"""
)
_URL_ATTR = re.compile(
    r"""\b(?:href|src|action|formaction)\s*=\s*["']\s*([^"']*)["']""", re.I
)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_EMBED = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
SUMMARY_LENGTH = 300


@dataclass
class Link:
    """An internal link placeholder found in rendered HTML."""

    kind: str  # filename | static | attach
    target: str  # as written, e.g. "/pages/about.de.md" or "../x.en.md"
    line: int


@dataclass
class Rendered:
    """The HTML of a Markdown body and what was found while rendering it."""

    html: str
    summary: str
    links: list[Link] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _heading_id(value: str, separator: str) -> str:
    return slugify(value) or "section"


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """The process's Markdown converter (cached: see module docstring)."""
    return markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _heading_id, "toc_depth": "2-3"}},
        output_format="html",
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


def render_markdown(body: str, first_line: int) -> Rendered:
    """Render ``body`` (which starts on file line ``first_line``)."""
    converter = _markdown()
    converter.reset()
    output = converter.convert(body)
    result = Rendered(html=output, summary="")
    match = _FIRST_PARAGRAPH.search(output)
    if match:
        result.summary = shorten(plain_text(match.group(1)))
    for link in LINK_PATTERN.finditer(output):
        written = "{" + link["kind"] + "}" + link["target"]
        result.links.append(
            Link(link["kind"], link["target"], line_of(body, written, first_line))
        )
    for url in _URL_ATTR.findall(output):
        candidate = re.sub(r"\s+", "", html.unescape(url)).lower()
        if candidate.startswith(_UNSAFE_SCHEMES):
            result.problems.append(
                (
                    line_of(body, url.strip(), first_line),
                    f"unsafe link '{url.strip()[:40]}': only http(s), mailto, tel "
                    "and links within the site are allowed",
                )
            )
    for embed in _EMBED.finditer(output):
        tag = embed.group(1).lower()
        result.problems.append(
            (
                line_of(body, embed.group(0), first_line),
                f"<{tag}> is not allowed in content: it would load code or pages from "
                "elsewhere without visitors' consent; link to the page instead",
            )
        )
    return result
