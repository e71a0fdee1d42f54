"""Personal data in content: e-mail addresses, phone numbers, photos, consent.

Contact details and photos of people are published only with their consent,
so the field types of this module (see :mod:`sitecore.fieldtypes`) accept a
value only in a file that says when that consent was given: a ``consent``
field declared before them in the model. Each field without it is reported
on its own line.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from pydantic import ValidationInfo

from .fields import PartialDate, line_text, partial_date
from .i18n import M

PHOTO_FORMATS = (".jpg", ".jpeg", ".png", ".webp", ".avif")
#: The field that records the day a person agreed to publish their data.
CONSENT_FIELD = "consent"
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:\\]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 ()/.-]+$")


def with_consent(value: Any, info: ValidationInfo) -> Any:
    """``value``, if the file gave a consent date (checked before this field)."""
    if (info.data or {}).get(CONSENT_FIELD) is None:
        raise ValueError(
            M(
                "published only with the person's consent: add the day they "
                "agreed as 'consent: YYYY-MM-DD', or remove this field"
            )
        )
    return value


def email_address(value: Any) -> str:
    """An address such as ``vorstand@example.org`` (no name, no ``mailto:``)."""
    text = line_text(value).removeprefix("mailto:")
    if not _EMAIL.match(text):
        raise ValueError(
            M(
                "'{text}' is not an e-mail address; write it like vorstand@example.org",
                text=text,
            )
        )
    return text


def phone_number(value: Any) -> str:
    """A phone number as people write it: ``+49 431 000000``."""
    text = line_text(value)
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.match(text) or digits < 5:
        raise ValueError(
            M(
                "'{text}' is not a phone number; write it like "
                '"+49 431 000000" (in double quotes)',
                text=text,
            )
        )
    return text


def photo_path(value: Any) -> str:
    """A picture under ``content/images/`` (its existence is checked with the file)."""
    text = line_text(value)
    path = posixpath.normpath(text.removeprefix("{static}").lstrip("/"))
    if path.startswith("..") or "\\" in path or not path.startswith("images/"):
        raise ValueError(
            M(
                "'{text}' must be a picture under content/images/, "
                "e.g. images/people/schulz.jpg",
                text=text,
            )
        )
    if posixpath.splitext(path)[1].lower() not in PHOTO_FORMATS:
        raise ValueError(
            M("'{text}' is not a photo; use a JPEG or PNG file", text=text)
        )
    return path


def consent_date(value: Any) -> PartialDate:
    """The day consent was given: ``YYYY-MM-DD``."""
    when = partial_date(value)
    if when.day is None:
        raise ValueError(
            M(
                "'{text}': give the day consent was given, as YYYY-MM-DD",
                text=when.iso,
            )
        )
    return when
