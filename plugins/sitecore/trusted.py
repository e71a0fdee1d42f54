"""Whether Markdown's output needs the allowlist's full passes, or is safe as written.

Python-Markdown builds its output as an element tree and serializes it,
escaping every text and attribute value; the elements it makes itself (``p``,
``h2``, ``a``, ``table``, footnotes, the table of contents …) are all on the
allowlist. What an editor can put into that output beyond text is:

- raw HTML, block or inline, comments and character references included:
  Markdown keeps each piece in its *HTML stash* and pastes it in after
  serializing, unescaped;
- attributes, through ``attr_list`` (``{: onclick="…" }`` on a paragraph,
  heading, list item, table cell, link or picture);
- URLs: link and picture targets, reference definitions and autolinks.

:class:`TreeCheck` runs last among Markdown's tree processors and looks at
every element of the finished tree and every attribute with the same
allowlist the cleaner uses (``sanitize.py``). Only when the stash stayed
empty and every element and attribute passes is the output published as
Markdown wrote it; anything else takes the full passes (the reporting
tokenizer, nh3, the count of what was removed), which decide exactly as
before. The check can only send a text to the full passes, never let
something through them: a value it cannot read plainly (a ``&`` a browser
would decode, one of Markdown's placeholders) counts as not passing.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .sanitize import ALLOWED_TAGS, attribute_problem

#: Characters a plain value never needs: a browser decodes ``&…;``, and
#: Markdown's placeholders (``\x02…\x03``) stand for stashed or escaped text.
_NOT_PLAIN = frozenset("&\x02\x03")


def tree_is_clean(root: Element) -> bool:
    """True if every element below ``root`` and its attributes pass the allowlist."""
    for element in root.iter():
        if element is root:
            continue
        tag = element.tag
        if not isinstance(tag, str) or tag not in ALLOWED_TAGS:
            return False  # a comment, processing instruction or other element
        for name, value in element.attrib.items():
            if _NOT_PLAIN.intersection(value) or attribute_problem(tag, name, value):
                return False
    return True


class TreeCheck(Treeprocessor):
    """Records on the converter whether its last output can skip the full passes."""

    def run(self, root: Element) -> None:
        self.md.needs_cleaning = bool(self.md.htmlStash.html_counter) or not (
            tree_is_clean(root)
        )


class TreeCheckExtension(Extension):
    """Registers :class:`TreeCheck` after every other tree processor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API)
        self.md = md
        md.registerExtension(self)  # so that md.reset() calls reset() below
        self.reset()
        md.treeprocessors.register(TreeCheck(md), "tree_check", -100)

    def reset(self) -> None:
        """Before each conversion: nothing is known to be clean yet."""
        self.md.needs_cleaning = True


def needs_cleaning(converter: markdown.Markdown) -> bool:
    """Whether the converter's last output must pass the allowlist's full passes.

    True unless :class:`TreeCheckExtension` ran on that conversion and found
    neither raw HTML nor anything the allowlist would remove.
    """
    return getattr(converter, "needs_cleaning", True)
