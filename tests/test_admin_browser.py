"""The editing interface at /admin/, driven in Chromium against the local backend.

decap-server (npm, from the lockfile) runs on a free port in a copy of the
sample content, behind the checks of ``invoke edit``'s backend (content/ only,
the preview's pages only); the preview build's /admin/ points at it. An editor creates a
news item in German and English with a picture and a tag, an event in both
languages, and edits a member; the files must then be where the content
contract puts them, valid for the site's models, and the strict build must
pass. With SITE_SCREENSHOTS=<folder> the test also saves the screenshots the
editor guide shows (as small WebP files).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import chromium
from conftest import ROOT, SiteBuilder
from PIL import Image

from admin.backend import allowed_origins, start_backend
from events.model import EventMeta
from members.model import MemberMeta
from sitecheck.browser import serve
from sitecore.frontmatter import parse_document
from sitecore.models import EXTRA_ACCEPTED, NewsMeta
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.yamldoc import load_yaml

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
CONTEXT = {"timezone": "Europe/Berlin", "languages": ("de", "en")}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen) -> None:
    """Until ``url`` answers a POST (decap-server's API); fail if the server ended."""
    while True:
        try:
            request = urllib.request.Request(
                url, data=b'{"action":"info"}', method="POST"
            )
            request.add_header("Content-Type", "application/json")
            urllib.request.urlopen(request, timeout=2).read()
            return
        except OSError:
            if server.poll() is not None:
                raise
            time.sleep(0.2)


class Editing:
    """A copy of the sample site, its local backend and the served preview."""

    def __init__(self, root: Path, base: str, port: int) -> None:
        self.root = root
        self.content = root / "content"
        self.base = base
        self.port = port
        self.shots: dict[str, Path] = {}

    def shot(self, page: Any, name: str, top: bool = False) -> None:
        """A screenshot for the editor guide (``top``: of the form's beginning)."""
        if top:
            page.mouse.move(400, 400)
            page.mouse.wheel(0, -20_000)
            page.wait_for_timeout(300)
        path = self.root / f"{name}.png"
        page.screenshot(path=str(path))
        self.shots[name] = path


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    if not DECAP_SERVER.is_file():
        pytest.fail(f"{DECAP_SERVER} is missing: run `bash scripts/bootstrap test`")
    root = tmp_path_factory.mktemp("admin")
    shutil.copytree(ROOT / "content", root / "content")
    port = free_port()
    output = root / "output"
    output.mkdir()
    with serve(output) as base:
        # The backend of `invoke edit`: decap-server confined to content/,
        # answering the served preview's pages only.
        proxy = start_backend(root, port, allowed_origins([base]), lambda t: t)
        try:
            wait_for(f"http://127.0.0.1:{port}/api/v1", proxy)
            builder = SiteBuilder(root)
            result = builder.build(
                "pelicanconf.py", SITEURL=base, ADMIN_PROXY_PORT=port
            )
            assert result.exit_code == 0, result.stderr
            assert (output / "admin" / "index.html").is_file()
            yield Editing(root, base, port)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)


def by_label(page: Any, label: str, pane: int = 0) -> Any:
    """The field labelled ``label`` in the German (0) or English (1) pane."""
    return page.get_by_label(label, exact=True).nth(pane)


def open_view(page: Any, editing: Editing, route: str) -> None:
    """Load ``/admin/#/<route>`` afresh (the sign-in is kept by the browser)."""
    page.goto("about:blank")
    page.goto(f"{editing.base}/admin/#/{route}")


def publish(page: Any) -> None:
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    page.get_by_text("Änderungen gespeichert").wait_for()


def write_news(page: Any, editing: Editing, picture: Path) -> None:
    open_view(page, editing, "collections/news/new")
    by_label(page, "Titel").fill("Sommerfest am Förde-Ufer")
    by_label(page, "Titel", 1).fill("Summer party by the Fjord")
    by_label(page, "Datum").fill("2026-05-20T10:00")
    by_label(page, "Schlagwörter (optional)").fill("Sommer")
    by_label(page, "Schlagwörter (optional)", 1).fill("summer")
    editing.shot(page, "admin-news")
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    by_label(page, "Bildbeschreibung (optional)").fill("Der Hafen im Sommer")
    by_label(page, "Bildbeschreibung (optional)", 1).fill("The harbour in summer")
    members = by_label(page, "Mitglieder (optional)")
    members.click()
    members.type("DiWiSH")
    page.keyboard.press("Enter")
    for pane, text in enumerate(
        ("Wir feiern am Wasser.", "We celebrate by the water.")
    ):
        page.locator("[data-slate-editor]").nth(pane).click()
        page.keyboard.type(text)
    publish(page)


