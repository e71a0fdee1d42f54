"""Front-matter models of the Markdown sections (the content contract).

Each model is what one kind of file may say. Field descriptions are gettext
message ids: ``invoke new`` writes them as comments in the file's language and
the editing interface shows them as hints, so both explain the same thing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .fields import Aliases, Since, one_of_type
from .i18n import N_, M
from .schema import (
    DateTime,
    Number,
    Slug,
    Status,
    Text,
    TextList,
    ZoneName,
    on_field,
)

#: The forms a standing page can show below its text (see bilingual.forms).
PAGE_FORMS = {"contact": N_("Contact form")}
PageForm = one_of_type(N_("form"), PAGE_FORMS)

IMAGE_ALT_MISSING = N_(
    "add 'image_alt', a short description of the picture for visitors who cannot see it"
)


class ContentMeta(BaseModel):
    """Fields every Markdown content kind shares."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    #: YAML sections keep one file per item with all languages inside.
    yaml_file: ClassVar[bool] = False
    #: The order in which new files and the editing interface show the fields.
    editor_order: ClassVar[tuple[str, ...]] = ("title", "slug", "summary", "status")
    #: Fields that describe the item itself, not its text: entered once in the
    #: editing interface and written identically to every language's file.
    shared_fields: ClassVar[tuple[str, ...]] = ()

    title: Text = Field(description=N_("Headline"))
    slug: Slug | None = Field(
        None, description=N_("Web address of this language version (optional)")
    )
    summary: Text | None = Field(
        None, description=N_("Teaser for lists and link previews (optional)")
    )
    status: Status = Field(
        "published", description=N_("'draft' keeps the item unpublished")
    )
    aliases: Aliases = Field(
        default_factory=list,
        description=N_("Old addresses that should lead here, e.g. /2017/01/old-post/"),
    )

    @model_validator(mode="before")
    @classmethod
    def _hugo_draft(cls, data: Any) -> Any:
        # Hugo and Jekyll editors write "draft: true"; honour it as status.
        if isinstance(data, dict) and "draft" in data:
            data = dict(data)
            flag = str(data.pop("draft")).strip().lower()
            if flag in ("true", "yes", "1") and "status" not in data:
                data["status"] = "draft"
        return data

    @property
    def is_draft(self) -> bool:
        """Drafts are previewed by the dev server and never published."""
        return self.status == "draft"


class PictureFields(BaseModel):
    """A lead picture and its description."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    image: Text | None = Field(
        None, description=N_("Lead picture under content/images/ (optional)")
    )
    image_alt: Text | None = Field(
        None,
        description=N_("What the picture shows, for visitors who cannot see it"),
        validate_default=True,
    )

    @field_validator("image_alt")
    @classmethod
    def _image_needs_alt(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Checked on its own field, so it is reported with the other mistakes.
        if info.data.get("image") and not value:
            raise ValueError(on_field("image", M(IMAGE_ALT_MISSING)))
        return value


class NewsMeta(PictureFields, ContentMeta):
    """A news article's front matter."""

    timezone: ZoneName | None = Field(None, description=N_("Time zone of the date"))
    date: DateTime = Field(description=N_("Publication date: YYYY-MM-DD HH:MM"))
    modified: DateTime | None = Field(
        None, description=N_("Date of the last substantial change (optional)")
    )
    tags: TextList = Field(default_factory=list, description=N_("Tags"))
    members: TextList = Field(
        default_factory=list, description=N_("Keys of the members it is about")
    )
    author: Text | None = Field(None, description=N_("Author shown under the title"))

    shared_fields: ClassVar[tuple[str, ...]] = (
        "date",
        "timezone",
        "members",
        "image",
    )
    editor_order: ClassVar[tuple[str, ...]] = (
        "title",
        "date",
        "slug",
        "summary",
        "tags",
        "members",
        "image",
        "image_alt",
        "author",
        "status",
    )


class PageMeta(ContentMeta):
    """A standing page's front matter."""

    menu: Number | None = Field(
        None, description=N_("Position in the main navigation (optional)")
    )
    form: PageForm | None = Field(
        None, description=N_("A form shown below the text: contact (optional)")
    )

    shared_fields: ClassVar[tuple[str, ...]] = ("menu",)
    editor_order: ClassVar[tuple[str, ...]] = (
        "title",
        "slug",
        "summary",
        "menu",
        "form",
        "status",
    )


class ProjectMeta(PictureFields, ContentMeta):
    """A project of the association (``content/projects/``)."""

    members: TextList = Field(
        default_factory=list, description=N_("Keys of the members taking part")
    )
    since: Since | None = Field(None, description=N_("Year the project started"))
    order: Number | None = Field(
        None, description=N_("Position in the list of projects (optional)")
    )

    shared_fields: ClassVar[tuple[str, ...]] = ("since", "order", "members", "image")
    editor_order: ClassVar[tuple[str, ...]] = (
        "title",
        "slug",
        "summary",
        "since",
        "order",
        "members",
        "image",
        "image_alt",
        "status",
    )


class ItemMeta(PictureFields, ContentMeta):
    """Front matter of a section declared in the settings without a model.

    Such a section needs no Python: a title, text, a picture and a position in
    its list, optionally a date, cover what a simple section shows.
    """

    timezone: ZoneName | None = Field(None, description=N_("Time zone of the date"))
    date: DateTime | None = Field(None, description=N_("Date (optional)"))
    members: TextList = Field(
        default_factory=list, description=N_("Keys of the members it is about")
    )
    order: Number | None = Field(
        None, description=N_("Position in the list (optional)")
    )

    shared_fields: ClassVar[tuple[str, ...]] = (
        "date",
        "timezone",
        "order",
        "members",
        "image",
    )
    editor_order: ClassVar[tuple[str, ...]] = (
        "title",
        "date",
        "slug",
        "summary",
        "order",
        "image",
        "image_alt",
        "status",
    )


#: Names accepted besides a model's fields: Hugo's ``draft``, and the ``key``
#: the editing interface writes when it names a new file (the file name rules).
EXTRA_ACCEPTED = frozenset({"draft", "key"})
