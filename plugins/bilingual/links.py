"""Resolve Pelican-style internal links once every content file is known.

``{filename}`` points at another content file (absolute from the content
folder when it starts with ``/``, else relative to the linking file) and
becomes that item's URL; ``{static}`` and ``{attach}`` point at a file that is
published as is. A link to nothing, to a draft or to an item not yet due would
dead-end for visitors, so it is an error on the line where it is written.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable

from sitecore.content import Entry
from sitecore.markup import LINK_PATTERN

from .site import SiteState


def target_path(target: str, source_relpath: str) -> str:
    """Content-relative POSIX path a link target names."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_relpath), target))


def published_by_path(state: SiteState) -> dict[str, Entry]:
    """Every published entry of the build, by its content-relative path."""
    return {
        entry.source.relpath: entry
        for by_lang in state.sections.values()
        for entries in by_lang.values()
        for entry in entries
        if hasattr(entry, "source")
    }


def resolve_links(entries: Iterable[Entry], state: SiteState) -> set[str]:
    """Rewrite link placeholders in ``entries``; return static files linked.

    Problems go to the build's problem log with the line of the link.
    """
    published = published_by_path(state)
    content_root = state.settings.content_path
    static_files: set[str] = set()
    for entry in entries:
        if not entry.links:
            continue
        resolved: dict[tuple[str, str], str] = {}
        for link in entry.links:
            path = target_path(link.target, entry.source.relpath)
            written = "{" + link.kind + "}" + link.target
            if link.kind == "filename":
                target = published.get(path)
                if target is not None:
                    resolved[(link.kind, link.target)] = target.href
                    continue
                reason = state.unpublished.get(path)
                if reason:
                    message = f"{written} links to {reason}, which is not published"
                else:
                    message = f"{written} links to content/{path}, which does not exist"
                state.problems.error(entry.source.path, link.line, message)
            elif os.path.isfile(os.path.join(content_root, *path.split("/"))):
                static_files.add(path)
                resolved[(link.kind, link.target)] = state.settings.href(path)
            else:
                state.problems.error(
                    entry.source.path,
                    link.line,
                    f"{written} links to content/{path}, which does not exist",
                )

        def replace(match, resolved=resolved):
            href = resolved.get((match["kind"], match["target"]))
            if href is None:
                href = "#"
            q = match["quote"]
            return f"{match['attr']}={q}{href}{match['rest']}{q}"

        entry.content = LINK_PATTERN.sub(replace, entry.content)
    return static_files
