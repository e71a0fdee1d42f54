"""Keys, slugs and tags from WordPress names, as the site's addresses need them.

The site's keys and address segments are lower-case ASCII
(:func:`sitecore.slugs.slugify`, which writes German as Germans expect:
``Über uns`` → ``ueber-uns``). WordPress slugs and titles can be in any
script: a Greek page ``επίπεδο-2`` would leave only ``2``, a Chinese tag
nothing at all. Letters that have no ASCII form of their own are therefore
transliterated first (``epipedo-2``, ``yuan-zheng-shou-ji``), so keys stay
meaningful and the same on every run.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from sitecore.limits import MAX_TAG_LENGTH
from sitecore.slugs import slugify

from .addresses import decode

#: Letters slugify writes itself (German transliteration).
_GERMAN = frozenset("äöüßÄÖÜẞ")
_LETTER = re.compile(r"[a-z]")


def _own_ascii(char: str) -> bool:
    """Whether slugify keeps ``char`` (ASCII, German, or an accented Latin letter)."""
    if char.isascii() or char in _GERMAN:
        return True
    return bool(unicodedata.normalize("NFKD", char).encode("ascii", "ignore"))


def transliterate(text: str) -> str:
    """``text`` with letters of other scripts written in Latin letters."""
    parts: list[str] = []
    foreign: list[str] = []
    for char in text + " ":
        if _own_ascii(char):
            if foreign:
                parts.append(unidecode("".join(foreign)))
                foreign.clear()
            parts.append(char)
        else:
            foreign.append(char)
    return "".join(parts)[:-1]


def name_slug(text: str, limit: int | None = None) -> str:
    """A key or address segment from a name in any script ('' if none is left)."""
    if limit is None:
        return slugify(transliterate(text))
    return slugify(transliterate(text), limit)


def has_letters(slug: str) -> bool:
    """Whether a slug says something (``2`` or ``6-1`` alone does not)."""
    return bool(_LETTER.search(slug))


def wordpress_slug(post_name: str) -> str:
    """The slug of a WordPress ``post_name`` (stored percent-encoded)."""
    return name_slug(decode(post_name))


def tag_problem(tag: str) -> str | None:
    """Why the build would refuse ``tag`` as a tag, or None: 'length' or 'letters'."""
    if len(tag) > MAX_TAG_LENGTH:
        return "length"
    if not slugify(tag):
        return "letters"
    return None
