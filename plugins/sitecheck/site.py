"""The built site as the checks see it: files, parsed pages and URL resolution.

A static host maps ``/de/x/`` to ``de/x/index.html`` and redirects ``/de/x``
to ``/de/x/``; :meth:`OutputSite.resolve` does the same, so a link counts as
working exactly when a visitor's browser would find the file. Absolute URLs on
the site's own host (canonical and hreflang links) are resolved like
root-relative ones; those on any other host are external.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .pagetypes import classify

logger = logging.getLogger(__name__)

#: Folders of generated files that hold no pages of the site.
BUNDLES = ("pagefind/",)
#: Schemes that name no file of the site (and that no check follows).
NOT_FILES = ("mailto:", "tel:", "sms:", "data:", "javascript:", "about:")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)""", re.I)
#: The editing interface: the one part of the site that is not for visitors.
#: It loads the interface's script under its own policy and is exempt from
#: the visitors' budget and content rules (see ``policy.py``).
EDITOR_FOLDER = "admin/"
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(?P<url>[^'"]+)\1""", re.I)


@dataclass(frozen=True)
class Target:
    """Where a URL leads within the output folder.

    ``file`` is the output-relative file a server would send (``None`` if the
    URL leaves the site's path); ``exists`` says whether that file is there.
    """

    url: str
    file: str | None
    fragment: str
    exists: bool


@dataclass
class Page:
    """One HTML file of the output, parsed on first use."""

    url: str  # site-relative: "" for the root page, "de/x/", "de/404.html"
    path: Path

    @cached_property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.data.decode("utf-8", "replace"), "html.parser")

    @cached_property
    def ids(self) -> frozenset[str]:
        """Fragment targets: every ``id`` and every ``<a name>``."""
        found = {tag["id"] for tag in self.soup.find_all(id=True)}
        found |= {tag["name"] for tag in self.soup.find_all("a", attrs={"name": True})}
        return frozenset(found)

    @property
    def lang(self) -> str:
        html = self.soup.find("html")
        return str(html.get("lang", "")) if html else ""


def page_url(relpath: str) -> str:
    """Site-relative URL of an output file: ``de/x/index.html`` → ``de/x/``."""
    if relpath == "index.html":
        return ""
    if relpath.endswith("/index.html"):
        return relpath.removesuffix("index.html")
    return relpath


def is_editor_url(url: str) -> bool:
    """True for the editing interface's files (``admin/…``)."""
    return url.startswith(EDITOR_FOLDER)


def css_urls(text: str) -> list[str]:
    """Every URL a stylesheet refers to (``url(...)`` and ``@import``)."""
    found = [m["url"].strip() for m in _CSS_URL.finditer(text)]
    found += [m["url"].strip() for m in _CSS_IMPORT.finditer(text)]
    return [url for url in found if url]


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` attribute (``a.webp 480w, b.webp 960w``)."""
    return [part.split()[0] for part in value.split(",") if part.split()]


class OutputSite:
    """The files of one built site, with ``site_url`` as its public address.

    ``patterns`` are the site's URL patterns by language
    (``SiteSettings.page_patterns``); with them each page has a kind
    (``de:search``), which checks with rules for one kind of page need.
    Generated bundles (the search index in ``pagefind/``) are files, not pages.
    ``form_hosts`` are the other hosts the site's forms may post to (a
    newsletter service, say); any other host is a finding.
    """

    def __init__(
        self,
        root: Path | str,
        site_url: str = "",
        patterns: Mapping[str, Mapping[str, str]] | None = None,
        form_hosts: Iterable[str] = (),
    ) -> None:
        self.root = Path(root)
        self.patterns = patterns or {}
        self.form_hosts = frozenset(host.strip().lower() for host in form_hosts)
        if not self.root.is_dir():
            raise FileNotFoundError(
                f"{self.root} is not a folder: build the site first"
            )
        parts = urlsplit(site_url)
        self.host = parts.netloc.lower()
        self.base_path = parts.path.rstrip("/")
        self.files = frozenset(
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*")
            if path.is_file()
        )
        self.pages = {
            page_url(rel): Page(page_url(rel), self.root / rel)
            for rel in sorted(self.files)
            if rel.endswith(".html") and not rel.startswith(BUNDLES)
        }

    @property
    def visitor_pages(self) -> list[Page]:
        """Every page except the editing interface's."""
        return [p for p in self.pages.values() if not is_editor_url(p.url)]

    @property
    def editor_pages(self) -> list[Page]:
        """The pages of the editing interface (``/admin/``)."""
        return [p for p in self.pages.values() if is_editor_url(p.url)]

    def kind(self, url: str) -> str:
        """The page type of ``url`` (``de:search``), or "" without patterns."""
        return classify(url, self.patterns) if self.patterns else ""

    def stylesheets(self) -> Iterator[tuple[str, str]]:
        """Each CSS file of the output as (site-relative path, text)."""
        for rel in sorted(self.files):
            if rel.endswith(".css"):
                yield rel, (self.root / rel).read_text("utf-8", "replace")

    def is_external(self, url: str) -> bool:
        """True for an absolute URL on a host other than the site's own."""
        parts = urlsplit(url.strip())
        if not parts.netloc:
            return False
        return parts.netloc.lower() != self.host

    def resolve(self, url: str, base: str) -> Target | None:
        """Where ``url``, found on the page or file at ``base``, leads.

        ``None`` for URLs that name no file of this site: other hosts,
        ``mailto:`` and the like.
        """
        url = url.strip()
        if not url or url.lower().startswith(NOT_FILES) or self.is_external(url):
            return None
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        page_path = f"{self.base_path}/{base}"
        path = urlsplit(urljoin(page_path, url)).path
        fragment = unquote(parts.fragment)
        prefix = self.base_path + "/"
        if not path.startswith(prefix):
            return Target(url, None, fragment, False)
        rel = posixpath.normpath(unquote(path[len(prefix) :])) if path != prefix else ""
        rel = "" if rel == "." else rel
        if path.endswith("/") or rel == "":
            file = f"{rel}/index.html".lstrip("/")
        elif rel not in self.files and f"{rel}/index.html" in self.files:
            file = f"{rel}/index.html"  # a server redirects /x to /x/
        else:
            file = rel
        return Target(url, file, fragment, file in self.files)

    def page_of(self, target: Target) -> Page | None:
        """The parsed page a target leads to, if it is an HTML page here."""
        if target.file is None or not target.exists:
            return None
        return self.pages.get(page_url(target.file))
