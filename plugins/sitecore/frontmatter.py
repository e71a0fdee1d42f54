"""Split a Markdown file into YAML front matter and body.

The format is Jekyll's and Hugo's: a first line ``---``, YAML, a closing
``---``, then Markdown. Typical slips (TOML ``+++`` front matter from Hugo,
Pelican's ``Title:`` header style, an unclosed block) get a message that says
what to write instead. A file larger than its front matter and body may be
together is refused before it is split, so no file can make reading slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import M, Message
from .limits import MAX_MARKDOWN_BYTES, MAX_YAML_BYTES, byte_size, kilobytes
from .yamldoc import YamlDoc, YamlError, load_yaml

FENCE = "---"
MAX_FILE_BYTES = MAX_MARKDOWN_BYTES + MAX_YAML_BYTES


@dataclass
class Document:
    """A parsed content file: metadata with lines, and the Markdown body."""

    meta: YamlDoc
    body: str
    body_line: int  # file line on which the body starts


class FrontMatterError(YamlError):
    """The file's front matter is missing, unclosed or not valid YAML.

    When the fields are only unreadable between two intact ``---`` lines,
    ``document`` still holds the body (with empty fields), so the body's own
    problems can be reported in the same build.
    """

    def __init__(
        self, line: int | None, message: str | Message, document: Document | None = None
    ) -> None:
        super().__init__(line, message)
        self.document = document


def parse_document(text: str) -> Document:
    """Parse ``text`` (a whole file); raise :class:`FrontMatterError` if broken.

    The error carries the body when only the fields are unreadable.
    """
    size = byte_size(text)
    if size > MAX_FILE_BYTES:
        raise FrontMatterError(
            None,
            M(
                "the file is {size} and the limit is {limit}; "
                "split it into several pages",
                size=kilobytes(size),
                limit=kilobytes(MAX_FILE_BYTES),
            ),
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = lines[0].rstrip() if lines else ""
    if first != FENCE:
        if first == "+++":
            raise FrontMatterError(
                1,
                M(
                    "the fields must be between two '---' lines, not '+++' lines "
                    "(as in Hugo); replace both '+++' lines with '---' and write "
                    "each field as 'name: value'"
                ),
            )
        if ":" in first and not first.startswith("#"):
            raise FrontMatterError(
                1,
                M(
                    "the fields must be between two '---' lines; add a line "
                    "'---' before the first field and after the last"
                ),
            )
        raise FrontMatterError(
            1,
            M("the file must start with a line '---', then the fields, then '---'"),
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        raise FrontMatterError(
            1,
            M(
                "the fields at the top are not closed: add a line '---' after "
                "the last field"
            ),
        )
    body = "\n".join(lines[index + 1 :])
    try:
        meta = load_yaml("\n".join(lines[1:index]), first_line=2)
    except YamlError as exc:
        unread = Document(
            meta=YamlDoc({}, first_line=2), body=body, body_line=index + 2
        )
        raise FrontMatterError(exc.line, exc.message, unread) from None
    return Document(meta=meta, body=body, body_line=index + 2)
