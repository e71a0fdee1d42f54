"""Marking strings for translation.

Every string a visitor or an editor reads is a gettext message id. Code that
defines such strings ahead of their use (labels, vocabularies, messages) marks
them with :func:`N_` so ``invoke i18n.extract`` finds them; they are
translated where they are shown, in the language of the page or the editor.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark ``message`` for extraction; it is translated where it is used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with a plural form; translate with ``ngettext(*pair, n)``."""
    return singular, plural


Translate = Callable[[str], str]


@dataclass(frozen=True)
class Message:
    """A message for editors: an English message id with named values.

    It is translated when it is shown, not when it is made: problems are
    found in worker processes and kept in the content cache, and must still
    appear in the language of whoever reads them. A value may itself be a
    :class:`Message` (a hint inside a sentence) and is translated too.
    """

    id: str  # English text with {name} placeholders
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, translate: Translate | None = None) -> str:
        """The message in the language of ``translate`` (English without one)."""
        translate = translate or _untranslated
        values = {
            name: value.render(translate) if isinstance(value, Message) else value
            for name, value in self.values
        }
        text = translate(self.id)
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation
            return self.id.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)


def M(message_id: str, **values: Any) -> Message:  # noqa: N802 - a marker like N_
    """An editor message (extracted by ``invoke i18n.extract``), e.g.
    ``M("'{key}' is not a valid key", key=key)``.
    """
    return Message(message_id, tuple(values.items()))


def _untranslated(message: str) -> str:
    return message


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
