"""``<picture>`` markup and the rewriting of ``<img>`` tags, checked parsed."""

from __future__ import annotations

from bs4 import BeautifulSoup

from imaging.picture import PROSE_SIZES, img_attributes, picture_html, rewrite_images
from imaging.pipeline import Variant


def variants(widths=(480, 960, 1600), formats=("avif", "webp", "jpeg"), ratio=0.75):
    return [
        Variant(fmt, w, round(w * ratio), f"x-{w}.abc.{fmt}", f"/cache/x-{w}.{fmt}")
        for fmt in formats
        for w in widths
    ]


def parse(markup: str):
    return BeautifulSoup(markup, "html.parser").picture


def url(variant: Variant) -> str:
    return "/images/" + variant.name


def test_picture_offers_modern_formats_first_and_a_fallback_img():
    picture = parse(picture_html(variants(), url, "Signing the contract"))
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    assert sources[0]["srcset"] == (
        "/images/x-480.abc.avif 480w, /images/x-960.abc.avif 960w, "
        "/images/x-1600.abc.avif 1600w"
    )
    assert all(s["sizes"] == PROSE_SIZES for s in sources)
    img = picture.img
    assert img["src"] == "/images/x-960.abc.jpeg"
    assert img["srcset"].count("w,") == 2 and img["sizes"] == PROSE_SIZES
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert img["alt"] == "Signing the contract"
    assert picture.find_all(True)[-1] is img  # <img> comes last


def test_lazy_by_default_and_eager_with_high_priority_for_the_main_picture():
    lazy = parse(picture_html(variants(), url, "a")).img
    assert lazy["loading"] == "lazy" and lazy["decoding"] == "async"
    assert not lazy.has_attr("fetchpriority")
    eager = parse(picture_html(variants(), url, "a", eager=True)).img
    assert eager["loading"] == "eager" and eager["fetchpriority"] == "high"


def test_a_single_width_needs_no_srcset_on_the_img():
    img = parse(picture_html(variants(widths=(300,)), url, "small")).img
    assert img["src"] == "/images/x-300.abc.jpeg"
    assert not img.has_attr("srcset") and not img.has_attr("sizes")
    assert (img["width"], img["height"]) == ("300", "225")


def test_alt_and_title_are_escaped_and_kept():
    markup = picture_html(
        variants(),
        url,
        'Kiel & "San Francisco"',
        extra={"title": "<b>", "onerror": "x"},
    )
    img = parse(markup).img
    assert img["alt"] == 'Kiel & "San Francisco"' and img["title"] == "<b>"
    assert not img.has_attr("onerror")
    assert "<b>" not in markup


def test_rewrite_images_replaces_each_img_and_skips_hand_written_pictures():
    html = (
        '<p><img alt="One" src="/images/a.jpg"></p>'
        '<picture><source srcset="b.webp"><img alt="Two" src="/images/b.jpg"></picture>'
        '<p><img src="/images/c.jpg" alt="Three &amp; more" /></p>'
    )
    seen = []

    def replace(index, attributes):
        seen.append((index, attributes))
        return None if index == 1 else f"[{attributes['alt']}]"

    result = rewrite_images(html, replace)
    assert seen == [
        (0, {"alt": "One", "src": "/images/a.jpg"}),
        (1, {"src": "/images/c.jpg", "alt": "Three & more"}),
    ]
    assert result.startswith("<p>[One]</p><picture>")
    assert '<img src="/images/c.jpg" alt="Three &amp; more" />' in result


def test_img_attributes_reads_quotes_and_bare_attributes():
    assert img_attributes("<img src='x.jpg' alt=\"A 'quote'\" hidden>") == {
        "src": "x.jpg",
        "alt": "A 'quote'",
        "hidden": "",
    }
