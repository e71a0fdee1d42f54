"""One model field → one field of the editing interface (a Decap widget).

The widget, its checks and their messages come from the field's type as the
model declares it (:mod:`sitecore.fieldtypes`); the label and the hint from
the field's own declaration (its title and description) and from the type
(how a value is entered). What a field asks of its neighbours comes from the
model: a picture it declares described needs its description, personal data
needs the consent date. So a field added to a model appears in the interface
with the right input, required flag, choices and checks, without a list kept
by hand here.
"""

from __future__ import annotations

from typing import Any

from sitecore.fieldbase import GROUP, LITERAL, DeclaredField, Editing, literal_values
from sitecore.fieldbase import nested_model as _nested_model
from sitecore.i18n import M_
from sitecore.personal import CONSENT_FIELD
from sitecore.sectionmodel import SectionModel, declared_fields

__all__ = [
    "FieldContext",
    "editor_field",
    "model_fields",
    "ordered_names",
    "widget_for",
]

#: What a field's widget may depend on besides the model (see ``sitecore.fieldbase``).
FieldContext = Editing

#: What the interface says before saving a described picture without description.
DESCRIPTION_MISSING = M_(
    "Describe the picture in a few words, for visitors who cannot see it"
)
#: … and personal data without the day the person agreed to publish it.
CONSENT_MISSING = M_(
    "Published only with the person's consent: fill in the consent date first, "
    "or leave this field empty"
)


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


def _hint(declared: DeclaredField, label: str, ctx: Editing) -> str:
    """What the field is for and how to enter it (a description that only
    repeats the label says nothing)."""
    parts = []
    if declared.info.description or not isinstance(declared.hint, str):
        described = declared.hint_in(ctx.editor_lang, ctx.translate)
        if described.strip().casefold() != label.strip().casefold():
            parts.append(described)
    if declared.type.input_hint:
        parts.append(ctx.translate(declared.type.input_hint))
    if len(parts) < 2:
        return "".join(parts)
    return " ".join(part if part[-1:] in ".!?" else part + "." for part in parts)


def editor_field(declared: DeclaredField, ctx: Editing) -> dict[str, Any]:
    """One field of the interface: name, label, hint, required, widget, checks."""
    tr = ctx.translate
    name = declared.name
    label = declared.label_in(ctx.editor_lang, tr)
    result: dict[str, Any] = {
        "name": name,
        "label": label,
        **widget_for(declared, ctx),
        "required": declared.required,
    }
    hint = _hint(declared, label, ctx)
    if hint:
        result["hint"] = hint
    checks = declared.type.editor_checks(declared, ctx)
    if checks:
        result["checks"] = checks
    default = ctx.defaults.get(name, _default(declared))
    if default is not None:
        result["default"] = default
    return result


def ordered_names(model: type[SectionModel]) -> list[str]:
    """Every field of ``model``: ``editor_order`` first, then the rest as declared."""
    return model.field_order()


def model_fields(model: type[SectionModel], ctx: Editing) -> list[dict[str, Any]]:
    """The interface's fields of every field of ``model``, in editor order.

    Besides each field's own checks: a described picture's description is
    asked for when there is a picture, and personal data needs the consent
    date (the build refuses both otherwise).
    """
    fields = [editor_field(model.declared[name], ctx) for name in ordered_names(model)]
    by_name = {field["name"]: field for field in fields}
    for picture in model.described_pictures:
        by_name[f"{picture}_alt"].setdefault("checks", []).append(
            {
                "kind": "with",
                "field": picture,
                "message": ctx.translate(DESCRIPTION_MISSING),
            }
        )
    for name, declared in model.declared.items():
        if declared.type.needs_consent:
            by_name[name].setdefault("checks", []).append(
                {
                    "kind": "needs",
                    "field": CONSENT_FIELD,
                    "message": ctx.translate(CONSENT_MISSING),
                }
            )
    return fields
