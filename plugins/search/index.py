"""The search index: Pagefind run over the built site, one index per language.

Pagefind (``pagefind[bin]`` from PyPI, which carries the program) reads the
written HTML, indexes the element marked ``data-pagefind-body`` on each page
that has one (news, events, projects, pages, members, the people page; never
lists, tag pages, 404 or search pages) and writes a bundle of small files that
the search page's script fetches from the site itself. Each page is indexed
in the language of its ``<html lang>``, so a search on a German page finds
German pages only.

The bundle is written beside the old one and swapped in when complete, so a
failed run never leaves half an index; its user-interface files are removed,
since the site has its own search script.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

from bilingual.output import Output

logger = logging.getLogger(__name__)

#: The bundle's folder in the output (``/pagefind/``).
BUNDLE = "pagefind"
#: Where Pagefind writes the new bundle before it replaces the old one.
STAGING = ".pagefind-new"
#: Pagefind's ready-made interfaces: the site uses its own script (search.js),
#: which keeps the search page within its Content-Security-Policy.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT = 600  # seconds; a site of thousands of pages takes a few


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what it reported."""


@dataclass(frozen=True)
class IndexSummary:
    """What one index holds: pages per language."""

    pages: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.pages.values())


def pagefind_command(site: str, subfolder: str) -> list[str]:
    """The command that indexes ``site`` into ``site/subfolder``."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        site,
        "--output-subdir",
        subfolder,
    ]


def read_summary(bundle: str) -> IndexSummary:
    """Pages per language, from the bundle's ``pagefind-entry.json``."""
    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as handle:
        entry = json.load(handle)
    return IndexSummary(
        {
            lang: int(info.get("page_count", 0))
            for lang, info in sorted(entry.get("languages", {}).items())
        }
    )


def sort_languages(bundle: str) -> None:
    """List the languages of ``pagefind-entry.json`` in a fixed order.

    Pagefind lists them in the order its threads finish, so two builds of
    the same site would differ in this one file (and a deployment that
    compares files would upload it every time).
    """
    path = os.path.join(bundle, "pagefind-entry.json")
    with open(path, encoding="utf-8") as handle:
        entry = json.load(handle)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, ensure_ascii=False, separators=(",", ":"))


def build_index(output: Output) -> IndexSummary:
    """Index the built site into ``/pagefind/``, replacing the old index.

    Pagefind writes into the claimed staging folder; the output then puts
    the finished bundle in place and counts its files as the build's own.
    """
    fresh_path = output.folder(STAGING + "/")
    shutil.rmtree(fresh_path, ignore_errors=True)
    try:
        result = subprocess.run(
            pagefind_command(output.root, STAGING),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(fresh_path, ignore_errors=True)
        raise SearchIndexError(f"Pagefind did not run: {exc}") from None
    if result.returncode != 0 or not os.path.isdir(fresh_path):
        shutil.rmtree(fresh_path, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip()[-2000:]
        hint = "; install it with pip install -r requirements.txt"
        missing = "No module named pagefind" in detail
        raise SearchIndexError(f"Pagefind failed: {detail}" + (hint if missing else ""))
    logger.debug("pagefind: %s", result.stdout)
    for name in UNUSED_FILES:
        path = os.path.join(fresh_path, name)
        if os.path.exists(path):
            os.remove(path)
    sort_languages(fresh_path)
    output.adopt_tree(BUNDLE + "/", fresh_path)
    return read_summary(os.path.join(output.root, BUNDLE))
