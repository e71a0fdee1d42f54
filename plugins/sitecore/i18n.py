"""Marking strings for translation, in two catalogs: visitors' and editors'.

Every string a visitor or an editor reads is a gettext message id. The two
audiences have their own catalogs (gettext domains), so that translating the
site into a new language means translating what visitors read, not the
build's, the importer's and the editing interface's messages too:

- ``messages``, what **visitors** read: the templates' ``_()``/``{% trans %}``,
  and strings the site's plugins mark with :func:`N_` (section names, labels
  of vocabularies and fields, page titles);
- ``editor``, what **editors and maintainers** read: messages made with
  :func:`M`, ids marked with :func:`M_` or :func:`M_plural` (field
  descriptions, hints of the editing interface, build summaries), and every
  marked string of the tools only they run (``tasks.py``, ``scripts/``, the
  WordPress import, the preview). An editor message falls back to the
  visitors' catalog, so a word both read (a section's name) is translated once.

``invoke i18n.extract`` collects both (``babel.cfg``, ``babel-editor.cfg``).
Ids are translated where they are shown, in the language of the page or of
the editor (:func:`editor_language`, German by default): a :class:`Message`
(also raised inside exceptions: ``ValueError(M(...))``) only when it is shown,
in the terminal, the preview and CI, each in the language of its reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark ``message`` for extraction; it is translated where it is used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with a plural form; translate with ``ngettext(*pair, n)``."""
    return singular, plural


def M_(message: str) -> str:  # noqa: N802 - the editors' counterpart of N_
    """Mark an editor message id (no values) for the editors' catalog."""
    return message


def M_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark an editor message with a plural form for the editors' catalog."""
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
        values = {name: render(value, translate) for name, value in self.values}
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


@dataclass(frozen=True)
class Joined:
    """Several pieces shown as one value, e.g. hints separated by "; "."""

    parts: tuple[Any, ...]
    separator: Any = "; "  # text, or a message such as M(" or ")

    def render(self, translate: Translate | None = None) -> str:
        separator = render(self.separator, translate)
        return separator.join(str(render(part, translate)) for part in self.parts)

    def __str__(self) -> str:
        return self.render()


def joined(parts: Iterable[Any], separator: Any = "; ") -> Joined:
    """``parts`` (messages or text) as one value, joined by ``separator``."""
    return Joined(tuple(parts), separator)


def one_or_other(parts: Iterable[Any]) -> Joined:
    """``'a' or 'b'`` in the reader's language."""
    return Joined(tuple(parts), M(" or "))


def render(value: Any, translate: Translate | None = None) -> Any:
    """A message (or anything else with ``render(translate)``) as text.

    Other values are returned as they are, so numbers keep their format specs.
    """
    if isinstance(value, str):
        return value
    shown = getattr(value, "render", None)
    return shown(translate) if callable(shown) else value


def message_of(error: BaseException) -> Message | Joined | str:
    """The editor message an exception carries (``ValueError(M(...))``).

    Exceptions raised with a :class:`Message` keep it, untranslated, so the
    reader of the problem gets it in their language; others give their text.
    """
    if error.args and isinstance(error.args[0], (Message, Joined)):
        return error.args[0]
    return str(error)


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
