"""Every file of the build is claimed once, inside output/: no alias escapes it.

An alias is read as a browser reads it (decoded until stable), must be a
plain path, and is claimed after every file the site writes itself, so it
can neither leave the output folder nor replace a page, a feed, a picture,
the search index or the editing interface — in any spelling. The writer
itself refuses to write twice, into another's claim, or through a link.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SiteBuilder
from PIL import Image
from test_security_build import Publisher, tree_digest

from bilingual.output import Claim, Output, OutputError
from sitecore.i18n import M, render
from sitecore.sitepaths import plain_site_path

# 1. Aliases are decoded, then must be plain paths ----------------------------


@pytest.mark.parametrize(
    ("alias", "words"),
    [
        ("/%2e%2e/%2e%2e/somewhere/", "'.' or '..'"),
        ("/%2E%2e/x/", "'.' or '..'"),
        ("/%252e%252e/%252e%252e/x/", "'.' or '..'"),
        ("/%25252e%25252e/x/", "'.' or '..'"),
        ("/a/%2e/b/", "'.' or '..'"),
        ("/a/%2F/b/", "empty folder"),
        ("/%2F%2Fevil.example/x/", "empty folder"),
        ("/a%5cb/", "backslash"),
        ("/a%255cb/", "backslash"),
        ("/x%0d%0aSet-Cookie:%20a=1/", "control character"),
        ("/x%00y/", "control character"),
        ("/x%e2%80%8by/", "control character"),  # zero-width space
        ("/%c0%ae%c0%ae/x/", "UTF-8"),  # overlong '.'
        ("/%e0%80%ae/x/", "UTF-8"),
        ("/%ff/x/", "UTF-8"),
        ("/\u2024\u2024/x/", "'\u2024'"),  # one dot leader
        ("/\uff0e\uff0e/x/", "'\uff0e'"),  # fullwidth full stop
        ("/a\uff0fb/", "'\uff0f'"),  # fullwidth solidus
        ("/a%E2%88%95b/", "'\u2215'"),  # division slash
        ("/a%20b/", "' '"),
        ("/x%3Fp=1/", "'?'"),
        ("/%5fredirects", "'_'"),
        ("/.htaccess", "'.' or '_'"),
        ("/%2ewell-known/x/", "'.' or '_'"),
        ("/" + "a" * 301, "300"),
    ],
)
def test_aliases_that_are_not_plain_paths_are_refused(alias, words):
    with pytest.raises(ValueError) as caught:
        plain_site_path(alias)
    text = render(caught.value.args[0])
    assert alias in text and words in text, text


@pytest.mark.parametrize(
    ("alias", "path"),
    [
        ("/2017/01/diwish-tritt-bei/", "/2017/01/diwish-tritt-bei/"),
        ("/gr%C3%BC%C3%9Fe/", "/grüße/"),
        ("/caf%65\u0301/", "/café/"),  # decomposed é becomes one character
        ("/satzung", "/satzung/"),
        ("/satzung.html", "/satzung.html"),
        ("/%61dmin/config.yml", "/admin/config.yml"),  # the claims decide
    ],
)
def test_plain_aliases_are_decoded_and_normalised(alias, path):
    assert plain_site_path(alias) == path


# 2. The writer: claims, confinement ------------------------------------------------


def test_one_file_has_one_claim_in_any_spelling(tmp_path):
    output = Output(str(tmp_path / "out"))
    home = Claim("the home page")
    assert output.claim("de/", home) is None
    for spelling in ("de/index.html", "DE/", "De/Index.HTML", "de/index.html.gz"):
        assert output.claim(spelling, Claim("an alias", "x.md", 3)) is home
    sitemap = Claim("the sitemap")
    assert output.claim("sitemap.xml", sitemap) is None
    assert output.claim("sitemap.xml.br", Claim("an alias", "x.md", 4)) is sitemap
    # A file where a folder is claimed, and a folder below a file.
    assert output.claim("de", Claim("an alias", "x.md", 5)) is home
    assert output.claim("sitemap.xml/x/", Claim("an alias", "x.md", 6)) is sitemap


def test_a_folder_owned_whole_keeps_every_name_below_it(tmp_path):
    output = Output(str(tmp_path / "out"))
    index = Claim("the search index")
    assert output.claim_tree("pagefind/", index) is None
    assert output.claim("pagefind/pagefind.js", Claim("alias", "x.md", 1)) is index
    assert output.claim("PAGEFIND/x/", Claim("alias", "x.md", 2)) is index
    assert output.claim("pagefindx/", Claim("alias", "x.md", 3)) is None


def test_the_writer_never_writes_a_file_twice(tmp_path):
    output = Output(str(tmp_path / "out"))
    output.write("robots.txt", "first")
    with pytest.raises(OutputError, match=r"two parts of the build write /ROBOTS"):
        output.write("ROBOTS.txt", "second")
    assert (tmp_path / "out" / "robots.txt").read_text() == "first"


def test_the_writer_never_writes_into_contents_claim(tmp_path):
    output = Output(str(tmp_path / "out"))
    alias = Claim(M("content/{file} (one of its aliases)", file="news/a.de.md"))
    alias = Claim(alias.what, "/site/content/news/a.de.md", 4, "admin/config.yml")
    assert output.claim("admin/config.yml", alias) is None
    with pytest.raises(OutputError) as caught:
        output.write("admin/config.yml", "backend: {}")
    assert "content/news/a.de.md:4" in str(caught.value)
    assert not (tmp_path / "out" / "admin" / "config.yml").exists()
    output.write("admin/config.yml", "<meta http-equiv=refresh>", alias)  # its owner


@pytest.mark.parametrize(
    "url", ["../x", "de/../../x", "de//x", "./x", "a\\b", "a\x00b"]
)
def test_the_writer_refuses_paths_that_are_not_plain(tmp_path, url):
    output = Output(str(tmp_path / "out"))
    with pytest.raises(OutputError, match="not a plain path"):
        output.write(url, "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) in ([], ["out"])


def test_a_link_in_the_output_folder_leads_nowhere_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("precious", "utf-8")
    root = tmp_path / "out"
    root.mkdir()
    (root / "de").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="leads out of"):
        Output(str(root)).write("de/", "<html>")
    assert (outside / "index.html").read_text("utf-8") == "precious"
    # A link to a file is replaced by the file, never written through.
    (root / "robots.txt").symlink_to(outside / "index.html")
    Output(str(root)).write("robots.txt", "User-agent: *")
    assert not (root / "robots.txt").is_symlink()
    assert (outside / "index.html").read_text("utf-8") == "precious"


# 3. Whole builds: every section, every file the site writes -----------------


@pytest.fixture
def published(tmp_path):
    """A good site with a picture, an event and a tag, published once."""
    publisher = Publisher(tmp_path)
    site = publisher.site
    site.news("good", "de", "Gut", date="2026-01-01 10:00", tags="[kiel]")
    site.news("good", "en", "Good", date="2026-01-01 10:00", tags="[kiel]")
    site.news("second", "de", "Zweite", date="2026-01-02 10:00")
    site.page("about", "de", "Über uns", slug="ueber-uns")
    image = site.content / "images" / "foto.jpg"
    image.parent.mkdir(parents=True)
    Image.new("RGB", (1200, 800), (200, 40, 40)).save(image)
    site.md(
        "projects/bridge.de.md",
        'title: "Brücke"\nimage: images/foto.jpg\nimage_alt: "Rot"',
    )
    site.md(
        "events/meetup.de.md",
        'title: "Treffen"\nstart: 2026-07-01 18:00\n'
        "location:\n  name: Kiel\n  city: Kiel",
    )
    assert publisher.publish(**SETTINGS), publisher.stderr
    publisher.before = tree_digest(publisher.output)
    return publisher


#: Small pages, so the news list has a page 2.
SETTINGS = {"SECTIONS": {"news": {"per_page": 1}}}


def _around(root: Path) -> str:
    """Everything under the test's folder but output/ and the caches."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(("output", "cache")) or not path.is_file():
            continue
        digest.update(relative.encode() + path.read_bytes())
    return digest.hexdigest()


