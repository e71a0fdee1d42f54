"""Sort names the way readers of each language expect.

Python's default order compares code points, which puts "Ärzte" after "Zoo".
German dictionaries (DIN 5007, rule 1) sort umlauts with their base letter
(Ä with A), ß as "ss", and ignore case; other languages get the Unicode
Collation Algorithm's default idea of the same (letters first, then accents,
then case). Neither needs an OS locale or ICU: base letters come from Unicode
decomposition.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

_GERMAN_SPECIAL = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o"}
)
_ROOT_SPECIAL = str.maketrans({"ß": "ss", "ẞ": "ss", "Æ": "AE", "æ": "ae"})


def _base_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _from_first_letter(name: str) -> str:
    # Leading quotes and punctuation ("„Kiel hilft“") do not decide the order.
    start = next((i for i, c in enumerate(name) if c.isalnum()), 0)
    return name[start:]


def german_sort_key(name: str) -> tuple[str, str, str]:
    """DIN 5007-1: base letters first, then accents, then case.

    Ties ("Bar" / "Bär") put the unaccented spelling first, as a dictionary does.
    """
    text = _from_first_letter(name)
    return (
        _base_letters(text.translate(_GERMAN_SPECIAL)).casefold(),
        text.casefold(),
        text,
    )


def unicode_sort_key(name: str) -> tuple[str, str, str]:
    """The default Unicode collation, approximated: letters, accents, case."""
    text = unicodedata.normalize("NFKC", _from_first_letter(name))
    return (
        _base_letters(text.translate(_ROOT_SPECIAL)).casefold(),
        text.casefold(),
        text,
    )


#: Languages whose readers expect rules of their own; others use the default.
_BY_LANGUAGE: dict[str, Callable[[str], tuple[str, str, str]]] = {
    "de": german_sort_key,
}


def sort_key(lang: str) -> Callable[[str], tuple[str, str, str]]:
    """The collation key function for names shown on ``lang`` pages."""
    return _BY_LANGUAGE.get(lang, unicode_sort_key)
