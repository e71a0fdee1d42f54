"""Field types shared by the YAML files and front matter of several sections.

Every scalar arrives as a string (see :mod:`sitecore.yamldoc`), so each type
parses its own text and raises a message that says what to write instead:
``since: 2021-02-30`` is a day that does not exist, a misspelt region gets a
did-you-mean with the list of allowed codes, ``yes``/``no`` are flags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date, format_skeleton
from pydantic import ValidationInfo

from .dates import no_such_day
from .i18n import M, Message, joined
from .problems import did_you_mean
from .schema import _text as text_value
from .sitepaths import plain_site_path

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, a month or only a year: as precise as the editor knows it."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """``2017``, ``2017-02`` or ``2017-02-10``, for ``<time datetime>``."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> date:
        """The first day it can mean: 2017-02 → 1 February 2017."""
        return date(self.year, self.month or 1, self.day or 1)

    def format(self, lang: str) -> str:
        """As visitors read it: "10. Februar 2017", "February 2017", "2017"."""
        if self.day:
            return format_date(
                date(self.year, self.month or 1, self.day), "long", locale=lang
            )
        if self.month:
            return format_skeleton("yMMMM", date(self.year, self.month, 1), locale=lang)
        return str(self.year)


def word(value: Any) -> str:
    """One stripped, non-empty scalar (the shared text check)."""
    return text_value(value)


def one_of(what: str, codes: Mapping[str, str]) -> Callable[[Any], str]:
    """A validator accepting exactly the ``codes``; a typo gets a suggestion.

    ``what`` names the vocabulary in messages: a message id (``M_("region")``).
    """

    def check(value: Any) -> str:
        text = word(value)
        if text in codes:
            return text
        raise ValueError(
            M(
                "'{value}' is not a known {what}; use one of: {allowed}{hint}",
                value=text,
                what=M(what),
                allowed=", ".join(codes),
                hint=did_you_mean(text, codes),
            )
        )

    return check


def line_text(value: Any) -> str:
    """A non-empty text on the field's own line (the people files' check)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(M("expected a text on the same line"))
    return value.strip()


def member_key(value: Any) -> str:
    """The key of a member file (its name without ``.yml``)."""
    text = line_text(value)
    if not _KEY.match(text):
        raise ValueError(
            M(
                "'{text}' is not a member key; write the file name of the member "
                "without .yml, e.g. diwish",
                text=text,
            )
        )
    return text


def code_list(value: Any) -> list[Any]:
    """A YAML list, or "a, b" as many editors write short lists."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list):
        raise ValueError(M("expected a list, e.g. [culture, business]"))
    return [item for item in value if item != ""]


def unique(items: list[str]) -> list[str]:
    """The items without repetitions, first occurrence kept."""
    return list(dict.fromkeys(items))


def partial_date(value: Any) -> PartialDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    text = word(value)
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(
            M(
                "'{text}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, "
                "e.g. 2017-02-10",
                text=text,
            )
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    if not 1900 <= year <= 2199:
        raise ValueError(
            M("'{text}': the year must be between 1900 and 2199", text=text)
        )
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(no_such_day(text)) from None
    return PartialDate(year, month, day)


def flag(value: Any) -> bool:
    """``true``/``false`` and the spellings YAML users expect (yes/no/on/off)."""
    text = word(value) if value != "" else ""
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(M("expected true or false, not '{text}'", text=text))


def per_language(value: Any, info: ValidationInfo) -> dict[str, str]:
    """A mapping with one text per site language, e.g. ``de: …`` and ``en: …``.

    The validation context's ``languages`` are the site's; its ``required``
    (all of them unless said) must each have a text. Another site language
    without one (or with an empty one) is left out: the site shows the
    default language's text there, and the translation report lists it. A
    language the site does not have is a likely typo.
    """
    context = info.context or {}
    languages = context.get("languages", ("de", "en"))
    required = context.get("required", languages)
    wanted = ", ".join(f"'{lang}:'" for lang in required)
    if not isinstance(value, dict):
        raise ValueError(
            M(
                "expected one indented line per language below it ({wanted}), "
                "each with the text in that language",
                wanted=wanted,
            )
        )
    problems: list[Message] = []
    for lang in value:
        if lang not in languages:
            problems.append(
                M(
                    "unknown language '{lang}'{hint}",
                    lang=lang,
                    hint=did_you_mean(lang, languages),
                )
            )
    texts = {}
    for lang in languages:
        text = value.get(lang)
        if lang not in required and text in (None, ""):
            continue  # not written yet (the editing interface leaves it empty)
        if text is None:
            problems.append(
                M(
                    "the text for '{lang}:' is missing; add a line '{lang}:' with it",
                    lang=lang,
                )
            )
        elif not isinstance(text, str) or not text.strip():
            problems.append(M("the text for '{lang}:' is empty", lang=lang))
        else:
            texts[lang] = text
    if problems:
        raise ValueError(joined(problems))
    return texts


def alias_path(value: Any) -> str:
    """An old address of the site (``/2017/01/x/``) that should redirect here.

    Only a path on this site can be redirected by a static host: no other
    host, no ``?query`` (``/?p=12`` needs the server), and after decoding a
    plain path (:func:`sitecore.sitepaths.plain_site_path`). Whether it names
    a file the build writes itself is for the output's claims to say.
    """
    text = word(value)
    if "://" in text or text.startswith("//"):
        raise ValueError(
            M(
                "'{text}' is not a path of this site: write it without the host, "
                "e.g. /2017/01/diwish-tritt-bei/",
                text=text,
            )
        )
    if not text.startswith("/"):
        raise ValueError(M("'{text}' must start with '/', e.g. /satzung/", text=text))
    if "?" in text or "#" in text:
        raise ValueError(
            M(
                "'{text}': addresses with '?' or '#' cannot be redirected by a "
                "static site; leave this one out",
                text=text,
            )
        )
    return plain_site_path(text)
