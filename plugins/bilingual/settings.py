"""The site's own settings, read once from Pelican's into a frozen dataclass.

Every setting has a default here, so ``pelicanconf.py`` lists only what differs;
a setting with the wrong shape is an error naming its key, not a KeyError deep
inside a template.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from sitecore.cache import ContentCache
from sitecore.content import default_workers
from sitecore.dates import get_zone

DEFAULT_URLS: dict[str, dict[str, str]] = {
    "de": {
        "home": "de/",
        "news": "de/aktuelles/",
        "news_item": "de/aktuelles/{slug}/",
        "events": "de/termine/",
        "event": "de/termine/{slug}/",
        "members": "de/mitglieder/",
        "member": "de/mitglieder/{key}/",
        "page": "de/{slug}/",
        "tag": "de/schlagwort/{tag}/",
        "feed": "de/feed.xml",
        "calendar": "de/termine.ics",
        "event_calendar": "de/termine/{slug}/{slug}.ics",
        "not_found": "de/404.html",
        "page_number": "seite/{number}/",
    },
    "en": {
        "home": "en/",
        "news": "en/news/",
        "news_item": "en/news/{slug}/",
        "events": "en/events/",
        "event": "en/events/{slug}/",
        "members": "en/members/",
        "member": "en/members/{key}/",
        "page": "en/{slug}/",
        "tag": "en/tag/{tag}/",
        "feed": "en/feed.xml",
        "calendar": "en/events.ics",
        "event_calendar": "en/events/{slug}/{slug}.ics",
        "not_found": "en/404.html",
        "page_number": "page/{number}/",
    },
}
REQUIRED_PLACEHOLDERS = {
    "news_item": "{slug}",
    "event": "{slug}",
    "member": "{key}",
    "page": "{slug}",
    "tag": "{tag}",
    "event_calendar": "{slug}",
    "page_number": "{number}",
}


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the key."""


@dataclass(frozen=True)
class SiteSettings:
    """What the plugins need from the settings, checked and with defaults."""

    site_name: str
    site_url: str
    languages: tuple[str, ...]
    default_lang: str
    timezone: str
    content_path: str
    theme_path: str
    output_path: str
    urls: Mapping[str, Mapping[str, str]]
    now: datetime
    strict: bool = False
    show_drafts: bool = False
    news_per_page: int = 10
    home_news_count: int = 3
    feed_size: int = 20
    newsletter_action: str = ""
    newsletter_email_field: str = "email"
    footer_pages: tuple[str, ...] = ("imprint", "privacy")
    workers: int = 1
    content_cache: str = ""  # folder of the content cache; "" = off

    def cache(self) -> ContentCache | None:
        """The content cache, if enabled (see sitecore/cache.py)."""
        return ContentCache(self.content_cache) if self.content_cache else None

    def url(self, lang: str, name: str, **values: str | int) -> str:
        """Site-relative URL (``de/aktuelles/x/``) of a named pattern."""
        return self.urls[lang][name].format(**values)

    def href(self, url: str) -> str:
        """Link target for a site-relative URL, respecting a SITEURL path."""
        prefix = urlsplit(self.site_url).path.rstrip("/")
        return f"{prefix}/{url}"

    def absolute(self, url: str) -> str:
        """Absolute URL for canonical links, feeds and the sitemap."""
        return f"{self.site_url.rstrip('/')}/{url}"

    def paginated(self, lang: str, base: str, number: int) -> str:
        """URL of page ``number`` of a list whose first page is ``base``."""
        if number == 1:
            return base
        return base + self.url(lang, "page_number", number=number)

    def other_languages(self, lang: str) -> tuple[str, ...]:
        return tuple(code for code in self.languages if code != lang)


def _require(settings: Mapping[str, Any], key: str, kind: type) -> Any:
    value = settings.get(key)
    if not isinstance(value, kind):
        raise SettingsError(f"setting {key} must be a {kind.__name__}, not {value!r}")
    return value


def _positive(settings: Mapping[str, Any], key: str, default: int) -> int:
    value = settings.get(key, default)
    if not isinstance(value, int) or value < 1:
        raise SettingsError(f"setting {key} must be a whole number of at least 1")
    return value


