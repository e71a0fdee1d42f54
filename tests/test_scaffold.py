"""``invoke new``: new files from the section declarations that build at once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT

from bilingual.catalogs import load_catalogs
from bilingual.settings import load
from sitecore.frontmatter import parse_document
from sitecore.scaffold import ScaffoldError, scaffold

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
CATALOGS = load_catalogs(str(ROOT / "theme" / "translations"), ("de", "en"))
SETTINGS = load(str(ROOT / "pelicanconf.py"))


def new(site, section, key, now=NOW):
    declared = SETTINGS.sections[section]
    defaults = (
        {"location": dict(SETTINGS.address)}
        if "location" in declared.model().model_fields
        else {}
    )
    return scaffold(
        str(site.content),
        declared,
        key,
        SETTINGS.languages,
        now,
        lambda lang, message: CATALOGS[lang].gettext(message),
        defaults,
    )


def test_news_pair_in_its_year_folder_builds_as_a_draft(site):
    paths = new(site, "news", "summer-party")
    assert [p.relative_to(site.content).as_posix() for p in paths] == [
        "news/2026/summer-party.de.md",
        "news/2026/summer-party.en.md",
    ]
    german = paths[0].read_text("utf-8")
    assert "date: 2026-05-01 09:30" in german
    assert "# Überschrift" in german and "title: Neuer Titel" in german
    assert "# Headline" in paths[1].read_text("utf-8")
    preview = site.build("pelicanconf.py")
    assert preview.exit_code == 0, preview.stderr
    assert "error" not in preview.stderr
    assert preview.exists("de/aktuelles/summer-party/")
    published = site.build("publishconf.py", name="published")
    assert published.exit_code == 0, published.stderr
    assert not published.exists("de/aktuelles/summer-party/")


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("Sommer_Fest", "e.g. 'sommer-fest'"),
        ("größe", "e.g. 'groesse'"),
        ("sommer fest", "e.g. 'sommer-fest'"),
    ],
)
def test_invalid_keys_are_refused_with_a_suggestion(site, key, hint):
    with pytest.raises(ScaffoldError) as info:
        new(site, "news", key)
    assert hint in str(info.value)
    assert not (site.content / "news").exists()


def test_a_key_used_in_another_year_is_refused(site):
    site.md("news/2024/fest.en.md", 'title: "Fest"\ndate: 2024-06-01')
    with pytest.raises(ScaffoldError) as info:
        new(site, "news", "fest")
    assert "content/news/2024/fest.en.md" in str(info.value)


def test_event_starts_in_the_future_at_a_sensible_hour(site):
    paths = new(site, "events", "meetup")
    meta = parse_document(paths[0].read_text("utf-8")).meta.data
    assert meta["start"] == "2026-05-08 18:00"
    assert meta["location"]["city"] == "Kiel"
    result = site.build("pelicanconf.py")
    assert result.exit_code == 0 and "error" not in result.stderr, result.stderr
    assert result.exists("de/termine/meetup/")


def test_projects_and_members_are_scaffolded_from_their_models(site):
    new(site, "projects", "ueberflieger")
    (member,) = new(site, "members", "new-member")
    text = member.read_text("utf-8")
    assert "region: schleswig-holstein" in text
    assert "status: draft" in text
    result = site.build("pelicanconf.py")
    assert result.exit_code == 0 and "error" not in result.stderr, result.stderr
    assert result.exists("de/projekte/ueberflieger/")
    assert result.exists("en/members/new-member/")
    published = site.build("publishconf.py", name="published")
    assert not published.exists("en/members/new-member/")
    assert not published.exists("de/projekte/ueberflieger/")


def test_existing_files_are_never_overwritten(site):
    new(site, "pages", "about")
    with pytest.raises(ScaffoldError):
        new(site, "pages", "about")
