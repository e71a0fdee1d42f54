"""Split a Markdown file into YAML front matter and body.

The format is Jekyll's and Hugo's: a first line ``---``, YAML, a closing
``---``, then Markdown. Typical slips (TOML ``+++`` front matter from Hugo,
Pelican's ``Title:`` header style, an unclosed block) get a message that says
what to write instead. A file larger than its front matter and body may be
together is refused before it is split, so no file can make reading slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .limits import MAX_MARKDOWN_BYTES, MAX_YAML_BYTES, byte_size, kilobytes
from .yamldoc import YamlDoc, YamlError, load_yaml

FENCE = "---"
MAX_FILE_BYTES = MAX_MARKDOWN_BYTES + MAX_YAML_BYTES


class FrontMatterError(YamlError):
    """The file's front matter is missing, unclosed or not valid YAML."""


@dataclass
class Document:
    """A parsed content file: metadata with lines, and the Markdown body."""

    meta: YamlDoc
    body: str
    body_line: int  # file line on which the body starts


def parse_document(text: str) -> Document:
    """Parse ``text`` (a whole file); raise :class:`FrontMatterError` if broken."""
    size = byte_size(text)
    if size > MAX_FILE_BYTES:
        raise FrontMatterError(
            None,
            f"the file is {kilobytes(size)} and the limit is "
            f"{kilobytes(MAX_FILE_BYTES)}; split it into several pages",
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = lines[0].rstrip() if lines else ""
    if first != FENCE:
        if first == "+++":
            raise FrontMatterError(
                1,
                "TOML front matter ('+++') is not supported; "
                "use YAML between '---' lines",
            )
        if ":" in first and not first.startswith("#"):
            raise FrontMatterError(
                1,
                "front matter must be YAML between two '---' lines; "
                "add a line '---' before the first field and after the last",
            )
        raise FrontMatterError(
            1, "the file must start with a line '---', then the fields, then '---'"
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        raise FrontMatterError(
            1, "front matter is not closed: add a line '---' after the last field"
        )
    try:
        meta = load_yaml("\n".join(lines[1:index]), first_line=2)
    except YamlError as exc:
        raise FrontMatterError(exc.line, exc.message) from None
    body = "\n".join(lines[index + 1 :])
    return Document(meta=meta, body=body, body_line=index + 2)
