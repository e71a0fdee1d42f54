"""The editor's preview: problems in the browser, broken pages, live reload, ports."""

from __future__ import annotations

import contextlib
import socket
import urllib.error
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import chromium
from bs4 import BeautifulSoup
from conftest import ROOT, SiteBuilder

from preview.builder import CONTENT, RESTART, THEME, PreviewBuilder
from preview.server import open_server, serve_in_background


@contextlib.contextmanager
def preview_of(tmp_path, port: int = 0, language: str = "en"):
    """A running preview of a small site; yields (site, builder, base URL)."""
    site = SiteBuilder(tmp_path / "site")
    site.news("a", "de", "Erste", date="2026-01-10")
    site.news("a", "en", "First", date="2026-01-10")
    builder = site.preview(tmp_path / "preview")
    said: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_EDITOR_LANGUAGE", language)
        server = open_server(builder, "127.0.0.1", port, said.append)
    builder.build(full=True)
    serve_in_background(server)
    try:
        yield site, builder, f"http://127.0.0.1:{server.server_address[1]}", said
    finally:
        server.closing = True
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, str]:
    """The status and the text a visitor reads (tags removed)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, page = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, page = error.code, error.read().decode()
    soup = BeautifulSoup(page, "html.parser")
    scripts = " ".join(s.get("src", "") for s in soup.find_all("script"))
    box = soup.select_one(".preview-problems")
    return status, f"{scripts} {'preview-problems' if box else ''} {soup.get_text()}"


def test_problems_appear_on_every_page_and_go_when_fixed(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        status, page = fetch(f"{base}/de/aktuelles/a/")
        assert status == 200
        assert "/_preview/reload.js" in page and "preview-problems" not in page
        site.md("news/b.de.md", 'titel: "Tippfehler"\ndate: 2026-01-11')
        builder.build()
        status, page = fetch(f"{base}/en/")
        assert "preview-problems" in page
        assert "news/b.de.md:1: title: missing required field" in page
        assert "news/b.de.md:2: warning titel: unknown field" in page
        site.md("news/b.de.md", 'title: "Kein Tippfehler"\ndate: 2026-01-11')
        builder.build()
        assert "preview-problems" not in fetch(f"{base}/en/")[1]


def test_a_broken_page_shows_its_errors_instead_of_the_old_page(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        assert fetch(f"{base}/de/aktuelles/a/")[0] == 200
        site.md("news/a.de.md", 'title: "Erste"\ndate: 2026-13-40')
        builder.build()
        status, page = fetch(f"{base}/de/aktuelles/a/")
        assert status == 404
        assert "This page cannot be shown" in page
        assert "news/a.de.md:3: date:" in page
        assert "Erste" not in page


def test_messages_follow_the_editors_language(tmp_path):
    with preview_of(tmp_path, language="de") as (site, builder, base, _):
        site.md("news/b.de.md", "date: 2026-01-11")
        builder.build()
        page = fetch(f"{base}/de/")[1]
        assert "Diese Vorschau hat Probleme" in page


def test_the_translation_report_has_a_page_of_its_own(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        site.news("b", "de", "Nur Deutsch", date="2026-01-12")
        builder.build()
        status, page = fetch(f"{base}/_preview/translations/")
        assert status == 200
        assert "news/b.de.md" in page and "missing in: en" in page


def test_a_taken_port_gives_the_next_one(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with preview_of(tmp_path, port=port) as (_, _, base, said):
            assert base.endswith(f":{port + 1}") or base.endswith(f":{port + 2}")
            assert said and f"Port {port} is in use" in said[0]


def test_changes_are_sorted_into_what_they_need(tmp_path):
    builder = PreviewBuilder(
        ROOT, tmp_path / "out", overrides={"PATH": str(ROOT / "content")}
    )
    assert builder.classify([ROOT / "content/news/x.de.md"]) == CONTENT
    assert builder.classify([ROOT / "theme/templates/base.html"]) == THEME
    assert builder.classify([ROOT / "plugins/bilingual/site.py"]) == RESTART
    assert builder.classify([ROOT / "pelicanconf.py", ROOT / "content/x"]) == RESTART
    assert builder.classify([tmp_path / "elsewhere.txt"]) is None


@pytest.mark.browser
def test_the_problems_box_comes_and_goes_with_live_reload(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _), chromium() as browser:
        # The page's file breaks: its address answers "not found" with the errors.
        browser.allow(f"{base}/en/news/a/: console error: Failed to load resource: ")
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}/en/news/a/")
        assert page.locator(".preview-problems").count() == 0
        page.wait_for_timeout(300)  # the reload script is listening
        site.md("news/a.en.md", 'title: "First"\ndate: 2026-01-10\nstatus: maybe')
        with page.expect_navigation():
            builder.build()
        box = page.locator(".preview-problems")
        assert box.count() == 1
        assert "news/a.en.md:4: status:" in box.inner_text()
        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
        site.md("news/a.en.md", 'title: "First"\ndate: 2026-01-10')
        with page.expect_navigation():
            builder.build()
        assert page.locator(".preview-problems").count() == 0
        assert page.locator("h1").inner_text() == "First"
    assert all(url.startswith(base) for url in requested), requested
