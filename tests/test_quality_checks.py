"""The static checks as pure functions over small hand-written output folders."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from sitecheck.findings import Finding, format_findings
from sitecheck.links import check_hreflang, check_links
from sitecheck.markup import check_controls, check_images, check_third_party
from sitecheck.pagetypes import classify, representatives
from sitecheck.site import OutputSite, css_urls, page_url
from sitecheck.weight import BUDGET, check_no_js_content, check_weight, heaviest

SITE_URL = "https://example.org"


def html(body: str = "<p>Text</p>", head: str = "", lang: str = "de") -> str:
    """A small valid page with ``head`` extras and ``body`` inside <main>."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>T</title>{head}</head>"
        f'<body><main id="main">{body}</main></body></html>'
    )


def make_site(
    root: Path, files: dict[str, str], site_url: str = SITE_URL
) -> OutputSite:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return OutputSite(root, site_url)


def messages(findings: list[Finding]) -> list[str]:
    return [str(finding) for finding in findings]


# --- the output model ---------------------------------------------------------


def test_page_urls_are_what_a_visitor_requests():
    assert page_url("index.html") == ""
    assert page_url("de/x/index.html") == "de/x/"
    assert page_url("de/404.html") == "de/404.html"


def test_css_urls_finds_url_functions_and_imports():
    css = (
        "@import 'a.css';b{background:url( \"img/x.png\" )}@font-face{src:url(f.woff2)}"
    )
    assert sorted(css_urls(css)) == ["a.css", "f.woff2", "img/x.png"]


def test_missing_output_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="build the site first"):
        OutputSite(tmp_path / "output")


# --- links --------------------------------------------------------------------


def test_working_links_of_every_form_pass(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<a href="/de/a/">a</a><a href="a/">rel</a><a href="/de/a">no slash</a>'
                '<a href="a/#part">frag</a><a href="#main">top</a>'
                '<a href="https://example.org/de/a/">own host</a>'
                '<a href="https://elsewhere.example/x">other site</a>'
                '<a href="mailto:info@example.org">mail</a><a href="tel:+49431">tel</a>'
                '<img src="../pic.png" srcset="/pic.png 1x, pic-2.png 2x" alt="" '
                'width="1" height="1">'
            ),
            "de/a/index.html": html('<h2 id="part">Part</h2>'),
            "pic.png": "png",
            "de/pic-2.png": "png",
        },
    )
    assert check_links(site) == []


def test_broken_links_name_the_page_and_the_link(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<a href="/de/gibt-es-nicht/">x</a><a href="/de/a/#nirgends">y</a>'
                '<a href="https://example.org/en/">z</a>'
                '<meta property="og:image" content="https://example.org/vorschau.jpg">'
                '<img src="/bild.png" srcset="/bild-2.png 2x" alt=""'
                ' width="1" height="1">'
            ),
            "de/a/index.html": html(),
        },
    )
    found = messages(check_links(site))
    assert (
        "/de/: broken link /de/gibt-es-nicht/: "
        "/de/gibt-es-nicht/index.html does not exist" in found
    )
    assert (
        '/de/: broken link /de/a/#nirgends: /de/a/ has no element with id "nirgends"'
        in found
    )
    assert any("https://example.org/en/" in m and "/en/index.html" in m for m in found)
    assert any("/bild.png: /bild.png does not exist" in m for m in found)
    assert any("/bild-2.png" in m for m in found)
    assert any("vorschau.jpg: /vorschau.jpg does not exist" in m for m in found)
    assert len(found) == 6


def test_stylesheet_urls_resolve_relative_to_the_stylesheet(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": html(),
            "theme/site.css": "a{background:url(img/ok.svg)}"
            "b{background:url(img/nope.svg)}",
            "theme/img/ok.svg": "<svg/>",
        },
    )
    assert messages(check_links(site)) == [
        "/theme/site.css: broken link img/nope.svg: /theme/img/nope.svg does not exist"
    ]


