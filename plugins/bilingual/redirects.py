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


#: The status each host acts on (``REDIRECTS_HOST``); GitHub Pages ignores the
#: file, which is written all the same for a later move to another host.
STATUS = {"github-pages": "301", "netlify": "301!", "cloudflare": "301"}
#: Cloudflare Pages reads at most this many static rules; the rest are ignored.
CLOUDFLARE_RULES = 2000


def claim_aliases(state: SiteState) -> list[Redirect]:
    """Every alias of every published item gets its address, unless it is taken.

    Run once every part of the site has claimed its files (pages, pictures,
    the search index, ``/admin/`` …), so an alias that names any of them —
    in whatever spelling: ``/%61dmin/config.yml``, ``/DE/``, ``/sitemap.xml.gz``
    — is the alias's error on its line, and nothing is ever overwritten.
    """
    redirects = []
    for entry in state.all_entries():
        for field, index, alias in entry.meta.aliases_given:
            url = alias_url(alias)
            line = entry.line_of(field, index)
            claim = Claim(
                M("content/{file} (one of its aliases)", file=entry.source.relpath),
                entry.source.path,
                line,
                url,
            )
            other = state.output.claim(url, claim)
            if other is not None:
                written = _as_written(entry, field, index, alias)
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
    if (
        state.settings.redirects_host == "cloudflare"
        and len(redirects) > CLOUDFLARE_RULES
    ):
        state.problems.warning(
            "_redirects",
            None,
            M(
                "{count} old addresses, but Cloudflare Pages reads only the first "
                "{limit} lines of _redirects; the others lead on by their "
                "redirect pages, without a 301",
                count=len(redirects),
                limit=CLOUDFLARE_RULES,
            ),
        )
    return redirects


def _as_written(entry: Any, field: str, index: int, alias: str) -> str:
    """The alias as the editor wrote it (``/%61dmin/``), for messages."""
    written = entry.doc.data.get(field) if entry.doc is not None else None
    if isinstance(written, list) and index < len(written):
        value = written[index]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return alias


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
