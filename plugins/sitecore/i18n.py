"""Marking strings for translation.

Every string a visitor or an editor reads is a gettext message id. Code that
defines such strings ahead of their use (labels, vocabularies, messages) marks
them with :func:`N_` so ``invoke i18n.extract`` finds them; they are
translated where they are shown, in the language of the page or the editor.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark ``message`` for extraction; it is translated where it is used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with a plural form; translate with ``ngettext(*pair, n)``."""
    return singular, plural


#: Editors of this site are German-speaking volunteers: their default.
DEFAULT_EDITOR_LANGUAGE = "de"
_LOCALE_VARIABLES = (
    "SITE_EDITOR_LANGUAGE",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
)


def editor_language(
    available: tuple[str, ...], environ: Mapping[str, str] | None = None
) -> str:
    """The language build messages are shown in.

    ``SITE_EDITOR_LANGUAGE`` decides if set, else the usual locale variables
    (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en_US.UTF-8`` →
    ``en``); a language without a catalog, ``C`` or nothing gives German.
    """
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        for value in environ.get(name, "").split(":"):
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in available:
                return code
    return (
        DEFAULT_EDITOR_LANGUAGE
        if DEFAULT_EDITOR_LANGUAGE in available
        else available[0]
    )
