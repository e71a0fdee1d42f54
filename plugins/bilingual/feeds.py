"""Atom feeds per section and language, built with Pelican's own feedgenerator."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from feedgenerator import Atom1Feed

from sitecore.entry import Entry
from sitecore.sections import Section

from .settings import SiteSettings

#: The <updated> of a feed without entries: any fixed moment keeps builds equal.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


class _Feed(Atom1Feed):
    """An Atom feed whose date depends on its entries only, never on the clock."""

    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else NEVER


def atom_feed(
    settings: SiteSettings,
    section: Section,
    lang: str,
    title: str,
    entries: list[Entry],
) -> str:
    """The Atom document of ``lang``'s newest ``entries`` (newest first).

    The summary is plain text, but Atom's ``<summary type="html">`` is read as
    HTML by feed readers: it is escaped, so a teaser mentioning ``<img …>``
    stays text. The content is the page's own sanitized HTML.
    """
    feed_url = settings.absolute(section.feed_url(lang))
    feed = _Feed(
        title=title,
        link=settings.absolute(section.list_url(lang)),
        feed_url=feed_url,
        description="",
        language=lang,
        feed_guid=feed_url,
    )
    for entry in entries[: section.feed_size]:
        feed.add_item(
            title=entry.title,
            link=settings.absolute(entry.url),
            unique_id=settings.absolute(entry.url),
            description=html.escape(entry.summary, quote=False),
            content=entry.content,
            author_name=entry.meta.byline or settings.site_name,
            pubdate=entry.date,
            updateddate=entry.modified or entry.date,
            categories=[tag.name for tag in entry.tags],
        )
    return feed.writeString("utf-8")
