"""The items' old addresses (``aliases``), claimed once every file is known.

An alias gets its redirect page only when no part of the site has the
address: claimed after every page, picture, feed and folder of the build, so
an alias that names one of them is the alias's error on its line and nothing
is ever overwritten. What a redirect is and how hosts read ``_redirects`` is
in ``redirects.py``.
"""

from __future__ import annotations

from typing import Any

from sitecore.i18n import M

from .output import Claim
from .redirects import CLOUDFLARE_RULES, Redirect, alias_url
from .site import SiteState


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
