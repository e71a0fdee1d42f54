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

from sitecore.report import CatalogGap

DOMAIN = "messages"


def po_path(translations_dir: str, lang: str) -> str:
    """Where the catalog of ``lang`` lives."""
    return os.path.join(translations_dir, lang, "LC_MESSAGES", f"{DOMAIN}.po")


def load_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """Compile the ``.po`` file of ``lang``; untranslated ids show as they are."""
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


def catalog_gaps(
    translations_dir: str, languages: tuple[str, ...], root: str = ""
) -> list[CatalogGap]:
    """The site languages whose catalog is missing or has untranslated strings.

    Their pages show those strings in English (the message ids); files are
    named relative to ``root`` when given.
    """
    gaps = []
    for lang in languages:
        path = po_path(translations_dir, lang)
        shown = os.path.relpath(path, root) if root else path
        if not os.path.exists(path):
            gaps.append(CatalogGap(lang, shown, None))
            continue
        count = len(untranslated(path, lang))
        if count:
            gaps.append(CatalogGap(lang, shown, count))
    return gaps


def untranslated(po_file: str, lang: str) -> list[str]:
    """Message ids of ``po_file`` without a current translation.

    English message ids are English text, so the English catalog may leave
    singular messages empty; every other language must translate everything.
    """
    with open(po_file, "rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy or (lang != "en" and not all(strings)):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing
