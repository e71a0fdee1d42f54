"""Links between imported items become ``{filename}`` links.

The old site linked its own posts in several ways: by permalink (absolute on
its domain, or root-relative), by ``?p=<id>``, ``?page_id=<id>``. Once every
item's new file is known, each such link is rewritten to the contract's
``{filename}/news/<yyyy>/<key>.<lang>.md`` form, which the build resolves and
checks. Links to the old site that match nothing imported are kept and listed:
after the move they would lead nowhere.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from sitecore.i18n import M

from .addresses import decode
from .leftovers import Kind, Leftover, shorten

SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
ID_PARAMETERS = ("p", "page_id")


def old_hosts(*urls: str) -> frozenset[str]:
    """The host names of the old site: each of ``urls``, with and without www."""
    hosts = set()
    for url in urls:
        host = (urlsplit(url.strip()).hostname or "").lower()
        if host:
            bare = host.removeprefix("www.")
            hosts |= {bare, f"www.{bare}"}
    return frozenset(hosts)


def is_safe(href: str) -> bool:
    """Whether a link may stay: web, mail and phone links, or site paths."""
    scheme = urlsplit("".join(href.split())).scheme.lower()
    return scheme in SAFE_SCHEMES


def normal_path(path: str) -> str:
    """A path as the index compares it: decoded, lower-case, ending in '/'."""
    path = decode(path).lower() or "/"
    path = re.sub(r"/{2,}", "/", path)
    if not path.endswith("/") and "." not in posixpath.basename(path):
        path += "/"
    return path


def shape(path: str) -> str:
    """A permalink without its date: ``/2018/11/03/x/`` → ``/x/``.

    WordPress answers a post's address with another date (or none) as well,
    and sites change their permalink structure, so links written either way
    name the same post.
    """
    segments = [s for s in normal_path(path).split("/") if s and not s.isdigit()]
    return "/" + "/".join(segments) + "/" if segments else ""


@dataclass(frozen=True)
class Target:
    """The file an old address now belongs to."""

    relpath: str  # content-relative, e.g. news/2017/x.de.md
    published: bool = True  # False for drafts and scheduled items


#: A shape shared by two items names neither.
_AMBIGUOUS = Target("")


@dataclass
class LinkIndex:
    """Old addresses of the imported items, and the site's own kept addresses."""

    hosts: frozenset[str]
    by_path: dict[str, Target] = field(default_factory=dict)
    by_id: dict[int, Target] = field(default_factory=dict)
    home_paths: frozenset[str] = frozenset({"/"})
    by_shape: dict[str, Target] = field(default_factory=dict)

    def add(
        self,
        target: Target,
        post_id: int,
        addresses: Iterable[str],
        slug: str = "",
    ) -> None:
        """Register an item under its id, every address it had and its slug."""
        self.by_id[post_id] = target
        shapes = {shape(f"/{slug}/")} if slug else set()
        for address in addresses:
            parts = urlsplit(address)
            if parts.path and not parts.query:
                self.by_path.setdefault(normal_path(parts.path), target)
                shapes.add(shape(parts.path))
        for found in shapes - {""}:
            known = self.by_shape.get(found)
            self.by_shape[found] = target if known in (None, target) else _AMBIGUOUS

    def is_old_site(self, href: str) -> bool:
        """Whether ``href`` points at the old site (absolute or root-relative)."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            host = (parts.hostname or "").lower()
            return parts.scheme.lower() in ("http", "https") and host in self.hosts
        return href.startswith("/") and not href.startswith("//")

    def lookup(self, href: str) -> Target | None:
        """The imported item an old-site address names, if any."""
        parts = urlsplit(href)
        query = parse_qs(parts.query)
        for name in ID_PARAMETERS:
            for value in query.get(name, []):
                if value.isdigit() and int(value) in self.by_id:
                    return self.by_id[int(value)]
        exact = self.by_path.get(normal_path(parts.path))
        if exact is not None:
            return exact
        found = self.by_shape.get(shape(parts.path))
        return None if found is _AMBIGUOUS else found

    def rewrite(self, href: str) -> tuple[str | None, Leftover | None]:
        """The link target to write for ``href``, and a report entry if needed.

        None as target means "drop the link, keep its text": unsafe schemes
        such as ``javascript:`` would fail the build.
        """
        href = href.strip()
        if not href or href.startswith("#"):
            return href, None
        if not is_safe(href):
            return None, Leftover(Kind.UNSAFE_LINK, shorten(href, 60))
        if not self.is_old_site(href):
            return href, None
        target = self.lookup(href)
        if target is not None:
            fragment = urlsplit(href).fragment
            written = (
                "{filename}/" + target.relpath + (f"#{fragment}" if fragment else "")
            )
            if target.published:
                return written, None
            return written, Leftover(
                Kind.UNPUBLISHED_LINK,
                M(
                    "{link}: the build reports it until that item is published",
                    link=written,
                ),
            )
        path = urlsplit(href).path
        if normal_path(path) in self.home_paths and not urlsplit(href).query:
            return href, None
        if "/wp-content/uploads/" in unquote(path):
            why = M(
                "a file on the old site: save it under content/ "
                "and link it with {{static}}"
            )
        else:
            why = M("it matches no imported item")
        return href, Leftover(
            Kind.OLD_LINK, M("{link} ({why})", link=shorten(href, 70), why=why)
        )
