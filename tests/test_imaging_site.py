"""Pictures end to end: a site with photos builds into responsive, clean pages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from PIL import Image
from test_imaging_pipeline import (
    LEAKS,
    assert_no_metadata,
    phone_photo,
    transparent_logo,
)

SMALL = {"IMAGE_WIDTHS": [160, 320]}  # keeps AVIF encoding quick in these tests


def all_files(output: Path) -> list[Path]:
    return [path for path in output.rglob("*") if path.is_file()]


def srcset_widths(element) -> list[int]:
    return [int(part.split()[-1][:-1]) for part in element["srcset"].split(",")]


def test_phone_photo_in_a_news_item_fits_the_screen_and_leaks_nothing(site):
    phone_photo(site.content / "images/news/kiel.jpg", size=(6000, 4000))
    for lang, title, alt in (
        ("de", "Hafen", "Der Hafen"),
        ("en", "Harbour", "The port"),
    ):
        site.md(
            f"news/harbour.{lang}.md",
            f"title: {title}\ndate: 2026-01-10\nimage: images/news/kiel.jpg\n"
            f"image_alt: {alt}",
            f"Text.\n\n![{alt} again]({{static}}/images/news/kiel.jpg)\n",
        )
    result = site.build(IMAGE_FORMATS=["webp", "fallback"])
    assert result.exit_code == 0, result.stderr
    for url in ("de/aktuelles/harbour/", "en/news/harbour/"):
        page = result.html(url)
        lead, body = page.select("picture")
        assert lead.parent.name == "figure" and "lead-image" in lead.parent["class"]
        source = lead.find("source", type="image/webp")
        assert srcset_widths(source) == [480, 960, 1600]
        assert srcset_widths(lead.img) == [480, 960, 1600]
        assert lead.img["src"].endswith(".jpg") and "-960." in lead.img["src"]
        # Upright: the 6000×4000 photo is stored sideways.
        assert (lead.img["width"], lead.img["height"]) == ("1600", "2400")
        assert lead.img["loading"] == "eager" and lead.img["fetchpriority"] == "high"
        assert body.img["loading"] == "lazy" and body.img["decoding"] == "async"
        for candidate in source["srcset"].split(", "):
            assert result.exists(candidate.split()[0].lstrip("/"))
    # One copy of each file for both languages: 3 widths × 2 formats, the
    # link preview and the cleaned original.
    pictures = sorted(p.name for p in (result.output / "images/news").iterdir())
    assert len(pictures) == 8 and "kiel.jpg" in pictures
    with Image.open(result.output / "images/news/kiel.jpg") as original:
        assert original.size == (4000, 6000)
    for path in all_files(result.output):
        data = path.read_bytes()
        assert not any(leak in data for leak in LEAKS), path
        if path.suffix in (".jpg", ".webp", ".png", ".avif"):
            assert_no_metadata(str(path))


def test_first_text_picture_is_the_eager_one_without_a_lead_picture(site):
    transparent_logo(site.content / "images/a.png")
    phone_photo(site.content / "images/b.jpg")
    site.md(
        "pages/gallery.en.md",
        "title: Gallery",
        "![First](/images/a.png)\n\nText.\n\n![Second]({static}/images/b.jpg)\n",
    )
    result = site.build(**SMALL)
    assert result.exit_code == 0, result.stderr
    first, second = result.html("en/gallery/").select(".prose picture")
    assert first.img["loading"] == "eager" and first.img["fetchpriority"] == "high"
    assert first.img["alt"] == "First" and first.img["src"].endswith(".png")
    assert [s["type"] for s in first.find_all("source")] == ["image/avif", "image/webp"]
    assert second.img["loading"] == "lazy" and not second.img.has_attr("fetchpriority")
    assert srcset_widths(second.img) == [160, 320]
    # A page without pictures has none, and nothing eager.
    assert not result.html("en/").select("img[fetchpriority]")


def test_picture_mistakes_are_reported_with_file_and_line(site):
    phone_photo(site.content / "images/ok.jpg")
    (site.content / "images/broken.jpg").write_bytes(b"not a picture")
    site.md(
        "news/bad.de.md",
        "title: Bilder\ndate: 2026-01-10\nimage: images/missing.jpg\nimage_alt: Fehlt",
        "Text.\n\n![](/images/ok.jpg)\n\nMehr Text.\n\n"
        "![Kaputt](/images/broken.jpg)\n\n![Weg](/images/weg.jpg)\n",
    )
    # A picture from another host is removed while the text is read (the
    # sanitizer), so it is an error of its own file before pictures are made.
    site.md(
        "news/far.de.md",
        "title: Fern\ndate: 2026-01-10",
        "Text.\n\n![Fern](https://example.com/x.jpg)\n",
    )
    result = site.build("publishconf.py", SITEURL="https://example.org", **SMALL)
    assert result.exit_code == 1
    found = {re.sub(r"^.*?news/", "news/", line) for line in result.problems}
    expected = [
        ("news/bad.de.md:4: image: 'content/images/missing.jpg' does not exist"),
        ("news/bad.de.md:10: image 'images/ok.jpg' has no description"),
        ("news/far.de.md:8: image 'https://example.com/x.jpg' would be loaded from"),
        "news/bad.de.md:14: image 'content/images/broken.jpg' cannot be used: it is",
        ("news/bad.de.md:16: image 'content/images/weg.jpg' does not exist"),
    ]
    for start in expected:
        assert any(line.startswith(start) for line in found), (start, found)
    assert not (result.output / "images").exists()  # a failed build writes nothing


def test_a_second_build_encodes_nothing(site, caplog):
    phone_photo(site.content / "images/p.jpg")
    site.news("p", "de", "Foto", image="images/p.jpg", image_alt="Ein Foto")
    with caplog.at_level(logging.INFO, logger="imaging"):
        first = site.build(**SMALL)
        second = site.build(name="again", **SMALL)
    assert first.exit_code == second.exit_code == 0
    counts = [
        re.search(r"(\d+) files encoded, (\d+) taken from the cache", r.getMessage())
        for r in caplog.records
    ]
    counts = [tuple(map(int, m.groups())) for m in counts if m]
    assert len(counts) == 2
    assert counts[0][0] > 0 and counts[1] == (0, counts[0][0])
    names = sorted(p.name for p in (second.output / "images").iterdir())
    assert names == sorted(p.name for p in (first.output / "images").iterdir())


def test_every_published_picture_is_cleaned_even_if_unused(site):
    phone_photo(site.content / "images/unused/photo.jpg")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    site.write("images/unused/icon.svg", svg)
    site.write("images/_drafts/secret.jpg", "x")
    site.page("about", "en", "About")
    result = site.build(**SMALL)
    assert result.exit_code == 0, result.stderr
    assert_no_metadata(str(result.output / "images/unused/photo.jpg"))
    published = (result.output / "images/unused/icon.svg").read_text()
    assert published.endswith(svg) and published.startswith("<?xml")
    assert not (result.output / "images/_drafts").exists()


def test_svg_with_script_is_cleaned_and_reported(site):
    site.write(
        "images/drawing.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        '<script>alert(1)</script><rect width="4" height="4"/></svg>',
    )
    site.write("images/notes.html", "<script>alert(1)</script>")
    site.page("about", "en", "About")
    preview = site.build(**SMALL)
    drawing = (preview.output / "images/drawing.svg").read_text()
    assert "<script" not in drawing and "onload" not in drawing
    assert '<rect width="4" height="4"/>' in drawing
    assert not (preview.output / "images/notes.html").exists()
    assert "images/drawing.svg: removed <script>" in preview.stderr
    assert "images/notes.html: warning: not published" in preview.stderr
    strict = site.build("publishconf.py", name="strict", **SMALL)
    assert strict.exit_code == 1


def test_link_previews_in_the_page_language(site):
    phone_photo(site.content / "images/p.jpg")
    site.news("p", "de", "Foto", image="images/p.jpg", image_alt="Ein Foto")
    site.news("p", "en", "Photo", image="images/p.jpg", image_alt="A photo")
    site.page("about", "de", "Über uns")
    site.page("about", "en", "About")
    result = site.build("publishconf.py", SITEURL="https://example.org", **SMALL)
    assert result.exit_code == 0, result.stderr

    def meta(page, name):
        tag = page.find("meta", attrs={"property": name}) or page.find(
            "meta", attrs={"name": name}
        )
        return tag["content"] if tag else None

    de, en = result.html("de/aktuelles/p/"), result.html("en/news/p/")
    assert meta(de, "og:image") == meta(en, "og:image")
    assert meta(de, "og:image").startswith("https://example.org/images/p-1200x630.")
    assert (meta(de, "og:image:width"), meta(de, "og:image:height")) == ("1200", "630")
    assert (meta(de, "og:image:alt"), meta(en, "og:image:alt")) == (
        "Ein Foto",
        "A photo",
    )
    assert (meta(de, "og:locale"), meta(en, "og:locale")) == ("de_DE", "en_US")
    assert meta(de, "og:locale:alternate") == "en_US"
    assert meta(de, "og:type") == "article" and meta(de, "og:title") == "Foto"
    assert meta(en, "og:url") == "https://example.org/en/news/p/"
    assert meta(en, "twitter:card") == "summary_large_image"
    assert meta(en, "twitter:image") == meta(en, "og:image")
    preview = meta(de, "og:image").removeprefix("https://example.org/")
    with Image.open(result.output / preview) as image:
        assert image.size == (1200, 630)
    # Pages without a picture of their own share the site's default preview,
    # described in the page's language.
    about_de, about_en = result.html("de/about/"), result.html("en/about/")
    assert meta(about_de, "og:type") == "website"
    default = meta(about_de, "og:image")
    assert "/theme/social-default-1200x630." in default
    assert default == meta(about_en, "og:image") == meta(result.html("en/"), "og:image")
    assert meta(about_de, "og:image:alt") != meta(about_en, "og:image:alt")
    assert "San Francisco" in meta(about_en, "og:image:alt")
    assert meta(result.html("en/"), "og:description")


def test_settings_have_defaults_and_bad_values_name_their_key(tmp_path):
    from bilingual.settings import SettingsError
    from imaging.settings import read_imaging_settings

    theme = Path(__file__).resolve().parent.parent / "theme"
    options = read_imaging_settings({"CACHE_PATH": str(tmp_path), "THEME": str(theme)})
    assert options.widths == (480, 960, 1600)
    assert options.formats == ("avif", "webp", "fallback")
    assert options.cache_dir == str(tmp_path / "imaging")
    assert options.preview_default.endswith("social-default.png")
    assert not options.precompress
    for key, value in (
        ("IMAGE_WIDTHS", [480, "wide"]),
        ("IMAGE_FORMATS", ["webp", "heic"]),
        ("IMAGE_QUALITY", {"webp": 0}),
        ("PRECOMPRESS_BROTLI_QUALITY", 12),
    ):
        with pytest.raises(SettingsError, match=key):
            read_imaging_settings({key: value})
