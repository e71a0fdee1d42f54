"""URL segments from titles, tags and editor-chosen slugs.

German words keep their meaning in URLs (``Über uns`` → ``ueber-uns``), which
is what German readers expect rather than ``ber-uns`` or percent-encoding.
Slugs are limited in length (a pasted paragraph as a title must not become a
URL segment longer than file systems and servers accept), and cut at a
hyphen so no word is chopped in half.
"""

from __future__ import annotations

import re
import unicodedata

from .limits import MAX_KEY_LENGTH, MAX_SLUG_LENGTH

KEY_PATTERN = re.compile(r"^[a-z0-9-]+$")

_GERMAN = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ẞ": "SS",
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int | None = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII letters, digits and single hyphens; '' if nothing is left.

    At most ``limit`` characters (``None``: no limit), cut after the last
    whole word that fits; a single word longer than that is cut at the limit.
    """
    text = text.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", text.lower()).strip("-")
    if limit is None or len(slug) <= limit:
        return slug
    if slug[limit] == "-":  # the limit falls exactly between two words
        return slug[:limit]
    head = slug[:limit].rpartition("-")[0]
    return head or slug[:limit]


def is_valid_key(key: str) -> bool:
    """Keys (file names) are lower-case ASCII letters, digits and '-', 80 at most."""
    return len(key) <= MAX_KEY_LENGTH and bool(KEY_PATTERN.match(key))
