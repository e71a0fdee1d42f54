"""The preview's additions to pages, and its own pages, in the editor's language.

Pages of the site get the preview's stylesheet, the problems box and the
reload script while they are sent (``inject``); the preview also has pages
of its own: a broken page's errors and the translation report.
"""

from __future__ import annotations

import html
import os
from datetime import datetime

from bilingual.structured import LOGO
from sitecore.i18n import N_

from .builder import PreviewBuilder
from .problems import BROKEN_TITLE

PREFIX = "/_preview/"
REPORT_TITLE = N_("Translations to do")
REPORT_FILE = N_("file")
REPORT_TO_DO = N_("to do")
REPORT_NOTHING = N_("Every item exists in all languages, and no translation is older.")


class Translations:
    """The catalogs of the site, in the editor's language, for the preview's texts."""

    def __init__(self, builder: PreviewBuilder) -> None:
        from bilingual.catalogs import editor_languages, load_catalog
        from sitecore.i18n import editor_language

        folder = os.path.join(builder.settings["THEME"], "translations")
        self.lang = editor_language(editor_languages(folder) or ("de",))
        self.catalog = load_catalog(folder, self.lang)

    def __call__(self, message: str) -> str:
        return self.catalog.gettext(message)


def inject(page: str, box: str) -> str:
    """``page`` with the preview's stylesheet, ``box`` and the reload script."""
    head = f'<link rel="stylesheet" href="{PREFIX}preview.css">'
    script = f'<script src="{PREFIX}reload.js" defer></script>'
    page = page.replace("</head>", head + script + "</head>", 1)
    if box:
        index = page.find("<body")
        end = page.find(">", index) + 1 if index >= 0 else 0
        page = page[:end] + box + page[end:]
    return page


def own_page(title: str, main: str, lang: str) -> bytes:
    """A page of the preview's own, in the editor's language."""
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="icon" href="/{LOGO}">'
        '</head><body><main class="preview-page">'
        f"{main}</main></body></html>"
    )
    return inject(page, "").encode()


def error_page(box: str, translate: Translations) -> bytes:
    """A broken page's address: its file's problems, as the page's heading."""
    title = html.escape(translate(BROKEN_TITLE))
    heading = box.replace("<h2", "<h1").replace("</h2>", "</h1>")
    return own_page(title, heading, translate.lang)


def translations_page(builder: PreviewBuilder, translate: Translations) -> bytes:
    """The translation report, for this preview only (never published)."""
    from bilingual.settings import read_settings
    from sitecore.dates import format_date
    from sitecore.report import describe

    settings = read_settings(builder.settings)
    lines = settings.translation_report()
    _ = translate

    def when(moment: datetime) -> str:
        return format_date(moment, translate.lang)

    rows = "".join(
        f"<tr><td><code>{html.escape(line.source.relpath)}</code></td>"
        f"<td>{html.escape(describe(line, _, when))}</td></tr>"
        for line in lines
    )
    table = (
        f'<table><thead><tr><th scope="col">{html.escape(_(REPORT_FILE))}</th>'
        f'<th scope="col">{html.escape(_(REPORT_TO_DO))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    body = table if lines else f"<p>{html.escape(_(REPORT_NOTHING))}</p>"
    title = html.escape(_(REPORT_TITLE))
    return own_page(title, f"<h1>{title}</h1>{body}", translate.lang)
