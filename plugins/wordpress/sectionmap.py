"""Which section of the new site each WordPress item goes to.

The sections come from the site's declarations (``SECTIONS``): any section
of Markdown files with item pages can take imported items, and its model
says which fields the import fills. By default posts become ``news`` and
pages ``pages``. ``--section-map`` adds rules: ``post_type:project=projects``
sends a custom post type to a section, ``category:veranstaltungen=events``
sends the items of one category there, whatever their type. Category rules
are tried first, in the order given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitecore.i18n import M
from sitecore.sections import Section
from sitecore.slugs import slugify

from .wxr import Item

#: Statuses that are content; "future" keeps its date, the others become drafts.
IMPORTED_STATUSES = frozenset({"publish", "future", "draft", "pending", "private"})
DEFAULT_RULES = (("post_type", "post", "news"), ("post_type", "page", "pages"))
KINDS = ("post_type", "category")


def importable(sections: Mapping[str, Section]) -> dict[str, Section]:
    """The sections imported items can go to: Markdown files with item pages."""
    return {
        name: section
        for name, section in sections.items()
        if not section.is_yaml and section.has_items
    }


@dataclass(frozen=True)
class SectionMap:
    """Rules from post types and categories to sections."""

    by_type: Mapping[str, str] = field(default_factory=dict)
    by_category: Mapping[str, str] = field(default_factory=dict)

    def section_of(self, item: Item) -> str | None:
        """The section ``item`` is imported into; None if it is not imported."""
        if item.status not in IMPORTED_STATUSES:
            return None
        if item.post_type in ("attachment", "nav_menu_item", "revision"):
            return None
        for term in item.terms_in("category"):
            for name in (term.slug, slugify(term.name)):
                if name and name in self.by_category:
                    return self.by_category[name]
        return self.by_type.get(item.post_type)

    def skip_label(self, item: Item) -> str:
        """How a skipped item is counted: its type, and its status if that was why."""
        if item.post_type in self.by_type:
            return f"{item.post_type} ({item.status or 'no status'})"
        return item.post_type or "(no type)"


def section_map(rules: str, sections: Mapping[str, Section]) -> SectionMap:
    """The defaults (where their sections exist) plus ``rules``.

    ``rules`` is ``kind:name=section`` separated by commas; a malformed rule
    or an unknown section raises ValueError with a message for the editor.
    """
    targets = importable(sections)
    by_kind: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for kind, name, section in DEFAULT_RULES:
        if section in targets:
            by_kind[kind][name] = section
    for rule in filter(None, (part.strip() for part in rules.split(","))):
        source, _, section = rule.partition("=")
        kind, _, name = source.strip().partition(":")
        kind, name, section = kind.strip(), name.strip(), section.strip()
        if kind not in KINDS or not name or not section:
            raise ValueError(
                M(
                    "'{rule}' is not a rule; write post_type:NAME=SECTION or "
                    "category:SLUG=SECTION, e.g. category:veranstaltungen=events",
                    rule=rule,
                )
            )
        if section not in targets:
            raise ValueError(
                M(
                    "'{rule}': the site has no section '{section}' for imported "
                    "items; choose one of: {sections}",
                    rule=rule,
                    section=section,
                    sections=", ".join(sorted(targets)),
                )
            )
        key = slugify(name) if kind == "category" else name
        by_kind[kind][key] = section
    return SectionMap(by_kind["post_type"], by_kind["category"])
