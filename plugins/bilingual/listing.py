"""Tags and paginated lists of entries (news list, tag pages)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sitecore.entry import Entry
from sitecore.slugs import slugify

from .settings import SiteSettings


@dataclass(frozen=True)
class Tag:
    """A tag as shown to visitors, with the URL of its page in one language."""

    name: str
    slug: str
    url: str
    href: str


@dataclass
class TagGroup:
    """A tag and the entries of one language that carry it."""

    tag: Tag
    entries: list[Entry] = field(default_factory=list)


def assign_tags(
    entries: Sequence[Entry], settings: SiteSettings
) -> dict[str, TagGroup]:
    """Give each entry its :class:`Tag` objects; return the groups by slug.

    Tags that differ only in case or accents ("Kiel", "kiel") share one page,
    named as first written.
    """
    groups: dict[str, TagGroup] = {}
    for entry in entries:
        entry.tags = []
        for name in entry.meta.tags:
            slug = slugify(name)
            if not slug:
                continue
            group = groups.get(slug)
            if group is None:
                url = settings.url(entry.lang, "tag", tag=slug)
                group = groups[slug] = TagGroup(
                    Tag(name, slug, url, settings.href(url))
                )
            if entry not in group.entries:
                group.entries.append(entry)
                entry.tags.append(group.tag)
    return groups


WINDOW = 2  # numbered page links shown either side of the current one


@dataclass(frozen=True)
class PageLink:
    """A numbered link in a pagination bar."""

    number: int
    url: str
    href: str


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated list."""

    number: int
    count: int
    items: Sequence[Entry]
    url: str
    links: tuple[PageLink, ...]

    @property
    def previous(self) -> PageLink | None:
        return self.links[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return self.links[self.number] if self.number < self.count else None

    @property
    def window(self) -> list[PageLink | None]:
        """The numbered links worth showing: first, last and two either side.

        ``None`` marks a gap. Listing all 200 pages of a long archive would
        overflow a phone screen and make every list page heavier.
        """
        around = range(self.number - WINDOW, self.number + WINDOW + 1)
        shown = [
            link
            for link in self.links
            if link.number in (1, self.count) or link.number in around
        ]
        result: list[PageLink | None] = []
        for link in shown:
            if (
                result
                and result[-1] is not None
                and link.number - result[-1].number > 1
            ):
                result.append(None)
            result.append(link)
        return result


def paginate(
    items: Sequence[Entry], per_page: int, settings: SiteSettings, lang: str, base: str
) -> Iterator[Pagination]:
    """Split ``items`` into pages; the first page lives at ``base``.

    An empty list still yields one (empty) page, so the list URL always exists.
    """
    count = max(1, -(-len(items) // per_page))
    links = tuple(
        PageLink(n, url := settings.paginated(lang, base, n), settings.href(url))
        for n in range(1, count + 1)
    )
    for number in range(1, count + 1):
        start = (number - 1) * per_page
        yield Pagination(
            number,
            count,
            items[start : start + per_page],
            links[number - 1].url,
            links,
        )


def years(entries: Sequence[Entry]) -> list[int]:
    """The years of the entries' dates, newest first."""
    return sorted({e.date.year for e in entries if e.date is not None}, reverse=True)
