"""The preview's incremental builds write exactly what a clean build writes.

The preview keeps one Pelican instance and its session: after an edit it
reads the changed file and renders only the pages whose inputs changed. After
every edit of a sequence, its output folder must be byte for byte the output
of a clean build of the same content.
"""

from __future__ import annotations

import filecmp
import gc
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, SiteBuilder
from PIL import Image

from sitecore import reader

pytestmark = pytest.mark.slow


def files(folder: Path) -> dict[str, Path]:
    return {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file()
    }


def assert_same_tree(incremental: Path, clean: Path, step: str) -> None:
    ours, theirs = files(incremental), files(clean)
    assert sorted(ours) == sorted(theirs), (
        step,
        sorted(set(ours) ^ set(theirs)),
    )
    different = [
        name
        for name in ours
        if not filecmp.cmp(ours[name], theirs[name], shallow=False)
    ]
    assert different == [], (step, different)


MEMBER = """\
name: {name}
region: schleswig-holstein
city: Kiel
type: company
description:
  de: Ein Mitglied.
  en: A member.
"""


def edit_sequence(site: SiteBuilder):
    """Edits an editor makes, each yielded with its name once done."""
    content = site.content
    site.news("b", "de", "Zweite", date="2026-02-01", tags="[Kiel]")
    yield "add a news item"
    site.news("b", "de", "Zweite, neu betitelt", date="2026-02-01", tags="[Kiel]")
    yield "change a title"
    site.news("b", "de", "Zweite, neu betitelt", date="2025-12-24", tags="[Kiel]")
    yield "change a date (another year, another archive page)"
    site.news("b", "de", "Zweite, neu betitelt", date="2025-12-24", tags="[Bay Area]")
    yield "change the tags"
    site.news(
        "b", "de", "Zweite", date="2025-12-24", tags="[Bay Area]", slug="zweite-meldung"
    )
    yield "change the slug"
    site.md(
        "news/a.de.md",
        'title: "Erste"\ndate: 2026-01-10\nmembers: [beispiel]',
        "Ein anderer Text mit [Link]({filename}/news/b.de.md).",
    )
    yield "change a body and link another item"
    site.news("a", "de", "Erste", date="2026-01-10", status="draft")
    yield "published to draft"
    site.news("a", "de", "Erste", date="2026-01-10")
    yield "draft to published"
    (content / "news" / "b.de.md").rename(content / "news" / "c.de.md")
    yield "rename a file (another key)"
    (content / "news" / "c.de.md").unlink()
    yield "delete a file"
    site.write("members/zweites.yml", MEMBER.format(name="Zweites Beispiel"))
    yield "add a member"
    site.md(
        "events/treffen.de.md",
        'title: "Treffen"\nstart: 2026-07-01 18:00\nlocation: Kiel\nmembers: [zweites]',
    )
    yield "an event names the new member"
    (content / "members" / "zweites.yml").unlink()
    site.md(
        "events/treffen.de.md",
        'title: "Treffen"\nstart: 2026-07-01 18:00\nlocation: Kiel',
    )
    yield "remove the member (and the reference to it)"
    site.page("about", "de", "Über uns", menu="1")
    yield "a page joins the menu (every page changes)"


def test_incremental_builds_equal_clean_builds(tmp_path):
    site = SiteBuilder(tmp_path / "site")
    site.news("a", "de", "Erste", date="2026-01-10", tags="[Kiel]")
    site.news("a", "en", "First", date="2026-01-10", tags="[Kiel]")
    site.page("about", "de", "Über uns")
    site.write("members/beispiel.yml", MEMBER.format(name="Beispiel GmbH"))
    preview = site.preview(
        tmp_path / "preview",
        THEME=str(ROOT / "theme"),
        IMAGE_DEFER=False,  # pictures: see test_new_pictures_show_at_once
    )
    first = preview.build(full=True)
    assert first.report is not None and not first.failure
    for number, step in enumerate(edit_sequence(site)):
        snapshot = preview.build()
        assert not snapshot.failure, (step, snapshot.failure)
        clean = site.build(name=f"clean-{number}")
        assert clean.exit_code == 0, (step, clean.stderr)
        assert_same_tree(tmp_path / "preview", clean.output, step)
    # The last step changed every page; a new paragraph changes the pages that
    # show the item: its own, the news list, its year's archive, the home page.
    site.md(
        "news/a.de.md",
        'title: "Erste"\ndate: 2026-01-10',
        "Some text.\n\nEin zweiter Absatz.",
    )
    preview.build()
    assert preview.snapshot.report.rendered == 4
    assert_same_tree(tmp_path / "preview", site.build(name="clean-last").output, "body")


