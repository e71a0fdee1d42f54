"""What an import could not carry over, for the editor who finishes by hand.

Every step of the import (blocks, shortcodes, HTML, pictures, links) notes
what it removed or could not resolve as a :class:`Leftover` instead of
failing, so one run lists everything at once and the report can group it per
item and count it per kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of leftover, worded as the report shows them."""

    SHORTCODE = "shortcode"
    BLOCK = "block"
    PLUGIN_BLOCK = "plugin block (HTML kept, check it)"
    PAGE_BUILDER = "page builder"
    EMBED = "embed"
    SCRIPT = "script"
    FORM = "form"
    PICTURE_MISSING = "missing picture"
    ALT_MISSING = "missing alt text"
    FEATURED_PAGE = "featured image of a page"
    OLD_LINK = "link to the old site"
    UNPUBLISHED_LINK = "link to a draft or scheduled item"
    UNSAFE_LINK = "unsafe link"
    NOTE = "note"


@dataclass(frozen=True)
class Leftover:
    """One thing not carried over (or changed), and where it came from."""

    kind: Kind
    detail: str


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters, for report entries."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
