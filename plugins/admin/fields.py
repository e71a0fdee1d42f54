"""One model field → one field of the editing interface (a Decap widget).

The widget follows from the field's type as the model declares it (the
``sitecore`` field types, ``Literal`` choices, ``one_of`` vocabularies,
nested models), so a field added to a model appears in the interface with the
right input, required flag, choices and validation, without a hand-kept
list. Names decide only where the type cannot: pictures are text in the
model but uploads in the interface, and ``members`` lists hold member keys.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sitecore.fields import Alias, Flag, PerLanguage, Since, Word
from sitecore.schema import DateTime, Number, Slug, Text, TextList, Url, ZoneName

from . import labels

Translate = Callable[[str], str]

#: A key as the contract allows it (``sitecore.slugs``), at most 80 characters.
KEY_PATTERN = r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
WHEN_PATTERN = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
ZONE_PATTERN = r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"
ALIAS_PATTERN = r"^/[^?#\s]*$"
#: How the date widget writes: the contract's ``YYYY-MM-DD HH:MM``.
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
#: Fields that hold a picture under ``content/images/``.
PICTURE_FIELDS = frozenset({"image", "logo", "photo"})
#: Fields that hold member keys (a list, or one key).
MEMBER_FIELDS = frozenset({"members", "member"})
#: Fields whose text is long enough for a box rather than a line.
LONG_TEXT_FIELDS = frozenset({"summary"})


@dataclass(frozen=True)
class FieldContext:
    """What a field's widget may depend on besides the model.

    ``member_choices`` are (key, name) of the current member files;
    ``languages`` the site's, for fields with one text per language;
    ``images`` the content folder's pictures as the repository names them.
    """

    translate: Translate
    languages: tuple[str, ...]
    editor_lang: str
    images_folder: str = "content/images"
    member_choices: Sequence[tuple[str, str]] = ()
    markdown_fields: frozenset[str] = frozenset()
    all_day_fields: frozenset[str] = frozenset()
    defaults: Mapping[str, Any] = field(default_factory=dict)


def _parts(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """``Annotated[base, *metadata]`` split, with ``Optional`` removed."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(args) == 1:
            return _parts(args[0])
    if origin is Annotated:
        return get_args(tp)[0], tuple(tp.__metadata__)
    return tp, ()


def field_type(info: FieldInfo) -> tuple[Any, tuple[Any, ...]]:
    """A model field's type as declared: pydantic moves the metadata of
    required fields onto ``info.metadata``; optional ones keep it inside."""
    base, metadata = _parts(info.annotation)
    return base, tuple(info.metadata) + metadata


def _same(parts: tuple[Any, tuple[Any, ...]], declared: Any) -> bool:
    return parts == _parts(declared)


def _codes(metadata: tuple[Any, ...]) -> Mapping[str, str] | None:
    """The vocabulary of a ``sitecore.fields.one_of`` validator, if any."""
    for meta in metadata:
        codes = getattr(getattr(meta, "func", None), "codes", None)
        if codes:
            return codes
    return None


def _pattern(regex: str, message: str, tr: Translate) -> dict[str, Any]:
    return {"widget": "string", "pattern": [regex, tr(message)]}


def _options(codes: Mapping[str, str], tr: Translate) -> list[dict[str, str]]:
    return [{"label": tr(label), "value": code} for code, label in codes.items()]