def refused(publisher: Publisher, *words: str) -> None:
    """The publish fails naming ``words``; output/ and all around it are unchanged."""
    around = _around(publisher.output.parent)
    assert not publisher.publish(**SETTINGS), publisher.stderr
    for word in words:
        assert word in publisher.stderr, (word, publisher.stderr)
    assert tree_digest(publisher.output) == publisher.before
    assert _around(publisher.output.parent) == around


SECTION_FILES = {
    "news": ("news/evil.de.md", 'title: "Böse"\ndate: 2026-01-03'),
    "events": (
        "events/evil.de.md",
        'title: "Böse"\nstart: 2026-08-01 18:00\nonline: https://example.org/x',
    ),
    "projects": ("projects/evil.de.md", 'title: "Böse"'),
    "pages": ("pages/evil.de.md", 'title: "Böse"'),
}


@pytest.mark.parametrize("section", sorted(SECTION_FILES))
@pytest.mark.parametrize(
    "alias",
    ["/%2e%2e/%2e%2e/somewhere/", "/%252e%252E/x/", "/x/%2F%2E%2E/y/", "/a%5c..%5cb/"],
)
def test_escaping_aliases_fail_on_every_section(published, section, alias):
    path, front = SECTION_FILES[section]
    published.site.md(path, f"{front}\naliases: ['{alias}']")
    line = front.count("\n") + 3
    refused(published, f"{path}:{line}: aliases: '{alias}' is not a plain path")


