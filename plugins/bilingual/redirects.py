"""Old addresses that lead to their new pages (``aliases`` in front matter).

Other sites link to the association's old addresses (``/2017/01/x/``,
``/satzung/``). A static site cannot answer them with a server redirect, so
each alias gets a small page that redirects (meta refresh, canonical link and
a visible link, ``noindex``), and ``/_redirects`` lists the same mapping for
hosts that read it (Netlify, Cloudflare Pages) and then answer with a real 301.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sitecore.i18n import M

from .output import Claim

if TYPE_CHECKING:
    from .site import SiteState

_SAFE = "/:@!$&'()*+,;=-._~"


@dataclass(frozen=True)
class Redirect:
    """One old address and the page it leads to."""

    alias: str  # as checked, e.g. /2017/01/diwish-tritt-bei/
    target_href: str  # link target of the new page, e.g. /de/aktuelles/x/
    target: Any = None  # the entry it leads to

    @property
    def url(self) -> str:
        """The site-relative URL of the redirect page (percent-decoded, as stored)."""
        return alias_url(self.alias)


def alias_url(alias: str) -> str:
    """Site-relative output URL of an alias: ``/2017/x/`` → ``2017/x/``.

    Servers decode ``%C3%BC`` before looking for the file, so the file is
    written under the decoded name.
    """
    return unquote(alias).lstrip("/")


def claim_aliases(state: SiteState) -> list[Redirect]:
    """Every alias of every published item gets its address, unless it is taken.

    Run once every part of the site has claimed its files (pages, pictures,
    the search index, ``/admin/`` …), so an alias that names any of them —
    in whatever spelling: ``/%61dmin/config.yml``, ``/DE/``, ``/sitemap.xml.gz``
    — is the alias's error on its line, and nothing is ever overwritten.
    """
    redirects = []
    for entry in state.all_entries():
        for index, alias in enumerate(getattr(entry.meta, "aliases", ()) or ()):
            url = alias_url(alias)
            line = entry.line_of("aliases", index)
            claim = Claim(
                M("content/{file} (one of its aliases)", file=entry.source.relpath),
                entry.source.path,
                line,
                url,
            )
            other = state.output.claim(url, claim)
            if other is not None:
                written = _as_written(entry, index, alias)
                state.problems.error(
                    entry.source.path,
                    line,
                    M(
                        "aliases: '{alias}' is already the address of {other}; "
                        "an old address may lead to one page only and must not "
                        "replace a page of the site: remove it here",
                        alias=written if written == alias else f"{written} = {alias}",
                        other=other.what,
                    ),
                )
                continue
            state.claims[url] = claim
            redirects.append(Redirect(alias, entry.href, entry))
    return redirects


def _as_written(entry: Any, index: int, alias: str) -> str:
    """The alias as the editor wrote it (``/%61dmin/``), for messages."""
    written = entry.doc.data.get("aliases") if entry.doc is not None else None
    if isinstance(written, list) and index < len(written):
        value = written[index]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return alias


def redirects_file(redirects: Iterable[Redirect], prefix: str = "") -> str:
    """``/_redirects``: ``<old> <new> 301`` per line, sorted, URL-encoded.

    ``prefix`` is the site's path when it is served from a sub-path.
    """
    lines = []
    for redirect in sorted(redirects, key=lambda r: r.url):
        old = quote(prefix + "/" + redirect.url, safe=_SAFE)
        lines.append(f"{old} {quote(redirect.target_href, safe=_SAFE)} 301")
    return "\n".join(lines) + ("\n" if lines else "")
