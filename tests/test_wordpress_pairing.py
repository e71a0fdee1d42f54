"""Language, pairs and keys: WPML meta, Polylang terms, addresses; unique keys."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wordpress.pairing import (
    ExistingFile,
    base_key,
    detect_language,
    group_items,
    old_path,
    place_groups,
    section_of,
    skip_label,
)
from wordpress.wxr import Item, Term, parse_wxr

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
BERLIN = ZoneInfo("Europe/Berlin")
LANGS = ("de", "en")


def item(post_id=1, **fields) -> Item:
    values = {
        "post_id": post_id,
        "post_type": "post",
        "status": "publish",
        "title": f"Titel {post_id}",
        "link": f"https://www.the-bay-areas.de/2017/01/titel-{post_id}/",
        "guid": "",
        "post_name": f"titel-{post_id}",
        "post_date": "2017-01-27 10:00:00",
        "post_date_gmt": "2017-01-27 09:00:00",
        "creator": "redaktion",
        "content": "",
        "excerpt": "",
    }
    values.update(fields)
    return Item(**values)


def wpml(lang, group, source=""):
    return (
        ("_wpml_import_language_code", lang),
        ("_wpml_import_translation_group", group),
        ("_wpml_import_source_language_code", source),
    )


def test_which_items_are_content():
    assert section_of(item()) == "news"
    assert section_of(item(post_type="page")) == "pages"
    assert section_of(item(status="future")) == "news"
    assert section_of(item(status="trash")) is None
    assert section_of(item(status="auto-draft")) is None
    assert section_of(item(post_type="attachment", status="inherit")) is None
    assert skip_label(item(status="trash")) == "post (trash)"
    assert skip_label(item(post_type="elementor_library")) == "elementor_library"


def test_language_from_wpml_then_polylang_then_address():
    both = item(
        meta=wpml("en", "g1", "de"),
        terms=(Term("language", "de", "Deutsch"),),
    )
    found = detect_language(both, LANGS)
    assert (found.lang, found.method, found.group, found.is_source) == (
        "en",
        "WPML",
        "g1",
        False,
    )
    polylang = item(
        terms=(
            Term("language", "en", "English"),
            Term("post_translations", "pll_1", "pll_1"),
        )
    )
    found = detect_language(polylang, LANGS)
    assert (found.lang, found.method, found.group) == ("en", "Polylang", "pll_1")
    english = item(link="https://www.the-bay-areas.de/en/about/")
    assert detect_language(english, LANGS).lang == "en"
    assert detect_language(english, LANGS).group == ""
    german = item(link="https://www.the-bay-areas.de/enten-im-hafen/")
    assert detect_language(german, LANGS).lang == "de"


def test_regional_codes_map_to_site_languages_and_others_are_unknown():
    assert detect_language(item(meta=wpml("de-DE", "g")), LANGS).lang == "de"
    assert detect_language(item(meta=wpml("en_US", "g")), LANGS).lang == "en"
    french = detect_language(item(meta=wpml("fr", "g")), LANGS)
    assert (french.code, french.lang) == ("fr", None)


def test_fixture_groups():
    export = parse_wxr((FIXTURES / "export.xml").read_bytes())
    grouping = group_items(export.items, LANGS)
    pairs = {
        tuple(sorted(i.post_id for i in g.versions.values())) for g in grouping.groups
    }
    assert pairs == {(10, 11), (12, 13), (14,), (15,), (16,), (20, 21), (22,)}
    assert [(i.post_id, lang.code) for i, lang in grouping.unknown] == [(18, "fr")]
    diwish = next(
        g for g in grouping.groups if 10 in {i.post_id for i in g.versions.values()}
    )
    assert diwish.source_lang == "de" and list(diwish.versions) == ["de", "en"]


def test_english_original_is_the_source_and_duplicates_stay_unpaired():
    items = [
        item(1, meta=wpml("de", "g", "en")),
        item(2, meta=wpml("en", "g", "")),
        item(3, meta=wpml("en", "g", "de")),
    ]
    grouping = group_items(items, LANGS)
    sizes = sorted(len(g.versions) for g in grouping.groups)
    assert sizes == [1, 2]
    pair = next(g for g in grouping.groups if len(g.versions) == 2)
    assert pair.source_lang == "en" and pair.source.post_id == 2
    assert "second en version" in str(grouping.notes[3][0].detail)


def test_polylang_pairs():
    export = parse_wxr((FIXTURES / "export-polylang.xml").read_bytes())
    grouping = group_items(export.items, LANGS)
    versions = sorted(
        sorted((lang, i.post_id) for lang, i in g.versions.items())
        for g in grouping.groups
    )
    assert versions == [[("de", 50), ("en", 51)], [("en", 52)]]


def test_keys_transliterate_and_stay_unique_across_years_and_existing_files():
    items = [
        item(1, post_name="", title="Über uns & Straße", meta=wpml("de", "a")),
        item(2, post_name="%c3%bcber-uns-strasse", meta=wpml("de", "b")),
        item(
            3,
            post_name="ueber-uns-strasse",
            post_date_gmt="2018-05-01 09:00:00",
            meta=wpml("de", "c"),
        ),
        item(4, post_name="city-partnership", meta=wpml("de", "d")),
    ]
    existing = [
        ExistingFile(
            "news/2017/city-partnership.de.md", "news", "city-partnership", "de"
        )
    ]
    placements = place_groups(group_items(items, LANGS).groups, existing, BERLIN)
    paths = sorted(p.relpath(next(iter(p.group.versions))) for p in placements)
    assert paths == [
        "news/2017/city-partnership-2.de.md",
        "news/2017/ueber-uns-strasse-2.de.md",
        "news/2017/ueber-uns-strasse.de.md",
        "news/2018/ueber-uns-strasse-3.de.md",
    ]


def test_each_language_keeps_its_own_slug():
    items = [
        item(1, post_name="satzung", post_type="page", meta=wpml("de", "s")),
        item(2, post_name="statutes", post_type="page", meta=wpml("en", "s", "de")),
    ]
    (placement,) = place_groups(group_items(items, LANGS).groups, [], BERLIN)
    assert placement.key == "satzung"
    assert placement.slugs == {"de": "satzung", "en": "statutes"}
    assert placement.relpath("en") == "pages/satzung.en.md"


def test_a_taken_address_gets_a_new_slug_and_a_note():
    existing = [
        ExistingFile(
            "news/2017/diwish-joins.de.md",
            "news",
            "diwish-joins",
            "de",
            slug="diwish-wird-mitglied",
        )
    ]
    items = [
        item(1, post_name="diwish-wird-mitglied", title="Anders", meta=wpml("de", "x"))
    ]
    (placement,) = place_groups(group_items(items, LANGS).groups, existing, BERLIN)
    assert placement.key == "diwish-wird-mitglied"
    assert placement.slugs["de"] == "diwish-wird-mitglied-2"
    assert "content/news/2017/diwish-joins.de.md" in str(
        placement.notes["de"][0].detail
    )


def test_items_imported_before_are_found_by_alias_or_title_and_date():
    items = [
        item(1, post_name="neu", meta=wpml("de", "a")),
        item(
            2,
            title="Entwurf",
            post_name="",
            link="https://x/?p=2",
            meta=wpml("de", "b"),
        ),
    ]
    existing = [
        ExistingFile(
            "news/2016/alt.de.md", "news", "alt", "de", aliases=("/2017/01/titel-1/",)
        ),
        ExistingFile(
            "news/2017/entwurf.de.md",
            "news",
            "entwurf",
            "de",
            title="Entwurf",
            date="2017-01-27 10:00",
        ),
    ]
    placements = place_groups(group_items(items, LANGS).groups, existing, BERLIN)
    assert sorted(p.relpath("de") for p in placements) == [
        "news/2016/alt.de.md",
        "news/2017/entwurf.de.md",
    ]


def test_old_paths_and_long_keys():
    assert (
        old_path(item(link="https://www.the-bay-areas.de/%c3%bcber-uns"))
        == "/%C3%BCber-uns/"
    )
    assert old_path(item(link="https://www.the-bay-areas.de/?p=5")) == ""
    long_title = "Ein sehr langer Titel " * 8
    grouping = group_items([item(1, post_name="", title=long_title)], LANGS)
    key = base_key(grouping.groups[0])
    assert len(key) <= 60 and not key.endswith("-")


@pytest.mark.parametrize("name", ["", "!!!"])
def test_items_without_any_name_get_a_key_from_their_id(name):
    grouping = group_items([item(7, post_name=name, title=name)], LANGS)
    assert base_key(grouping.groups[0]) == "post-7"


def test_a_file_found_again_keeps_the_slug_it_has():
    items = [
        item(
            1,
            post_name="contact-us",
            title="Contact",
            post_type="page",
            meta=wpml("en", "c"),
        )
    ]
    existing = [
        ExistingFile("pages/contact.en.md", "pages", "contact", "en", title="Contact")
    ]
    (placement,) = place_groups(group_items(items, LANGS).groups, existing, BERLIN)
    assert placement.relpath("en") == "pages/contact.en.md"
    assert placement.slugs == {"en": "contact"}
    assert placement.existing is existing[0]


@pytest.mark.parametrize(
    ("post_name", "title", "key"),
    [
        ("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2", "Επίπεδο 2", "epipedo-2"),
        ("2", "Level 2", "level-2"),
        ("", "远征手记", "yuan-zheng-shou-ji"),
        ("ueber-uns", "Über uns", "ueber-uns"),
        ("", "Über uns", "ueber-uns"),
        ("3", "3", "3"),
    ],
)
def test_keys_are_meaningful_in_any_script(post_name, title, key):
    grouping = group_items([item(7, post_name=post_name, title=title)], LANGS)
    assert base_key(grouping.groups[0]) == key


def test_untitled_items_without_an_address_are_found_again():
    untitled = item(168, post_name="", title="", link="https://x.example/?p=168")
    existing = [
        ExistingFile(
            "news/2017/post-168.de.md",
            "news",
            "post-168",
            "de",
            title="(post 168)",
            date="2017-01-27 10:00",
        )
    ]
    (placement,) = place_groups(group_items([untitled], LANGS).groups, existing, BERLIN)
    assert placement.relpath("de") == "news/2017/post-168.de.md"


def test_the_exports_own_language_is_the_default_by_address():
    page = item(5, link="https://example.org/about/")
    assert detect_language(page, LANGS, "en").lang == "en"
    assert detect_language(page, LANGS, "fr").lang == "de"
    german = item(6, link="https://example.org/de/ueber-uns/")
    assert detect_language(german, LANGS, "en").lang == "de"
