"""URL segments from titles, tags and editor-chosen slugs.

German words keep their meaning in URLs (``Über uns`` → ``ueber-uns``), which
is what German readers expect rather than ``ber-uns`` or percent-encoding.
"""

from __future__ import annotations

import re
import unicodedata

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


def slugify(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens; '' if nothing is left."""
    text = text.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", text.lower()).strip("-")


def is_valid_key(key: str) -> bool:
    """Keys (file names) are lower-case ASCII letters, digits and '-' only."""
    return bool(KEY_PATTERN.match(key))
