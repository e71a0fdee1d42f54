"""A member file's fields, as the content contract defines them.

Every scalar arrives as a string (see ``sitecore.yamldoc``), so each field
parses its own text: ``member_since: 2021-02-30`` is reported as a day that
does not exist, with its line, instead of crashing the YAML parser, and a
misspelt region gets a did-you-mean along with the list of allowed codes.
"""

from __future__ import annotations

import posixpath
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sitecore.fields import Flag, PerLanguage, Since, list_of, one_of_type
from sitecore.i18n import N_, M
from sitecore.schema import Status, Text, Url

from .vocabulary import REGIONS, TOPICS, TYPES

LOGO_FORMATS = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def logo_path(value: str) -> str:
    """A picture path inside ``content/`` (its existence is checked with the logo)."""
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


Logo = Annotated[Text, AfterValidator(logo_path)]
Region = one_of_type(N_("region"), REGIONS)
Kind = one_of_type(N_("type"), TYPES)
Topics = list_of(one_of_type(N_("topic"), TOPICS))


class MemberMeta(BaseModel):
    """The fields of ``content/members/<key>.yml``.

    The validation context carries ``languages``: a description is required
    in each of them.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    yaml_file: ClassVar[bool] = True
    markdown_fields: ClassVar[tuple[str, ...]] = ("description",)
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

    name: Text = Field(description=N_("Name of the organisation"))
    short_name: Text | None = Field(None, description=N_("Short name (optional)"))
    region: Region = Field(description=N_("Region"))
    city: Text = Field(description=N_("City"))
    type: Kind = Field(description=N_("Type of organisation"))
    topics: Topics = Field(default_factory=list, description=N_("Topics"))
    website: Url | None = Field(None, description=N_("Website (https://…)"))
    member_since: Since | None = Field(
        None, description=N_("Member since: YYYY, YYYY-MM or YYYY-MM-DD")
    )
    logo: Logo | None = Field(None, description=N_("Logo under content/images/"))
    logo_alt: Text | None = Field(
        None, description=N_("Text for the logo (default: the name)")
    )
    description: PerLanguage = Field(
        description=N_("Description in every language (Markdown)")
    )
    example: Flag = Field(False, description=N_("A fictitious example member"))
    status: Status = Field(
        "published", description=N_("'draft' keeps the item unpublished")
    )

    @property
    def title(self) -> str:
        return self.name