def test_kept_state_is_what_the_last_two_builds_used(tmp_path):
    """Over many saves the session keeps what the content needs, nothing older.

    Each save changes a news item and an event (new values to remember) and
    renames a file (a result that is no longer needed); what the preview
    keeps is checked against the content after every build. How much memory
    the process uses over many saves is the benchmark's to measure.
    """
    site = SiteBuilder(tmp_path / "site")
    for number in range(20):
        site.news(f"n{number}", "de", f"Meldung {number}", date="2026-01-10")
    event = site.md(
        "events/treffen.de.md",
        'title: "Treffen"\nstart: 2026-07-01 18:00\nlocation: Kiel',
    )
    moving = site.news("moving-0", "de", "Wandert", date="2026-01-11")
    preview = site.preview(tmp_path / "preview")
    preview.build(full=True)
    session = preview.session
    sources = {str(path) for path in site.content.rglob("*.md")}
    asked = set(session.memo._current)
    for save in range(1, 31):
        for path in (site.content / "news" / "n3.de.md", event):
            with open(path, "a", encoding="utf-8") as file:
                file.write(f"\nSatz {save}.\n")
        moving = moving.rename(moving.with_name(f"moving-{save}.de.md"))
        before, sources = sources, {str(path) for path in site.content.rglob("*.md")}
        snapshot = preview.build()
        assert not snapshot.failure and snapshot.report.problems == ()
        kept = [key[0] for key in session.read_cache._results]
        # One result per file, for every file there is, and only the renamed
        # file's old name besides (the previous build read it).
        assert len(kept) == len(set(kept)), kept
        assert sources <= set(kept) <= sources | before, set(kept) ^ sources
        # Remembered values: what this build asked for, and what the one
        # before asked for and this one did not; older values are gone.
        previous, asked = asked, set(session.memo._current)
        assert any(key[0] == "event" for key in asked)
        assert set(session.memo._previous) <= previous - asked
        # Pages: the files of this build only, in one output folder.
        (written,) = session.outputs.values()
        on_disk = {
            path.relative_to(tmp_path / "preview").as_posix()
            for path in (tmp_path / "preview").rglob("*")
            if path.is_file()
        }
        assert len(written) == len(on_disk)
        assert not session.background.busy
    assert len(session.memo._previous) >= 1  # the event's last description


def test_new_pictures_show_at_once_and_their_variants_follow(tmp_path):
    site = SiteBuilder(tmp_path / "site")
    site.news("a", "de", "Erste", date="2026-01-10")
    preview = site.preview(
        tmp_path / "preview", IMAGE_WIDTHS=[240], IMAGE_FORMATS=["webp", "fallback"]
    )
    preview.build(full=True)
    while preview.session.background.busy:  # the site's default link preview
        time.sleep(0.05)
    preview.build()
    images = site.content / "images"
    images.mkdir()
    Image.new("RGB", (800, 600), "teal").save(images / "foto.jpg")
    site.md(
        "news/a.de.md",
        'title: "Erste"\ndate: 2026-01-10',
        "![Ein Foto]({static}/images/foto.jpg)",
    )
    preview.build()
    page = (tmp_path / "preview" / "de/aktuelles/a/index.html").read_text("utf-8")
    assert '<img src="/images/foto.jpg" width="800" height="600" alt="Ein Foto"' in page
    background = preview.session.background
    assert background.busy or background.done.is_set()
    while preview.session.background.busy:
        time.sleep(0.05)
    assert preview.pictures_ready()
    preview.build()
    page = (tmp_path / "preview" / "de/aktuelles/a/index.html").read_text("utf-8")
    assert "foto-240." in page and 'type="image/webp"' in page
    clean = site.build(
        name="clean", IMAGE_WIDTHS=[240], IMAGE_FORMATS=["webp", "fallback"]
    )
    assert_same_tree(tmp_path / "preview", clean.output, "pictures done")
    preview.close()


