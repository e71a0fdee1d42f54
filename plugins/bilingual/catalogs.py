"""Gettext catalogs per language, compiled from the committed ``.po`` files.

Two catalogs per language (see ``sitecore.i18n``): ``messages.po``, what
visitors read, and ``editor.po``, what editors and maintainers read. The
editors' catalog falls back to the visitors' (a section's name is translated
once), and both to the English message ids.

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

#: The visitors' catalog (templates, labels) and the editors' (messages).
VISITORS = "messages"
EDITORS = "editor"


def po_path(translations_dir: str, lang: str, domain: str = VISITORS) -> str:
    """Where the catalog of ``lang`` lives."""
    return os.path.join(translations_dir, lang, "LC_MESSAGES", f"{domain}.po")


def _compiled(translations_dir: str, lang: str, domain: str) -> Translations | None:
    path = po_path(translations_dir, lang, domain)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def visitor_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """What visitors of ``lang`` read; untranslated ids show as they are."""
    return _compiled(translations_dir, lang, VISITORS) or NullTranslations()


def visitor_catalogs(translations_dir: str, languages: tuple[str, ...]) -> dict:
    """One compiled visitors' catalog per site language (the pages')."""
    return {lang: visitor_catalog(translations_dir, lang) for lang in languages}


def load_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """What an editor of ``lang`` reads: their messages, then the visitors' words."""
    visitors = visitor_catalog(translations_dir, lang)
    editors = _compiled(translations_dir, lang, EDITORS)
    if editors is None:
        return visitors
    editors.add_fallback(visitors)
    return editors


def load_catalogs(translations_dir: str, languages: tuple[str, ...]) -> dict:
    """One editors' catalog per language (new files are explained in each)."""
    return {lang: load_catalog(translations_dir, lang) for lang in languages}


def editor_languages(translations_dir: str) -> tuple[str, ...]:
    """The languages with an editors' catalog: build messages can be shown in them."""
    if not os.path.isdir(translations_dir):
        return ()
    return tuple(
        sorted(
            lang
            for lang in os.listdir(translations_dir)
            if os.path.exists(po_path(translations_dir, lang, EDITORS))
        )
    )


def catalog_gaps(
    translations_dir: str, languages: tuple[str, ...], root: str = ""
) -> list[CatalogGap]:
    """The site languages whose visitors' catalog is missing or incomplete.

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
        catalog = read_po(handle, locale=lang)
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
