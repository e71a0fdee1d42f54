"""The site's sections, declared once.

A section is a folder of content (``content/news/``) with its URLs in every
language, its navigation label, templates, list order, page size, feed, tags
and archive. Everything that needs to know the sections — the generators, the
reserved-URL check, the navigation, the sitemap, the translation report,
``invoke new`` and the editing interface's configuration — reads these
declarations, so adding a section is a declaration (plus, if wanted, a
template), not an edit in five places.

The defaults below are the content contract's sections. ``SECTIONS`` in the
settings adds sections or changes fields of these (see
:func:`bilingual.declared.read_sections`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .collation import sort_key
from .i18n import N_
from .sectionmodel import SectionModel

#: The key of a URL pattern that applies to every language not named.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Section:
    """One section of the site, as declared.

    URL patterns map a language (or ``*`` for any other) to a site-relative
    pattern with ``{lang}``, and for items ``{slug}`` (or ``{key}``).
    ``list_urls`` empty means the section has no list page (standing pages);
    ``item_urls`` empty means its items have no page of their own (people).
    ``order`` lists the fields that sort the section, ``-`` for descending.
    """

    name: str
    kind: str = "markdown"  # the generator that reads it: markdown, events, …
    schema: str = "sitecore.models:ItemMeta"  # module:class of the front matter
    folder: str = ""  # below content/; the name by default
    label: str | Mapping[str, str] = ""  # a gettext message id, or text per language
    home_title: str = ""  # heading of its home page block (default: the label)
    more_label: str = N_("Overview: %(section)s")  # link to the list
    list_urls: Mapping[str, str] = field(default_factory=dict)
    item_urls: Mapping[str, str] = field(default_factory=dict)
    feed_urls: Mapping[str, str] = field(default_factory=dict)
    list_template: str = "section_list.html"
    item_template: str = "section_item.html"
    order: tuple[str, ...] = ("title",)
    per_page: int = 0  # items per list page; 0: all on one page
    feed_size: int = 20
    tags: bool = False
    archive: bool = False  # a page per year of items
    menu: float | None = None  # position in the main navigation
    home: int = 0  # how many items the home page shows
    year_folders: bool = False  # new files go to <folder>/<yyyy>/
    jsonld_type: str = ""  # schema.org type of its item pages, e.g. NewsArticle

    @property
    def path(self) -> str:
        """The content folder, relative to ``content/``."""
        return self.folder or self.name

    @property
    def has_list(self) -> bool:
        return bool(self.list_urls)

    @property
    def has_items(self) -> bool:
        return bool(self.item_urls)

    @property
    def has_feed(self) -> bool:
        return bool(self.feed_urls)

    @property
    def is_yaml(self) -> bool:
        """YAML sections keep one file per item with every language inside."""
        return self.model().yaml_file

    def model(self) -> type[SectionModel]:
        """The model class named by :attr:`schema` (checked with the settings)."""
        return load_object(self.schema)

    def pattern(self, patterns: Mapping[str, str], lang: str) -> str:
        """The pattern of ``lang`` (or the catch-all), with ``{lang}`` filled in."""
        pattern = patterns.get(lang) or patterns.get(ANY_LANGUAGE, "")
        return pattern.replace("{lang}", lang)

    def list_url(self, lang: str) -> str:
        return self.pattern(self.list_urls, lang)

    def item_url(self, lang: str, slug: str, key: str) -> str:
        return self.pattern(self.item_urls, lang).format(slug=slug, key=key)

    def feed_url(self, lang: str) -> str:
        return self.pattern(self.feed_urls, lang)

    def sort_key(self, entry: Any) -> tuple:
        """Key for ``sorted``; descending fields are handled by :func:`sort_entries`."""
        return tuple(_field(entry, name.lstrip("-")) for name in self.order)


def _field(entry: Any, name: str) -> Any:
    """A sortable value of ``name``: items without it sort after those with it."""
    if name == "key":
        return (0, entry.key)
    if name == "title":
        return (0, sort_key(entry.lang)(entry.sort_title))
    value = entry.meta.sort_value(name)
    return (1, 0) if value is None else (0, value)


def sort_entries(section: Section, entries: list[Any]) -> list[Any]:
    """``entries`` in the section's declared order (stable, one field at a time)."""
    result = list(entries)
    for name in reversed(section.order):
        descending = name.startswith("-")
        field_name = name.lstrip("-")
        if descending:
            # Missing values still go last: sort present ones descending only.
            present = [e for e in result if _field(e, field_name)[0] == 0]
            missing = [e for e in result if _field(e, field_name)[0] == 1]
            present.sort(key=lambda e: _field(e, field_name)[1], reverse=True)
            result = present + missing
        else:
            result.sort(key=lambda e: _field(e, field_name))
    return result


