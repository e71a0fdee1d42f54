"""A person's file, ``content/people/<key>.yml``, as the content contract defines it.

Contact details and photos are personal data: they are published only with
the person's consent, so ``email``, ``phone`` and ``photo`` are accepted only
in a file that says when that consent was given (``consent``). Each field
without it is reported on its own line.
"""

from __future__ import annotations

import posixpath
import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from sitecore.fields import PartialDate, PerLanguage, Since, one_of_type, partial_date
from sitecore.i18n import N_, M
from sitecore.schema import Number, Status, Text

from .vocabulary import GROUPS

PHOTO_FORMATS = (".jpg", ".jpeg", ".png", ".webp", ".avif")
#: Fields that may be published only with the person's consent.
NEEDS_CONSENT = ("email", "phone", "photo")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:\\]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 ()/.-]+$")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(M("expected a text on the same line"))
    return value.strip()


def email_address(value: Any) -> str:
    """An address such as ``vorstand@example.org`` (no name, no ``mailto:``)."""
    text = _text(value).removeprefix("mailto:")
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
    text = _text(value)
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


def member_key(value: Any) -> str:
    """The key of a member file (its name without ``.yml``)."""
    text = _text(value)
    if not _KEY.match(text):
        raise ValueError(
            M(
                "'{text}' is not a member key; write the file name of the member "
                "without .yml, e.g. diwish",
                text=text,
            )
        )
    return text


def photo_path(value: Any) -> str:
    """A picture under ``content/images/`` (its existence is checked with the file)."""
    text = _text(value)
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


Group = one_of_type(N_("group"), GROUPS)
Email = Annotated[str, BeforeValidator(email_address)]
Phone = Annotated[str, BeforeValidator(phone_number)]
Consent = Annotated[PartialDate, BeforeValidator(consent_date)]
MemberKey = Annotated[str, BeforeValidator(member_key)]
Photo = Annotated[str, BeforeValidator(photo_path)]


class PersonMeta(BaseModel):
    """The fields of ``content/people/<key>.yml``.

    Fields are declared in the order of the file, so ``consent`` is checked
    before the fields that need it.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    yaml_file: ClassVar[bool] = True
    markdown_fields: ClassVar[tuple[str, ...]] = ()
    per_language_fields: ClassVar[tuple[str, ...]] = ("role",)
    #: Pictures the image pipeline processes (see ``imaging``).
    picture_fields: ClassVar[tuple[str, ...]] = ("photo",)
    editor_order: ClassVar[tuple[str, ...]] = (
        "name",
        "role",
        "group",
        "order",
        "since",
        "member",
        "consent",
        "email",
        "phone",
        "photo",
        "photo_alt",
        "status",
    )

    name: Text = Field(description=N_("Full name"))
    role: PerLanguage = Field(
        description=N_("Role in every language (plain text), e.g. Chair")
    )
    group: Group = Field(description=N_("Group: board, office or advisory"))
    order: Number | None = Field(
        None, description=N_("Position within the group (optional)")
    )
    since: Since | None = Field(
        None, description=N_("In this role since: YYYY, YYYY-MM or YYYY-MM-DD")
    )
    member: MemberKey | None = Field(
        None, description=N_("Key of the member organisation represented (optional)")
    )
    consent: Consent | None = Field(
        None,
        description=N_(
            "Date (YYYY-MM-DD) the person agreed to publish e-mail, phone and photo"
        ),
    )
    email: Email | None = Field(
        None, description=N_("E-mail address (only with consent)")
    )
    phone: Phone | None = Field(
        None, description=N_("Phone number (only with consent)")
    )
    photo: Photo | None = Field(
        None, description=N_("Photo under content/images/ (only with consent)")
    )
    photo_alt: Text | None = Field(
        None, description=N_("Text for the photo (default: the name)")
    )
    status: Status = Field(
        "published", description=N_("'draft' keeps the item unpublished")
    )

    @field_validator(*NEEDS_CONSENT)
    @classmethod
    def _needs_consent(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and info.data.get("consent") is None:
            raise ValueError(
                M(
                    "published only with the person's consent: add the day they "
                    "agreed as 'consent: YYYY-MM-DD', or remove this field"
                )
            )
        return value

    @property
    def title(self) -> str:
        return self.name
