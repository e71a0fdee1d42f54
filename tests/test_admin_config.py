"""The editing interface's configuration against the models it is made from.

Every declared section has a collection, every model field is there with the
widget, required flag and choices its type asks for, and nothing else is: so
the interface and the build cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, make_settings
from test_quality_checks import html, make_site

from admin.config import cms_config, config_yaml
from admin.fields import DATETIME_FORMAT, KEY_PATTERN, ordered_names
from admin.page import admin_page, admin_policy
from admin.settings import AdminSettings, read_admin_settings
from bilingual.settings import SettingsError, read_settings
from sitecheck.policy import check_editor_pages
from sitecheck.security import check_content_security_policy
from sitecore.fieldtypes import DATETIME, DAY_OR_TIME, TAGS

SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'"
)


def identity(message: str) -> str:
    return message


@pytest.fixture(scope="module")
def site_settings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("config")
    return read_settings(make_settings(ROOT / "content", root / "output"))


def build_config(site: Any, **admin: Any) -> dict[str, Any]:
    return cms_config(
        sections=list(site.sections.values()),
        languages=site.languages,
        default_lang=site.default_lang,
        timezone=site.timezone,
        site_url="https://example.org",
        admin=AdminSettings(**{"lang": site.default_lang, **admin}),
        translate=identity,
        member_choices=[("diwish", "DiWiSH"), ("kiel", "Kiel")],
    )


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


def test_every_section_has_a_collection_and_nothing_else(site_settings):
    config = build_config(site_settings)
    assert [c["name"] for c in config["collections"]] == list(site_settings.sections)


def test_every_model_field_is_there_in_editor_order(site_settings):
    config = build_config(site_settings)
    for collection in config["collections"]:
        model = site_settings.sections[collection["name"]].model()
        names = [f["name"] for f in collection["fields"]]
        extra = ["key"] + ([] if model.yaml_file else ["body"])
        assert sorted(names) == sorted([*model.model_fields, *extra]), collection[
            "name"
        ]
        own = [n for n in names if n in model.model_fields]
        assert own == ordered_names(model)
        assert own[: len(model.editor_order)] == [
            n for n in model.editor_order if n in model.model_fields
        ]


def test_required_flags_choices_and_widgets_follow_the_types(site_settings):
    config = build_config(site_settings)
    for collection in config["collections"]:
        model = site_settings.sections[collection["name"]].model()
        fields = by_name(collection["fields"])
        for name, declared in model.declared.items():
            field = fields[name]
            info = declared.info
            assert field["required"] is info.is_required(), (collection["name"], name)
            if info.description:
                assert field["hint"] == info.description
            if name in ("image", "logo"):
                assert field["widget"] == "image"
            elif name == "members":
                assert field["widget"] == "select" and field["multiple"] is True
                assert [o["value"] for o in field["options"]] == ["diwish", "kiel"]
            elif declared.type is DAY_OR_TIME:
                assert field["widget"] == "string" and "pattern" in field
            elif declared.type is DATETIME:
                assert field["widget"] == "datetime"
                assert field["format"] == DATETIME_FORMAT
            elif declared.type is TAGS:
                assert field["widget"] == "list"
        assert fields["key"]["pattern"][0] == KEY_PATTERN


def test_vocabularies_become_selects_with_every_code(site_settings):
    from members.vocabulary import REGIONS, TOPICS, TYPES

    config = build_config(site_settings)
    members = by_name(by_name(config["collections"])["members"]["fields"])
    for name, codes in (("region", REGIONS), ("type", TYPES), ("topics", TOPICS)):
        assert members[name]["widget"] == "select"
        assert [o["value"] for o in members[name]["options"]] == list(codes)
    assert members["topics"]["multiple"] is True
    description = members["description"]
    assert description["widget"] == "object"
    assert [(f["name"], f["widget"]) for f in description["fields"]] == [
        ("de", "markdown"),
        ("en", "markdown"),
    ]


def test_languages_side_by_side_and_shared_fields_once(site_settings):
    config = build_config(site_settings)
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": ["de", "en"],
        "default_locale": "de",
    }
    collections = by_name(config["collections"])
    news = by_name(collections["news"]["fields"])
    assert news["date"]["i18n"] == "duplicate"
    assert news["title"]["i18n"] is True
    assert collections["news"]["path"] == "{{year}}/{{slug}}"
    assert collections["news"]["folder"] == "content/news"
    events = by_name(collections["events"]["fields"])
    for name in ("start", "end", "timezone", "online", "registration"):
        assert events[name]["i18n"] == "duplicate", name
    location = events["location"]
    assert location["i18n"] is True
    assert {f["i18n"] for f in location["fields"]} == {"duplicate"}
    assert "i18n" not in collections["members"]


def test_pictures_go_to_content_images_and_are_written_as_the_contract_says(
    site_settings,
):
    config = build_config(site_settings)
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "/images"  # Markdown: ![…](/images/…)
    image = by_name(by_name(config["collections"])["news"]["fields"])["image"]
    assert image["media_folder"] == "/content/images"
    assert image["public_folder"] == "images"  # front matter: image: images/…


def test_production_asks_for_pull_requests_and_previews_use_the_local_backend(
    site_settings,
):
    production = build_config(site_settings, repo="assoc/site", base_url="https://a.b")
    assert production["publish_mode"] == "editorial_workflow"
    assert production["backend"]["repo"] == "assoc/site"
    assert production["backend"]["base_url"] == "https://a.b"
    assert "local_backend" not in production
    preview = build_config(site_settings, local_backend=True, proxy_port=9999)
    assert preview["local_backend"]["url"] == "http://127.0.0.1:9999/api/v1"
    text = config_yaml(preview)
    assert yaml.safe_load(text) == preview


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
