"""The editing interface's configuration, checked against what it must say.

The expectations are written out here (field names, widgets, required flags,
languages, folders, checks and their messages), not derived from the models
or the code under test: a change to a model that would change the form, or a
change to the generator that would drop a check, fails here and must be
looked at. Messages are compared as message ids (the test translates nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, make_settings
from test_quality_checks import html, make_site

from admin.config import cms_config, config_yaml
from admin.page import admin_page, admin_policy
from admin.settings import AdminSettings, read_admin_settings
from bilingual.settings import SettingsError, read_settings
from sitecheck.policy import check_editor_pages
from sitecheck.security import check_content_security_policy

SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'"
)
KEY_PATTERN = r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_MESSAGES = {
    "day": "'{text}' is not a valid date: that day does not exist",
    "year": "'{text}': years from 1900 to 2199 are accepted; check the year",
    "time": "'{text}' has an invalid time: hours go from 00 to 23, "
    "minutes from 00 to 59",
}
WHEN = {
    "kind": "date",
    "mode": "when",
    "first": 1900,
    "last": 2199,
    "messages": {
        "format": "'{text}' is not a date; write DD.MM.YYYY, or DD.MM.YYYY HH:MM "
        "with a time (24 hours), e.g. 31.03.2027 18:30",
        **DATE_MESSAGES,
    },
}
DESCRIBE = {
    "kind": "with",
    "field": "image",
    "message": "Describe the picture in a few words, for visitors who cannot see it",
}
CONSENT = {
    "kind": "needs",
    "field": "consent",
    "message": "Published only with the person's consent: fill in the consent date "
    "first, or leave this field empty",
}

#: Every field of each collection, in the form's order: widget, language
#: handling (True: per language, "duplicate": entered once), required.
FIELDS = {
    "news": [
        ("key", "string", "none", False),
        ("title", "string", True, True),
        ("date", "datetime", "duplicate", True),
        ("slug", "string", True, False),
        ("summary", "text", True, False),
        ("tags", "list", True, False),
        ("members", "select", "duplicate", False),
        ("image", "image", "duplicate", False),
        ("image_alt", "string", True, False),
        ("author", "string", True, False),
        ("status", "select", True, False),
        ("aliases", "list", True, False),
        ("timezone", "string", "duplicate", False),
        ("modified", "datetime", True, False),
        ("body", "site-markdown", True, False),
    ],
    "events": [
        ("key", "string", "none", False),
        ("title", "string", True, True),
        ("start", "datetime", "duplicate", True),
        ("end", "datetime", "duplicate", False),
        ("timezone", "string", "duplicate", False),
        ("location", "object", True, False),
        ("online", "string", "duplicate", False),
        ("registration", "string", "duplicate", False),
        ("slug", "string", True, False),
        ("summary", "text", True, False),
        ("members", "select", "duplicate", False),
        ("image", "image", "duplicate", False),
        ("image_alt", "string", True, False),
        ("status", "select", True, False),
        ("aliases", "list", True, False),
        ("body", "site-markdown", True, False),
    ],
    "projects": [
        ("key", "string", "none", False),
        ("title", "string", True, True),
        ("slug", "string", True, False),
        ("summary", "text", True, False),
        ("since", "datetime", "duplicate", False),
        ("order", "number", "duplicate", False),
        ("members", "select", "duplicate", False),
        ("image", "image", "duplicate", False),
        ("image_alt", "string", True, False),
        ("status", "select", True, False),
        ("aliases", "list", True, False),
        ("body", "site-markdown", True, False),
    ],
    "pages": [
        ("key", "string", "none", False),
        ("title", "string", True, True),
        ("slug", "string", True, False),
        ("summary", "text", True, False),
        ("menu", "number", "duplicate", False),
        ("form", "select", True, False),
        ("status", "select", True, False),
        ("aliases", "list", True, False),
        ("body", "site-markdown", True, False),
    ],
    "members": [
        ("key", "string", None, False),
        ("name", "string", None, True),
        ("short_name", "string", None, False),
        ("region", "select", None, True),
        ("city", "string", None, True),
        ("type", "select", None, True),
        ("topics", "select", None, False),
        ("website", "string", None, False),
        ("member_since", "datetime", None, False),
        ("logo", "image", None, False),
        ("logo_alt", "string", None, False),
        ("description", "object", None, True),
        ("example", "boolean", None, False),
        ("status", "select", None, False),
    ],
    "people": [
        ("key", "string", None, False),
        ("name", "string", None, True),
        ("role", "object", None, True),
        ("group", "select", None, True),
        ("order", "number", None, False),
        ("since", "datetime", None, False),
        ("member", "select", None, False),
        ("consent", "datetime", None, False),
        ("email", "string", None, False),
        ("phone", "string", None, False),
        ("photo", "image", None, False),
        ("photo_alt", "string", None, False),
        ("status", "select", None, False),
    ],
}


def identity(message: str) -> str:
    return message


@pytest.fixture(scope="module")
def site_settings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("config")
    return read_settings(make_settings(ROOT / "content", root / "output"))


def build_config(
    site: Any, site_url: str = "https://example.org", **admin: Any
) -> dict:
    return cms_config(
        sections=list(site.sections.values()),
        languages=site.languages,
        default_lang=site.default_lang,
        timezone=site.timezone,
        site_url=site_url,
        admin=AdminSettings(**{"lang": site.default_lang, **admin}),
        translate=identity,
        member_choices=[("diwish", "DiWiSH"), ("kiel", "Kiel")],
    )


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


@pytest.fixture(scope="module")
def config(site_settings: Any) -> dict[str, Any]:
    return build_config(site_settings)


@pytest.fixture(scope="module")
def collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return by_name(config["collections"])


def test_every_section_is_a_collection_with_the_fields_of_its_model(collections):
    assert list(collections) == [
        "news",
        "events",
        "projects",
        "members",
        "people",
        "pages",
    ]
    for name, expected in FIELDS.items():
        fields = collections[name]["fields"]
        found = [(f["name"], f["widget"], f.get("i18n"), f["required"]) for f in fields]
        assert found == expected, name


def test_each_collection_reads_and_writes_with_the_sites_own_format(collections):
    news = collections["news"]
    assert news["folder"] == "content/news"
    assert news["path"] == "{{year}}/{{slug}}"
    assert news["extension"] == "md"
    assert news["format"] == "frontmatter-news"
    assert news["slug"] == "{{fields.key}}"
    assert news["identifier_field"] == "key"
    assert news["summary"] == "{{title}}{{__elsewhere}}"
    assert news["i18n"] is True
    assert collections["members"]["format"] == "yaml-members"
    assert collections["members"]["extension"] == "yml"
    assert "i18n" not in collections["members"]
    assert collections["members"]["identifier_field"] == "name"


def test_languages_side_by_side_german_first(config):
    assert config["locale"] == "de"
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": ["de", "en"],
        "default_locale": "de",
    }


def test_dates_are_typed_the_german_way_and_checked_before_saving(collections):
    news = by_name(collections["news"]["fields"])
    date = news["date"]
    assert (date["mode"], date["placeholder"]) == ("when", "DD.MM.YYYY HH:MM")
    assert date["checks"] == [WHEN]
    assert date["hint"] == (
        "Publication date. The time in 24 hours; leave it out for a whole day."
    )
    people = by_name(collections["people"]["fields"])
    assert (people["consent"]["mode"], people["since"]["mode"]) == ("day", "partial")
    assert people["consent"]["checks"][0]["messages"]["format"] == (
        "'{text}' is not a date; write it as DD.MM.YYYY, e.g. 31.03.2027"
    )
    members = by_name(collections["members"]["fields"])
    assert members["member_since"]["checks"][0]["mode"] == "partial"


def test_a_picture_needs_its_description_and_personal_data_consent(collections):
    for name in ("news", "events", "projects"):
        fields = by_name(collections[name]["fields"])
        assert fields["image_alt"]["checks"] == [DESCRIBE], name
    members = by_name(collections["members"]["fields"])
    assert "checks" not in members["logo_alt"]  # a logo's text defaults to the name
    people = by_name(collections["people"]["fields"])
    assert people["email"]["checks"][-1] == CONSENT
    assert people["phone"]["checks"][-1] == CONSENT
    assert people["photo"]["checks"] == [CONSENT]


def test_patterns_are_checked_with_the_builds_words(collections):
    news = by_name(collections["news"]["fields"])
    assert news["key"]["checks"] == [
        {
            "kind": "pattern",
            "pattern": KEY_PATTERN,
            "message": "Use lower-case letters a-z, digits and single '-' only",
        }
    ]
    assert (
        "pattern" not in news["key"]
    )  # checked by the site's script, in every language
    events = by_name(collections["events"]["fields"])
    country = by_name(events["location"]["fields"])["country"]
    assert country["checks"] == [
        {
            "kind": "pattern",
            "pattern": "^[A-Za-z]{2}$",
            "message": "Two letters, e.g. DE or US",
        }
    ]
    assert events["online"]["checks"][0]["message"] == (
        "A web address starting with https:// or http://"
    )


def test_hints_say_how_to_enter_a_value(collections):
    news = by_name(collections["news"]["fields"])
    assert (
        news["tags"]["hint"] == "Separate several with commas, e.g. Kiel, summer party"
    )
    assert news["members"]["hint"] == (
        "Keys of the members it is about. "
        "Choose one or more from the list; type to search."
    )
    assert news["body"]["hint"].startswith("Markdown, saved as you type it")


def test_choices_are_offered_by_their_labels(collections):
    members = by_name(collections["members"]["fields"])
    assert members["region"]["options"] == [
        {"label": "Schleswig-Holstein", "value": "schleswig-holstein"},
        {"label": "San Francisco Bay Area", "value": "bay-area"},
    ]
    assert [o["value"] for o in members["type"]["options"]] == [
        "company",
        "association",
        "public",
        "research",
        "education",
    ]
    assert members["topics"]["multiple"] is True
    assert [(f["name"], f["widget"]) for f in members["description"]["fields"]] == [
        ("de", "site-markdown"),
        ("en", "site-markdown"),
    ]
    news = by_name(collections["news"]["fields"])
    assert news["members"]["options"] == [
        {"label": "DiWiSH", "value": "diwish"},
        {"label": "Kiel", "value": "kiel"},
    ]
    assert news["status"]["options"] == [
        {"label": "published", "value": "published"},
        {"label": "draft", "value": "draft"},
    ]


def test_shared_fields_are_entered_once(collections):
    events = by_name(collections["events"]["fields"])
    location = events["location"]
    assert location["i18n"] is True
    assert [(f["name"], f["i18n"]) for f in location["fields"]] == [
        ("name", "duplicate"),
        ("address", "duplicate"),
        ("city", "duplicate"),
        ("country", "duplicate"),
    ]


def test_new_pictures_go_into_the_sections_folder(config, collections):
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "/images"  # Markdown: ![…](/images/…)
    news = by_name(collections["news"]["fields"])
    assert news["image"]["media_folder"] == "/content/images/news/{{year}}"
    assert news["image"]["public_folder"] == "images/news/{{year}}"  # image: images/…
    assert news["body"]["media_folder"] == "/content/images/news/{{year}}"
    assert news["body"]["public_folder"] == "/images/news/{{year}}"
    members = by_name(collections["members"]["fields"])
    assert members["logo"]["media_folder"] == "/content/images/members"
    assert members["logo"]["public_folder"] == "images/members"
    events = by_name(collections["events"]["fields"])
    assert events["image"]["media_folder"] == "/content/images/events"


def test_every_entry_links_to_its_page(config, collections):
    assert config["site_url"] == config["display_url"] == "https://example.org"
    assert collections["news"]["preview_path"] == (
        "admin/preview.html?section=news&item={{dirname}}/{{filename}}"
    )
    assert collections["members"]["preview_path"] == (
        "admin/preview.html?section=members&item={{dirname}}/{{filename}}"
    )


def test_production_asks_for_pull_requests_and_previews_use_the_local_backend(
    site_settings,
):
    production = build_config(site_settings, repo="assoc/site", base_url="https://a.b")
    assert production["publish_mode"] == "editorial_workflow"
    assert production["backend"] == {
        "name": "site-github",
        "repo": "assoc/site",
        "branch": "main",
        "preview_context": "site-preview",
        "squash_merges": True,
        "base_url": "https://a.b",
    }
    assert "local_backend" not in production
    preview = build_config(
        site_settings, site_url="", local_backend=True, proxy_port=9999
    )
    assert preview["backend"] == {
        "name": "site-local",
        "proxy_url": "http://127.0.0.1:9999/api/v1",
    }
    assert preview["publish_mode"] == "simple"
    assert preview["site_url"] == "/" and "display_url" not in preview
    assert yaml.safe_load(config_yaml(preview)) == preview


def test_lists_without_choices_are_kept_per_language(site_settings):
    """Decap accepts only true/false as a list's i18n, even for a shared field
    (member keys while there are no members to choose from)."""
    config = cms_config(
        sections=list(site_settings.sections.values()),
        languages=site_settings.languages,
        default_lang=site_settings.default_lang,
        timezone=site_settings.timezone,
        site_url="",
        admin=AdminSettings(lang="de"),
        translate=identity,
    )
    news = by_name(by_name(config["collections"])["news"]["fields"])
    assert (news["members"]["widget"], news["members"]["i18n"]) == ("list", True)
    assert (news["tags"]["widget"], news["tags"]["i18n"]) == ("list", True)


def test_settings_are_checked_and_name_their_key():
    with pytest.raises(SettingsError, match="ADMIN_REPO"):
        read_admin_settings({"ADMIN_REPO": "no-slash"}, "de")
    with pytest.raises(SettingsError, match="ADMIN_BASE_URL"):
        read_admin_settings({"ADMIN_BASE_URL": "http://x"}, "de")
    assert read_admin_settings({}, "en").lang == "en"


def test_the_project_settings_build_the_interface_for_previews_only():
    from pelican.settings import read_settings as pelican_settings

    preview = pelican_settings(str(ROOT / "pelicanconf.py"))
    production = pelican_settings(str(ROOT / "publishconf.py"))
    assert read_admin_settings(preview, "de").local_backend is True
    assert read_admin_settings(production, "de").local_backend is False


# --- the page and the checks ----------------------------------------------------


def admin_html(policy: str) -> str:
    return admin_page(
        lang="de",
        title="Bearbeiten",
        noscript="JavaScript",
        policy=policy,
        stylesheet="/theme/site.css",
        default_lang="de",
    )


def test_the_page_loads_only_the_sites_script_and_says_where_the_backend_is():
    page = admin_page(
        lang="de",
        title="Bearbeiten",
        noscript="JavaScript",
        policy="default-src 'self'",
        stylesheet="/theme/site.css",
        default_lang="de",
        local_backend="http://127.0.0.1:8081/api/v1",
    )
    assert '<script type="module" src="site-admin.js"></script>' in page
    assert page.count("<script") == 1
    assert 'data-local-backend="http://127.0.0.1:8081/api/v1"' in page
    assert 'data-bundle="decap-cms.js"' in page


def test_the_admin_policy_is_its_own_and_as_tight_as_works():
    policy = admin_policy(AdminSettings("de", base_url="https://auth.example.org"))
    assert "script-src 'self' 'unsafe-eval'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "https://auth.example.org" in policy
    assert "127.0.0.1" not in policy
    assert "http://127.0.0.1:8081" in admin_policy(
        AdminSettings("de", local_backend=True)
    )


def test_policy_check_accepts_the_site_and_its_editing_interface(tmp_path: Path):
    head = f'<meta http-equiv="Content-Security-Policy" content="{SITE_POLICY}">'
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(head=head),
            "admin/index.html": admin_html(admin_policy(AdminSettings("de"))),
            "sitemap.xml": "<urlset><url><loc>https://example.org/de/</loc></url>"
            "</urlset>",
        },
    )
    assert check_editor_pages(site) == []
    assert check_content_security_policy(site) == []  # /admin/ has its own rules


def test_policy_check_finds_what_must_stay_on_admin(tmp_path: Path):
    loose = "default-src 'self'; script-src 'self' 'unsafe-eval'"
    head = f'<meta http-equiv="Content-Security-Policy" content="{loose}">'
    page = html(body='<script src="/admin/decap-cms.js"></script>', head=head)
    noindexless = admin_html("default-src 'self'").replace(
        '<meta name="robots" content="noindex, nofollow">', ""
    )
    site = make_site(
        tmp_path,
        {
            "de/index.html": page,
            "en/index.html": html(),
            "admin/index.html": noindexless,
            "admin/decap-cms.js": "",
            "sitemap.xml": "<urlset><url><loc>https://example.org/admin/</loc>"
            "</url></urlset>",
        },
    )
    found = [str(f) for f in check_editor_pages(site)]
    found += [str(f) for f in check_content_security_policy(site)]
    assert any(f.startswith("/de/") and "unsafe-eval" in f for f in found), found
    assert "/de/: loads the editing interface's script /admin/decap-cms.js" in found
    assert any(f.startswith("/en/") for f in found)
    assert any(f.startswith("/admin/: the editing interface must carry") for f in found)
    assert any(f.startswith("/sitemap.xml: lists the editing interface") for f in found)


def test_lists_are_translated_per_language_as_the_interface_requires(site_settings):
    """Decap accepts only true/false as a list's i18n, even for a shared field
    (member keys while there are no members to choose from)."""
    config = cms_config(
        sections=list(site_settings.sections.values()),
        languages=site_settings.languages,
        default_lang=site_settings.default_lang,
        timezone=site_settings.timezone,
        site_url="",
        admin=AdminSettings(lang="de"),
        translate=identity,
    )
    lists = [
        field
        for collection in config["collections"]
        for field in collection["fields"]
        if field["widget"] == "list"
    ]
    assert {field["name"] for field in lists} >= {"members", "tags", "aliases"}
    assert {field.get("i18n", True) for field in lists} == {True}


def test_the_keys_in_use_include_drafts_broken_files_and_every_year(tmp_path):
    """The form refuses a key any file has, however the build treated that file."""
    import json

    from conftest import SiteBuilder

    site = SiteBuilder(tmp_path / "site")
    site.md("news/2025/fest.de.md", 'title: "Fest"\ndate: 2025-06-01')
    site.md("news/2026/plan.de.md", 'title: "Plan"\ndate: 2026-01-02\nstatus: draft')
    site.md("news/2026/kaputt.de.md", 'title: "Kaputt"\ndate: 2026-02-31')
    site.md(
        "events/treffen.en.md",
        'title: "Meet"\nstart: 2026-03-01 18:00\nonline: https://example.org/',
    )
    result = site.build()
    data = json.loads((result.output / "admin" / "site.json").read_text("utf-8"))
    assert data["keys"]["news"] == {
        "fest": "news/2025/fest.de.md",
        "kaputt": "news/2026/kaputt.de.md",
        "plan": "news/2026/plan.de.md",
    }
    assert data["keys"]["events"] == {"treffen": "events/treffen.en.md"}