def test_a_site_under_a_path_resolves_links_below_that_path(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<a href="/verein/en/">en</a><a href="/en/">outside</a>'
            ),
            "en/index.html": html(lang="en"),
        },
        site_url="https://example.github.io/verein",
    )
    assert messages(check_links(site)) == [
        "/de/: broken link /en/: it points outside the site"
    ]


# --- hreflang -----------------------------------------------------------------


def alternates(**codes: str) -> str:
    return "".join(
        f'<link rel="alternate" hreflang="{code.replace("_", "-")}" '
        f'href="{SITE_URL}/{url}">'
        for code, url in codes.items()
    )


def test_reciprocal_alternates_with_x_default_pass(tmp_path):
    head = alternates(de="de/", en="en/", x_default="")
    site = make_site(
        tmp_path,
        {
            "index.html": html(head=head),
            "de/index.html": html(head=head),
            "en/index.html": html(head=head, lang="en"),
            "de/solo/index.html": html(
                head=alternates(de="de/solo/", x_default="de/solo/")
            ),
        },
    )
    assert check_hreflang(site) == []


def test_alternates_that_do_not_agree_are_reported(tmp_path):
    site = make_site(
        tmp_path,
        {
            # no x-default; en does not link back
            "de/a/index.html": html(head=alternates(de="de/a/", en="en/a/")),
            "en/a/index.html": html(
                head=alternates(en="en/a/", x_default="en/a/"), lang="en"
            ),
            # leaves itself out, and names a page that does not exist
            "de/b/index.html": html(head=alternates(en="en/nope/", x_default="de/b/")),
            # claims English for a German page
            "de/c/index.html": html(head=alternates(en="de/c/", x_default="de/c/")),
        },
    )
    found = messages(check_hreflang(site))
    assert "/de/a/: hreflang alternates without an x-default" in found
    assert (
        '/de/a/: hreflang="en" alternate /en/a/ does not link back to this page'
        in found
    )
    assert any(
        m.startswith('/de/b/: hreflang="en" alternate') and "not a page" in m
        for m in found
    )
    assert '/de/c/: hreflang="en" alternate /de/c/ is a page in lang="de"' in found
    assert len(found) == 4


# --- third parties, images, controls -----------------------------------------


def test_third_party_scripts_styles_fonts_and_images_are_reported(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                body='<img src="https://images.example.net/a.png" alt=""'
                ' width="1" height="1">'
                '<iframe title="map" src="//maps.example.net/embed"></iframe>'
                '<div style="background:url(https://cdn.example.net/bg.png)"></div>'
                '<a href="https://elsewhere.example/">a link loads nothing</a>',
                head='<script src="https://cdn.example.net/x.js"></script>'
                '<link rel="stylesheet" href="https://fonts.example.net/css">'
                '<link rel="stylesheet" href="https://example.org/theme/own.css">'
                '<link rel="alternate" hreflang="en" href="https://elsewhere.example/en/">',
            ),
            "theme/site.css": "@font-face{src:url(https://fonts.example.net/f.woff2)}",
        },
    )
    found = check_third_party(site)
    hosts = {(f.page, f.message.split("host ")[1].split(":")[0]) for f in found}
    assert hosts == {
        ("de/", "cdn.example.net"),
        ("de/", "fonts.example.net"),
        ("de/", "images.example.net"),
        ("de/", "maps.example.net"),
        ("theme/site.css", "fonts.example.net"),
    }
    assert len(found) == 6
    assert (
        "/de/: loads a script from the third-party host cdn.example.net: "
        "https://cdn.example.net/x.js"
    ) in messages(found)


def test_images_need_alt_width_and_height(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<img src="/a.png" alt="" width="10" height="10">'
                '<img src="/b.png" width="10" height="10">'
                '<img src="/c.png" alt="C" width="10">'
                '<img src="/d.png" alt="D" width="auto" height="0">'
            )
        },
    )
    assert messages(check_images(site)) == [
        '/de/: image /b.png has no alt text (alt="" if it is decoration)',
        "/de/: image /c.png has no valid height (the layout jumps while it loads)",
        "/de/: image /d.png has no valid width and height "
        "(the layout jumps while it loads)",
    ]


