"""The editing interface's ``config.yml``, generated from the declarations.

Every declared section becomes a collection: Markdown sections one file per
language side by side (``<key>.<lang>.md`` for each of ``SITE_LANGUAGES``),
YAML sections one file with every language inside. Fields, widgets, choices,
required flags and hints come from the sections' models (see
:mod:`admin.fields`), so the interface can never offer a field the build does
not know, nor miss one.
Nothing here touches Pelican or the disk: it is a function of its arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml

from sitecore.fieldtypes import KEY_MESSAGE, KEY_PATTERN
from sitecore.sections import Section

from . import labels
from .fields import FieldContext, model_fields
from .settings import AdminSettings

#: The commit status whose address is a pull request's preview (set by CI).
PREVIEW_CONTEXT = "site-preview"
#: The slug (file name) of a new item: the ``key`` field the editor fills in,
#: or, left empty, the title transliterated by the interface's script.
NEW_ITEM_SLUG = "{{fields.key}}"


def section_label(section: Section, lang: str, translate: Callable[[str], str]) -> str:
    """A section's label in the editors' language (a message id or per language)."""
    label = section.label or section.name
    if isinstance(label, Mapping):
        return label.get(lang) or next(iter(label.values()), section.name)
    return translate(label)


def key_field(translate: Callable[[str], str], i18n: bool) -> dict[str, Any]:
    """The field that names a new item's file; the build ignores it."""
    field: dict[str, Any] = {
        "name": "key",
        "label": translate(labels.FIELD_LABELS["key"]),
        "widget": "string",
        "required": False,
        "pattern": [KEY_PATTERN, translate(KEY_MESSAGE)],
        "hint": translate(labels.KEY_HINT),
    }
    if i18n:
        field["i18n"] = "none"  # one file name for every language
    return field


def _mark_i18n(field: dict[str, Any], shared: bool) -> dict[str, Any]:
    """Translated per language, or (shared) entered once and duplicated.

    The interface takes only true/false on an object, whose fields say
    ``duplicate`` themselves, and on a list (its configuration check refuses
    anything else): a shared list (member keys while there are no members to
    choose from) is then kept per language.
    """
    if field["widget"] == "object":
        field["i18n"] = True
        for inner in field["fields"]:
            _mark_i18n(inner, shared)
    elif field["widget"] == "list":
        field["i18n"] = True
    else:
        field["i18n"] = "duplicate" if shared else True
    return field


def _preview_path(section: Section, lang: str) -> str | None:
    """Where the interface's "view preview" leads: the item, else its list."""
    if section.has_items and not section.year_folders:
        pattern = section.pattern(section.item_urls, lang)
        return pattern.replace("{slug}", "{{slug}}").replace("{key}", "{{slug}}")
    if section.has_list:
        return section.list_url(lang)
    return None


def markdown_collection(
    section: Section, ctx: FieldContext, content_dir: str, default_lang: str
) -> dict[str, Any]:
    """A Markdown section: every language side by side, shared fields once."""
    model = section.model()
    tr = ctx.translate
    shared = set(model.shared_fields)
    fields = [key_field(tr, i18n=True)]
    for field in model_fields(model, ctx):
        fields.append(_mark_i18n(field, field["name"] in shared))
    fields.append(
        {
            "name": "body",
            "label": tr(labels.FIELD_LABELS["body"]),
            "widget": "markdown",
            "i18n": True,
        }
    )
    collection: dict[str, Any] = {
        "name": section.name,
        "label": section_label(section, ctx.editor_lang, tr),
        "folder": f"{content_dir}/{section.path}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "i18n": True,
        "slug": NEW_ITEM_SLUG,
        "identifier_field": "title",
        "summary": "{{title}}",
        "fields": fields,
    }
    if section.year_folders:
        collection["path"] = "{{year}}/{{slug}}"
    sortable = [
        name
        for name in ("date", "start", "order", "title")
        if name in model.model_fields
    ]
    if sortable:
        collection["sortable_fields"] = sortable
    preview = _preview_path(section, default_lang)
    if preview:
        collection["preview_path"] = preview
    return collection


def yaml_collection(
    section: Section, ctx: FieldContext, content_dir: str, default_lang: str
) -> dict[str, Any]:
    """A YAML section: one file per item, per-language fields as objects."""
    model = section.model()
    identifier = "name" if "name" in model.model_fields else "title"
    collection = {
        "name": section.name,
        "label": section_label(section, ctx.editor_lang, ctx.translate),
        "folder": f"{content_dir}/{section.path}",
        "create": True,
        "extension": "yml",
        "format": "yml",
        "slug": NEW_ITEM_SLUG,
        "identifier_field": identifier,
        "summary": "{{" + identifier + "}}",
        "fields": [key_field(ctx.translate, i18n=False), *model_fields(model, ctx)],
    }
    preview = _preview_path(section, default_lang)
    if preview:
        collection["preview_path"] = preview
    return collection


def backend(admin: AdminSettings) -> dict[str, Any]:
    """The git host: every change becomes a pull request (editorial workflow)."""
    result: dict[str, Any] = {
        "name": "github",
        "repo": admin.repo,
        "branch": admin.branch,
        "preview_context": PREVIEW_CONTEXT,
        "squash_merges": True,
    }
    if admin.base_url:
        result["base_url"] = admin.base_url
    if admin.auth_endpoint:
        result["auth_endpoint"] = admin.auth_endpoint
    return result


def cms_config(
    *,
    sections: Sequence[Section],
    languages: tuple[str, ...],
    default_lang: str,
    timezone: str,
    site_url: str,
    admin: AdminSettings,
    translate: Callable[[str], str],
    member_choices: Sequence[tuple[str, str]] = (),
    required_languages: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The whole configuration of the editing interface, as a mapping.

    ``translate`` turns message ids into the editors' language
    (``admin.lang``); ``member_choices`` are the (key, name) pairs offered
    wherever a field names members; ``required_languages`` those a member's
    or person's texts must be written in (the others may stay empty).
    """
    content_dir = admin.content_dir
    ctx = FieldContext(
        translate=translate,
        languages=languages,
        editor_lang=admin.lang,
        images_folder=f"{content_dir}/images",
        member_choices=tuple(member_choices),
        required_languages=required_languages,
        defaults={"timezone": timezone},
    )
    collections = []
    for section in sections:
        make = yaml_collection if section.is_yaml else markdown_collection
        collections.append(make(section, ctx, content_dir, default_lang))
    config: dict[str, Any] = {
        "locale": admin.lang,
        "backend": backend(admin),
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content_dir}/images",
        "public_folder": "/images",
        "slug": {
            "encoding": "ascii",
            "clean_accents": True,
            "sanitize_replacement": "-",
        },
        "i18n": {
            "structure": "multiple_files",
            "locales": list(languages),
            "default_locale": default_lang,
        },
        "collections": collections,
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    if admin.local_backend:
        config["local_backend"] = {
            "url": admin.proxy_url,
            "allowed_hosts": ["127.0.0.1", "localhost"],
        }
    return config


def config_yaml(config: Mapping[str, Any]) -> str:
    """``config`` as the YAML file the interface loads."""
    return yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True, width=100)
