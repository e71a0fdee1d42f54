"""Resolve Pelican-style internal links once every content file is known.

``{filename}`` points at another content file (absolute from the content
folder when it starts with ``/``, else relative to the linking file) and
becomes that item's URL; ``{static}`` and ``{attach}`` point at a file that is
published as is. A link to nothing, to a draft or to an item not yet due would
dead-end for visitors, so it is an error on the line where it is written.

Linked files are untrusted paths: they must stay inside the content folder
(no ``..``, no link leading out), must not be content sources (a draft's
Markdown would be published), and must be of a type the site publishes.
"""

from __future__ import annotations

import difflib
import logging
import os
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from sitecore.entry import Entry, missing_languages
from sitecore.i18n import M, Message
from sitecore.markup import LINK_PATTERN
from sitecore.sources import Confinement, LineLocator

from .records import DRAFT, ERRORS
from .site import SiteState

logger = logging.getLogger(__name__)

#: Files other than pictures that may be linked and published.
DOCUMENT_SUFFIXES = (".pdf",)
#: Pictures, published by the image pipeline from content/images/.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")
SOURCE_SUFFIXES = (".md", ".yml", ".yaml")


def target_path(target: str, source_relpath: str) -> str:
    """Content-relative POSIX path a link target names."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_relpath), target))


def static_problem(path: str, state: SiteState) -> Message | None:
    """Why the linked file at content-relative ``path`` cannot be published."""
    if path == ".." or path.startswith("../") or path.startswith("/"):
        return M("leads out of the content folder; link only to files inside content/")
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in SOURCE_SUFFIXES:
        return M(
            "is a content file, which is never published as it is; "
            "link to its page with {{filename}} instead"
        )
    full = os.path.join(state.settings.content_path, *path.split("/"))
    if not os.path.lexists(full):
        return M("does not exist; check the spelling of the path")
    if not Confinement(state.settings.content_path).inside(full):
        return M(
            "is a link to a file outside the content folder; "
            "copy the file into content/"
        )
    if not os.path.isfile(full):
        return M("is a folder, not a file")
    if suffix not in DOCUMENT_SUFFIXES + PICTURE_SUFFIXES:
        return M(
            "is a '{suffix}' file; the site publishes "
            "PDF documents and pictures (JPEG, PNG, WebP, AVIF, GIF, SVG) only",
            suffix=suffix or "?",
        )
    return None


def resolve_links(entries: Iterable[Entry], state: SiteState) -> set[str]:
    """Rewrite link placeholders in ``entries``; return the files they link.

    Problems go to the build's problem log with the line of the link.
    """
    published = state.published_by_path()
    static_files: set[str] = set()
    for entry in entries:
        if not entry.links:
            continue
        resolved: dict[tuple[str, str], str] = {}
        for link in entry.links:
            path = target_path(link.target, entry.source.relpath)
            written = "{" + link.kind + "}" + link.target
            if link.kind == "filename":
                target = published.get((path, entry.lang)) or published.get((path, ""))
                if target is not None:
                    resolved[(link.kind, link.target)] = target.href
                    continue
                reason = state.unpublished.get(path)
                if reason is not None and reason.why == ERRORS:
                    # Nothing to fix here: the cause's error lists this link.
                    state.problems.consequence(
                        reason.source.path,
                        entry.source.path,
                        link.line,
                        "links",
                        M(
                            "{link} links to content/{file}, which has errors "
                            "and is not published",
                            link=written,
                            file=path,
                        ),
                        shown=f"content/{entry.source.relpath}",
                    )
                    continue
                if reason is not None:
                    message = M(
                        "{link} links to content/{file}, which is not published: {why}",
                        link=written,
                        file=path,
                        why=M("it is a draft")
                        if reason.why == DRAFT
                        else M("its date is in the future"),
                    )
                elif path.startswith(".."):
                    message = M(
                        "{link} leads out of the content folder; a path that "
                        "starts with '/' starts in content/",
                        link=written,
                    )
                else:
                    message = M(
                        "{link} links to content/{file}, which does not exist; "
                        "check the spelling and the language in the file name",
                        link=written,
                        file=path,
                    )
                state.problems.error(entry.source.path, link.line, message)
                continue
            problem = static_problem(path, state)
            if problem is None:
                static_files.add(path)
                resolved[(link.kind, link.target)] = state.settings.href(path)
            else:
                shown = path if not path.startswith("..") else link.target
                state.problems.error(
                    entry.source.path,
                    link.line,
                    M(
                        "{link}: content/{file} {problem}",
                        link=written,
                        file=shown,
                        problem=problem,
                    ),
                )

        def replace(match, resolved=resolved):
            href = resolved.get((match["kind"], match["target"]))
            if href is None:
                href = "#"
            q = match["quote"]
            return f"{match['attr']}={q}{href}{match['rest']}{q}"

        entry.content = LINK_PATTERN.sub(replace, entry.content)
    return static_files


def check_unpublished(state: SiteState, entries: list[Entry]) -> None:
    """The same checks for the texts of files with errors, which stay unpublished.

    Their links and pictures are reported now rather than after the file's
    own errors are fixed; nothing of theirs is published.
    """
    resolve_links(entries, state)
    for entry in entries:
        for check in state.html_checks:
            check(entry, state)


def finish_entries(state: SiteState, entries: list[Entry]) -> None:
    """The cross-check every content generator runs on its entries.

    Resolves internal links (remembering linked documents for the output),
    runs the registered HTML processors and logs items that exist in some
    languages only.
    """
    linked = resolve_links(entries, state)
    state.linked_files.update(linked)
    state.process_html(entries)
    for entry in entries:
        lacking = missing_languages(entry, state.settings.languages)
        if lacking:
            logger.info(
                "%s: not published in %s (no translation)",
                entry.source.relpath,
                ", ".join(lacking),
            )


#: A site-relative link as the sanitized HTML writes it (always double quotes).
TYPED_LINK = re.compile(r'(?P<attr>href|src)="(?P<url>/[^"]*)"')


def check_typed_links(state: SiteState, known: set[str]) -> None:
    """Links typed as site addresses (``[DiWiSH](/de/mitglieder/diwish/)``).

    Each must lead to a page or file of this build; one that does not is an
    error on its line with the closest address as a suggestion. When the site
    lives below a path (``/previews/pr-7/``), the links get that path too, so
    what editors write keeps working there.
    """
    prefix = state.settings.href("").rstrip("/")
    for entry in state.all_entries():
        if 'href="/' not in entry.content and 'src="/' not in entry.content:
            continue
        locate = LineLocator(entry.body, entry.body_line)

        def rewrite(match: re.Match[str], entry: Entry = entry, locate=locate) -> str:
            url = match["url"]
            if prefix and (url == prefix or url.startswith(prefix + "/")):
                return match.group(0)  # already the site's own address
            path = unquote(urlsplit(url).path).lstrip("/")
            if not _is_known(path, known):
                state.problems.error(
                    entry.source.path,
                    locate(url.split("#")[0]),
                    M(
                        "the link {url} leads to no page of this site{hint}",
                        url=url,
                        hint=_closest(path, known),
                    ),
                )
            return f'{match["attr"]}="{prefix}{url}"' if prefix else match.group(0)

        entry.content = TYPED_LINK.sub(rewrite, entry.content)


def _is_known(path: str, known: set[str]) -> bool:
    """A server finds ``x/`` for ``x`` and ``x/index.html`` for ``x/``."""
    if path in known or path.removesuffix("index.html") in known:
        return True
    return not path.endswith("/") and path + "/" in known


def _closest(path: str, known: set[str]) -> Message | str:
    """`` (did you mean /de/mitglieder/diwish/?)`` for a likely typo."""
    first = path.split("/", 1)[0]
    candidates = [url for url in known if url.split("/", 1)[0] == first]
    found = difflib.get_close_matches(path, candidates, n=1, cutoff=0.6)
    return M(" (did you mean /{url}?)", url=found[0]) if found else ""