def check_preview(page: Any, editing: Editing) -> None:
    """The preview pane uses the site's stylesheet and the pane's language."""
    open_view(page, editing, "collections/news/entries/2026/sommerfest-am-foerde-ufer")
    page.get_by_title("Vorschau", exact=True).click()
    frame = page.frame_locator("#preview-pane")
    frame.locator("h1", has_text="Sommerfest am Förde-Ufer").wait_for()
    stylesheet = frame.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert stylesheet and "/theme/site." in stylesheet
    assert frame.locator("main").get_attribute("lang") == "de"


def write_event(page: Any, editing: Editing) -> None:
    open_view(page, editing, "collections/events/new")
    by_label(page, "Titel").fill("Stammtisch im Juli")
    by_label(page, "Titel", 1).fill("Regulars' table in July")
    by_label(page, "Beginn").fill("2026-07-10 18:00")
    by_label(page, "Name (optional)").fill("Kieler Brauerei")
    by_label(page, "Ort (optional)").fill("Kiel")
    for pane, text in enumerate(("Wir treffen uns.", "We meet.")):
        page.locator("[data-slate-editor]").nth(pane).click()
        page.keyboard.type(text)
    editing.shot(page, "admin-event", top=True)
    publish(page)


def edit_member(page: Any, editing: Editing) -> None:
    open_view(page, editing, "collections/members/entries/kiel")
    city = by_label(page, "Ort")
    city.fill("Kiel an der Förde")
    publish(page)


def read_front(path: Path, model: type) -> Any:
    problems = ProblemLog()
    document = parse_document(path.read_text("utf-8"))
    meta = validate(
        model,
        document.meta,
        str(path),
        problems,
        context=CONTEXT,
        ignore=EXTRA_ACCEPTED,
    )
    assert meta is not None and not problems.errors, [str(p) for p in problems]
    return meta, document


def save_screenshots(editing: Editing) -> None:
    """Copy the screenshots, as small WebP files, where SITE_SCREENSHOTS says."""
    folder = os.environ.get("SITE_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for name, path in editing.shots.items():
        with Image.open(path) as image:
            image.thumbnail((1000, 1000))
            image.save(Path(folder) / f"{name}.webp", quality=70, method=6)


def test_an_editor_writes_news_an_event_and_edits_a_member(editing, tmp_path):
    picture = tmp_path / "hafen-kiel.jpg"
    Image.new("RGB", (800, 500), (30, 110, 190)).save(picture, quality=85)
    with chromium() as browser:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="de-DE"
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{editing.base}/admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Aktuelles", exact=True).first.wait_for()
        editing.shot(page, "admin-collections")
        write_news(page, editing, picture)
        write_event(page, editing)
        edit_member(page, editing)
        check_preview(page, editing)
    save_screenshots(editing)

    content = editing.content
    news = sorted(content.glob("news/*/sommerfest-am-foerde-ufer.*.md"))
    assert [p.relative_to(content).as_posix() for p in news] == [
        "news/2026/sommerfest-am-foerde-ufer.de.md",
        "news/2026/sommerfest-am-foerde-ufer.en.md",
    ]
    german, _ = read_front(news[0], NewsMeta)
    english, body = read_front(news[1], NewsMeta)
    assert german.tags == ["Sommer"] and english.tags == ["summer"]
    assert german.image == english.image == "images/hafen-kiel.jpg"
    assert german.members == english.members == ["diwish"]
    assert german.date == english.date
    assert "We celebrate" in body.body
    assert (content / "images" / "hafen-kiel.jpg").is_file()

    events = sorted(content.glob("events/stammtisch-im-juli.*.md"))
    assert len(events) == 2
    metas = [read_front(path, EventMeta)[0] for path in events]
    assert metas[0].start == metas[1].start and metas[0].location == metas[1].location
    assert metas[0].location.city == "Kiel"

    member = load_yaml((content / "members" / "kiel.yml").read_text("utf-8"))
    problems = ProblemLog()
    meta = validate(MemberMeta, member, "kiel.yml", problems, context=CONTEXT)
    assert meta is not None and meta.city == "Kiel an der Förde"

    builder = SiteBuilder(editing.root)
    result = builder.build("publishconf.py", name="published")
    assert result.exit_code == 0, result.stderr
    assert result.exists("de/aktuelles/sommerfest-am-foerde-ufer/")
    assert result.exists("en/events/stammtisch-im-juli/")
