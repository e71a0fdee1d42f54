"""Old addresses that lead to their new pages (``aliases`` in front matter).

Other sites link to the association's old addresses (``/2017/01/x/``,
``/satzung/``). A static site cannot answer them with a server redirect, so
each alias gets a small page that redirects (meta refresh, canonical link and
a visible link, ``noindex``), and ``/_redirects`` lists the same mapping for
hosts that read it (Netlify, Cloudflare Pages) and then answer with a real 301.

The hosts read that file differently. Netlify serves a file that exists at
the old address instead of a rule, unless the rule is forced (``301!``); its
redirect page would win. Cloudflare Pages applies every rule before looking
for a file, but refuses a line whose status is not a plain number (``301!``
is skipped as invalid). Netlify compares the decoded request path with the
rule as written, Cloudflare the encoded one, so a path with letters beyond
ASCII (``/grüße/``) is written as it reads for Netlify and percent-encoded for
the others. So each host gets the rules it acts on, and the redirect pages
stay for GitHub Pages, previews and any rule a host drops.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

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


#: The status each host acts on (``REDIRECTS_HOST``); GitHub Pages ignores the
#: file, which is written all the same for a later move to another host.
STATUS = {"github-pages": "301", "netlify": "301!", "cloudflare": "301"}
#: Cloudflare Pages reads at most this many static rules; the rest are ignored.
CLOUDFLARE_RULES = 2000


def rule_path(path: str, host: str) -> str:
    """A decoded path as ``host`` matches it in ``_redirects``.

    Spaces and ASCII punctuation are always encoded (a space would end the
    rule); letters beyond ASCII stay as they are for Netlify only.
    """
    if host != "netlify":
        return quote(path, safe=_SAFE)
    return "".join(
        char if ord(char) > 127 and not char.isspace() else quote(char, safe=_SAFE)
        for char in path
    )


def redirects_file(
    redirects: Iterable[Redirect], prefix: str = "", host: str = "github-pages"
) -> str:
    """``/_redirects``: ``<old> <new> <status>`` per line, sorted, URL-encoded.

    ``prefix`` is the site's path when it is served from a sub-path; ``host``
    picks the status the host acts on (:data:`STATUS`).
    """
    lines = []
    status = STATUS[host]
    for redirect in sorted(redirects, key=lambda r: r.url):
        old = rule_path(prefix + "/" + redirect.url, host)
        lines.append(f"{old} {quote(redirect.target_href, safe=_SAFE)} {status}")
    return "\n".join(lines) + ("\n" if lines else "")
