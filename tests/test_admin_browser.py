"""The editing interface used as an editor uses it: ``invoke edit``, Chromium, German.

One ``invoke edit`` runs as a real process in a copy of the project (see
``editing.py``); each test opens ``/admin/`` in Debian's Chromium with a German
browser, types, clicks "Veröffentlichen" and then looks at the files in the
copy's ``content/`` and at the pages the preview built from them. Every page
fails its test on a console error or a policy violation (``browsing.py``),
unless the test is about exactly that error.
"""

from __future__ import annotations

import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import chromium
from bs4 import BeautifulSoup
from conftest import ROOT, SiteBuilder
from editing import EditSession, invoke_edit
from PIL import Image

from sitecheck.browser import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditSession]:
    with invoke_edit(tmp_path_factory.mktemp("edit") / "project") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
    browser.check()
    browser.allowed.clear()


def open_view(page: Any, session: EditSession, route: str) -> None:
    """Load ``/admin/#/<route>`` afresh and wait for its form."""
    page.goto("about:blank")
    page.goto(session.url(route))
    page.locator("label").first.wait_for()


def field(page: Any, label: str, pane: int = 0) -> Any:
    """The input labelled ``label`` in the German (0) or English (1) pane."""
    return page.get_by_label(label, exact=True).nth(pane)


def publish(page: Any) -> None:
    """Veröffentlichen → Jetzt veröffentlichen (plain clicks); wait until saved."""
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    page.get_by_text("Beitrag gespeichert").wait_for()


def built(page: Any) -> None:
    """Until the notes say the preview has built what was saved."""
    page.locator(".site-panel__status").get_by_text("Gespeichert.").wait_for()
    page.get_by_text("Die Vorschau wird gebaut").wait_for(state="detached")


def shot(page: Any, name: str, top: bool = True) -> None:
    """With SITE_SCREENSHOTS=<folder>: the editor guide's picture ``name``, as WebP."""
    folder = os.environ.get("SITE_SCREENSHOTS")
    if not folder:
        return
    if top:
        page.mouse.move(400, 400)
        page.mouse.wheel(0, -20_000)
        page.wait_for_timeout(300)
    png = Path(folder) / f"{name}.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    with Image.open(png) as image:
        image.thumbnail((1000, 1000))
        image.save(png.with_suffix(".webp"), quality=70, method=6)
    png.unlink()


def original(relative: str) -> bytes:
    return (ROOT / "content" / relative).read_bytes()


def fetch(session: EditSession, path: str) -> BeautifulSoup:
    with urllib.request.urlopen(f"{session.base}/{path}", timeout=30) as answer:
        return BeautifulSoup(answer.read(), "html.parser")


def test_no_banner_and_publishing_works_while_another_file_has_an_error(session, page):
    page.goto(session.url("collections/news"))
    page.get_by_text("Kiel und San Francisco sind jetzt Partnerstädte").wait_for()
    shot(page, "admin-collections", top=False)
    broken = session.file("pages/privacy.en.md")
    text = broken.read_text("utf-8")
    before = session.build_number()
    broken.write_text(text.replace("title:", "title: [unclosed", 1), "utf-8")
    answer = session.wait_for_build(before)
    assert any(p["path"] == "content/pages/privacy.en.md" for p in answer["problems"])
    try:
        open_view(page, session, "collections/pages/entries/about")
        assert page.locator(".preview-problems").count() == 0
        assert page.locator("script[src*='_preview']").count() == 0
        field(page, "Zusammenfassung (optional)").fill("Wer wir sind, kurz gesagt.")
        publish(page)
        built(page)
        assert "summary: Wer wir sind, kurz gesagt.\n" in session.file(
            "pages/about.de.md"
        ).read_text("utf-8")
        assert page.locator(".preview-problems").count() == 0
    finally:
        broken.write_text(text, "utf-8")


def test_editing_german_only_writes_no_english_file(session, page):
    german = "news/2018/ueberflieger.de.md"
    open_view(page, session, "collections/news/entries/2018/ueberflieger")
    field(page, "Zusammenfassung (optional)").fill(
        "Der Gründungswettbewerb des Vereins."
    )
    publish(page)
    built(page)
    assert not session.file("news/2018/ueberflieger.en.md").exists()
    before = original(german).decode().splitlines()
    after = session.file(german).read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(before[4], "summary: Der Gründungswettbewerb des Vereins.")]


