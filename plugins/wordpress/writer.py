"""Contract files: front matter written safely, files written only when new.

Front matter goes through PyYAML's emitter rather than string templates, so a
title such as ``Kiel: Partnerschaft #1`` or ``yes`` comes out quoted exactly
when YAML needs it and reads back unchanged. Files are created with the
exclusive mode ``"x"``: an existing file, whoever wrote it, is never replaced.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from sitecore.frontmatter import FrontMatterError, parse_document
from sitecore.i18n import N_
from sitecore.problems import ProblemLog
from sitecore.slugs import slugify
from sitecore.sources import scan_section

from .pairing import ExistingFile


class Outcome(StrEnum):
    """What happened to one planned file."""

    WRITTEN = N_("written")
    EXISTS = N_("exists, left as is")
    PLANNED = N_("would be written")


class _FrontMatterDumper(yaml.SafeDumper):
    """Fields one per line; lists of words inline, as the editor guide shows."""

    def represent_list(self, data: list[Any]) -> yaml.Node:
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_FrontMatterDumper.add_representer(list, _FrontMatterDumper.represent_list)


def front_matter(fields: Mapping[str, Any]) -> str:
    """YAML for ``fields`` in the given order; ``None`` and ``[]`` are left out.

    An empty string is kept when it is meant as a prompt (``image_alt: ''``).
    """
    kept = {
        name: value
        for name, value in fields.items()
        if value is not None and value != [] and value != ()
    }
    return yaml.dump(
        kept,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )


def document(fields: Mapping[str, Any], body: str) -> str:
    """A whole contract file: front matter between ``---`` lines, then Markdown."""
    text = f"---\n{front_matter(fields)}---\n"
    return text + (f"\n{body.rstrip()}\n" if body.strip() else "")


def news_document(
    *,
    title: str,
    date: str,
    body: str,
    slug: str | None = None,
    summary: str | None = None,
    tags: Sequence[str] = (),
    author: str | None = None,
    image: str | None = None,
    image_alt: str | None = None,
    draft: bool = False,
    aliases: Sequence[str] = (),
) -> str:
    """A news file (``content/news/<yyyy>/<key>.<lang>.md``)."""
    return document(
        {
            "title": title,
            "date": date,
            "slug": slug,
            "summary": summary or None,
            "tags": list(tags),
            "author": author or None,
            "image": image,
            "image_alt": image_alt if image else None,
            "status": "draft" if draft else None,
            "aliases": list(aliases),
        },
        body,
    )


#: The order fields are written in; a model's other fields are not filled.
FIELD_ORDER = (
    *("title", "date", "start", "end", "timezone", "location", "slug", "summary"),
    *("tags", "author", "image"),
)


def item_document(
    fields: Collection[str],
    body: str,
    *,
    title: str,
    draft: bool = False,
    aliases: Sequence[str] = (),
    **values: Any,
) -> str:
    """A file of any section: the ``values`` its model has (``fields``), in order."""
    written: dict[str, Any] = {"title": title}
    for name in FIELD_ORDER[1:]:
        if name in fields and name in values:
            written[name] = values[name]
    if "image" in written and "image_alt" in fields:
        written["image_alt"] = values.get("image_alt") if written["image"] else None
    if "status" in fields:
        written["status"] = "draft" if draft else None
    if "aliases" in fields:
        written["aliases"] = list(aliases)
    if written.get("summary") == "":
        written["summary"] = None
    return document(written, body)


def page_document(
    *,
    title: str,
    body: str,
    slug: str | None = None,
    summary: str | None = None,
    draft: bool = False,
    aliases: Sequence[str] = (),
) -> str:
    """A standing page file (``content/pages/<key>.<lang>.md``)."""
    return document(
        {
            "title": title,
            "slug": slug,
            "summary": summary or None,
            "status": "draft" if draft else None,
            "aliases": list(aliases),
        },
        body,
    )


def scan_existing(
    content: Path, sections: Sequence[str], languages: Sequence[str]
) -> list[ExistingFile]:
    """The Markdown files of ``sections`` already in ``content``.

    Unreadable front matter still counts: its key is taken all the same.
    """
    found = []
    for section in sections:
        for source in scan_section(
            str(content), section, tuple(languages), ProblemLog()
        ):
            meta: dict[str, Any] = {}
            with contextlib.suppress(OSError, UnicodeDecodeError, FrontMatterError):
                meta = parse_document(Path(source.path).read_text("utf-8")).meta.data
            aliases = meta.get("aliases", [])
            found.append(
                ExistingFile(
                    relpath=source.relpath,
                    section=section,
                    key=source.key,
                    lang=source.lang,
                    title=_text(meta.get("title")),
                    date=_text(meta.get("date")),
                    slug=slugify(_text(meta.get("slug"))),
                    aliases=tuple(a for a in aliases if isinstance(a, str))
                    if isinstance(aliases, list)
                    else (),
                )
            )
    return found


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def confined(content: Path, relpath: str) -> Path:
    """The path of ``relpath`` in ``content``; refuses anything outside it."""
    root = content.resolve()
    path = (root / relpath).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"{relpath} is outside {content}")
    return path


def write_new(content: Path, relpath: str, text: str, dry_run: bool) -> Outcome:
    """Create ``content/relpath`` with ``text`` unless a file is there already."""
    path = confined(content, relpath)
    if path.exists():
        return Outcome.EXISTS
    if dry_run:
        return Outcome.PLANNED
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:  # appeared meanwhile: still not ours to replace
        return Outcome.EXISTS
    return Outcome.WRITTEN


def copy_new(source: Path, content: Path, relpath: str, dry_run: bool) -> Outcome:
    """Copy ``source`` to ``content/relpath`` unless a file is there already."""
    path = confined(content, relpath)
    if path.exists():
        return Outcome.EXISTS
    if dry_run:
        return Outcome.PLANNED
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(source, "rb") as reader, open(path, "xb") as writer:
            shutil.copyfileobj(reader, writer)
    except FileExistsError:
        return Outcome.EXISTS
    return Outcome.WRITTEN
