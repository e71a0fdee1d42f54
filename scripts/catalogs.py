"""The site's two gettext catalogs: what visitors read, what editors read.

Visitors' strings (domain ``messages``) and editors' and maintainers'
messages (domain ``editor``) are collected apart (``babel.cfg``,
``babel-editor.cfg``; the rules are in ``sitecore.i18n``), so a new site
language needs its visitors' strings translated, not the build's and the
importer's messages. Used by the ``invoke i18n.*`` tasks and their tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po, write_po

#: domain → (mapping file, keyword options of ``pybabel extract``)
DOMAINS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "messages": ("babel.cfg", ("-k", "N_plural:1,2")),
    "editor": (
        "babel-editor.cfg",
        ("--no-default-keywords", "-k", "M", "-k", "M_", "-k", "M_plural:1,2"),
    ),
}
VISITORS, EDITORS = "messages", "editor"
#: The languages editors work in; a site language gets a visitors' catalog only.
EDITOR_LANGUAGES = ("de", "en")
#: The template's own options, as ``pybabel extract`` writes them.
POT_OPTIONS = {"omit_header": True, "sort_output": True, "no_location": True}


#: In the tools only editors run, N_ marks editors' strings: read as M_.
_AS_EDITORS = {"N_": "M_", "N_plural": "M_plural"}


def tools(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Any]:
    """Babel extractor for the tools only editors run: their ``N_`` is theirs too."""
    names = {*keywords, *_AS_EDITORS}
    for lineno, name, messages, comments in extract_python(
        fileobj, names, comment_tags, options
    ):
        yield lineno, _AS_EDITORS.get(name, name), messages, comments


def template(translations: Path, domain: str) -> Path:
    """Where a domain's template (``.pot``) lives."""
    return translations / f"{domain}.pot"


def extract_commands(python: str, translations: Path) -> list[list[str]]:
    """The ``pybabel extract`` calls that write both templates into ``translations``.

    Run from the project's root. ``invoke i18n.extract`` runs them (and then
    :func:`drop_shared`); the tests run them into a folder of their own to
    compare with the committed templates.
    """
    return [
        [
            python,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            mapping,
            *keywords,
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(template(translations, domain)),
            ".",
        ]
        for domain, (mapping, keywords) in DOMAINS.items()
    ]


def message_ids(path: Path) -> set[str]:
    """The message ids of a template or catalog (a plural by its singular)."""
    with open(path, "rb") as handle:
        return {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }


def drop_shared(translations: Path) -> int:
    """Leave out of the editors' template what the visitors' catalog translates.

    The editors' catalog falls back to the visitors', so a word both read (a
    section's name, a field's label) is translated once, for visitors.
    """
    visitors = message_ids(template(translations, VISITORS))
    path = template(translations, EDITORS)
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    shared = [
        message.id
        for message in catalog
        if message.id
        and (message.id if isinstance(message.id, str) else message.id[0]) in visitors
    ]
    for message_id in shared:
        del catalog[message_id]
    with open(path, "wb") as handle:
        write_po(handle, catalog, **POT_OPTIONS)
    return len(shared)
