"""A person's file, ``content/people/<key>.yml``, as the content contract defines it.

Contact details and photos are personal data: they are published only with
the person's consent, so ``email``, ``phone`` and ``photo`` are accepted only
in a file that says when that consent was given (``consent``). Each field
without it is reported on its own line.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from sitecore.fieldtypes import (
    Consent,
    Email,
    MemberKey,
    Order,
    Phone,
    Photo,
    Since,
    Text,
    Texts,
    choice,
)
from sitecore.i18n import M_, N_
from sitecore.sectionmodel import SectionModel

from .vocabulary import GROUPS

NEW_NAME = M_("New name")
Group = choice(M_("group"), GROUPS)


class PersonMeta(SectionModel):
    """The fields of ``content/people/<key>.yml``.

    Fields are declared in the order of the file, so ``consent`` is checked
    before the fields that need it (the types ``Email``, ``Phone`` and
    ``Photo`` accept a value only with it).
    """

    yaml_file: ClassVar[bool] = True
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

    name: Text = Field(
        title=N_("Name"), description=M_("Full name"), examples=[NEW_NAME]
    )
    role: Texts = Field(
        title=N_("Role"),
        description=M_("Role in every language (plain text), e.g. Chair"),
    )
    group: Group = Field(
        title=N_("Group"), description=M_("Group: board, office or advisory")
    )
    order: Order | None = Field(
        None,
        title=M_("Position"),
        description=M_("Position within the group (optional)"),
    )
    since: Since | None = Field(
        None,
        title=N_("Since"),
        description=M_("In this role since"),
    )
    member: MemberKey | None = Field(
        None,
        title=M_("Member"),
        description=M_("Key of the member organisation represented (optional)"),
    )
    consent: Consent | None = Field(
        None,
        title=M_("Consent given on"),
        description=M_("The day the person agreed to publish e-mail, phone and photo"),
    )
    email: Email | None = Field(
        None, title=N_("E-mail"), description=M_("E-mail address (only with consent)")
    )
    phone: Phone | None = Field(
        None, title=N_("Phone"), description=M_("Phone number (only with consent)")
    )
    photo: Photo | None = Field(
        None,
        title=N_("Photo"),
        description=M_("Photo under content/images/ (only with consent)"),
    )
    photo_alt: Text | None = Field(
        None,
        title=M_("Photo description"),
        description=M_("Text for the photo (default: the name)"),
    )

    @property
    def title(self) -> str:
        return self.name
