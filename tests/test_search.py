"""Search: search pages, a Pagefind index of content pages only, the policy check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from bilingual.output import Claim, Output
from bilingual.settings import load, read_settings
from search.index import (
    UNUSED_FILES,
    SearchIndexError,
    build_index,
    pagefind_command,
    read_summary,
    sort_languages,
)
from sitecheck.security import (
    check_content_security_policy,
    check_unsafe_markup,
    parse_policy,
)
from sitecheck.site import OutputSite

SITE_URL = "https://example.org"
BASE = {
    "SITENAME": "Site",
    "DEFAULT_LANG": "de",
    "PATH": "content",
    "THEME": "theme",
    "OUTPUT_PATH": "output",
    "BUILD_NOW": "2026-06-01T12:00:00+02:00",
}


def page(lang: str, body: str, policy: str = "") -> str:
    policy = policy or read_settings(BASE).content_security_policy
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>T</title></head><body><main>{body}</main></body></html>"
    )


def write(root: Path, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


# Settings and the policy ------------------------------------------------------


def test_search_urls_are_site_settings_with_a_catch_all():
    settings = read_settings({**BASE, "SITE_LANGUAGES": ("de", "en", "fr")})
    assert [settings.url(lang, "search") for lang in settings.languages] == [
        "de/suche/",
        "en/search/",
        "fr/search/",
    ]
    changed = read_settings({**BASE, "SITE_URLS": {"en": {"search": "en/find/"}}})
    assert changed.url("en", "search") == "en/find/"


def test_only_the_search_policy_allows_webassembly():
    settings = read_settings({**BASE, "CONTACT_ACTION": "https://forms.example.net/x"})
    normal = parse_policy(settings.content_security_policy)
    search = parse_policy(settings.policy(webassembly=True))
    assert normal["script-src"] == ["'self'"]
    assert search["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert {k: v for k, v in search.items() if k != "script-src"} == {
        k: v for k, v in normal.items() if k != "script-src"
    }
    assert normal["form-action"] == ["'self'", "https://forms.example.net"]


def test_policy_check_accepts_webassembly_on_search_pages_only(tmp_path):
    settings = read_settings(BASE)
    wasm = settings.policy(webassembly=True)
    write(
        tmp_path,
        {
            "de/suche/index.html": page("de", "<h1>Suche</h1>", wasm),
            "de/x/index.html": page("de", "<h1>X</h1>", wasm),
            "de/y/index.html": page(
                "de",
                '<script type="application/ld+json">{}</script><script>x()</script>'
                '<p style="color:red" onclick="y()">Y</p>',
            ),
            "de/z/index.html": page(
                "de",
                "<p>Z</p>",
                "default-src 'self'; script-src 'self' 'unsafe-inline'",
            ),
            "pagefind/x.html": "<p>not a page of the site</p>",
        },
    )
    site = OutputSite(tmp_path, SITE_URL, settings.page_patterns)
    assert "pagefind/x.html" not in site.pages
    found = sorted(
        str(finding)
        for check in (check_content_security_policy, check_unsafe_markup)
        for finding in check(site)
    )
    assert "/de/suche/" not in " ".join(found)  # WebAssembly allowed there only
    assert any(f.startswith("/de/x/: ") and "wasm-unsafe-eval" in f for f in found)
    assert any(f.startswith("/de/y/: ") and "style" in f for f in found)
    assert any(f.startswith("/de/y/: ") and "onclick" in f for f in found)
    assert any(f.startswith("/de/y/: ") and "inline code" in f for f in found)
    for directive in ("base-uri", "form-action", "object-src", "style-src"):
        assert any(f.startswith("/de/z/: ") and directive in f for f in found), found
    assert any(f.startswith("/de/z/: ") and "'unsafe-inline'" in f for f in found)
    # Without the URL patterns no page is known to be a search page.
    unknown = check_content_security_policy(OutputSite(tmp_path, SITE_URL))
    assert any(f.page == "de/suche/" for f in unknown)


# The index --------------------------------------------------------------------


def test_pagefind_runs_from_the_installed_package():
    command = pagefind_command("/site", ".new")
    assert command[1:] == [
        "-m",
        "pagefind",
        "--site",
        "/site",
        "--output-subdir",
        ".new",
    ]


def test_index_holds_marked_pages_by_language_and_replaces_the_old_one(tmp_path):
    body = "<article data-pagefind-body><h1>{}</h1><p>{}</p></article>"
    write(
        tmp_path,
        {
            "de/a/index.html": page("de", body.format("Kiel", "Förde und Hafen")),
            "en/a/index.html": page("en", body.format("Kiel", "Fjord and harbour")),
            "en/list/index.html": page("en", "<h1>List</h1><p>harbour</p>"),
            "pagefind/stale.txt": "from an earlier build",
        },
    )
    output = Output(str(tmp_path))
    output.claim_tree("pagefind/", Claim("the search index"))
    output.claim_tree(".pagefind-new/", Claim("the search index"))
    summary = build_index(output)
    assert summary.pages == {"de": 1, "en": 1} and summary.total == 2
    assert "pagefind/pagefind.js" in output.current  # the build's own files
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "stale.txt").exists()
    assert not [name for name in UNUSED_FILES if (bundle / name).exists()]
    assert not (tmp_path / ".pagefind-new").exists()
    assert read_summary(str(bundle)) == summary


def test_a_failing_index_is_an_error_that_says_why(tmp_path):
    output = Output(str(tmp_path / "missing"))
    output.claim_tree(".pagefind-new/", Claim("the search index"))
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_index(output)


# Whole builds -----------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import SiteBuilder

    site = SiteBuilder(tmp_path_factory.mktemp("search"))
    site.news("harbour", "de", "Neuer Hafen", date="2017-03-01", tags="[Kiel]")
    site.news("harbour", "en", "New harbour", date="2017-03-01", tags="[Kiel]")
    site.news("old", "de", "Alte Meldung", date="2016-12-01")
    site.page("about", "de", "Über uns")
    site.page("about", "en", "About us")
    site.write(
        "people/schulz.yml",
        "name: Axel Schulz\nrole: {de: Vorsitzender, en: Chair}\ngroup: board\n",
    )
    result = site.build("publishconf.py", SITEURL=SITE_URL)
    assert result.exit_code == 0, result.stderr
    return result


def test_search_page_in_each_language_with_a_labelled_search_form(built):
    for url, lang, title in (
        ("de/suche/", "de", "Suche"),
        ("en/search/", "en", "Search"),
    ):
        soup = built.html(url)
        assert soup.html["lang"] == lang and soup.h1.get_text() == title
        form = soup.select_one('form[role="search"]')
        assert form["action"] == f"/{url}" and form["method"] == "get"
        field = form.select_one('input[type="search"][name="q"]')
        assert soup.select_one(f'label[for="{field["id"]}"]').get_text()
        assert soup.select_one('[role="status"][data-search-status]') is not None
        assert soup.select_one("ol[data-search-results]") is not None
        search = soup.select_one("[data-search]")
        assert search["data-bundle"] == "/pagefind/" and search["data-base"] == "/"
        scripts = [s["src"] for s in soup.select("script[src]")]
        assert len(scripts) == 1 and "/theme/search." in scripts[0]
        policy = parse_policy(soup.select_one("meta[http-equiv]")["content"])
        assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
        assert not soup.select("[data-pagefind-body]")
    switch = built.html("de/suche/").select_one('.lang-switch a[hreflang="en"]')
    assert switch["href"] == "/en/search/" and switch["data-switch"] == "translation"


def test_no_other_page_loads_the_search_script_or_runs_webassembly(built):
    for path in built.output.rglob("*.html"):
        text = path.read_text("utf-8")
        rel = path.relative_to(built.output).as_posix()
        if rel in ("de/suche/index.html", "en/search/index.html"):
            continue
        assert "wasm-unsafe-eval" not in text, rel
        assert "/theme/search." not in text, rel


def test_without_javascript_the_search_page_offers_overviews_and_years(built):
    soup = built.html("de/suche/")
    browse = soup.select_one(".search__browse")
    assert [a["href"] for a in browse.select(".search__overviews a")] == [
        "/de/aktuelles/",
        "/de/termine/",
        "/de/projekte/",
        "/de/mitglieder/",
        "/de/vorstand/",
    ]
    assert [a.get_text() for a in browse.select(".year-nav__link")] == ["2017", "2016"]
    english = built.html("en/search/").select(".search__browse .year-nav__link")
    assert [a["href"] for a in english] == ["/en/news/2017/"]


def test_index_covers_content_pages_of_each_language_only(built):
    marked = {"de": set(), "en": set()}
    for path in built.output.rglob("*.html"):
        text = path.read_text("utf-8")
        if "data-pagefind-body" in text:
            rel = path.relative_to(built.output).as_posix()
            marked[rel.split("/")[0]].add(rel.removesuffix("index.html"))
    assert marked == {
        "de": {
            "de/aktuelles/harbour/",
            "de/aktuelles/old/",
            "de/about/",
            "de/vorstand/",
        },
        "en": {"en/news/harbour/", "en/about/", "en/board/"},
    }
    entry = json.loads((built.output / "pagefind" / "pagefind-entry.json").read_text())
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {
        "de": 4,
        "en": 3,
    }
    # The bundle is precompressed with the rest, and not listed as pages.
    assert (built.output / "pagefind" / "pagefind.js.gz").is_file()
    assert "pagefind" not in (built.output / "sitemap.xml").read_text()


def test_static_checks_pass_with_the_search_bundle(built):
    from sitecheck.checks import run_checks

    patterns = load(str(ROOT / "publishconf.py")).page_patterns
    assert (
        run_checks(OutputSite(built.output, SITE_URL, patterns), validator=False) == []
    )


def test_previews_skip_the_index_and_production_can_too(site):
    site.page("about", "de", "Über uns")
    preview = site.build()
    assert preview.exit_code == 0, preview.stderr
    assert preview.exists("de/suche/") and not (preview.output / "pagefind").exists()
    off = site.build("publishconf.py", name="off", SEARCH_INDEX=False)
    assert off.exit_code == 0, off.stderr
    assert off.exists("de/suche/") and not (off.output / "pagefind").exists()


def test_a_page_cannot_take_the_search_address(site):
    site.page("x", "de", "Suche", slug="suche")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "slug 'suche' gives the address /de/suche/, which the search page already has"
    ) in result.stderr


def test_the_bundle_lists_its_languages_in_a_fixed_order(tmp_path):
    """Pagefind lists them as its threads finish; two builds must not differ."""
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text(
        '{"version":"1","languages":{"en":{"page_count":8},"de":{"page_count":10}},'
        '"include_characters":["_","‿"]}',
        encoding="utf-8",
    )
    sort_languages(str(tmp_path))
    assert entry.read_text(encoding="utf-8") == (
        '{"version":"1","languages":{"de":{"page_count":10},"en":{"page_count":8}},'
        '"include_characters":["_","‿"]}'
    )
