"""What every page shows around its content, in the page's own language.

The main navigation, the footer's links, the sections' feeds, the language
switcher (never a dead end), the breadcrumb trail, and the context a page's
template is rendered with, made of them. All of it is read from the build's
state once everything is read; what is the same on every page of a language
is made once (:func:`page_common`).
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

from sitecore.i18n import N_
from sitecore.jsonld import script_json

from .records import FeedLink, NavItem, PageCommon, Switch
from .render import PageJob
from .site import SiteState
from .structured import breadcrumb_list

# Each is shown in the *target* language, so the English text names English.
NOT_TRANSLATED_SECTION = N_("not available in English: to the overview")
NOT_TRANSLATED_HOME = N_("not available in English: to the home page")
SEARCH_LABEL = N_("Search")
HOME_LABEL = N_("Home page")
SITE_DESCRIPTION = N_(
    "The Bay Areas e.V. connects people and organisations of Kiel and "
    "Schleswig-Holstein with the San Francisco Bay Area."
)


def page_common(state: SiteState, lang: str) -> PageCommon:
    """What every page of ``lang`` shows (navigation, footer, feeds), made once.

    Its signature covers it and everything else all pages share: settings
    (but the clock and the build's folders), catalogs, theme assets and what
    the generators' template functions show on every page.
    """
    if lang not in state.common:
        shown = (
            main_nav(state, lang),
            footer_links(state, lang),
            feed_links(state, lang),
            state.gettext(lang, SITE_DESCRIPTION),
        )
        # Where a build writes and keeps its caches shows on no page (a
        # production build writes into a new folder every time).
        unseen = ("now", "output_path", "cache_path")
        settings = {k: v for k, v in vars(state.settings).items() if k not in unseen}
        signature = state.fingerprint(
            *shown,
            [generator.signature_parts() for generator in state.generators],
            repr(settings),
            state.session.catalog_digest(state.settings),
            sorted(asset.url for asset in state.assets.assets.values()),
        )
        state.common[lang] = PageCommon(*shown, signature=signature)
    return state.common[lang]


def page_context(state: SiteState, job: PageJob) -> dict[str, Any]:
    """Everything ``job``'s template receives (made when it is rendered)."""
    settings, lang, url, page = state.settings, job.lang, job.url, job.page
    alternates = [(code, settings.absolute(u)) for code, u in job.record.hreflang]
    common = page_common(state, lang)
    structured = page.structured() if callable(page.structured) else page.structured
    # Pages left out of the sitemap (404, the language choice) have no place
    # in a trail; they carry only the data they are given.
    data_blocks = (
        [*structured, *breadcrumbs(state, lang, url, page.title, page.section)]
        if page.in_sitemap
        else list(structured)
    )
    entry = job.values.get("entry")
    content = {"content": Markup(entry.content)} if entry is not None else {}
    return {
        **content,
        **job.values,
        "lang": lang,
        "page_url": url,
        "page_href": settings.href(url),
        "canonical": settings.absolute(url),
        "alternates": alternates,
        "switches": [
            switch(state, lang, other, page.counterparts.get(other), page.section)
            for other in settings.other_languages(lang)
        ],
        "nav": common.nav,
        "footer_links": common.footer_links,
        "feeds": common.feeds,
        "title": page.title,
        "description": page.description or common.description,
        "structured_data": [
            Markup(script_json(data))  # escaped for <script> by script_json
            for data in data_blocks
        ],
    }


def main_nav(state: SiteState, lang: str) -> list[NavItem]:
    """Sections by menu position, pages with ``menu`` by number and title, search.

    The search page is last, where a plugin provides one (``search_urls``).
    """
    settings = state.settings
    sections = sorted(
        (s for s in settings.sections.values() if s.menu is not None and s.has_list),
        key=lambda s: s.menu,
    )
    items = [
        NavItem(state.label(s, lang), url := s.list_url(lang), settings.href(url))
        for s in sections
    ]
    pages = [e for e in state.entries("pages", lang) if e.meta.menu is not None]
    pages.sort(key=lambda e: (e.meta.menu, e.sort_title.casefold()))
    items += [NavItem(e.title, e.url, e.href) for e in pages]
    search = state.search_urls.get(lang)
    if search:
        items.append(
            NavItem(state.gettext(lang, SEARCH_LABEL), search, settings.href(search))
        )
    return items


def footer_links(state: SiteState, lang: str) -> list[NavItem]:
    """Imprint and privacy pages (by key), in this language if it exists."""
    links = []
    for key in state.settings.footer_pages:
        found = state.find("pages", lang, [key])
        if not found:
            found = [
                entry
                for other in state.settings.other_languages(lang)
                for entry in state.find("pages", other, [key])
            ][:1]
        links += [NavItem(entry.title, entry.url, entry.href) for entry in found]
    return links


def feed_links(state: SiteState, lang: str) -> list[FeedLink]:
    """The Atom feeds of ``lang``'s sections."""
    settings = state.settings
    return [
        FeedLink(
            f"{settings.site_name} – {state.label(section, lang)}",
            state.label(section, lang),
            settings.href(section.feed_url(lang)),
        )
        for section in settings.sections.values()
        if section.has_feed
    ]


def switch(
    state: SiteState,
    lang: str,
    target: str,
    counterpart: str | None,
    section: str | None,
) -> Switch:
    """The switcher to ``target`` language for a page of ``lang``.

    Never a dead end: the counterpart if it exists, else the section's list
    in the other language, else that language's home page.
    """
    settings = state.settings
    label = language_name(target)
    if counterpart is not None:
        return Switch(
            target, counterpart, settings.href(counterpart), "translation", label
        )
    declared = settings.sections.get(section or "")
    if declared is not None and declared.has_list:
        url = declared.list_url(target)
        note = state.gettext(target, NOT_TRANSLATED_SECTION)
        return Switch(target, url, settings.href(url), "section", label, note)
    url = settings.url(target, "home")
    note = state.gettext(target, NOT_TRANSLATED_HOME)
    return Switch(target, url, settings.href(url), "home", label, note)


def breadcrumbs(
    state: SiteState, lang: str, url: str, title: str, section: str | None
) -> list[dict[str, Any]]:
    """The ``BreadcrumbList`` of a page: home, its section's list, the page."""
    settings = state.settings
    home = settings.url(lang, "home")
    if url == home:
        return []
    trail = [(state.gettext(lang, HOME_LABEL), settings.absolute(home))]
    declared = settings.sections.get(section or "")
    if declared is not None and declared.has_list:
        listing = declared.list_url(lang)
        if url != listing:
            trail.append((state.label(declared, lang), settings.absolute(listing)))
    trail.append((title, settings.absolute(url)))
    return [breadcrumb_list(trail)]


def og_locale(lang: str) -> str:
    """The Open Graph locale of a language: ``de`` → ``de_DE``, ``en`` → ``en_US``."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


def language_name(lang: str) -> str:
    """A language's name in itself: "Deutsch", "English", "Français"."""
    return Locale.parse(lang).get_display_name(lang).capitalize()
