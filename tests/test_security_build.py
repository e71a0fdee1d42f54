"""Content is untrusted input: every attack, end to end through a strict publish.

Each case starts from a good published site, adds what an attacker (or an
unlucky editor) with access to ``content/`` could write, and publishes again.
The publish must fail, name the file (and line where it can be known), print
no traceback, and leave the published output byte for byte as it was. Cases
that are harmless by construction show that instead.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import (
    SiteBuilder,
    build_environment,
    capture_build,
    make_settings,
    unprivileged,
)
from PIL import Image

from scripts.site_tasks import publish_atomically

pytestmark = pytest.mark.slow


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG of that size: enough for a reader to know its pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def tree_digest(folder: Path) -> str:
    """One hash of every file (name and bytes) below ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Publisher:
    """Publishes a test site strictly into ``output`` with the project's code."""

    def __init__(self, root: Path) -> None:
        self.site = SiteBuilder(root)
        self.output = root / "output"
        self.stderr = ""

    def publish(self, **overrides) -> bool:
        """Publish strictly; the build prints and logs no traceback (conftest)."""
        from pelican import Pelican

        def build(target: Path) -> bool:
            settings = make_settings(
                self.site.content, target, "publishconf.py", **overrides
            )
            with capture_build() as captured:
                try:
                    Pelican(settings).run()
                except SystemExit as exc:
                    return not exc.code
                finally:
                    self.stderr = captured.stderr.getvalue()
            return True

        return publish_atomically(self.output, build, waiting=lambda _: None)

    def publish_unprivileged(self) -> bool:
        """Publish with ``python -m bilingual`` in a process that permissions bind."""

        def build(target: Path) -> bool:
            settings = self.site.settings_file("publishconf.py")
            command = [sys.executable, "-m", "bilingual", "-s", str(settings)]
            run = subprocess.run(
                unprivileged([*command, "-o", str(target)]),
                capture_output=True,
                text=True,
                check=False,
                env=build_environment(),
            )
            self.stderr = run.stderr
            assert "Traceback" not in run.stdout + run.stderr, run.stderr
            return run.returncode == 0

        return publish_atomically(self.output, build, waiting=lambda _: None)


@pytest.fixture
def published(tmp_path):
    """A good site, published once; the test makes it bad and publishes again."""
    publisher = Publisher(tmp_path)
    site = publisher.site
    site.news("good", "de", "Gut", date="2026-01-01 10:00", summary="Alles gut.")
    site.news("good", "en", "Good", date="2026-01-01 10:00")
    site.page("about", "de", "Über uns", slug="ueber-uns")
    assert publisher.publish(), publisher.stderr
    publisher.before = tree_digest(publisher.output)
    return publisher


def fails_naming(publisher, *words: str) -> None:
    """The strict publish fails, names every word, and leaves the output as it was."""
    assert not publisher.publish(), publisher.stderr
    # Paths from the site's folder on: the test's folder is named after the
    # test, and its name must not be mistaken for the message.
    shown = publisher.stderr.replace(str(publisher.site.root), "")
    for word in words:
        assert word in shown, (word, shown)
    assert tree_digest(publisher.output) == publisher.before


# 1. Files from outside content/ ------------------------------------------------


def test_a_file_link_out_of_content_is_not_published(published):
    images = published.site.content / "images"
    images.mkdir()
    os.symlink("/proc/self/environ", images / "env.txt")
    fails_naming(published, "images/env.txt", "outside the content folder")


def test_a_folder_link_out_of_content_is_not_followed(published, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.jpg").write_bytes(b"not for visitors")
    os.symlink(secret, published.site.content / "images")
    fails_naming(published, "content/images", "outside the content folder")


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("[x]({static}/../../../../etc/passwd)", "leads out of the content folder"),
        ("![x](/etc/passwd)", "pictures belong in content/images/"),
        ("[x]({static}/news/good.de.md)", "is a content file"),
    ],
)
def test_links_cannot_reach_outside_or_sources(published, link, words):
    published.site.md("news/bad.de.md", 'title: "Böse"\ndate: 2026-01-02', link)
    fails_naming(published, "news/bad.de.md:6", words)


# 2-4. Script, active files and hijacking markup ----------------------------------


