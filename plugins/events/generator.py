"""The Pelican adapter: events are a Markdown section with dates, places, calendars.

Reading goes through the same machinery as news (``bilingual.generator``),
so drafts, links, summaries and error reports behave alike. Two differences:
an event's ``start`` is when it happens, not when it is published, so an
upcoming event is published at once (only ``status: draft`` holds it back);
and each event and each language's list gets an iCalendar file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from markupsafe import Markup

from bilingual.navigation import page_common
from bilingual.pagestore import kept
from bilingual.records import HomeBlock
from bilingual.sections import MarkdownGenerator
from bilingual.structured import lead_image_url
from sitecore.entry import Entry
from sitecore.i18n import M
from sitecore.jsonld import script_json
from sitecore.sections import Section

from .consistency import check_pairs, check_zone_fits_country
from .ics import CalendarEvent, calendar, description, event_uid, webcal
from .jsonld import event_data
from .listing import (
    EventItem,
    describe_event,
    event_item,
    is_upcoming,
    next_events,
    past_by_year,
    upcoming,
)

logger = logging.getLogger(__name__)


class EventsGenerator(MarkdownGenerator):
    """Reads the event sections once and writes both languages' event pages."""

    kind: ClassVar[str | None] = "events"

    def read(self) -> None:
        """Read, check and register the events (with calendar addresses)."""
        self.items: dict[str, dict[str, EventItem]] = {}
        for lang in self.site.languages:
            for name in ("calendar",):
                self.state.claim(
                    self.site.url(lang, name),
                    M("the calendar of all events ({lang})", lang=lang),
                )
        super().read()

    def after_read(self, section: Section) -> None:
        """Both files of an event agree; the next events go to the home page."""
        state, site = self.state, self.site
        entries = state.all_entries([section.name])
        check_pairs(entries, state.problems)
        for entry in entries:
            check_zone_fits_country(entry, state.problems)
        for entry in entries:
            described = state.session.memo.get(
                ("event", entry.digest, entry.lang), lambda e=entry: describe_event(e)
            )
            self.items[entry.url] = event_item(entry, described)
            calendar_url = site.url(entry.lang, "event_calendar", slug=entry.slug)
            state.claim(
                calendar_url,
                M("the calendar of content/{file}", file=entry.source.relpath),
            )
        if section.home:
            state.home_blocks.append(
                HomeBlock(
                    order=section.menu if section.menu is not None else 100,
                    template="partials/home_events.html",
                    values={
                        lang: {
                            "events": next_events(
                                self.items_of(section, lang), site.now, section.home
                            ),
                            "more": self.gettext(lang, section.more_label),
                            "list_href": site.href(section.list_url(lang)),
                        }
                        for lang in site.languages
                    },
                )
            )

    def items_of(self, section: Section, lang: str) -> list[EventItem]:
        return [self.items[e.url] for e in self.state.entries(section.name, lang)]

    # Pages and calendars ---------------------------------------------------------

    def list_values(
        self, section: Section, lang: str, entries: Sequence[Entry]
    ) -> dict[str, Any]:
        items = [self.items[entry.url] for entry in entries]
        return {
            "upcoming": upcoming(items, self.site.now),
            "past": past_by_year(items, self.site.now),
            "calendar": self._calendar_links(lang),
        }

    def item_values(self, section: Section, entry: Entry) -> dict[str, Any]:
        site = self.site
        item = self.items[entry.url]
        ics_url = site.url(entry.lang, "event_calendar", slug=entry.slug)

        def jsonld() -> Markup:
            # Made when the page is rendered: it follows from the event and
            # the entry, which the page's signature covers.
            data = event_data(
                item.meta,
                lang=entry.lang,
                url=site.absolute(entry.url),
                description=entry.summary,
                organizer=site.site_name,
                organizer_url=site.absolute(site.url(entry.lang, "home")),
                place=item.place,
                image=lead_image_url(entry),
            )
            return Markup(script_json(data))

        return {
            "event": item,
            "past": not is_upcoming(item, site.now),
            "jsonld": jsonld,
            "ics_href": site.href(ics_url),
            "calendar": self._calendar_links(entry.lang),
        }

    def plan(self) -> None:
        """Lists and pages as any section; then the calendars of every language."""
        super().plan()
        for section in self.own_sections:
            for lang in self.site.languages:
                self._write_calendars(section, lang)

    def _calendar_links(self, lang: str) -> dict[str, str | None]:
        """The language's calendar, to download and (with a SITEURL) to subscribe to."""
        url = self.site.url(lang, "calendar")
        return {"href": self.site.href(url), "webcal": webcal(self.site.absolute(url))}

    def _stamp(self) -> datetime:
        """DTSTAMP: the build's day, so calendars change only when events do."""
        now = self.site.now.astimezone(UTC)
        return now.replace(hour=0, minute=0, second=0, microsecond=0)

    def _write_calendars(self, section: Section, lang: str) -> None:
        """A calendar per event and one of all, each made once per version.

        Making calendars is slow (icalendar); a fresh process takes those an
        earlier build made from the page store, signed with everything every
        page of the language shares (the settings among it).
        """
        site, output = self.site, self.state.output
        items = self.items_of(section, lang)
        name = f"{site.site_name} – {self.state.label(section, lang)}"
        stamp = self._stamp()
        store = self.state.session.page_store(site)
        common = "ics:" + page_common(self.state, lang).signature
        for item in items:
            entry = item.entry
            url = site.url(lang, "event_calendar", slug=entry.slug)
            signature = self.state.fingerprint(entry, stamp)
            output.write_lazy(
                url,
                signature,
                lambda item=item, signature=signature: kept(
                    store,
                    common + signature,
                    lambda: calendar(
                        [self._calendar_event(item)],
                        name=f"{site.site_name} – {item.entry.title}",
                        prodid=self._prodid(section, lang),
                        stamp=stamp,
                    ),
                ),
            )
        url = site.url(lang, "calendar")
        output.write_lazy(
            url,
            self.state.fingerprint([item.entry for item in items], stamp, name),
            lambda: calendar(
                [self._calendar_event(item) for item in items],
                name=name,
                prodid=self._prodid(section, lang),
                stamp=stamp,
                url=site.absolute(url),
            ),
        )

    def _prodid(self, section: Section, lang: str) -> str:
        return f"-//{self.site.site_name}//{section.name}//{lang.upper()}"

    def _calendar_event(self, item: EventItem) -> CalendarEvent:
        site = self.site
        entry, meta = item.entry, item.meta
        url = site.absolute(entry.url)
        return CalendarEvent(
            uid=event_uid(entry.key, site.site_url, site.site_name),
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
