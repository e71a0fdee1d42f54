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
    news = settings.sections["news"]
    assert news.item_url("de", slug="x", key="k") == "de/aktuelles/x/"
    assert news.list_url("en") == "en/news/"
    assert settings.url("en", "tag", tag="kiel") == "en/tag/kiel/"
    assert settings.href("de/") == "/site/de/"
    assert settings.absolute("de/") == "https://example.org/site/de/"
    assert settings.paginated("de", "de/aktuelles/", 3) == "de/aktuelles/seite/3/"
    assert settings.paginated("en", "en/news/", 1) == "en/news/"
    assert settings.now == datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert settings.strict is False and news.per_page == 10


def test_section_overrides_merge_with_defaults():
    settings = read_settings(
        {**BASE, "SECTIONS": {"news": {"list_urls": {"en": "en/stories/"}}}}
    )
    news = settings.sections["news"]
    assert news.list_url("en") == "en/stories/"
    assert news.list_url("de") == "de/aktuelles/"  # other languages keep theirs
    settings = read_settings(
        {
            **BASE,
            "SITE_LANGUAGES": ("de", "en", "fr"),
            "SECTIONS": {
                "news": {"list_urls": {"*": "{lang}/stories/"}},
                "projects": None,
                "reports": {"label": "Reports", "menu": 50},
            },
        }
    )
    assert settings.sections["news"].list_url("fr") == "fr/stories/"
    assert settings.sections["news"].list_url("en") == "en/news/"
    assert "projects" not in settings.sections
    reports = settings.sections["reports"]
    assert reports.list_url("de") == "de/reports/"
    assert reports.item_url("en", slug="x", key="k") == "en/reports/x/"
    assert reports.kind == "markdown" and reports.menu == 50


def test_third_language_gets_default_patterns():
    settings = read_settings({**BASE, "SITE_LANGUAGES": ("de", "en", "fr")})
    assert settings.url("fr", "home") == "fr/"
    assert settings.url("fr", "tag", tag="x") == "fr/tag/x/"
    assert settings.sections["news"].list_url("fr") == "fr/news/"
    assert settings.sections["pages"].item_url("fr", slug="a", key="a") == "fr/a/"


@pytest.mark.parametrize(
    ("override", "words"),
    [
        (
            {"SECTIONS": {"news": {"item_urls": {"de": "de/aktuelles/"}}}},
            "SECTIONS['news']['item_urls']['de'] must contain {slug}",
        ),
        (
            {"SITE_URLS": {"de": {"tag": "de/schlagwort/"}}},
            "SITE_URLS['de']['tag'] must contain {tag}",
        ),
        ({"SECTIONS": {"news": {"colour": "red"}}}, "unknown fields: colour"),
        (
            {"SECTIONS": {"reports": {"schema": "nowhere:Model"}}},
            "SECTIONS['reports']['schema']: 'nowhere:Model' cannot be loaded",
        ),
        ({"SITE_LANGUAGES": "de"}, "SITE_LANGUAGES must list language codes"),
        (
            {"SITE_URLS": {"en": {"home": "/en/"}}},
            "SITE_URLS['en']['home'] must not start with '/'",
        ),
        ({"DEFAULT_LANG": "fr"}, "DEFAULT_LANG 'fr' is not in SITE_LANGUAGES"),
        ({"SECTIONS": {"news": {"per_page": -1}}}, "per_page'] must be 0 or more"),
        ({"TIMEZONE": "Kiel"}, "TIMEZONE: unknown time zone 'Kiel'"),
        ({"BUILD_NOW": "tomorrow"}, "BUILD_NOW 'tomorrow' is not an ISO 8601 date"),
        ({"SITENAME": None}, "setting SITENAME must be a str"),
    ],
)
def test_bad_settings_name_their_key(override, words):
    with pytest.raises(SettingsError) as info:
        read_settings({**BASE, **override})
    assert words in str(info.value)