def load_object(dotted: str) -> Any:
    """The object named ``module:attribute`` (a model or generator class)."""
    module, _, attribute = dotted.partition(":")
    if not module or not attribute:
        raise ValueError(f"'{dotted}' is not of the form module:Name")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, TypeError) as exc:
        # TypeError: a model declared against the contract (sectionmodel.py).
        raise ValueError(f"'{dotted}' cannot be loaded: {exc}") from None


def _urls(**patterns: str) -> Mapping[str, str]:
    return MappingProxyType(dict(patterns))


#: The content contract's sections (v2), with their default URLs.
DEFAULT_SECTIONS: Mapping[str, Section] = MappingProxyType(
    {
        "news": Section(
            name="news",
            schema="sitecore.models:NewsMeta",
            label=N_("News"),
            home_title=N_("Latest news"),
            more_label=N_("All news"),
            list_urls=_urls(de="de/aktuelles/", en="en/news/", **{"*": "{lang}/news/"}),
            item_urls=_urls(
                de="de/aktuelles/{slug}/",
                en="en/news/{slug}/",
                **{"*": "{lang}/news/{slug}/"},
            ),
            feed_urls=_urls(**{"*": "{lang}/feed.xml"}),
            list_template="news_list.html",
            item_template="article.html",
            order=("-date", "-key"),
            per_page=10,
            tags=True,
            archive=True,
            menu=10,
            home=3,
            year_folders=True,
            jsonld_type="NewsArticle",
        ),
        "events": Section(
            name="events",
            kind="events",
            schema="events.model:EventMeta",
            label=N_("Events"),
            more_label=N_("All events"),
            list_urls=_urls(
                de="de/termine/", en="en/events/", **{"*": "{lang}/events/"}
            ),
            item_urls=_urls(
                de="de/termine/{slug}/",
                en="en/events/{slug}/",
                **{"*": "{lang}/events/{slug}/"},
            ),
            list_template="events_list.html",
            item_template="event.html",
            order=("start", "key"),
            menu=20,
            home=3,
        ),
        "projects": Section(
            name="projects",
            schema="sitecore.models:ProjectMeta",
            label=N_("Projects"),
            more_label=N_("All projects"),
            list_urls=_urls(
                de="de/projekte/", en="en/projects/", **{"*": "{lang}/projects/"}
            ),
            item_urls=_urls(
                de="de/projekte/{slug}/",
                en="en/projects/{slug}/",
                **{"*": "{lang}/projects/{slug}/"},
            ),
            order=("order", "title"),
            menu=30,
        ),
        "members": Section(
            name="members",
            kind="members",
            schema="members.model:MemberMeta",
            label=N_("Members"),
            more_label=N_("All members"),
            list_urls=_urls(
                de="de/mitglieder/", en="en/members/", **{"*": "{lang}/members/"}
            ),
            item_urls=_urls(
                de="de/mitglieder/{key}/",
                en="en/members/{key}/",
                **{"*": "{lang}/members/{key}/"},
            ),
            list_template="members.html",
            item_template="member.html",
            order=("title", "key"),
            menu=40,
        ),
        "people": Section(
            name="people",
            kind="people",
            schema="people.model:PersonMeta",
            label=N_("Board"),
            list_urls=_urls(
                de="de/vorstand/", en="en/board/", **{"*": "{lang}/board/"}
            ),
            list_template="people.html",
            order=("order", "title"),
            menu=50,
        ),
        "pages": Section(
            name="pages",
            schema="sitecore.models:PageMeta",
            label=N_("Pages"),
            item_urls=_urls(**{"*": "{lang}/{slug}/"}),
            item_template="page.html",
            order=("menu", "title"),
        ),
    }
)
