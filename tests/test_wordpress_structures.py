"""The structures of real WordPress exports, in a fixture of our own.

``fixtures/wordpress/export-structures.xml`` is written the way current
WordPress versions export (https namespace, an English single-language
site) and holds what WordPress's own test exports hold: non-Latin slugs and
tags, a doubled slash and double encoding in permalinks, hashtags and
definition lists, tables with a footer or without a header, untitled
drafts, featured images without alt text, a link to a post under another
date, a bare video address, direction-changing characters, a custom post
type. Each is imported, written as the contract says, and built strictly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image
from test_wordpress_import import FIXTURES, front, run, tree

from wordpress.wxr import parse_wxr

EXPORT = FIXTURES / "export-structures.xml"
LD_JSON = 'script[type="application/ld+json"]'
NAMESPACES = [
    "http://wordpress.org/export/1.0/",
    "http://wordpress.org/export/1.1/",
    "http://wordpress.org/export/1.2/",
    "https://wordpress.org/export/1.1/",
    "https://wordpress.org/export/1.2/",
]
PICTURES = [
    "2016/04/harbour-dawn.jpg",
    "2016/04/bowline.jpg",
    "2016/04/bowline-300x200.jpg",
    "2016/07/quay-east.jpg",
    "2016/07/quay-west.jpg",
]


def make_site_download(folder: Path) -> Path:
    """What an FTP download of the old site gives: the uploads deep inside."""
    uploads = folder / "wp-content" / "uploads"
    for relpath in PICTURES:
        path = uploads / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 30), (20, 60, 120)).save(path, "JPEG")
    return folder


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def imported(tmp_path, capsys) -> Path:
    make_site_download(tmp_path / "site")
    args = ("--source", EXPORT, "--uploads", "site", "--content", "content")
    assert run(*args, "--section-map", "post_type:project=projects") == 0
    capsys.readouterr()
    return tmp_path / "content"


def report(content: Path) -> str:
    return (content / "_import-report.md").read_text("utf-8")


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_every_namespace_of_wxr_1_0_to_1_2_is_read(namespace):
    text = EXPORT.read_text("utf-8").replace(
        "https://wordpress.org/export/1.2/", namespace
    )
    export = parse_wxr(text.encode())
    assert export.version == "1.2"  # as the file's wxr_version says
    assert len(export.items) == 12
    words = next(item for item in export.items if item.post_id == 520)
    assert words.excerpt == "Paint and patience."


def test_keys_come_from_slugs_and_titles_in_any_script(imported):
    assert set(tree(imported)) == {
        "_import-report.md",
        "news/2016/harbour-words.en.md",
        "news/2016/knot-tying-class.en.md",
        "news/2016/moved-twice.en.md",
        "news/2016/post-512.en.md",
        "news/2016/quay-notes.en.md",
        "pages/epipedo-2.en.md",
        "projects/lighthouse-restoration.en.md",
        *(f"images/{p}" for p in PICTURES if "300x200" not in p),
    }


def test_aliases_are_normalised_or_dropped_with_the_reason(imported):
    greek = front(imported, "pages/epipedo-2.en.md")
    assert greek["aliases"] == ["/ellada/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/"]
    moved = front(imported, "news/2016/moved-twice.en.md")
    assert "aliases" not in moved
    # The reason is the build's own (sitecore.fields.alias_path), in its words.
    assert "old address /../../moved-twice/ cannot become a redirect: " in (
        report(imported)
    )


def test_text_that_looks_like_markup_stays_text(imported):
    body = (imported / "news/2016/harbour-words.en.md").read_text("utf-8")
    assert "\n\\#sailing is what we do" in body
    assert "\n\\#knots\n:   The speed of a boat." in body
    assert "\n1\\. Rule of the quay" in body


def test_tables_stay_whole(imported):
    body = (imported / "news/2016/harbour-words.en.md").read_text("utf-8")
    footer = "<tfoot>\n<tr><td>Total</td><td>2 boats</td></tr>\n</tfoot>"
    assert footer in body
    assert "<tr><td>High water</td><td>06:12</td></tr>" in body
    assert "| Berth | Per night |\n| --- | --- |\n| Small | 12 € |" in body
    assert body.count("| --- |") == 1


def test_tags_without_latin_letters_are_listed_not_written(imported):
    words = front(imported, "news/2016/harbour-words.en.md")
    assert words["tags"] == ["Sailing"]
    assert "'远征手记' has no letters from A to Z or digits" in report(imported)


def test_featured_images_get_an_alt_text_from_the_best_source(imported):
    words = front(imported, "news/2016/harbour-words.en.md")
    assert words["image_alt"] == "The harbour basin at sunrise, seen from the east pier"
    assert "alt text to check: featured image images/2016/04/harbour-dawn.jpg" in (
        report(imported)
    )
    knots = front(imported, "news/2016/knot-tying-class.en.md")
    assert knots["image_alt"] == "A bowline knot on a blue rope"  # as in its text


def test_links_find_a_post_under_another_date(imported):
    body = (imported / "news/2016/harbour-words.en.md").read_text("utf-8")
    assert "[the knot class]({filename}/news/2016/knot-tying-class.en.md)" in body
    assert "link to the old site" not in report(imported)


def test_bare_video_addresses_become_links_and_are_listed(imported):
    body = (imported / "news/2016/knot-tying-class.en.md").read_text("utf-8")
    assert "<https://www.youtube.com/watch?v=knots123>" in body
    assert (
        "embed: https://www.youtube.com/watch?v=knots123: WordPress showed it "
        "embedded; it is now a link" in report(imported)
    )


def test_the_report_neither_merges_pictures_nor_shows_direction_overrides(imported):
    text = report(imported)
    assert "\u202e" not in text and "\u202c" not in text
    assert "### Quay <U+202E>txet desrever<U+202C> notes" in text
    assert "missing alt text: images/2016/07/quay-east.jpg" in text
    assert "missing alt text: images/2016/07/quay-west.jpg" in text
    assert "(×2)" not in text
    assert "translation group ;" not in text
    refused = text.split("## Still to do before the strict build passes")[1]
    assert "`content/news/2016/quay-notes.en.md`" in refused.split("##")[0]


def test_the_sections_follow_the_declarations_and_the_map(imported):
    project = front(imported, "projects/lighthouse-restoration.en.md")
    assert project == {
        "title": "Lighthouse restoration",
        "summary": "Paint and patience.",
        "aliases": ["/project/lighthouse-restoration/"],
    }
    headings = [line for line in report(imported).splitlines() if line[:3] == "## "]
    assert headings[1:4] == ["## News", "## Pages", "## Projects"]
    draft = front(imported, "news/2016/post-512.en.md")
    assert draft["title"] == "(post 512)" and draft["status"] == "draft"


def test_a_second_run_changes_nothing_at_all(imported, capsys):
    before = tree(imported)
    args = ("--source", EXPORT, "--uploads", "site", "--content", "content")
    assert run(*args, "--section-map", "post_type:project=projects") == 0
    assert tree(imported) == before
    assert "0 written, 7 already there" in capsys.readouterr().out


def test_a_bad_section_map_names_the_sections_there_are(tmp_path, capsys):
    args = ("--source", EXPORT, "--content", "content")
    assert run(*args, "--section-map", "post_type:project=jobs") == 2
    error = capsys.readouterr().err
    assert (
        "--section-map: 'post_type:project=jobs': the site has no section 'jobs'"
        in (error)
    )
    assert "events, news, pages, projects" in error
    assert run(*args, "--section-map", "project=projects") == 2
    assert not (tmp_path / "content").exists()


def test_a_category_maps_items_of_any_type(tmp_path):
    args = ("--source", EXPORT, "--content", "content")
    assert run(*args, "--section-map", "category:events=projects") == 0
    assert (tmp_path / "content/projects/knot-tying-class.en.md").exists()
    skipped = report(tmp_path / "content").split("## Skipped by type")[1]
    assert "| project | 1 |" in skipped


def test_deeply_nested_html_is_bounded_and_the_others_go_on(tmp_path, capsys):
    deep = "<blockquote>" * 20_000 + "Deep down." + "</blockquote>" * 20_000
    text = EXPORT.read_text("utf-8").replace("We paint the old lighthouse.", deep)
    source = tmp_path / "deep.xml"
    source.write_text(text, "utf-8")
    args = ("--source", source, "--content", "content")
    assert run(*args, "--section-map", "post_type:project=projects") == 0
    content = tmp_path / "content"
    body = (content / "projects/lighthouse-restoration.en.md").read_text("utf-8")
    assert body.rstrip().endswith("Deep down.") and ">" not in body.split("---")[-1]
    assert "nested too deeply: its HTML is nested more than 64 levels deep" in (
        report(content)
    )
    assert (content / "news/2016/harbour-words.en.md").exists()
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "given", ["site", "site/wp-content", "site/wp-content/uploads"]
)
def test_uploads_may_be_given_at_any_level_of_the_download(tmp_path, capsys, given):
    make_site_download(tmp_path / "site")
    assert run("--source", EXPORT, "--uploads", given, "--content", "content") == 0
    assert (tmp_path / "content/images/2016/04/bowline.jpg").exists()
    err = capsys.readouterr().err
    if given == "site/wp-content/uploads":
        assert err == ""
    else:
        assert "pictures are taken from site/wp-content/uploads" in err


def test_a_wrong_uploads_level_gets_a_hint(tmp_path, capsys):
    make_site_download(tmp_path / "site")
    year = "site/wp-content/uploads/2016"
    assert run("--source", EXPORT, "--uploads", year, "--content", "content") == 0
    err = capsys.readouterr().err
    assert f"{year} looks like one year or month of the uploads folder" in err
    assert f"- {year} looks like one year" in report(tmp_path / "content")


def test_uploads_copy_only_files_really_inside(tmp_path):
    site = make_site_download(tmp_path / "site")
    secret = tmp_path / "secret.jpg"
    Image.new("RGB", (10, 10)).save(secret, "JPEG")
    uploads = site / "wp-content" / "uploads"
    (uploads / "2016/07/quay-east.jpg").unlink()
    (uploads / "2016/07/quay-east.jpg").symlink_to(secret)
    (uploads / "2016/elsewhere").symlink_to(tmp_path, target_is_directory=True)
    assert run("--source", EXPORT, "--uploads", "site", "--content", "content") == 0
    content = tmp_path / "content"
    assert not (content / "images/2016/07/quay-east.jpg").exists()
    assert (content / "images/2016/07/quay-west.jpg").exists()
    text = report(content)
    assert "- `2016/07/quay-east.jpg`" in text and "- `2016/elsewhere/`" in text
    assert not [p for p in content.rglob("*") if p.is_symlink()]


@pytest.mark.slow
def test_the_import_builds_strictly_with_headings_and_tables_intact(site, tmp_path):
    make_site_download(tmp_path / "download")
    args = ("--source", EXPORT, "--uploads", "download", "--content", site.content)
    rules = "post_type:project=projects,post_type:tribe_events=events"
    assert run(*args, "--section-map", rules) == 0
    quay = site.content / "news/2016/quay-notes.en.md"
    quay.write_text(quay.read_text("utf-8").replace("![](", "![Quay](", 2), "utf-8")
    result = site.build("publishconf.py", SITEURL="https://www.example.org")
    assert result.exit_code == 0, result.stderr
    page = result.html("en/news/harbour-words/")
    main = page.select_one("main")
    headings = [h.get_text(strip=True) for h in main.select("h1, h2, h3")]
    assert headings == ["Harbour words", "Crew list", "Tide times", "Fees"]
    assert [dt.get_text() for dt in main.select("dl dt")] == ["#knots", "Bollard"]
    assert main.find("p", string=re.compile("^#sailing is what we do"))
    crew, tide, fees = main.select("table")
    assert [td.get_text() for td in crew.select("tfoot td")] == ["Total", "2 boats"]
    assert tide.select("th") == [] and tide.select_one("tr td").get_text() == (
        "High water"
    )
    assert [th.get_text() for th in fees.select("thead th")] == ["Berth", "Per night"]
    assert not [td for td in main.select("td") if set(td.get_text()) <= {"-", " "}]
    assert result.exists("en/epipedo-2/")
    assert result.exists("ellada/επίπεδο-2/"), "the old address redirects"
    assert result.exists("en/projects/lighthouse-restoration/")
    festival = result.html("en/events/harbour-festival/")
    (event,) = [
        data
        for data in map(json.loads, (s.string for s in festival.select(LD_JSON)))
        if data.get("@type") == "Event"
    ]
    assert event["startDate"] == "2027-07-10T14:00:00-07:00"
    assert event["location"]["address"]["addressLocality"] == "Kiel"
    assert result.exists("en/events/regatta-weekend/")


def test_a_section_with_a_field_wordpress_lacks_is_listed_as_still_to_do(tmp_path):
    args = ("--source", EXPORT, "--content", "content")
    assert run(*args, "--section-map", "category:events=events") == 0
    content = tmp_path / "content"
    event = front(content, "events/knot-tying-class.en.md")
    assert "start" not in event and "date" not in event and "tags" not in event
    assert event["title"] == "Knot tying class"
    text = report(content)
    todo = text.split("## Still to do before the strict build passes")[1].split("##")[0]
    assert "`content/events/knot-tying-class.en.md`" in todo
    assert (
        "required field missing: start: required in events, and WordPress has "
        "nothing to fill it with" in text
    )


def test_events_of_the_events_calendar_keep_their_time_and_place(tmp_path):
    args = ("--source", EXPORT, "--content", "content")
    assert run(*args, "--section-map", "post_type:tribe_events=events") == 0
    content = tmp_path / "content"
    assert front(content, "events/harbour-festival.en.md") == {
        "title": "Harbour festival",
        "start": "2027-07-10 14:00",
        "end": "2027-07-10 18:30",
        "timezone": "America/Los_Angeles",
        "location": {
            "name": "East Pier",
            "address": "Pier Road 1",
            "city": "Kiel",
            "country": "DE",
        },
        "aliases": ["/event/harbour-festival/"],
    }
    regatta = front(content, "events/regatta-weekend.en.md")
    assert (regatta["start"], regatta["end"]) == ("2027-08-14", "2027-08-15")
    assert "timezone" not in regatta
    text = report(content)
    assert "Still to do" not in text and "required field missing" not in text
    assert "| tribe_venue | 1 |" in text
