"""Atom feeds per language, built with Pelican's own feedgenerator."""

from __future__ import annotations

from feedgenerator import Atom1Feed

from sitecore.content import Entry

from .settings import SiteSettings


def atom_feed(
    settings: SiteSettings, lang: str, title: str, entries: list[Entry]
) -> str:
    """The Atom document of ``lang``'s newest ``entries`` (newest first)."""
    feed_url = settings.absolute(settings.url(lang, "feed"))
    feed = Atom1Feed(
        title=title,
        link=settings.absolute(settings.url(lang, "news")),
        feed_url=feed_url,
        description="",
        language=lang,
        feed_guid=feed_url,
    )
    for entry in entries[: settings.feed_size]:
        feed.add_item(
            title=entry.title,
            link=settings.absolute(entry.url),
            unique_id=settings.absolute(entry.url),
            description=entry.summary,
            content=entry.content,
            author_name=getattr(entry.meta, "author", None) or settings.site_name,
            pubdate=entry.date,
            updateddate=entry.modified or entry.date,
            categories=[tag.name for tag in entry.tags],
        )
    return feed.writeString("utf-8")