def test_an_english_only_item_is_edited_and_saved(session, page):
    english = "news/2019/digital-challenge.en.md"
    open_view(page, session, "collections/news/entries/2019/digital-challenge")
    assert field(page, "Titel", 0).input_value() == ""  # no German text to show
    assert field(page, "Titel", 1).input_value().startswith("Digital Challenge")
    field(page, "Titel", 1).fill("Digital Challenge: your ideas, please")
    publish(page)
    built(page)
    assert not session.file("news/2019/digital-challenge.de.md").exists()
    text = session.file(english).read_text("utf-8")
    assert text == original(english).decode().replace(
        'title: "Digital Challenge: ideas wanted from students"',
        'title: "Digital Challenge: your ideas, please"',
    )


def test_typed_input_survives_an_outside_change_and_a_rebuild(session, page):
    open_view(page, session, "collections/events/entries/example-kiel-get-together")
    summary = field(page, "Zusammenfassung (optional)")
    summary.fill("Noch nicht gespeichert, aber getippt.")
    page.evaluate("window.siteTestMark = 'still here'")
    before = session.build_number()
    other = session.file("pages/membership.en.md")
    other.write_text(other.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    session.wait_for_build(before)
    page.wait_for_timeout(1500)  # what a reload would have done by now
    assert page.evaluate("window.siteTestMark") == "still here"
    assert summary.input_value() == "Noch nicht gespeichert, aber getippt."


def test_markdown_is_saved_as_typed_and_a_picked_link_renders(session, page):
    open_view(page, session, "collections/news/new")
    field(page, "Titel").fill("Fest am Wasser")
    field(page, "Titel", 1).fill("Party by the water")
    field(page, "Datum").fill("20.05.2026 10:00")
    text = page.locator("textarea.site-markdown__text").first
    text.click()
    page.keyboard.type("Wir feiern **fett** am Wasser. Mehr: ")
    page.get_by_role("button", name="Beitrag oder Seite verlinken").first.click()
    page.get_by_placeholder("Nach Titel suchen").fill("Mitgliedschaft")
    page.get_by_role(
        "listbox", name="Beitrag oder Seite, auf die verlinkt wird"
    ).select_option("pages/membership.de.md")
    page.get_by_role("button", name="Einfügen").click()
    page.locator("textarea.site-markdown__text").nth(1).fill("We party.")
    shot(page, "admin-news")
    publish(page)
    built(page)
    german = session.file("news/2026/fest-am-wasser.de.md").read_text("utf-8")
    assert german.endswith(
        "\n---\n\nWir feiern **fett** am Wasser. Mehr: "
        "[Mitgliedschaft]({filename}/pages/membership.de.md)\n"
    )
    page_html = fetch(session, "de/aktuelles/fest-am-wasser/")
    prose = page_html.select_one(".prose")
    assert prose.find("strong").get_text() == "fett"
    assert prose.find("a", string="Mitgliedschaft")["href"] == "/de/mitgliedschaft/"
    assert "**" not in prose.get_text() and "{filename}" not in prose.get_text()


def test_pictures_of_subfolders_show_and_uploads_go_to_the_sections_folder(
    session, page, tmp_path
):
    open_view(page, session, "collections/members/entries/example-robotics")
    logo = page.locator("img[src='/images/members/example-robotics.png']").first
    logo.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=logo.element_handle()
    )

    picture = tmp_path / "hafen.jpg"
    Image.new("RGB", (800, 500), (30, 110, 190)).save(picture, quality=85)
    open_view(page, session, "collections/news/new")
    field(page, "Titel").fill("Hafenfest")
    field(page, "Datum").fill("14.06.2026 15:00")
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    field(page, "Bildbeschreibung (optional)").fill("Der Hafen im Sommer")
    # A picture of another folder, chosen in the text from the library.
    page.locator("textarea.site-markdown__text").first.click()
    page.get_by_role("button", name="Bild", exact=True).first.click()
    card = page.get_by_text("members/example-college.jpg", exact=True)
    card.wait_for()
    card.click()
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    publish(page)
    built(page)
    text = session.file("news/2026/hafenfest.de.md").read_text("utf-8")
    assert "\nimage: images/news/2026/hafen.jpg\n" in text
    assert "](/images/members/example-college.jpg)" in text
    assert session.file("images/news/2026/hafen.jpg").is_file()
    assert not session.file("news/2026/hafenfest.en.md").exists()
    shown = fetch(session, "de/aktuelles/hafenfest/")
    sources = [img.get("src", "") for img in shown.select("main img")]
    assert any("hafen" in src for src in sources), sources