@pytest.mark.parametrize(
    ("where", "snippet", "words"),
    [
        ("news", "<img src=x onerror=alert(1)>", "onerror"),
        ("pages", "<svg onload=alert(1)></svg>", "<svg>"),
        ("events", '<p onmouseover="alert(1)">x</p>', "onmouseover"),
        ("news", 'Text\n{: onclick="alert(1)" }', ":9: onclick"),
        ("pages", "<a href=javascript:alert(1)>x</a>", "javascript"),
        ("news", '<a href="\x01javascript:alert(1)">x</a>', "javascript"),
        ("pages", '<base href="https://evil.example/">', "<base>"),
        (
            "news",
            '<meta http-equiv="refresh" content="0;url=https://evil.example">',
            "<meta>",
        ),
        (
            "pages",
            '<form action="https://evil.example"><input type=image src=x></form>',
            "<form>",
        ),
        (
            "news",
            "<style>body{background:url(https://evil.example/x)}</style>",
            "<style>",
        ),
        ("pages", '<p style="background:url(https://evil.example/x)">x</p>', "style"),
        ("news", '<link rel=stylesheet href="https://evil.example/x.css">', "<link>"),
        ("pages", '<video src="https://evil.example/x.mp4"></video>', "<video>"),
        (
            "news",
            '<picture><img src="https://evil.example/x.png" alt="x"></picture>',
            "<picture>",
        ),
    ],
)
def test_unsafe_markup_fails_the_build_with_its_line(published, where, snippet, words):
    site = published.site
    if where == "events":
        site.md(
            "events/bad.de.md",
            'title: "Böse"\nstart: 2026-07-01 18:00\nlocation: Kiel',
            "Erster Absatz.\n\n" + snippet,
        )
        path = "events/bad.de.md:9"
    elif where == "pages":
        site.md("pages/bad.de.md", 'title: "Böse"', "Erster Absatz.\n\n" + snippet)
        path = "pages/bad.de.md:7"
    else:
        site.md(
            "news/bad.de.md", 'title: "Böse"\ndate: 2026-01-02', "Erster.\n\n" + snippet
        )
        path = "news/bad.de.md" + ("" if words.startswith(":") else ":8")
    fails_naming(published, path, words)


def test_script_in_a_member_description_fails_with_its_line(published):
    published.site.write(
        "members/bad.yml",
        "name: Böse GmbH\nregion: schleswig-holstein\ncity: Kiel\ntype: company\n"
        "description:\n  de: |\n    Text.\n\n    <img src=x onerror=alert(1)>\n"
        "  en: Text.\n",
    )
    fails_naming(published, "members/bad.yml:9", "description.de", "onerror")


