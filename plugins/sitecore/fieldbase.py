"""What a field type is, and how a model's declared fields are looked up.

A field type (:class:`FieldType`) says once everything the site does with one
kind of value: how the text an editor wrote is read and what the message for
a wrong one says (``parse``), what ``invoke new`` writes for it (``example``),
which input the editing interface offers (``widget``, ``pattern``, ``hint``),
and how a page shows it (``display``). A model field gets its type from its
annotation (``deadline: Day``), so a new field of a known type needs nothing
outside its model: the scaffold, the interface, the checks and the generic
item page all read the type through :func:`declared_fields`.

The site's field types themselves are in :mod:`sitecore.fieldtypes`.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from markupsafe import Markup, escape
from pydantic import BaseModel, BeforeValidator, Field
from pydantic.fields import FieldInfo

from .i18n import Translate

#: A label or hint: a message id of the catalogs, or the text per language.
Label = str | Mapping[str, str]
_UNSET: Any = ...


@dataclass(frozen=True)
class Example:
    """What ``invoke new`` knows when it fills in a new file's fields.

    ``translate`` speaks the language of the file being written (the first
    site language for a YAML file), ``now`` is the site's local time.
    """

    now: datetime
    translate: Translate
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Editing:
    """What a field's input in the editing interface may depend on besides its type.

    ``member_choices`` are (key, name) of the current member files, offered
    wherever a field names members; ``images_folder`` is the pictures' folder
    and ``upload_folder`` the one new pictures of this section go to (a
    folder below it, e.g. ``content/images/news/{{year}}``);
    ``required_languages`` those whose texts a per-language field must have
    (all unless given).
    """

    translate: Translate
    languages: tuple[str, ...]
    editor_lang: str
    images_folder: str = "content/images"
    upload_folder: str = ""
    member_choices: Sequence[tuple[str, str]] = ()
    required_languages: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Shown:
    """What a page needs to show a value: its language and the visitor catalog.

    ``fallback`` is the site's default language, whose text a per-language
    field shows where it has none in ``lang``.
    """

    lang: str
    translate: Translate
    fallback: str = ""


@dataclass(frozen=True)
class Detail:
    """One field as a page lists it: its label and its value as escaped HTML.

    A picture has no ``html``: the page shows it through the image pipeline
    (``field_image(entry, name, alt, sizes)``), described by ``alt``.
    """

    name: str
    label: str
    html: Markup | None = None
    picture: bool = False
    alt: str = ""


def _as_text(value: Any, shown: Shown) -> Markup:
    return escape(str(value))


@dataclass(frozen=True, eq=False)
class FieldType:
    """One kind of field, declared once (see the module docstring).

    - ``parse(value)`` or ``parse(value, info)``: the editor's text (YAML keeps
      every scalar a string) to the value; raises ``ValueError(M(...))`` with
      a message that says what to write instead.
    - ``hint``: how a value is written, an editor message id ("Write
      YYYY-MM-DD …"): the interface's pattern message, and the explanation
      ``invoke new`` writes above a field that has no description of its own.
    - ``pattern``: the regular expression the editing interface checks a
      typed value against (it only warns early; ``parse`` decides).
    - ``widget(field, editing)``: the interface's settings for the input.
    - ``check(field, editing)``: what the interface checks before saving
      (``[{"kind": "date", "mode": "day", "messages": …}]``, see
      ``plugins/admin/static/checks.js``); by default the ``pattern`` with
      the ``hint`` as its message.
    - ``input_hint``: how to enter a value in the interface, where that
      differs from writing it in a file ("separate them with commas").
    - ``example(field, example)``: the value a new file starts with, or None
      to leave the field as a comment. It is used for required fields, and
      for optional ones when ``fills_optional`` (a draft status, today's date).
    - ``display(value, shown)``: the value on a page (escaped HTML); None for
      types the generic item page does not list (positions, addresses of the
      page itself, per-language Markdown shown as the text).
    - ``per_language``: one value per site language (YAML files); ``markdown``
      for Markdown texts; ``picture``: a picture whose description is the
      field ``<name>_alt``; ``needs_consent``: personal data, accepted only
      with a ``consent`` date; ``member_link``: member keys; ``choices``: the
      vocabulary (code → label message id).
    """

    name: str
    parse: Callable[..., Any]
    value_type: Any = str
    hint: str = ""
    pattern: str = ""
    widget: Callable[[DeclaredField, Editing], dict[str, Any]] | None = None
    check: Callable[[DeclaredField, Editing], list[dict[str, Any]]] | None = None
    input_hint: str = ""
    example: Callable[[DeclaredField, Example], Any] | None = None
    fills_optional: bool = False
    display: Callable[[Any, Shown], Markup | None] | None = _as_text
    per_language: bool = False
    markdown: bool = False
    picture: bool = False
    needs_consent: bool = False
    member_link: bool = False
    many: bool = False
    choices: Mapping[str, str] = field(default_factory=dict)

    @property
    def annotation(self) -> Any:
        """The type to annotate a model field with: ``deadline: DAY.annotation``."""
        return Annotated[self.value_type, BeforeValidator(self.parse), self]

    def editor_widget(self, declared: DeclaredField, editing: Editing) -> dict:
        """The interface's widget settings; by default a line of text."""
        if self.widget is not None:
            return self.widget(declared, editing)
        return {"widget": "string"}

    def editor_checks(
        self, declared: DeclaredField, editing: Editing
    ) -> list[dict[str, Any]]:
        """What the interface checks a value against before saving.

        By default the type's pattern, answered with its hint: the interface
        refuses what the build would refuse, in the same words.
        """
        if self.check is not None:
            return self.check(declared, editing)
        if self.pattern:
            message = editing.translate(self.hint) if self.hint else ""
            return [{"kind": "pattern", "pattern": self.pattern, "message": message}]
        return []


#: A field holding a nested group of fields (an event's ``location``).
GROUP = FieldType("group", parse=lambda value: value, display=None)
#: A field with a fixed set of values (``Literal``), e.g. ``status``.
LITERAL = FieldType("literal", parse=lambda value: value, display=None)


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """``Annotated[base, *metadata]`` split, with ``Optional`` removed."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    if origin is Annotated:
        return get_args(annotation)[0], tuple(annotation.__metadata__)
    return annotation, ()


def type_of(info: FieldInfo) -> FieldType | None:
    """The field type a model field was declared with, or None for a plain type.

    Pydantic moves the metadata of required fields onto ``info.metadata``;
    optional ones keep it inside their annotation.
    """
    base, metadata = _unwrap(info.annotation)
    for meta in (*info.metadata, *metadata):
        if isinstance(meta, FieldType):
            return meta
    if isinstance(base, type) and issubclass(base, BaseModel):
        return GROUP
    if get_origin(base) is Literal:
        return LITERAL
    return None


def literal_values(info: FieldInfo) -> tuple[str, ...]:
    """The values a ``Literal`` field allows."""
    base, _ = _unwrap(info.annotation)
    return tuple(str(arg) for arg in get_args(base))


def nested_model(info: FieldInfo) -> type[BaseModel]:
    """The model of a field holding a group of fields."""
    base, _ = _unwrap(info.annotation)
    return base


def text_of(label: Label, lang: str, translate: Translate) -> str:
    """A label or hint in ``lang``: translated, or picked from its languages."""
    if isinstance(label, Mapping):
        return label.get(lang) or next(iter(label.values()), "")
    return translate(label) if label else ""


@dataclass(frozen=True)
class DeclaredField:
    """One field of a model as declared: its name, pydantic info and type."""

    name: str
    info: FieldInfo
    type: FieldType

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def label(self) -> Label:
        """What the field is called: a message id or the text per language."""
        extra = self.info.json_schema_extra
        if isinstance(extra, Mapping) and isinstance(extra.get("label"), Mapping):
            return extra["label"]
        return self.info.title or self.name.replace("_", " ").capitalize()

    @property
    def hint(self) -> Label:
        """What to write: the field's description, else its type's hint."""
        extra = self.info.json_schema_extra
        if isinstance(extra, Mapping) and isinstance(extra.get("hint"), Mapping):
            return extra["hint"]
        return self.info.description or self.type.hint

    @property
    def examples(self) -> list[Any]:
        """Start values declared on the field itself (message ids are translated)."""
        return list(self.info.examples or [])

    def label_in(self, lang: str, translate: Translate) -> str:
        return text_of(self.label, lang, translate)

    def hint_in(self, lang: str, translate: Translate) -> str:
        return text_of(self.hint, lang, translate)

    def file_hint_in(self, lang: str, translate: Translate) -> str:
        """What a new file says above the field: its hint, and how the value
        is written in a file where the interface takes it differently (a date
        typed the German way there is YYYY-MM-DD here)."""
        hint = self.hint_in(lang, translate)
        if self.type.check is None or not self.type.hint or not self.info.description:
            return hint
        return f"{hint.rstrip('.')}. {translate(self.type.hint)}"

    def start_value(self, example: Example) -> Any:
        """What a new file writes for this field (None: a commented line)."""
        if self.examples:
            first = self.examples[0]
            return (
                example.translate(first) if isinstance(first, str) and first else first
            )
        if self.type.example is None or not (self.required or self.type.fills_optional):
            return None
        return self.type.example(self, example)


def declare(
    default: Any = _UNSET,
    *,
    label: Label = "",
    hint: Label = "",
    example: Any = _UNSET,
    default_factory: Callable[[], Any] | None = None,
) -> Any:
    """A model field with its label, hint and start value, declared in one place.

    ``label`` names the field (in the editing interface and on pages), ``hint``
    says what to write (interface hint, comment in new files); both are
    message ids of the catalogs, or the text per language
    (``{"de": "Bewerbungsschluss", "en": "Deadline"}``) for a field whose
    words are not in the catalogs. ``example`` is what ``invoke new`` writes.
    """
    extra: dict[str, Any] = {}
    if isinstance(label, Mapping):
        extra["label"] = dict(label)
    if isinstance(hint, Mapping):
        extra["hint"] = dict(hint)
    options: dict[str, Any] = {
        "title": label if isinstance(label, str) and label else None,
        "description": hint if isinstance(hint, str) and hint else None,
        "json_schema_extra": extra or None,
    }
    if example is not _UNSET:
        options["examples"] = [example]
    if default_factory is not None:
        return Field(default_factory=default_factory, **options)
    if default is _UNSET:
        return Field(**options)
    return Field(default, **options)