def widget_for(name: str, info: FieldInfo, ctx: FieldContext) -> dict[str, Any]:
    """The widget settings (without name, label, hint) of one model field."""
    tr = ctx.translate
    parts = field_type(info)
    base, metadata = parts
    if name in PICTURE_FIELDS:
        # Uploads land in content/images/ and are written "images/…" as the
        # contract asks (the folder starting with / is the repository's root).
        return {
            "widget": "image",
            "media_folder": "/" + ctx.images_folder,
            "public_folder": ctx.images_folder.rsplit("/", 1)[-1],
            "choose_url": False,
        }
    if name in MEMBER_FIELDS:
        widget: dict[str, Any] = {
            "widget": "select",
            "options": [{"label": n, "value": k} for k, n in ctx.member_choices],
        }
        if get_origin(base) is list or _same(parts, TextList):
            widget["multiple"] = True
        if not ctx.member_choices:
            return (
                {"widget": "list"} if widget.get("multiple") else {"widget": "string"}
            )
        return widget
    if get_origin(base) is Literal:
        choices = [str(arg) for arg in get_args(base)]
        return {
            "widget": "select",
            "options": [
                {"label": tr(labels.STATUS_LABELS.get(c, c)), "value": c}
                for c in choices
            ],
        }
    codes = _codes(metadata)
    if codes:
        return {"widget": "select", "options": _options(codes, tr)}
    if isinstance(base, type) and issubclass(base, BaseModel):
        return {
            "widget": "object",
            "collapsed": False,
            "fields": model_fields(base, ctx),
        }
    if _same(parts, DateTime):
        if name in ctx.all_day_fields:
            return _pattern(WHEN_PATTERN, labels.DATE_MESSAGE, tr)
        return {"widget": "datetime", "format": DATETIME_FORMAT, "picker_utc": False}
    if _same(parts, Url):
        return _pattern(URL_PATTERN, labels.URL_MESSAGE, tr)
    if _same(parts, Slug):
        return _pattern(KEY_PATTERN, labels.KEY_MESSAGE, tr)
    if _same(parts, ZoneName):
        return _pattern(ZONE_PATTERN, labels.ZONE_MESSAGE, tr)
    if _same(parts, Since):
        return _pattern(PARTIAL_DATE_PATTERN, labels.PARTIAL_DATE_MESSAGE, tr)
    if _same(parts, Number):
        return {"widget": "number", "value_type": "float"}
    if _same(parts, Flag):
        return {"widget": "boolean"}
    if _same(parts, TextList):
        return {"widget": "list"}
    if _same(parts, PerLanguage):
        inner = "markdown" if name in ctx.markdown_fields else "string"
        return {
            "widget": "object",
            "collapsed": False,
            "fields": [
                {"name": lang, "label": lang.upper(), "widget": inner}
                for lang in ctx.languages
            ],
        }
    if get_origin(base) is list:
        item_base, item_meta = _parts(get_args(base)[0])
        item_codes = _codes(item_meta)
        if item_codes:
            return {
                "widget": "select",
                "multiple": True,
                "options": _options(item_codes, tr),
            }
        if (item_base, item_meta) == _parts(Alias):
            return {
                "widget": "list",
                "field": {
                    "name": "path",
                    "label": tr(labels.FIELD_LABELS["aliases"]),
                    "widget": "string",
                    "pattern": [ALIAS_PATTERN, tr(labels.ALIAS_MESSAGE)],
                },
            }
        return {"widget": "list"}
    if name == "country":
        return _pattern(COUNTRY_PATTERN, labels.COUNTRY_MESSAGE, tr)
    if name in LONG_TEXT_FIELDS and (_same(parts, Text) or _same(parts, Word)):
        return {"widget": "text"}
    return {"widget": "string"}


def _default(info: FieldInfo) -> Any:
    """The model's default where the interface can show it (text, numbers)."""
    if info.is_required() or info.default_factory is not None:
        return None
    value = info.default
    if value is None or value is False:
        return None
    return value if isinstance(value, str | int | float) else None


def editor_field(name: str, info: FieldInfo, ctx: FieldContext) -> dict[str, Any]:
    """One field of the interface: name, label, hint, required, widget."""
    tr = ctx.translate
    result: dict[str, Any] = {
        "name": name,
        "label": tr(labels.FIELD_LABELS.get(name, name.replace("_", " ").capitalize())),
        **widget_for(name, info, ctx),
        "required": info.is_required(),
    }
    if info.description:
        result["hint"] = tr(info.description)
    default = ctx.defaults.get(name, _default(info))
    if default is not None:
        result["default"] = default
    return result


def ordered_names(model: type[BaseModel]) -> list[str]:
    """Every field of ``model``: ``editor_order`` first, then the rest as declared."""
    fields = model.model_fields
    first = [n for n in getattr(model, "editor_order", ()) if n in fields]
    return first + [n for n in fields if n not in first]


def model_fields(model: type[BaseModel], ctx: FieldContext) -> list[dict[str, Any]]:
    """The interface's fields of every field of ``model``, in editor order."""
    return [
        editor_field(name, model.model_fields[name], ctx)
        for name in ordered_names(model)
    ]
