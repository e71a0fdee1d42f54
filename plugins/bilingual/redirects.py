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
from urllib.parse import quote, unquote

_SAFE = "/:@!$&'()*+,;=-._~"


@dataclass(frozen=True)
class Redirect:
    """One old address and the page it leads to."""

    alias: str  # as written, e.g. /2017/01/diwish-tritt-bei/
    target_href: str  # link target of the new page, e.g. /de/aktuelles/x/

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


def redirects_file(redirects: Iterable[Redirect], prefix: str = "") -> str:
    """``/_redirects``: ``<old> <new> 301`` per line, sorted, URL-encoded.

    ``prefix`` is the site's path when it is served from a sub-path.
    """
    lines = []
    for redirect in sorted(redirects, key=lambda r: r.url):
        old = quote(prefix + "/" + redirect.url, safe=_SAFE)
        lines.append(f"{old} {quote(redirect.target_href, safe=_SAFE)} 301")
    return "\n".join(lines) + ("\n" if lines else "")
