"""Which kind of page a URL is, from the site's URL patterns.

The browser tests run on one page of every kind in every language. Taking the
kinds from the output and the URL settings (rather than a hand-kept list)
means a new section — events, members, search — is tested as soon as it
writes pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
#: Placeholders that only ever hold digits, so ``de/aktuelles/2017/`` is a year.
_DIGITS = {"{year}": r"\d{4}", "{number}": r"\d+"}


def _compile(pattern: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(pattern)
    holders = _PLACEHOLDER.findall(pattern)
    regex = re.escape(parts[0])
    for holder, part in zip(holders, parts[1:], strict=True):
        regex += _DIGITS.get(holder, "[^/]+") + re.escape(part)
    return re.compile(regex + r"\Z")


def _specificity(pattern: str) -> float:
    """Literal text counts most; a digits-only placeholder beats a free one."""
    literal = len(_PLACEHOLDER.sub("", pattern))
    return literal + 0.5 * sum(1 for h in _PLACEHOLDER.findall(pattern) if h in _DIGITS)


def classify(url: str, patterns: Mapping[str, Mapping[str, str]]) -> str:
    """The page type of a site-relative URL, e.g. ``de:news_item``.

    Where several patterns match (``de/aktuelles/`` is also a ``de/{slug}/``
    page), the one with the most literal text wins. URLs matching no pattern
    get their own type from their shape (``root``, ``404.html``,
    ``de/aktuelles/seite/*/``).
    """
    if url == "":
        return "root"
    best: tuple[float, str] | None = None
    for lang, names in patterns.items():
        for name, pattern in names.items():
            if _compile(pattern).match(url):
                score = _specificity(pattern)
                if best is None or score > best[0]:
                    best = (score, f"{lang}:{name}")
    if best is not None:
        return best[1]
    parts = url.rstrip("/").split("/")
    if len(parts) > 1:
        parts[-1] = "*"
    return "/".join(parts) + ("/" if url.endswith("/") else "")


def representatives(
    urls: Iterable[str], patterns: Mapping[str, Mapping[str, str]]
) -> dict[str, str]:
    """One URL per page type (the first in sorted order), by type."""
    chosen: dict[str, str] = {}
    for url in sorted(urls):
        chosen.setdefault(classify(url, patterns), url)
    return dict(sorted(chosen.items()))