@pytest.mark.parametrize(
    ("alias", "owner"),
    [
        ("/index.html", "the language choice page"),
        ("/%64e/index.html", "the home page"),
        ("/DE/", "the home page"),
        ("/en/404.html", "the page for missing pages"),
        ("/404.html", "404.html"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/sitemap.xml.gz", "sitemap.xml"),
        ("/robots.txt", "robots.txt"),
        ("/%72obots.txt.br", "robots.txt"),
        ("/de/feed.xml", "the news feed"),
        ("/de/termine.ics", "the calendar of all events"),
        ("/de/termine/meetup/meetup.ics", "the calendar of content/events/meetup"),
        ("/de/suche/", "the search page"),
        ("/pagefind/pagefind.js", "the search index"),
        ("/%61dmin/config.yml", "the editing interface"),
        ("/%61dmin/decap-cms.js", "the editing interface"),
        ("/admin/", "the editing interface"),
        ("/%74heme/site.css", "the theme's files"),
        ("/%69mages/foto.jpg", "the pictures of content/images/"),
        ("/logos/x.png", "the members' logos"),
        ("/de/aktuelles/seite/2/", "/de/aktuelles/seite/2/"),
        ("/de/schlagwort/kiel/", "/de/schlagwort/kiel/"),
        ("/de/aktuelles/good/", "content/news/good.de.md"),
        ("/de/aktuelles/2026/", "the news archive of 2026"),
        ("/de/ueber-uns/index.html", "content/pages/about.de.md"),
    ],
)
def test_aliases_never_take_a_file_the_site_writes(published, alias, owner):
    published.site.news("evil", "de", "Böse", aliases=f"['{alias}']")
    refused(published, "news/evil.de.md:4: aliases: '" + alias, owner)


def test_an_alias_cannot_take_a_picture_variant(published):
    variants = sorted(
        p.relative_to(published.output).as_posix()
        for p in (published.output / "images").glob("foto*.webp")
    )
    assert variants, "the lead picture has variants"
    published.site.news("evil", "de", "Böse", aliases=f"['/{variants[0]}']")
    refused(published, "news/evil.de.md:4:", "the pictures of content/images/")


def test_alias_errors_are_in_the_editors_language(published, monkeypatch):
    monkeypatch.setenv("SITE_EDITOR_LANGUAGE", "de")
    published.site.news("evil", "de", "Böse", aliases="['/%2e%2e/x/', '/%5fredirects']")
    published.site.news("other", "de", "Andere", aliases="['/%44E/']")
    refused(
        published,
        "news/evil.de.md:4: aliases: '/%2e%2e/x/' ist kein einfacher Pfad",
        "news/evil.de.md:4: aliases: '/%5fredirects' ist kein einfacher Pfad",
        "news/other.de.md:4: aliases: „/%44E/ = /DE/“ ist schon belegt "
        "(die Startseite)",
    )


def test_a_good_alias_still_becomes_a_redirect(published):
    published.site.news("evil", "de", "Gut", aliases="['/gr%C3%BC%C3%9Fe/']")
    assert published.publish(**SETTINGS), published.stderr
    page = published.output / "grüße" / "index.html"
    assert "/de/aktuelles/evil/" in page.read_text("utf-8")
    redirects = (published.output / "_redirects").read_text("utf-8")
    assert "/gr%C3%BC%C3%9Fe/ /de/aktuelles/evil/ 301" in redirects


def test_a_content_file_name_no_address_can_carry_is_an_error(tmp_path):
    site = SiteBuilder(tmp_path)
    site.news("good", "de", "Gut")
    folder = site.content / "images"
    folder.mkdir()
    (folder / "a\x01b.jpg").write_bytes(b"x")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert "images/a\x01b.jpg: the file name has an invisible character" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not os.path.exists(tmp_path / "output" / "images" / "a\x01b.jpg")


def test_a_build_that_would_write_through_a_link_stops_with_one_sentence(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    output = tmp_path / "output"
    output.mkdir()
    (output / "de").symlink_to(outside, target_is_directory=True)
    settings = str(ROOT / "pelicanconf.py")
    result = subprocess.run(
        [sys.executable, "-m", "bilingual", "-s", settings, "-o", str(output)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        timeout=600,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert f"{output / 'de'} is a link that leads out of {output}" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_file_cannot_be_written_where_another_part_has_a_folder(tmp_path):
    output = Output(str(tmp_path / "out"))
    output.write("de/x/", "<html>")
    with pytest.raises(OutputError, match="two parts of the build write /de/x"):
        output.write("de/x", "a file where the folder is")
    assert (tmp_path / "out" / "de" / "x" / "index.html").is_file()
