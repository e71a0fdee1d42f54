"""Front-matter models for news articles and standing pages (the contract)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from .schema import DateTime, Number, Slug, Status, Text, TextList, ZoneName


class ContentMeta(BaseModel):
    """Fields every Markdown content kind shares."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    title: Text
    slug: Slug | None = None
    summary: Text | None = None
    status: Status = "published"

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


class NewsMeta(ContentMeta):
    """A news article's front matter."""

    timezone: ZoneName | None = None
    date: DateTime
    modified: DateTime | None = None
    tags: TextList = []
    members: TextList = []
    image: Text | None = None
    image_alt: Text | None = None
    author: Text | None = None

    @model_validator(mode="after")
    def _image_needs_alt(self) -> NewsMeta:
        if self.image and not self.image_alt:
            raise ValueError(
                "image: add 'image_alt', a short description of the picture "
                "for visitors who cannot see it"
            )
        return self


class PageMeta(ContentMeta):
    """A standing page's front matter."""

    menu: Number | None = None


EXTRA_ACCEPTED = frozenset({"draft"})