def _urls(settings: Mapping[str, Any], languages: tuple[str, ...]) -> dict:
    overrides = settings.get("SITE_URLS", {}) or {}
    if not isinstance(overrides, Mapping):
        raise SettingsError("setting SITE_URLS must map languages to URL patterns")
    result = {}
    for lang in languages:
        patterns = dict(DEFAULT_URLS.get(lang, {}))
        patterns.update(overrides.get(lang, {}))
        for name in DEFAULT_URLS["en"]:
            pattern = patterns.get(name)
            key = f"SITE_URLS['{lang}']['{name}']"
            if not isinstance(pattern, str) or not pattern:
                raise SettingsError(f"setting {key} is missing")
            if pattern.startswith("/"):
                raise SettingsError(f"setting {key} must not start with '/'")
            needed = REQUIRED_PLACEHOLDERS.get(name)
            if needed and needed not in pattern:
                raise SettingsError(f"setting {key} must contain {needed}")
        result[lang] = MappingProxyType(patterns)
    return result


def _now(settings: Mapping[str, Any]) -> datetime:
    """The build's "now": decides what is upcoming and what is due.

    Tests and previews set BUILD_NOW (or the SITE_BUILD_NOW environment
    variable, ISO 8601) to build the site as of another day.
    """
    value = settings.get("BUILD_NOW") or os.environ.get("SITE_BUILD_NOW")
    if not value:
        return datetime.now(UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise SettingsError(
                f"BUILD_NOW '{value}' is not an ISO 8601 date"
            ) from None
    if not isinstance(value, datetime):
        raise SettingsError("setting BUILD_NOW must be a datetime or ISO 8601 text")
    if value.tzinfo is None:
        value = value.replace(tzinfo=get_zone(settings.get("TIMEZONE") or "UTC"))
    return value


def read_settings(settings: Mapping[str, Any]) -> SiteSettings:
    """Build :class:`SiteSettings` from Pelican's settings dict."""
    languages = tuple(settings.get("SITE_LANGUAGES", ("de", "en")))
    default_lang = _require(settings, "DEFAULT_LANG", str)
    if default_lang not in languages:
        raise SettingsError(f"DEFAULT_LANG '{default_lang}' is not in SITE_LANGUAGES")
    timezone = settings.get("TIMEZONE") or "Europe/Berlin"
    try:
        get_zone(timezone)
    except ValueError as exc:
        raise SettingsError(f"setting TIMEZONE: {exc}") from None
    workers = settings.get("READ_WORKERS") or default_workers()
    return SiteSettings(
        site_name=_require(settings, "SITENAME", str),
        site_url=str(settings.get("SITEURL") or ""),
        languages=languages,
        default_lang=default_lang,
        timezone=timezone,
        content_path=_require(settings, "PATH", str),
        theme_path=_require(settings, "THEME", str),
        output_path=_require(settings, "OUTPUT_PATH", str),
        urls=MappingProxyType(_urls(settings, languages)),
        now=_now(settings),
        strict=bool(settings.get("STRICT_BUILD", False)),
        show_drafts=bool(settings.get("SHOW_DRAFTS", False)),
        news_per_page=_positive(settings, "NEWS_PER_PAGE", 10),
        home_news_count=_positive(settings, "HOME_NEWS_COUNT", 3),
        feed_size=_positive(settings, "FEED_SIZE", 20),
        newsletter_action=str(settings.get("NEWSLETTER_ACTION") or ""),
        newsletter_email_field=str(settings.get("NEWSLETTER_EMAIL_FIELD") or "email"),
        footer_pages=tuple(settings.get("FOOTER_PAGES", ("imprint", "privacy"))),
        workers=int(workers),
        content_cache=_cache_folder(settings),
    )


def _cache_folder(settings: Mapping[str, Any]) -> str:
    """CONTENT_CACHE on (the default) keeps the cache under CACHE_PATH/content.

    The environment variable SITE_CONTENT_CACHE=0 switches it off, so
    benchmarks can measure full builds.
    """
    if os.environ.get("SITE_CONTENT_CACHE") == "0":
        return ""
    if not settings.get("CONTENT_CACHE", True) or not settings.get("CACHE_PATH"):
        return ""
    return os.path.join(str(settings["CACHE_PATH"]), "content")