def test_active_files_in_images_are_not_published(published):
    images = published.site.content / "images"
    images.mkdir()
    (images / "page.html").write_text("<script>alert(1)</script>")
    assert published.publish(), published.stderr  # left out, with a warning
    assert "images/page.html: warning: not published" in published.stderr
    assert not list(published.output.rglob("page.html"))
    assert (published.output / "de/aktuelles/good/index.html").is_file()
    published.before = tree_digest(published.output)
    (images / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    fails_naming(published, "images/x.svg", "removed <script>")


# 5. Feeds --------------------------------------------------------------------


def test_feed_summaries_are_text(published):
    site = published.site
    site.md(
        "news/code.de.md",
        'title: "Code"\ndate: 2026-02-01\nsummary: "<img src=x onerror=alert(1)>"',
        "Ein Beispiel: `<img src=x onerror=alert(1)>` ist Text.",
    )
    assert published.publish(), published.stderr
    feed = ElementTree.parse(published.output / "de" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = next(
        e for e in feed.findall("a:entry", ns) if e.find("a:title", ns).text == "Code"
    )
    summary = entry.find("a:summary", ns).text  # HTML, as feed readers read it
    assert "<img" not in summary and "&lt;img" in summary
    content = entry.find("a:content", ns).text
    assert "<code>&lt;img src=x onerror=alert(1)&gt;</code>" in content


# 6-7. Bounded parsing --------------------------------------------------------------


def test_yaml_alias_bomb_is_refused_quickly(published):
    levels = ["a: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        levels.append(
            f"b{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]"
        )
    front = 'title: "Bombe"\ndate: 2026-01-02\n' + "\n".join(levels) + "\ntags: *a8"
    published.site.md("news/bomb.de.md", front)
    # Refused at the first alias, before anything is expanded; were it
    # expanded, the per-test timeout (pyproject.toml) would end the test.
    fails_naming(
        published,
        "news/bomb.de.md:4: a value that starts with '&' or '*' must be put in "
        "double quotes",
    )


def test_a_recursive_alias_is_an_error_not_a_crash(published):
    published.site.md(
        "news/loop.de.md", 'title: "Schleife"\ndate: 2026-01-02\ntags: &x [a, *x]'
    )
    fails_naming(published, "news/loop.de.md:4")


def test_pathological_markdown_is_stopped_with_a_message(published):
    published.site.md(
        "news/slow.de.md", 'title: "Langsam"\ndate: 2026-01-02', "[a" * 20_000
    )
    # The time limit fired (its message names the file); without it, the
    # per-test timeout (pyproject.toml) would end the test.
    fails_naming(published, "news/slow.de.md", "takes too long to convert")


# 8. No traceback without a path ------------------------------------------------------


def test_control_characters_from_word_are_removed_with_a_warning(published):
    published.site.md(
        "news/word.de.md",
        'title: "Aus Word"\ndate: 2026-03-01',
        "Eingefügt\x0c aus Word\x00 mit Steuerzeichen.",
    )
    assert published.publish(), published.stderr
    assert "news/word.de.md:6: warning:" in published.stderr
    page = (published.output / "de/aktuelles/word/index.html").read_bytes()
    assert b"\x00" not in page and b"\x0c" not in page
    ElementTree.parse(published.output / "de" / "feed.xml")  # valid XML


@pytest.mark.parametrize(
    ("front", "words"),
    [
        ('title: "Lang"\ndate: 2026-01-02\nslug: ' + "a" * 300, "slug"),
        ('title: "Lang"\ndate: 2026-01-02\ntags: [' + "t" * 300 + "]", "tags"),
        ('title: "Weit"\ndate: 9999-01-01', "1900"),
        ('title: "Früh"\ndate: 0001-01-01', "1900"),
        ('title: "Lose"\ndate: 2017-1-30 9:00', "2017-01-30 09:00"),
    ],
)
def test_out_of_range_values_are_errors_on_their_line(published, front, words):
    published.site.md("news/bad.de.md", front)
    fails_naming(published, "news/bad.de.md:", words)


def test_an_event_in_a_summer_time_gap_is_an_error(published):
    published.site.md(
        "events/gap.de.md",
        'title: "Lücke"\nstart: 2098-03-30 02:30\nlocation: Kiel',
    )
    fails_naming(published, "events/gap.de.md:3", "03:30")


def test_a_read_only_cache_costs_speed_not_the_build(published, tmp_path):
    cache = tmp_path / "cache"
    folders = [cache, *(path for path in cache.rglob("*") if path.is_dir())]
    assert {folder.name for folder in folders} >= {"content", "imaging", "jinja"}
    kept = sorted(cache.rglob("*"))
    for folder in folders:
        folder.chmod(0o555)
    try:
        published.site.news("more", "de", "Mehr", date="2026-04-01")
        assert published.publish_unprivileged(), published.stderr
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert sorted(cache.rglob("*")) == kept  # nothing could be written there
    assert "Mehr" in (published.output / "de/aktuelles/more/index.html").read_text()


# 9. Nothing silently wrong -----------------------------------------------------------


def test_a_picture_name_with_spaces_gives_safe_addresses(published):
    images = published.site.content / "images"
    images.mkdir()
    Image.new("RGB", (600, 400), "teal").save(images / "mein foto.jpg")
    published.site.md(
        "news/foto.de.md",
        'title: "Foto"\ndate: 2026-05-01\n'
        "image: images/mein foto.jpg\nimage_alt: Ein Foto",
        "![Ein Foto]({static}/images/mein foto.jpg)",
    )
    assert published.publish(SITEURL="https://example.org"), published.stderr
    page = (published.output / "de/aktuelles/foto/index.html").read_text("utf-8")
    for attribute in ("srcset=", 'content="https://example.org/images/'):
        for value in page.split(attribute)[1:]:
            assert " " not in value.split('"')[1].split(",")[0].split(" ")[0]


@pytest.mark.parametrize("tag", ["<>", '"', "/"])
def test_tags_without_letters_are_errors(published, tag):
    published.site.md(
        "news/tag.de.md", f"title: Tag\ndate: 2026-01-02\ntags: ['{tag}']"
    )
    fails_naming(published, "news/tag.de.md:4", "tags")


def test_a_huge_picture_is_refused_without_the_memory(published):
    images = published.site.content / "images"
    images.mkdir()
    (images / "huge.png").write_bytes(png_header(13000, 13000))
    published.site.md(
        "news/huge.de.md",
        'title: "Riesig"\ndate: 2026-01-02\nimage: images/huge.png\nimage_alt: Groß',
    )
    fails_naming(published, "news/huge.de.md:4", "169 megapixels")