def test_a_build_from_a_restored_cache_equals_a_clean_build(tmp_path, monkeypatch):
    """CI restores the previous run's cache into a fresh clone, then publishes.

    A fresh clone gives every file a new modification time; the caches key
    on content, so a push that changes three files renders three files of
    Markdown, and the site is byte for byte what a build without any cache
    writes. The strict build leaves one result per file in the cache.
    """
    site = SiteBuilder(tmp_path / "site")
    for number in range(6):
        site.news(f"n{number}", "de", f"Meldung {number}", tags="[Kiel]")
        site.news(f"n{number}", "en", f"News {number}", tags="[Kiel]")
    event = 'title: "Treffen"\nstart: 2026-07-0{day} 18:00\nlocation: Kiel'
    site.md("events/treffen.de.md", event.format(day=1))
    site.page("about", "de", "Über uns", menu="1")
    site.write("members/beispiel.yml", MEMBER.format(name="Beispiel GmbH"))
    previous_run = tmp_path / "previous-run-cache"
    first = site.build("publishconf.py", name="first", CACHE_PATH=str(previous_run))
    assert first.exit_code == 0, first.stderr

    # The next run: a fresh clone (every file written anew), three files
    # changed, the cache restored from the previous run.
    for path in sorted(site.content.rglob("*.*")):
        path.write_bytes(path.read_bytes())
    site.news("n1", "de", "Meldung 1, berichtigt", tags="[Kiel]")
    site.md("events/treffen.de.md", event.format(day=2))
    site.write("members/beispiel.yml", MEMBER.format(name="Beispiel AG"))
    restored = tmp_path / "restored-cache"
    shutil.copytree(previous_run, restored)
    converted: list[str] = []
    render = reader.render_markdown
    monkeypatch.setattr(
        reader,
        "render_markdown",
        lambda body, *args, **kwargs: (
            converted.append(body) or render(body, *args, **kwargs)
        ),
    )
    warm = site.build("publishconf.py", name="warm", CACHE_PATH=str(restored))
    assert warm.exit_code == 0, warm.stderr
    # One text per changed Markdown file, one per language of the member.
    assert sorted(text.strip() for text in converted) == sorted(
        ["Some text.", "Some text.", "Ein Mitglied.", "A member."]
    )
    monkeypatch.undo()

    clean = site.build(
        "publishconf.py",
        name="clean",
        CACHE_PATH=str(tmp_path / "unused-cache"),
        CONTENT_CACHE=False,
    )
    assert clean.exit_code == 0, clean.stderr
    assert_same_tree(warm.output, clean.output, "restored cache")
    entries = list((restored / "content").rglob("*.pickle"))
    assert len(entries) == len(list(site.content.rglob("*.*")))


def test_collecting_waits_for_a_quiet_moment(tmp_path):
    """A build after a save runs without the cycle collector; tidy() runs it.

    What the full build keeps is frozen (later collections skip it), and the
    collector is on again after tidy(), so nothing is left uncollected.
    """
    site = SiteBuilder(tmp_path / "site")
    site.news("a", "de", "Erste", date="2026-01-10")
    preview = site.preview(tmp_path / "preview")
    try:
        preview.build(full=True)
        assert gc.isenabled()
        preview.tidy()
        assert gc.get_freeze_count() > 0
        site.news("a", "de", "Erste, neu", date="2026-01-10")
        preview.build()
        assert not gc.isenabled() and preview.untidy == "collect"
        preview.tidy()
        assert gc.isenabled() and preview.untidy is None
        page = tmp_path / "preview" / "de" / "aktuelles" / "a" / "index.html"
        assert "Erste, neu" in page.read_text(encoding="utf-8")
        preview.build(full=True)  # a theme change: what was frozen may go
        assert gc.get_freeze_count() == 0
    finally:
        preview.close()
        gc.unfreeze()
        gc.enable()
