"""Sort names the way a German reader expects (DIN 5007, dictionary order).

Python's default order puts "Ärzte" after "Zoo", because it compares code
points. In a German directory umlauts sort with their base letter (Ä with A),
ß as "ss", and case does not matter. No OS locale and no ICU is needed for
that: stripping accents after Unicode decomposition gives the base letters.
"""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o"}
)


def _base_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def german_sort_key(name: str) -> tuple[str, str, str]:
    """Key for ``sorted``: base letters first, then accents, then case.

    Leading quotes and punctuation ("„Kiel hilft“") are ignored, so a name
    sorts under its first letter; ties ("Bar" / "Bär") fall back to the
    unaccented spelling first, as in a dictionary.
    """
    start = next((i for i, c in enumerate(name) if c.isalnum()), 0)
    text = name[start:]
    return (_base_letters(text).casefold(), text.casefold(), text)
