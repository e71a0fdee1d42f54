"""A member file's fields, as the content contract defines them.

Every scalar arrives as a string (see ``sitecore.yamldoc``), so each field
parses its own text: ``member_since: 2021-02-30`` is reported as a day that
does not exist, with its line, instead of crashing the YAML parser, and a
misspelt region gets a did-you-mean along with the list of allowed codes.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from babel.dates import format_date, format_skeleton
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
)

from sitecore.problems import did_you_mean
from sitecore.schema import Text, Url

from .vocabulary import REGIONS, TOPICS, TYPES

LOGO_FORMATS = (".png", ".jpg", ".jpeg", ".webp", ".gif")
_SINCE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "")


@dataclass(frozen=True, order=True)
class MemberSince:
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

    def format(self, lang: str) -> str:
        """As visitors read it: "10. Februar 2017", "February 2017", "2017"."""
        if self.day:
            return format_date(
                date(self.year, self.month or 1, self.day), "long", locale=lang
            )
        if self.month:
            return format_skeleton("yMMMM", date(self.year, self.month, 1), locale=lang)
        return str(self.year)


def _word(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a single word, not a list or mapping")
    word = value.strip()
    if not word:
        raise ValueError("must not be empty")
    return word


def _one_of(what: str, codes: Mapping[str, str]):
    """A validator accepting exactly the ``codes``; a typo gets a suggestion."""

    def check(value: Any) -> str:
        word = _word(value)
        if word in codes:
            return word
        allowed = ", ".join(codes)
        raise ValueError(
            f"'{word}' is not a known {what}; use one of: {allowed}"
            + did_you_mean(word, codes)
        )

    return check


def _list(value: Any) -> list[Any]:
    # "topics: culture, sport" is how many editors write short lists.
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list):
        raise ValueError("expected a list, e.g. [culture, business]")
    return [item for item in value if item != ""]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _since(value: Any) -> MemberSince:
    text = _word(value)
    match = _SINCE.match(text)
    if not match:
        raise ValueError(
            f"'{text}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2017-02-10"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a valid date: that day does not exist"
        ) from None
    return MemberSince(year, month, day)


def _flag(value: Any) -> bool:
    text = _word(value) if value != "" else ""
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(f"expected true or false, not '{text}'")


def _logo(value: str, info: ValidationInfo) -> str:
    """Check that the logo exists under the content folder and can be read."""
    path = value.removeprefix("{static}").lstrip("/")
    path = posixpath.normpath(path)
    if path.startswith("..") or "\\" in path:
        raise ValueError(f"'{value}' must be a path inside content/, e.g. images/x.png")
    ext = posixpath.splitext(path)[1].lower()
    if ext == ".svg":
        raise ValueError("SVG logos are not supported; export the logo as PNG")
    if ext not in LOGO_FORMATS:
        raise ValueError(
            f"'{value}' is not a picture file; use PNG (best with transparency) or JPEG"
        )
    root = (info.context or {}).get("content_path")
    if root and not os.path.isfile(os.path.join(root, *path.split("/"))):
        folder = os.path.join(root, *posixpath.dirname(path).split("/"))
        siblings = os.listdir(folder) if os.path.isdir(folder) else []
        hint = did_you_mean(posixpath.basename(path), siblings)
        raise ValueError(f"the file content/{path} does not exist{hint}")
    return path


def _description(value: Any, info: ValidationInfo) -> dict[str, str]:
    languages = (info.context or {}).get("languages", ("de", "en"))
    wanted = " and ".join(f"'{lang}:'" for lang in languages)
    if not isinstance(value, dict):
        raise ValueError(
            f"expected {wanted} below it, each with the text in that language"
        )
    problems = []
    for lang in value:
        if lang not in languages:
            problems.append(f"unknown language '{lang}'{did_you_mean(lang, languages)}")
    texts = {}
    for lang in languages:
        text = value.get(lang)
        if text is None:
            problems.append(f"the text for '{lang}:' is missing; add {wanted}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"the text for '{lang}:' is empty")
        else:
            texts[lang] = text
    if problems:
        raise ValueError("; ".join(problems))
    return texts


Region = Annotated[str, BeforeValidator(_one_of("region", REGIONS))]
Kind = Annotated[str, BeforeValidator(_one_of("type", TYPES))]
Topic = Annotated[str, BeforeValidator(_one_of("topic", TOPICS))]
Topics = Annotated[list[Topic], BeforeValidator(_list), AfterValidator(_unique)]
Since = Annotated[MemberSince, BeforeValidator(_since)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Logo = Annotated[Text, AfterValidator(_logo)]
Description = Annotated[dict[str, str], BeforeValidator(_description)]


class MemberMeta(BaseModel):
    """The fields of ``content/members/<key>.yml``.

    The validation context carries ``content_path`` (to find the logo) and
    ``languages`` (which descriptions are required).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: Text
    short_name: Text | None = None
    region: Region
    city: Text
    type: Kind
    topics: Topics = []
    website: Url | None = None
    member_since: Since | None = None
    logo: Logo | None = None
    logo_alt: Text | None = None
    description: Description
    example: Flag = False