def test_a_wrong_date_and_a_picture_without_description_are_refused_in_german(
    session, page
):
    open_view(page, session, "collections/events/new")
    field(page, "Titel").fill("Stammtisch im Februar")
    start = field(page, "Beginn")
    start.fill("31.02.2026 18:00")
    start.blur()
    page.get_by_text(
        "„31.02.2026 18:00“ ist kein gültiges Datum: diesen Tag gibt es nicht"
    ).first.wait_for()
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    panel = page.locator(".site-panel__refused")
    panel.get_by_text("diesen Tag gibt es nicht").wait_for()
    assert page.get_by_text("Pflichtfelder").count() == 0  # a format error is no gap
    assert not list(session.content.glob("events/stammtisch-im-februar*"))

    start.fill("27.02.2026 18:00")
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    card = page.get_by_text("members/example-college.jpg", exact=True)
    card.wait_for()
    card.click()
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    panel.get_by_text("Beschreiben Sie das Bild in wenigen Worten").wait_for()
    assert not list(session.content.glob("events/stammtisch-im-februar*"))

    field(page, "Bildbeschreibung (optional)").fill("Das Logo des Colleges")
    shot(page, "admin-event")
    publish(page)
    built(page)
    written = session.file("events/stammtisch-im-februar.de.md").read_text("utf-8")
    assert "\nstart: 2026-02-27 18:00\n" in written
    assert "\nimage: images/members/example-college.jpg\n" in written
    assert not session.file("events/stammtisch-im-februar.en.md").exists()


def test_a_key_used_in_another_year_folder_is_refused(session, page, browser):
    refused = "bitte korrigieren Sie, was die Hinweise unten rechts nennen"
    browser.allow(refused)  # Decap logs the refusal it shows
    open_view(page, session, "collections/news/new")
    field(page, "Kennung (Dateiname) (optional)").fill("ueberflieger")
    field(page, "Titel").fill("Überflieger 2026")
    field(page, "Datum").fill("03.06.2026")
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    page.locator(".site-panel__refused").get_by_text(
        "den Schlüssel „ueberflieger“ hat schon content/news/2018/ueberflieger.de.md"
    ).wait_for()
    page.get_by_text(refused).first.wait_for()
    assert not session.file("news/2026/ueberflieger.de.md").exists()


def test_what_only_the_build_knows_is_shown_after_saving(session, page):
    open_view(page, session, "collections/news/new")
    field(page, "Titel").fill("Verweis ins Leere")
    field(page, "Datum").fill("02.06.2026")
    page.locator("textarea.site-markdown__text").first.fill(
        "Siehe [alt]({filename}/news/2016/gibt-es-nicht.de.md)."
    )
    publish(page)
    status = page.locator(".site-panel__status")
    status.get_by_text("Gespeichert. Die Vorschau meldet:").wait_for()
    report = status.inner_text()
    assert "Deutsch, " in report and "gibt-es-nicht.de.md" in report
    expected = session.problems("content/news/2026/verweis-ins-leere.de.md")
    assert expected["problems"] and expected["problems"][0]["message"] in report


ONE_LANGUAGE = {
    # The sample content's one-language items, under keys of their own.
    "news/2018/nur-deutsch.de.md": "news/2018/ueberflieger.de.md",
    "news/2019/only-english.en.md": "news/2019/digital-challenge.en.md",
}
UNCHANGED = [
    (
        "news/entries/2017/city-partnership",
        "Titel",
        ["news/2017/city-partnership.de.md", "news/2017/city-partnership.en.md"],
    ),
    ("news/entries/2018/nur-deutsch", "Titel", ["news/2018/nur-deutsch.de.md"]),
    ("news/entries/2019/only-english", "Titel", ["news/2019/only-english.en.md"]),
    (
        "events/entries/example-sf-breakfast",
        "Titel",
        ["events/example-sf-breakfast.de.md", "events/example-sf-breakfast.en.md"],
    ),
    ("pages/entries/imprint", "Titel", ["pages/imprint.de.md", "pages/imprint.en.md"]),
    (
        "projects/entries/digital-challenge",
        "Titel",
        ["projects/digital-challenge.de.md", "projects/digital-challenge.en.md"],
    ),
    ("members/entries/example-studio", "Name", ["members/example-studio.yml"]),
    ("people/entries/mueller-ruester", "Name", ["people/mueller-ruester.yml"]),
]


def changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    """The lines that differ, when no line was added or removed."""
    old, new = before.decode().split("\n"), after.decode().split("\n")
    assert len(old) == len(new), after.decode()
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_a_saved_entry_keeps_every_byte_it_did_not_change(session, page):
    """Every kind of sample file: one field changed in one language; that line
    changes, and nothing else in any file (order, quotes, comments, block
    style, no empty fields added)."""
    before = session.build_number()
    for copy, source in ONE_LANGUAGE.items():
        session.file(copy).write_bytes(original(source))
    session.wait_for_build(before)
    for route, label, paths in UNCHANGED:
        open_view(page, session, f"collections/{route}")
        pane = 1 if paths[0].endswith(".en.md") else 0
        title = field(page, label, pane)
        old_title = title.input_value()
        title.click()
        page.keyboard.press("End")
        page.keyboard.type(" (neu)")
        publish(page)
        for number, path in enumerate(paths):
            source = original(ONE_LANGUAGE.get(path, path))
            saved = session.file(path).read_bytes()
            if number:
                assert saved == source, path
                continue
            ((old, new),) = changed_lines(source, saved)
            key = "name" if label == "Name" else "title"
            assert old.startswith(f"{key}:") and old_title in old, path
            assert new.startswith(f"{key}:") and f"{old_title} (neu)" in new, path
    for copy in ONE_LANGUAGE:
        other = "en" if copy.endswith(".de.md") else "de"
        assert not session.file(copy[: -len("de.md")] + f"{other}.md").exists()


def test_the_preview_link_opens_the_entrys_page(session, page):
    open_view(page, session, "collections/projects/entries/ueberflieger")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Seite ansehen").click()
    shown = opened.value
    shown.wait_for_url(re.compile(r"/de/projekte/ueberflieger/$"))
    assert shown.locator("h1").first.inner_text() == "Überflieger"
    english = page.locator(".site-panel").get_by_role(
        "link", name=re.compile("Englisch")
    )
    with page.context.expect_page() as opened:
        english.click()
    opened.value.wait_for_url(re.compile(r"/en/projects/ueberflieger/$"))


def test_german_throughout_with_german_dates_and_labels(session, page):
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    open_view(page, session, "collections/news/new")
    words = page.locator("body").inner_text()
    for english in ("Login", "Rich Text", "Strikethrough", "Changes saved"):
        assert english not in words
    assert "Änderungen gespeichert" not in words.replace("Keine ungespeicherten", "")
    assert field(page, "Datum").get_attribute("placeholder") == "TT.MM.JJJJ HH:MM"
    assert "Kommas" in words  # how to separate tags
    open_view(page, session, "collections/news/entries/2017/diwish-joins")
    assert field(page, "Datum").input_value() == "27.01.2017 10:00"
    page.get_by_title("Vorschau", exact=True).click()
    item = page.frame_locator("#preview-pane")
    item.locator("h1", has_text="DiWiSH wird Mitglied bei The Bay Areas").wait_for()
    assert item.locator("main").get_attribute("lang") == "de"
    stylesheet = item.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert stylesheet and "/theme/site." in stylesheet
    page.get_by_title("Übersetzungen", exact=True).click()  # both languages again
    open_view(page, session, "collections/members/entries/example-college")
    preview = page.frame_locator("iframe").first
    preview.get_by_text("San Francisco Bay Area").wait_for()
    assert "bay-area" not in preview.locator("body").inner_text()
    assert not [w for w in warnings if "Could not locale entry" in w]


def test_without_the_local_backend_admin_says_to_use_invoke_edit(tmp_path, browser):
    browser.allow("ERR_CONNECTION_REFUSED")
    with invoke_edit(tmp_path / "project", task="serve") as serving:
        context = browser.new_context(locale="de-DE")
        page = context.new_page()
        page.goto(serving.admin)
        page.get_by_role("heading", name="Hier kann nicht bearbeitet werden").wait_for()
        text = page.locator("body").inner_text()
        assert "invoke edit" in text
        assert "GitHub" not in text and "Anmelden" not in text
        context.close()
    browser.check()
    browser.allowed.clear()


def test_online_the_interface_signs_in_to_github_with_the_sites_parts(
    tmp_path, browser
):
    """The production build's /admin/: Decap accepts its configuration, the
    site's GitHub backend is there, and it asks to sign in (nothing is sent
    before the editor clicks)."""
    site = SiteBuilder(tmp_path)
    site.md("news/a.de.md", "title: A\ndate: 2026-01-10")
    output = tmp_path / "published"
    output.mkdir()
    with serve(output) as base:
        result = site.build("publishconf.py", name="published", SITEURL=base)
        assert result.exit_code == 0, result.stderr
        context = browser.new_context(locale="de-DE")
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="Mit GitHub einloggen").wait_for()
        assert all(url.startswith(base) for url in requests), requests
        context.close()
    browser.check()
