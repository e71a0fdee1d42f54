"""A member file's fields, as the content contract defines them.

Every scalar arrives as a string (see ``sitecore.yamldoc``), so each field
parses its own text: ``member_since: 2021-02-30`` is reported as a day that
does not exist, with its line, instead of crashing the YAML parser, and a
misspelt region gets a did-you-mean along with the list of allowed codes.
"""

from __future__ import annotations

import posixpath
from typing import Any, ClassVar

from pydantic import Field

from sitecore.fieldbase import FieldType
from sitecore.fieldparts import upload_widget
from sitecore.fieldtypes import (
    Flag,
    MarkdownTexts,
    Since,
    Text,
    Url,
    choice,
    choices,
)
from sitecore.i18n import M_, N_, M
from sitecore.schema import _text
from sitecore.sectionmodel import SectionModel

from .vocabulary import REGIONS, TOPICS, TYPES

LOGO_FORMATS = (".png", ".jpg", ".jpeg", ".webp", ".gif")
NEW_NAME = M_("New name")


def logo_path(value: Any) -> str:
    """A picture path inside ``content/`` (its existence is checked with the logo)."""
    value = _text(value)
    path = posixpath.normpath(value.removeprefix("{static}").lstrip("/"))
    if path.startswith("..") or "\\" in path:
        raise ValueError(
            M(
                "'{value}' must be a path inside content/, e.g. "
                "images/members/logo.png",
                value=value,
            )
        )
    ext = posixpath.splitext(path)[1].lower()
    if ext == ".svg":
        raise ValueError(M("SVG logos are not supported; export the logo as PNG"))
    if ext not in LOGO_FORMATS:
        raise ValueError(
            M(
                "'{value}' is not a picture file; use PNG (best with "
                "transparency) or JPEG",
                value=value,
            )
        )
    return path


#: A logo: uploaded like a picture, made into the directory's logo by the
#: members plugin (see ``logos.py``), not by the image pipeline.
LOGO = FieldType("logo", logo_path, widget=upload_widget, display=None)
Logo = LOGO.annotation
Region = choice(M_("region"), REGIONS)
Kind = choice(M_("type"), TYPES)
Topics = choices(M_("topic"), TOPICS)


class MemberMeta(SectionModel):
    """The fields of ``content/members/<key>.yml``.

    The validation context carries ``languages`` and the ``required`` ones: a
    description is required in each of those, and the other languages show
    the default language's.
    """

    yaml_file: ClassVar[bool] = True
    editor_order: ClassVar[tuple[str, ...]] = (
        "name",
        "short_name",
        "region",
        "city",
        "type",
        "topics",
        "website",
        "member_since",
        "logo",
        "logo_alt",
        "description",
        "example",
        "status",
    )

    name: Text = Field(
        title=N_("Name"),
        description=M_("Name of the organisation"),
        examples=[NEW_NAME],
    )
    short_name: Text | None = Field(
        None, title=N_("Short name"), description=M_("Short name (optional)")
    )
    region: Region = Field(title=N_("Region"), description=M_("Region"))
    city: Text = Field(title=N_("City"), description=M_("City"))
    type: Kind = Field(
        title=N_("Type of organisation"), description=M_("Type of organisation")
    )
    topics: Topics = Field(
        default_factory=list, title=N_("Topics"), description=M_("Topics")
    )
    website: Url | None = Field(
        None, title=N_("Website"), description=M_("Website (https://…)")
    )
    member_since: Since | None = Field(
        None,
        title=N_("Member since"),
        description=M_("Member since"),
    )
    logo: Logo | None = Field(
        None, title=M_("Logo"), description=M_("Logo under content/images/")
    )
    logo_alt: Text | None = Field(
        None,
        title=M_("Logo description"),
        description=M_("Text for the logo (default: the name)"),
    )
    description: MarkdownTexts = Field(
        title=M_("Description"),
        description=M_("Description in every language (Markdown)"),
    )
    example: Flag = Field(
        False, title=N_("Example"), description=M_("A fictitious example member")
    )

    @property
    def title(self) -> str:
        return self.name
