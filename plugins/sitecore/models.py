"""Front-matter models of the Markdown sections (the content contract).

Each model is what one kind of file may say; every one derives from
:class:`~sitecore.sectionmodel.SectionModel` and annotates its fields with the
site's field types (:mod:`sitecore.fieldtypes`). Field titles and
descriptions are gettext message ids: the title names the field (editing
interface, generic item pages), the description explains it (``invoke new``
writes it as a comment in the file's language, the interface shows it as a
hint), so every place explains the same thing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .dates import When
from .fieldtypes import (
    Aliases,
    DateTime,
    LongText,
    MemberKeys,
    Order,
    Picture,
    Since,
    Slug,
    Text,
    TextList,
    ZoneName,
    choice_type,
)
from .i18n import M_, N_, M
from .schema import on_field
from .sectionmodel import SectionModel

#: The forms a standing page can show below its text (see bilingual.forms).
PAGE_FORMS = {"contact": M_("Contact form")}
#: A page's form: shown as the form itself, not as a value.
PAGE_FORM = choice_type(M_("form"), PAGE_FORMS, shown=False)
PageForm = PAGE_FORM.annotation
NEW_TITLE = M_("New title")

IMAGE_ALT_MISSING = M_(
    "add 'image_alt', a short description of the picture for visitors who cannot see it"
)


class ContentMeta(SectionModel):
    """Fields every Markdown content kind shares."""

    editor_order: ClassVar[tuple[str, ...]] = ("title", "slug", "summary", "status")

    title: Text = Field(
        title=N_("Title"), description=M_("Headline"), examples=[NEW_TITLE]
    )
    slug: Slug | None = Field(
        None,
        title=M_("Web address (slug)"),
        description=M_("Web address of this language version (optional)"),
    )
    summary: LongText | None = Field(
        None,
        title=N_("Summary"),
        description=M_("Teaser for lists and link previews (optional)"),
        examples=[""],
    )
    aliases: Aliases = Field(
        default_factory=list,
        title=M_("Old addresses"),
        description=M_("Old addresses that should lead here, e.g. /2017/01/old-post/"),
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
    def teaser(self) -> str | None:
        return self.summary

    @property
    def page_slug(self) -> str | None:
        return self.slug


class PictureFields(SectionModel):
    """A lead picture and its description."""

    described_pictures: ClassVar[tuple[str, ...]] = ("image",)

    image: Picture | None = Field(
        None,
        title=N_("Picture"),
        description=M_("Lead picture under content/images/ (optional)"),
    )
    image_alt: Text | None = Field(
        None,
        title=M_("Picture description"),
        description=M_("What the picture shows, for visitors who cannot see it"),
        validate_default=True,
    )

    @field_validator("image_alt")
    @classmethod
    def _image_needs_alt(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Checked on its own field, so it is reported with the other mistakes.
        if info.data.get("image") and not value:
            raise ValueError(on_field("image", M(IMAGE_ALT_MISSING)))
        return value

    @property
    def lead_image(self) -> str | None:
        return self.image


class NewsMeta(PictureFields, ContentMeta):
    """A news article's front matter."""

    timezone: ZoneName | None = Field(
        None, title=M_("Time zone"), description=M_("Time zone of the date")
    )
    date: DateTime = Field(title=N_("Date"), description=M_("Publication date"))
    modified: DateTime | None = Field(
        None,
        title=N_("Last change"),
        description=M_("Date of the last substantial change (optional)"),
    )
    tags: TextList = Field(
        default_factory=list, title=N_("Tags"), description=M_("Tags")
    )
    members: MemberKeys = Field(
        default_factory=list,
        title=N_("Members"),
        description=M_("Keys of the members it is about"),
    )
    author: Text | None = Field(
        None, title=N_("Author"), description=M_("Author shown under the title")
    )

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

    @property
    def published(self) -> When | None:
        return self.date

    @property
    def changed(self) -> When | None:
        return self.modified

    @property
    def byline(self) -> str | None:
        return self.author


class PageMeta(ContentMeta):
    """A standing page's front matter."""

    menu: Order | None = Field(
        None,
        title=M_("Menu position"),
        description=M_("Position in the main navigation (optional)"),
    )
    form: PageForm | None = Field(
        None,
        title=M_("Form"),
        description=M_("A form shown below the text: contact (optional)"),
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

    members: MemberKeys = Field(
        default_factory=list,
        title=N_("Members"),
        description=M_("Keys of the members taking part"),
    )
    since: Since | None = Field(
        None, title=N_("Since"), description=M_("Year the project started")
    )
    order: Order | None = Field(
        None,
        title=M_("Position"),
        description=M_("Position in the list of projects (optional)"),
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
    its list, optionally a date, cover what a simple section shows. A section
    with fields of its own derives its model from this one (see the README,
    "Adding a section").
    """

    timezone: ZoneName | None = Field(
        None, title=M_("Time zone"), description=M_("Time zone of the date")
    )
    date: DateTime | None = Field(
        None, title=N_("Date"), description=M_("Date (optional)")
    )
    members: MemberKeys = Field(
        default_factory=list,
        title=N_("Members"),
        description=M_("Keys of the members it is about"),
    )
    order: Order | None = Field(
        None, title=M_("Position"), description=M_("Position in the list (optional)")
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

    @property
    def published(self) -> When | None:
        return self.date


#: Names accepted besides a model's fields: Hugo's ``draft``, and the ``key``
#: the editing interface writes when it names a new file (the file name rules).
EXTRA_ACCEPTED = frozenset({"draft", "key"})
