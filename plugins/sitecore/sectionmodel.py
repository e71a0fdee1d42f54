"""The typed base of every section's model: the content-model contract.

A section's model (``sitecore.models.NewsMeta``, ``members.model.MemberMeta``,
a new ``JobMeta``) says what one file of the section may contain. Deriving
from :class:`SectionModel` it declares, with defaults, everything the site
asks of a model, so no part of the site probes a model for attributes:

- ``yaml_file``: one YAML file per item with every language inside (members,
  people), instead of one Markdown file per language;
- ``editor_order``: the order in which new files and the editing interface
  show the fields (a model that does not set it gets its parent's, with its
  own new fields before ``status``);
- ``shared_fields``: fields that describe the item rather than its text,
  entered once in the interface and written to every language's file;
- ``described_pictures``: pictures that need their description
  (``<name>_alt``) whenever they are given (the interface asks for it);

and, derived from the field types (:mod:`sitecore.fieldtypes`) when the
class is made, :attr:`~SectionModel.declared` (every field with its type),
``per_language_fields``, ``markdown_fields`` and ``picture_fields``. A field
whose annotation is not one of the site's field types is refused then, with
the name of the type to use, instead of failing later on an editor's file.

The properties at the end (``teaser``, ``published`` …) are what the site
reads of every item; a model with such a field says so by overriding them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from .dates import When
from .fieldbase import DeclaredField, Detail, FieldType, Shown, type_of
from .fieldtypes import ALIASES, Status
from .i18n import M_
from .personal import CONSENT_FIELD

#: What a maintainer reads when a field has no field type of the site.
_KNOWN_TYPES = (
    "Text, LongText, Day, DateTime, DayOrTime, Since, Number, Order, Flag, Url, "
    "Email, Phone, Picture, Photo, TextList, MemberKeys, MemberKey, Texts, "
    "MarkdownTexts, choice(…), choices(…)"
)


class ModelDeclarationError(TypeError):
    """A section model is declared in a way the site cannot follow."""


def declared_fields(model: type[BaseModel]) -> Mapping[str, DeclaredField]:
    """Every field of ``model`` with its field type, in declaration order."""
    result = {}
    for name, info in model.model_fields.items():
        kind = type_of(info)
        if kind is None:
            raise ModelDeclarationError(
                f"{model.__name__}.{name}: {info.annotation!r} is not a field type "
                f"of the site; declare it with one of sitecore.fieldtypes "
                f"({_KNOWN_TYPES})"
            )
        result[name] = DeclaredField(name, info, kind)
    return MappingProxyType(result)


class SectionModel(BaseModel):
    """What one file of a section may say; the base of every section's model."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    yaml_file: ClassVar[bool] = False
    editor_order: ClassVar[tuple[str, ...]] = ()
    shared_fields: ClassVar[tuple[str, ...]] = ()
    described_pictures: ClassVar[tuple[str, ...]] = ()

    # Derived from the field types when the class is made.
    declared: ClassVar[Mapping[str, DeclaredField]] = MappingProxyType({})
    per_language_fields: ClassVar[tuple[str, ...]] = ()
    markdown_fields: ClassVar[tuple[str, ...]] = ()
    #: Pictures the image pipeline makes responsive, besides the lead picture.
    picture_fields: ClassVar[tuple[str, ...]] = ()

    status: Status = Field(
        "published",
        title=M_("Status"),
        description=M_("'draft' keeps the item unpublished"),
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        declared = declared_fields(cls)
        cls.declared = declared
        cls.per_language_fields = tuple(
            n for n, d in declared.items() if d.type.per_language
        )
        cls.markdown_fields = tuple(n for n, d in declared.items() if d.type.markdown)
        cls.picture_fields = tuple(
            n for n, d in declared.items() if d.type.picture and n != "image"
        )
        if "editor_order" not in cls.__dict__:
            cls.editor_order = _extended_order(cls, declared)
        _check_names(cls, "editor_order", cls.editor_order)
        _check_names(cls, "shared_fields", cls.shared_fields)
        _check_names(
            cls,
            "described_pictures",
            cls.described_pictures
            + tuple(f"{name}_alt" for name in cls.described_pictures),
        )
        _check_consent(cls, declared)

    @classmethod
    def field_order(cls) -> list[str]:
        """Every declared field: ``editor_order`` first, then the rest as declared."""
        first = [name for name in cls.editor_order if name in cls.declared]
        return first + [name for name in cls.declared if name not in first]

    # Reading declared fields -------------------------------------------------

    def field_value(self, name: str) -> Any:
        """The value of the declared field ``name``; an undeclared name is a bug."""
        if name not in self.declared:
            raise KeyError(f"{type(self).__name__} declares no field '{name}'")
        return getattr(self, name)

    def values_of(self, kind: FieldType) -> list[tuple[DeclaredField, Any]]:
        """The declared fields of type ``kind`` that have a value, with it."""
        found = []
        for name, declared in self.declared.items():
            if declared.type is kind:
                value = getattr(self, name)
                if value not in (None, [], ""):
                    found.append((declared, value))
        return found

    def sort_value(self, name: str) -> Any:
        """A field's value as lists sort by it (a date's moment); None if absent."""
        if name not in self.declared:
            return None
        value = getattr(self, name)
        return value.value if isinstance(value, When) else value

    def text_in(self, name: str, lang: str, fallback: str) -> tuple[str, str]:
        """The text of a per-language field in ``lang``, and the language it is in.

        Where the file has no text in ``lang``, the text of ``fallback`` (the
        site's default language) stands in, so a page never lacks it.
        """
        texts = self.field_value(name) or {}
        if lang in texts:
            return texts[lang], lang
        return texts.get(fallback, ""), fallback

    def picture_alt(self, name: str) -> str | None:
        """The description of picture field ``name`` (``<name>_alt``), if declared."""
        alt = f"{name}_alt"
        return getattr(self, alt) if alt in self.declared else None

    def details(self, shown: Shown, skip: Collection[str] = ()) -> list[Detail]:
        """The fields a page lists as facts: labelled, formatted by their types.

        Every field with a value whose type can be shown, in editor order,
        except those in ``skip`` (what the page's template shows itself) and
        the descriptions of pictures (the picture carries it).
        """
        alts = {f"{name}_alt" for name, d in self.declared.items() if d.type.picture}
        found = []
        for name in self.field_order():
            declared = self.declared[name]
            if name in skip or name in alts:
                continue
            value = getattr(self, name)
            if value in (None, "", [], {}):
                continue
            label = declared.label_in(shown.lang, shown.translate)
            if declared.type.picture:
                alt = self.picture_alt(name) or label
                found.append(Detail(name, label, picture=True, alt=alt))
            elif declared.type.display is not None:
                html = declared.type.display(value, shown)
                if html:
                    found.append(Detail(name, label, html))
        return found

    def member_references(self) -> list[tuple[DeclaredField, list[str]]]:
        """Every field naming members, with the keys it names (one or a list)."""
        found = []
        for name, declared in self.declared.items():
            if declared.type.member_link:
                value = getattr(self, name)
                keys = [value] if isinstance(value, str) else list(value or ())
                if keys:
                    found.append((declared, keys))
        return found

    @property
    def related_members(self) -> tuple[str, ...]:
        """The members an item is about (its lists of member keys), in order."""
        keys = [
            key
            for declared, found in self.member_references()
            if declared.type.many
            for key in found
        ]
        return tuple(dict.fromkeys(keys))

    @property
    def aliases_given(self) -> list[tuple[str, int, str]]:
        """Old addresses that lead here: (field, index in it, path)."""
        return [
            (declared.name, index, path)
            for declared, paths in self.values_of(ALIASES)
            for index, path in enumerate(paths)
        ]

    @property
    def consent_fields(self) -> tuple[str, ...]:
        """The declared fields published only with consent (e-mail, phone, photo)."""
        return tuple(n for n, d in self.declared.items() if d.type.needs_consent)

    def consent_given(self) -> Any:
        """The ``consent`` date of a model that has one, else None."""
        return getattr(self, CONSENT_FIELD) if CONSENT_FIELD in self.declared else None

    # What the site reads of every item; overridden where a model has it -------

    @property
    def is_draft(self) -> bool:
        """Drafts are previewed by the dev server and never published."""
        return self.status == "draft"

    @property
    def teaser(self) -> str | None:
        """The editor's teaser for lists and link previews."""
        return None

    @property
    def page_slug(self) -> str | None:
        """The URL segment the editor chose for this language version."""
        return None

    @property
    def published(self) -> When | None:
        """The publication date: an item dated in the future waits for it."""
        return None

    @property
    def changed(self) -> When | None:
        """The last substantial change the editor noted."""
        return None

    @property
    def byline(self) -> str | None:
        """The author's name shown with the item."""
        return None

    @property
    def lead_image(self) -> str | None:
        """The item's lead picture under ``content/images/``."""
        return None

    @property
    def moment(self) -> datetime | None:
        """When the item happens or appeared, to order items of several sections."""
        when = self.published
        return when.value if when else None


def _extended_order(
    cls: type[SectionModel], declared: Mapping[str, DeclaredField]
) -> tuple[str, ...]:
    """The parent's order, with the fields this model adds before ``status``."""
    parent = next(
        (base for base in cls.__mro__[1:] if issubclass(base, SectionModel)),
        SectionModel,
    )
    inherited = tuple(parent.editor_order) or tuple(
        n for n in parent.model_fields if n != "status"
    )
    added = [n for n in declared if n not in parent.model_fields]
    head = [n for n in inherited if n != "status"]
    return (*head, *added, "status")


def _check_names(cls: type[SectionModel], what: str, names: tuple[str, ...]) -> None:
    unknown = [name for name in names if name not in cls.model_fields]
    if unknown:
        raise ModelDeclarationError(
            f"{cls.__name__}.{what} names fields it does not declare: "
            + ", ".join(unknown)
        )


def _check_consent(
    cls: type[SectionModel], declared: Mapping[str, DeclaredField]
) -> None:
    """Personal data needs a ``consent`` date, declared before it (it is read first)."""
    names = list(declared)
    for name, field in declared.items():
        if not field.type.needs_consent:
            continue
        if CONSENT_FIELD not in declared or names.index(CONSENT_FIELD) > names.index(
            name
        ):
            raise ModelDeclarationError(
                f"{cls.__name__}.{name} is published only with the person's "
                f"consent: declare 'consent: Consent | None = None' before it"
            )
