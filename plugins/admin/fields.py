"""One model field → one field of the editing interface (a Decap widget).

The widget, its pattern and the pattern's message come from the field's type
as the model declares it (:mod:`sitecore.fieldtypes`); the label and the hint
from the field's own declaration (its title and description). So a field
added to a model appears in the interface with the right input, required
flag, choices and check, without a list kept by hand here.
"""

from __future__ import annotations

from typing import Any

from sitecore.fieldbase import GROUP, LITERAL, DeclaredField, Editing, literal_values
from sitecore.fieldbase import nested_model as _nested_model
from sitecore.fieldtypes import DATETIME_FORMAT, KEY_PATTERN
from sitecore.sectionmodel import SectionModel, declared_fields

__all__ = [
    "DATETIME_FORMAT",
    "KEY_PATTERN",
    "FieldContext",
    "editor_field",
    "model_fields",
    "ordered_names",
    "widget_for",
]

#: What a field's widget may depend on besides the model (see ``sitecore.fieldbase``).
FieldContext = Editing


def widget_for(declared: DeclaredField, ctx: Editing) -> dict[str, Any]:
    """The widget settings (without name, label, hint) of one model field."""
    kind = declared.type
    if kind is GROUP:
        model = _nested_model(declared.info)
        return {
            "widget": "object",
            "collapsed": False,
            "fields": [
                editor_field(field, ctx) for field in declared_fields(model).values()
            ],
        }
    if kind is LITERAL:
        return {
            "widget": "select",
            "options": [
                {"label": value, "value": value}
                for value in literal_values(declared.info)
            ],
        }
    return kind.editor_widget(declared, ctx)


def _default(declared: DeclaredField) -> Any:
    """The model's default where the interface can show it (text, numbers)."""
    info = declared.info
    if info.is_required() or info.default_factory is not None:
        return None
    value = info.default
    if value is None or value is False:
        return None
    return value if isinstance(value, str | int | float) else None


def editor_field(declared: DeclaredField, ctx: Editing) -> dict[str, Any]:
    """One field of the interface: name, label, hint, required, widget."""
    tr = ctx.translate
    name = declared.name
    result: dict[str, Any] = {
        "name": name,
        "label": declared.label_in(ctx.editor_lang, tr),
        **widget_for(declared, ctx),
        "required": declared.required,
    }
    if declared.info.description or not isinstance(declared.hint, str):
        result["hint"] = declared.hint_in(ctx.editor_lang, tr)
    default = ctx.defaults.get(name, _default(declared))
    if default is not None:
        result["default"] = default
    return result


def ordered_names(model: type[SectionModel]) -> list[str]:
    """Every field of ``model``: ``editor_order`` first, then the rest as declared."""
    return model.field_order()


def model_fields(model: type[SectionModel], ctx: Editing) -> list[dict[str, Any]]:
    """The interface's fields of every field of ``model``, in editor order."""
    return [editor_field(model.declared[name], ctx) for name in ordered_names(model)]
