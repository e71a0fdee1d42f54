"""What an import could not carry over, for the editor who finishes by hand.

Every step of the import (blocks, shortcodes, HTML, pictures, links) notes
what it removed or could not resolve as a :class:`Leftover` instead of
failing, so one run lists everything at once and the report can group it per
item and count it per kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sitecore.i18n import N_, Message


class Kind(StrEnum):
    """The kinds of leftover; each value is the message id the report shows."""

    SHORTCODE = N_("shortcode")
    BLOCK = N_("block")
    PLUGIN_BLOCK = N_("plugin block (HTML kept, check it)")
    PAGE_BUILDER = N_("page builder")
    EMBED = N_("embed")
    SCRIPT = N_("script")
    FORM = N_("form")
    PICTURE_MISSING = N_("missing picture")
    ALT_MISSING = N_("missing alt text")
    ALT_CHECK = N_("alt text to check")
    TOO_DEEP = N_("nested too deeply")
    TAG = N_("tag left out")
    REQUIRED = N_("required field missing")
    FEATURED_PAGE = N_("featured image of a page")
    OLD_LINK = N_("link to the old site")
    UNPUBLISHED_LINK = N_("link to a draft or scheduled item")
    UNSAFE_LINK = N_("unsafe link")
    HEADINGS = N_("heading levels changed")
    NOTE = N_("note")


@dataclass(frozen=True)
class Leftover:
    """One thing not carried over (or changed), and where it came from.

    ``detail`` is what was found (``<iframe> https://…``), or a sentence for
    the editor as a :class:`~sitecore.i18n.Message`.
    """

    kind: Kind
    detail: str | Message


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters, for report entries.

    An address (no spaces) keeps its end as well as its start: addresses of
    different pictures often differ only in their last characters, and the
    report counts identical entries as one.
    """
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    if " " not in line:
        half = (limit - 1) // 2
        return line[:half] + "…" + line[-half:]
    return line[: limit - 1].rstrip() + "…"
