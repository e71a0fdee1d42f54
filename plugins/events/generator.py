"""The Pelican adapter: read events, register them, write their pages and calendars.

Reading goes through the same machinery as news (``sitecore.content``), so
drafts, links, summaries and error reports behave alike. One difference: an
event's ``start`` is when it happens, not when it is published, so an
upcoming event is published at once; only ``status: draft`` holds it back.
"""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup

from bilingual.rendering import SiteGenerator, html, write_file
from bilingual.site import N_, HomeBlock
from sitecore.content import (
    Entry,
    check_unique_slugs,
    pair_translations,
)

from .consistency import check_pairs, check_zone_fits_country
from .ics import CalendarEvent, calendar, description, event_uid, webcal
from .jsonld import event_data, script_json
from .listing import (
    EventItem,
    event_item,
    is_upcoming,
    next_events,
    past_by_year,
    upcoming,
)
from .model import EXTRA_ACCEPTED, EventMeta

logger = logging.getLogger(__name__)

SECTION = "events"
MENU_ORDER = 20  # after News (10)
HOME_ORDER = 20
HOME_EVENTS = 3
EVENTS_TITLE = N_("Events")


class EventsGenerator(SiteGenerator):
    """Reads ``content/events`` once and writes both languages' event pages."""

    def generate_context(self) -> None:
        """Read, validate, pair and register the events; add the home page block."""
        state = self.state
        settings = state.settings
        published = self.read_content({SECTION: EventMeta}, EXTRA_ACCEPTED)
        published = self._assign_urls(published)
        pair_translations(published)
        check_pairs(published, settings.languages, state.problems)
        for entry in published:
            check_zone_fits_country(entry, state.problems)
        published.sort(key=lambda e: (e.meta.start.value, e.key))
        state.add_section(SECTION, published, order=MENU_ORDER)
        self.items = {
            lang: [event_item(entry) for entry in state.entries(SECTION, lang)]
            for lang in settings.languages
        }
        state.home_blocks.append(
            HomeBlock(
                order=HOME_ORDER,
                template="partials/home_events.html",
                values={
                    lang: {
                        "events": next_events(
                            self.items[lang], settings.now, HOME_EVENTS
                        ),
                        "list_href": settings.href(settings.url(lang, SECTION)),
                    }
                    for lang in settings.languages
                },
            )
        )

    def _assign_urls(self, entries: list[Entry]) -> list[Entry]:
        settings = self.state.settings
        for entry in entries:
            entry.url = settings.url(entry.lang, "event", slug=entry.slug)
            entry.href = settings.href(entry.url)
        return check_unique_slugs(entries, lambda e: e.url, self.state.problems)

    def cross_check(self) -> None:
        """Resolve internal links now that every generator has read its files."""
        own = [
            entry
            for lang in self.state.settings.languages
            for entry in self.state.entries(SECTION, lang)
        ]
        self.finish_entries(own)

    def generate_output(self, writer: Any) -> None:
        """Write lists, event pages and calendars of every language."""
        settings = self.state.settings
        self.copy_linked_files()
        for lang in settings.languages:
            self._write_language(lang)

    def _calendar_links(self, lang: str) -> dict[str, str | None]:
        """The language's calendar, to download and (with a SITEURL) to subscribe to."""
        settings = self.state.settings
        url = settings.url(lang, "calendar")
        return {"href": settings.href(url), "webcal": webcal(settings.absolute(url))}

    def _write_language(self, lang: str) -> None:
        settings = self.state.settings
        items = self.items[lang]
        title = self.gettext(lang, EVENTS_TITLE)
        links = self._calendar_links(lang)
        self.write_page(
            "events_list.html",
            lang=lang,
            url=settings.url(lang, SECTION),
            title=title,
            counterparts={
                code: settings.url(code, SECTION) for code in settings.languages
            },
            section=SECTION,
            upcoming=upcoming(items, settings.now),
            past=past_by_year(items, settings.now),
            calendar=links,
        )
        for item in items:
            self._write_event(item, links)
        calendar_url = settings.url(lang, "calendar")
        write_file(
            self.output_path,
            calendar_url,
            calendar(
                [self._calendar_event(item) for item in items],
                name=f"{settings.site_name} – {title}",
                prodid=self._prodid(lang),
                stamp=settings.now,
                url=settings.absolute(calendar_url),
            ),
        )

    def _prodid(self, lang: str) -> str:
        return f"-//{self.state.settings.site_name}//{SECTION}//{lang.upper()}"

    def _calendar_event(self, item: EventItem) -> CalendarEvent:
        settings = self.state.settings
        entry, meta = item.entry, item.meta
        url = settings.absolute(entry.url)
        return CalendarEvent(
            uid=event_uid(entry.key, settings.site_url, settings.site_name),
            lang=entry.lang,
            title=entry.title,
            meta=meta,
            url=url,
            location=item.place.text if item.place else "",
            description=description(
                entry.summary,
                url if url.startswith(("http://", "https://")) else "",
                meta.online,
                meta.registration,
                lambda message: self.gettext(entry.lang, message),
            ),
        )

    def _write_event(
        self, item: EventItem, calendar_links: dict[str, str | None]
    ) -> None:
        settings = self.state.settings
        entry = item.entry
        counterparts = {entry.lang: entry.url}
        if entry.translation is not None:
            counterparts[entry.translation.lang] = entry.translation.url
        ics_url = settings.url(entry.lang, "event_calendar", slug=entry.slug)
        write_file(
            self.output_path,
            ics_url,
            calendar(
                [self._calendar_event(item)],
                name=f"{settings.site_name} – {entry.title}",
                prodid=self._prodid(entry.lang),
                stamp=settings.now,
            ),
        )
        data = event_data(
            item.meta,
            lang=entry.lang,
            url=settings.absolute(entry.url),
            description=entry.summary,
            organizer=settings.site_name,
            organizer_url=settings.absolute(settings.url(entry.lang, "home")),
            place=item.place,
        )
        self.write_page(
            "event.html",
            lang=entry.lang,
            url=entry.url,
            title=entry.title,
            description=entry.summary,
            counterparts=counterparts,
            section=SECTION,
            entry=entry,
            event=item,
            past=not is_upcoming(item, settings.now),
            content=html(entry.content),
            jsonld=Markup(script_json(data)),
            ics_href=settings.href(ics_url),
            calendar=calendar_links,
        )
