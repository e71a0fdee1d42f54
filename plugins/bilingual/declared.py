"""What the site is made of and where it lives: its languages, addresses, sections.

``SITE_LANGUAGES``, the site-wide address patterns (``SITE_URLS``) and the
sections (``SECTIONS``, over the contract's defaults in ``sitecore.sections``)
are read and checked here, each mistake a :class:`SettingsError` that names
its key; ``settings.py`` reads the rest of the settings and puts it all in
one frozen :class:`~bilingual.settings.SiteSettings`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sitecore.sectionmodel import SectionModel
from sitecore.sections import ANY_LANGUAGE, DEFAULT_SECTIONS, Section


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the key."""


#: Site-wide URL patterns per language; ``*`` applies to languages not named.
DEFAULT_URLS: dict[str, dict[str, str]] = {
    "de": {
        "tag": "de/schlagwort/{tag}/",
        "calendar": "de/termine.ics",
        "event_calendar": "de/termine/{slug}/{slug}.ics",
        "page_number": "seite/{number}/",
        "search": "de/suche/",
    },
    "en": {
        "tag": "en/tag/{tag}/",
        "calendar": "en/events.ics",
        "event_calendar": "en/events/{slug}/{slug}.ics",
        "page_number": "page/{number}/",
        "search": "en/search/",
    },
    ANY_LANGUAGE: {
        "home": "{lang}/",
        "tag": "{lang}/tag/{tag}/",
        "calendar": "{lang}/events.ics",
        "event_calendar": "{lang}/events/{slug}/{slug}.ics",
        "not_found": "{lang}/404.html",
        "page_number": "page/{number}/",
        "search": "{lang}/search/",
    },
}
REQUIRED_PLACEHOLDERS = {
    "tag": "{tag}",
    "event_calendar": "{slug}",
    "page_number": "{number}",
}
_SECTION_FIELDS = {f.name: f for f in dataclasses.fields(Section)}


def read_languages(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """SITE_LANGUAGES: lower-case language codes, each once (German and English)."""
    value = settings.get("SITE_LANGUAGES", ("de", "en"))
    if isinstance(value, str) or not all(
        isinstance(code, str) and code.isalpha() and code.islower() for code in value
    ):
        raise SettingsError(
            "setting SITE_LANGUAGES must list language codes such as ('de', 'en')"
        )
    languages = tuple(value)
    if not languages or len(set(languages)) != len(languages):
        raise SettingsError("setting SITE_LANGUAGES must name each language once")
    return languages


def _check_pattern(pattern: Any, key: str, needed: str | None) -> str:
    if not isinstance(pattern, str) or not pattern:
        raise SettingsError(f"setting {key} is missing")
    if pattern.startswith("/"):
        raise SettingsError(f"setting {key} must not start with '/'")
    if needed and needed not in pattern:
        raise SettingsError(f"setting {key} must contain {needed}")
    return pattern


def read_urls(settings: Mapping[str, Any], languages: tuple[str, ...]) -> dict:
    """SITE_URLS over :data:`DEFAULT_URLS`: each language's site-wide patterns."""
    overrides = settings.get("SITE_URLS", {}) or {}
    if not isinstance(overrides, Mapping):
        raise SettingsError("setting SITE_URLS must map languages to URL patterns")
    result = {}
    for lang in languages:
        patterns = dict(DEFAULT_URLS[ANY_LANGUAGE])
        patterns.update(DEFAULT_URLS.get(lang, {}))
        patterns.update(overrides.get(ANY_LANGUAGE, {}))
        patterns.update(overrides.get(lang, {}))
        for name in list(patterns):
            key = f"SITE_URLS['{lang}']['{name}']"
            pattern = _check_pattern(
                patterns[name], key, REQUIRED_PLACEHOLDERS.get(name)
            )
            patterns[name] = pattern.replace("{lang}", lang)
        result[lang] = MappingProxyType(patterns)
    return result


def read_sections(
    settings: Mapping[str, Any], languages: tuple[str, ...]
) -> Mapping[str, Section]:
    """The declared sections: the defaults, changed and extended by ``SECTIONS``.

    ``SECTIONS = {"projects": {"menu": 15}, "reports": {"label": "Reports", …}}``
    changes a field of a default section or declares a new one (a Markdown
    section needs nothing else); ``{"projects": None}`` removes a section.
    """
    overrides = settings.get("SECTIONS", {}) or {}
    if not isinstance(overrides, Mapping):
        raise SettingsError("setting SECTIONS must map section names to fields")
    sections = dict(DEFAULT_SECTIONS)
    for name, fields in overrides.items():
        key = f"SECTIONS['{name}']"
        if fields is None:
            sections.pop(name, None)
            continue
        if not isinstance(fields, Mapping):
            raise SettingsError(f"setting {key} must map field names to values")
        unknown = sorted(set(fields) - set(_SECTION_FIELDS) - {"name"})
        if unknown:
            raise SettingsError(
                f"setting {key} has unknown fields: {', '.join(unknown)}"
            )
        base = sections.get(name) or Section(
            name=name,
            label=name.capitalize(),
            list_urls=MappingProxyType({ANY_LANGUAGE: f"{{lang}}/{name}/"}),
            item_urls=MappingProxyType({ANY_LANGUAGE: f"{{lang}}/{name}/{{slug}}/"}),
        )
        values = {
            field_name: _section_value(
                key, field_name, value, getattr(base, field_name)
            )
            for field_name, value in fields.items()
            if field_name != "name"
        }
        sections[name] = dataclasses.replace(base, **values)
    for name, section in sections.items():
        _check_section(name, section, languages)
    return MappingProxyType(sections)


def _section_value(key: str, name: str, value: Any, default: Any) -> Any:
    if name in ("list_urls", "item_urls", "feed_urls"):
        # Patterns given for some languages change those; {} removes them all.
        if not isinstance(value, Mapping):
            raise SettingsError(f"setting {key}['{name}'] must map languages to URLs")
        return MappingProxyType({**default, **value} if value else {})
    if name == "order":
        if isinstance(value, str):
            value = (value,)
        return tuple(value)
    return value


def _check_section(name: str, section: Section, languages: tuple[str, ...]) -> None:
    key = f"SECTIONS['{name}']"
    try:
        model = section.model()
    except ValueError as exc:
        raise SettingsError(f"setting {key}['schema']: {exc}") from None
    if not (isinstance(model, type) and issubclass(model, SectionModel)):
        raise SettingsError(
            f"setting {key}['schema'] must name a model class derived from "
            "sitecore.sectionmodel.SectionModel"
        )
    unknown = [
        name
        for name in section.order
        if name.lstrip("-") not in ("key", "title", *model.declared)
    ]
    if unknown:
        raise SettingsError(
            f"setting {key}['order'] names fields its model does not have: "
            + ", ".join(unknown)
        )
    placeholder = "{key}" if model.yaml_file else "{slug}"
    for lang in languages:
        if section.has_list:
            _check_pattern(
                section.list_url(lang), f"{key}['list_urls']['{lang}']", None
            )
        if section.has_items:
            pattern = section.pattern(section.item_urls, lang)
            _check_pattern(pattern, f"{key}['item_urls']['{lang}']", None)
            if "{slug}" not in pattern and "{key}" not in pattern:
                raise SettingsError(
                    f"setting {key}['item_urls']['{lang}'] must contain {placeholder}"
                )
        if section.has_feed:
            _check_pattern(
                section.feed_url(lang), f"{key}['feed_urls']['{lang}']", None
            )
    if not isinstance(section.per_page, int) or section.per_page < 0:
        raise SettingsError(f"setting {key}['per_page'] must be 0 or more")
