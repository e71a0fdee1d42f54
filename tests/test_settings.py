"""Site settings: defaults, overrides and errors that name the key."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bilingual.settings import SettingsError, read_settings

BASE = {
    "SITENAME": "Site",
    "DEFAULT_LANG": "de",
    "PATH": "content",
    "THEME": "theme",
    "OUTPUT_PATH": "output",
    "BUILD_NOW": "2026-06-01T12:00:00+02:00",
}


def test_defaults_and_url_helpers():
    settings = read_settings({**BASE, "SITEURL": "https://example.org/site"})
    assert settings.url("de", "news_item", slug="x") == "de/aktuelles/x/"
    assert settings.url("en", "tag", tag="kiel") == "en/tag/kiel/"
    assert settings.href("de/") == "/site/de/"
    assert settings.absolute("de/") == "https://example.org/site/de/"
    assert settings.paginated("de", "de/aktuelles/", 3) == "de/aktuelles/seite/3/"
    assert settings.paginated("en", "en/news/", 1) == "en/news/"
    assert settings.now == datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert settings.strict is False and settings.news_per_page == 10


def test_url_overrides_merge_with_defaults():
    settings = read_settings({**BASE, "SITE_URLS": {"en": {"news": "en/stories/"}}})
    assert settings.url("en", "news") == "en/stories/"
    assert settings.url("en", "news_item", slug="x") == "en/news/x/"


@pytest.mark.parametrize(
    ("override", "words"),
    [
        (
            {"SITE_URLS": {"de": {"news_item": "de/aktuelles/"}}},
            "SITE_URLS['de']['news_item'] must contain {slug}",
        ),
        (
            {"SITE_URLS": {"en": {"home": "/en/"}}},
            "SITE_URLS['en']['home'] must not start with '/'",
        ),
        ({"DEFAULT_LANG": "fr"}, "DEFAULT_LANG 'fr' is not in SITE_LANGUAGES"),
        ({"NEWS_PER_PAGE": 0}, "NEWS_PER_PAGE must be a whole number"),
        ({"TIMEZONE": "Kiel"}, "TIMEZONE: unknown time zone 'Kiel'"),
        ({"BUILD_NOW": "tomorrow"}, "BUILD_NOW 'tomorrow' is not an ISO 8601 date"),
        ({"SITENAME": None}, "setting SITENAME must be a str"),
    ],
)
def test_bad_settings_name_their_key(override, words):
    with pytest.raises(SettingsError) as info:
        read_settings({**BASE, **override})
    assert words in str(info.value)