def test_form_controls_need_a_label(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<label for="a">A</label><input id="a" name="a">'
                '<label>B <input name="b"></label>'
                '<input name="c" aria-label="C"><input type="hidden" name="d">'
                '<button type="submit">Go</button><input type="submit" value="Go">'
                '<input name="q"><select name="s"><option>1</option></select>'
            )
        },
    )
    assert messages(check_controls(site)) == [
        '/de/: form control <input name="q"> has no label',
        '/de/: form control <select name="s"> has no label',
    ]


# --- weight and JavaScript ---------------------------------------------------


def noise(size: int) -> str:
    """Text that does not compress (so it weighs what it says)."""
    rng = random.Random(size)
    return "".join(rng.choice(string.ascii_letters) for _ in range(size))


def test_pages_over_the_budget_are_reported_with_their_weight(tmp_path):
    css = '<link rel="stylesheet" href="/theme/site.css">'
    site = make_site(
        tmp_path,
        {
            "de/index.html": html("<p>small</p>", head=css),
            "de/big/index.html": html(f"<p>{noise(14000)}</p>", head=css),
            "theme/site.css": f"/* {noise(6000)} */",
        },
    )
    found = check_weight(site)
    assert len(found) == 1
    assert found[0].page == "de/big/"
    assert "over the budget of 14.0 KB" in found[0].message
    assert "CSS 4." in found[0].message  # the stylesheet is counted
    table = heaviest(site).splitlines()
    assert table[1].endswith("/de/big/") and table[2].endswith("/de/")
    assert check_weight(site, budget=BUDGET * 2) == []


def test_content_must_not_need_javascript(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/index.html": html("<h1>Da</h1><script>document.write('x')</script>"),
            "de/leer/index.html": html(
                '<div id="app"></div><script src="/app.js"></script>'
            ),
            "de/ohne/index.html": "<!DOCTYPE html><html lang=de><p>x</p>",
        },
    )
    found = messages(check_no_js_content(site))
    assert found[0].startswith("/de/leer/: its <main> has no text without JavaScript")
    assert found[1] == "/de/ohne/: has no <main> element"
    assert len(found) == 2


# --- page types and reporting -------------------------------------------------

PATTERNS = {
    "de": {
        "home": "de/",
        "news": "de/aktuelles/",
        "news_item": "de/aktuelles/{slug}/",
        "page": "de/{slug}/",
        "not_found": "de/404.html",
    },
    "en": {
        "home": "en/",
        "news": "en/news/",
        "news_item": "en/news/{slug}/",
        "page": "en/{slug}/",
    },
}


def test_page_types_come_from_the_url_patterns():
    assert classify("", PATTERNS) == "root"
    assert classify("de/", PATTERNS) == "de:home"
    assert (
        classify("de/aktuelles/", PATTERNS) == "de:news"
    )  # not a page called aktuelles
    assert classify("de/aktuelles/x/", PATTERNS) == "de:news_item"
    assert classify("de/ueber-uns/", PATTERNS) == "de:page"
    assert classify("de/404.html", PATTERNS) == "de:not_found"
    assert classify("de/aktuelles/seite/2/", PATTERNS) == "de/aktuelles/seite/*/"
    assert classify("404.html", PATTERNS) == "404.html"
    urls = ["de/aktuelles/b/", "de/aktuelles/a/", "en/", "de/"]
    assert representatives(urls, PATTERNS) == {
        "de:home": "de/",
        "de:news_item": "de/aktuelles/a/",
        "en:home": "en/",
    }


def test_findings_are_grouped_by_check():
    text = format_findings(
        [
            Finding("links", "de/", "b"),
            Finding("axe", "", "a"),
            Finding("links", "de/", "b"),
        ]
    )
    assert text.splitlines() == ["[axe]", "  /: a", "[links]", "  /de/: b"]
