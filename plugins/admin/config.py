"""The editing interface's ``config.yml``, generated from the declarations.

Every declared section becomes a collection: Markdown sections one file per
language side by side (``<key>.<lang>.md`` for each of ``SITE_LANGUAGES``),
YAML sections one file with every language inside. Fields, widgets, choices,
required flags and hints come from the sections' models (see
:mod:`admin.fields`), so the interface can never offer a field the build does
not know, nor miss one.
Files are read and written by the site's own formats (``static/format.js``):
one per collection, named ``frontmatter-<section>`` or ``yaml-<section>``, so
that each knows which of its fields are written per language. Dates use the
site's German date input, Markdown texts its plain-text editor
(``datetime``, ``site-markdown``; ``static/widgets.js``).
Nothing here touches Pelican or the disk: it is a function of its arguments.
"""

from __future__ import annotations

import dataclasses
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
#: The backends as the page's script registers them (``static/site-admin.js``):
#: decap-server on this machine (``invoke edit``), and GitHub.
LOCAL_BACKEND = "site-local"
GIT_BACKEND = "site-github"
#: The page that leads from an entry to its page on the site (see ``page.py``).
PREVIEW_PAGE = "admin/preview.html"
#: The slug (file name) of a new item: the ``key`` field the editor fills in,
#: or, left empty, the title transliterated by the interface's script.
NEW_ITEM_SLUG = "{{fields.key}}"
#: The field naming a new item's file (never written into the file).
KEY_FIELD = "key"
#: Where the list of items shows the title an item has in another language
#: only (``static/storage.js`` fills it in for one-language items).
ELSEWHERE = "__elsewhere"


def section_label(section: Section, lang: str, translate: Callable[[str], str]) -> str:
    """A section's label in the editors' language (a message id or per language)."""
    label = section.label or section.name
    if isinstance(label, Mapping):
        return label.get(lang) or next(iter(label.values()), section.name)
    return translate(label)


def key_field(translate: Callable[[str], str], i18n: bool) -> dict[str, Any]:
    """The field that names a new item's file; it is not written into the file."""
    field: dict[str, Any] = {
        "name": KEY_FIELD,
        "label": translate(labels.FIELD_LABELS["key"]),
        "widget": "string",
        "required": False,
        "hint": translate(labels.KEY_HINT),
        "checks": [
            {
                "kind": "pattern",
                "pattern": KEY_PATTERN,
                "message": translate(KEY_MESSAGE),
            }
        ],
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


def preview_path(section: Section) -> str:
    """Where the interface's "show the page" leads: ``/admin/preview.html``,
    which finds the item's address in the build's list and goes there (an
    item's address depends on its slug, language and year folder, which a
    path template cannot say)."""
    item = "{{dirname}}/{{filename}}"
    return f"{PREVIEW_PAGE}?section={section.name}&item={item}"


def upload_folder(section: Section, images_folder: str) -> str:
    """Where new pictures of ``section`` go: its own folder, per year where
    its items are kept in year folders (``content/images/news/2026``)."""
    folder = f"{images_folder}/{section.path}"
    return folder + "/{{year}}" if section.year_folders else folder


def _in_section(section: Section, ctx: FieldContext) -> FieldContext:
    return dataclasses.replace(
        ctx, upload_folder=upload_folder(section, ctx.images_folder)
    )


def body_field(section: Section, ctx: FieldContext) -> dict[str, Any]:
    """The text of a Markdown file, written as typed; pictures in it are
    uploaded into the section's folder and written ``/images/…``."""
    folder = upload_folder(section, ctx.images_folder)
    public = folder.removeprefix(ctx.images_folder.rsplit("/", 1)[0])
    return {
        "name": "body",
        "label": ctx.translate(labels.FIELD_LABELS["body"]),
        "widget": "site-markdown",
        "i18n": True,
        "required": False,
        "hint": ctx.translate(labels.BODY_HINT),
        "media_folder": "/" + folder,
        "public_folder": public,
    }


def markdown_collection(
    section: Section, ctx: FieldContext, content_dir: str
) -> dict[str, Any]:
    """A Markdown section: every language side by side, shared fields once."""
    model = section.model()
    ctx = _in_section(section, ctx)
    tr = ctx.translate
    shared = set(model.shared_fields)
    fields = [key_field(tr, i18n=True)]
    for field in model_fields(model, ctx):
        fields.append(_mark_i18n(field, field["name"] in shared))
    fields.append(body_field(section, ctx))
    collection: dict[str, Any] = {
        "name": section.name,
        "label": section_label(section, ctx.editor_lang, tr),
        "folder": f"{content_dir}/{section.path}",
        "create": True,
        "extension": "md",
        "format": f"frontmatter-{section.name}",
        "i18n": True,
        "slug": NEW_ITEM_SLUG,
        # The file name identifies a new item (filled in before saving, from
        # whichever language has a title): an item may have no German title.
        "identifier_field": KEY_FIELD,
        "summary": "{{title}}{{" + ELSEWHERE + "}}",
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
    collection["preview_path"] = preview_path(section)
    return collection


def yaml_collection(
    section: Section, ctx: FieldContext, content_dir: str
) -> dict[str, Any]:
    """A YAML section: one file per item, per-language fields as objects."""
    model = section.model()
    ctx = _in_section(section, ctx)
    identifier = "name" if "name" in model.model_fields else "title"
    collection = {
        "name": section.name,
        "label": section_label(section, ctx.editor_lang, ctx.translate),
        "folder": f"{content_dir}/{section.path}",
        "create": True,
        "extension": "yml",
        "format": f"yaml-{section.name}",
        "slug": NEW_ITEM_SLUG,
        "identifier_field": identifier,
        "summary": "{{" + identifier + "}}",
        "fields": [key_field(ctx.translate, i18n=False), *model_fields(model, ctx)],
    }
    collection["preview_path"] = preview_path(section)
    return collection


def backend(admin: AdminSettings) -> dict[str, Any]:
    """The git host: every change becomes a pull request (editorial workflow)."""
    result: dict[str, Any] = {
        "name": GIT_BACKEND,
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
        collections.append(make(section, ctx, content_dir))
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
    # The site's address: where the interface links back to, and where an
    # entry's page is shown ("/" in previews, whose pages are this server's).
    config["site_url"] = site_url or "/"
    if site_url:
        config["display_url"] = site_url
    if admin.local_backend:
        # The page's script finds the local backend itself (and says what to
        # do when it is not running); previews are the site's own pages.
        config["backend"] = {"name": LOCAL_BACKEND, "proxy_url": admin.proxy_url}
        config["publish_mode"] = "simple"
    return config


def config_yaml(config: Mapping[str, Any]) -> str:
    """``config`` as the YAML file the interface loads."""
    return yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True, width=100)
