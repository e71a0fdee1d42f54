"""Gettext catalogs per language, compiled from the committed ``.po`` files.

The ``.po`` files are the source of truth; compiling them in memory at the
start of a build means a fresh clone needs no separate compile step and a
changed translation is never hidden behind a stale ``.mo`` file.
"""

from __future__ import annotations

import io
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


def po_path(translations_dir: str, lang: str) -> str:
    """Where the catalog of ``lang`` lives."""
    return os.path.join(translations_dir, lang, "LC_MESSAGES", f"{DOMAIN}.po")


def load_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """Compile the ``.po`` file of ``lang``; untranslated ids fall back to themselves."""
    path = po_path(translations_dir, lang)
    if not os.path.exists(path):
        return NullTranslations()
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_catalogs(translations_dir: str, languages: tuple[str, ...]) -> dict:
    """One compiled catalog per site language."""
    return {lang: load_catalog(translations_dir, lang) for lang in languages}
