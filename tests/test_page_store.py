"""Rendered pages are kept between builds by signature, and only used when valid.

A fresh process (CI with its caches restored, the next ``invoke build``) takes
a page from the store only when rendering it again would give the same bytes:
same signature, templates, plugins' code and day.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

from conftest import FIXED_NOW, ROOT, SiteBuilder

from bilingual.pagestore import PageStore
from bilingual.render import Renderer
from events import generator as events_generator


def test_pages_outlive_the_process_that_stored_them(tmp_path):
    first = PageStore(str(tmp_path), "v1")
    first.put("page:a", "<p>ä</p>")
    first.put("page:b", b"<p>b</p>")
    first.close()
    second = PageStore(str(tmp_path), "v1")
    assert second.get("page:a") == "<p>ä</p>".encode()
    assert second.get("page:b") == b"<p>b</p>"
    assert second.get("page:c") is None
    assert PageStore(str(tmp_path), "v2").get("page:a") is None


def test_a_pack_cut_short_keeps_what_came_before(tmp_path):
    store = PageStore(str(tmp_path), "v1")
    store.put("page:a", "complete")
    store.put("page:b", "cut short")
    store.close()
    (pack,) = (tmp_path / "v1").iterdir()
    pack.write_bytes(pack.read_bytes()[:-3])
    again = PageStore(str(tmp_path), "v1")
    assert again.get("page:a") == b"complete"
    assert again.get("page:b") is None


def test_compacting_keeps_what_was_asked_for_and_drops_other_versions(tmp_path):
    old = PageStore(str(tmp_path), "old")
    old.put("page:x", "x")
    old.close()
    store = PageStore(str(tmp_path), "new")
    for name in "abcd":
        store.put(f"page:{name}", name * 100)
    store.close()
    assert not (tmp_path / "old").exists()  # written once: other versions go
    reader = PageStore(str(tmp_path), "new")
    assert reader.get("page:a") == b"a" * 100
    reader.compact()  # three of four pages unused (more than twice): rewritten
    after = PageStore(str(tmp_path), "new")
    assert after.get("page:a") == b"a" * 100
    assert after.get("page:b") is None
    assert len(list((tmp_path / "new").iterdir())) == 1


def _site(tmp_path):
    site = SiteBuilder(tmp_path / "site")
    for number in range(3):
        site.news(f"n{number}", "de", f"Meldung {number}", tags="[Kiel]")
        site.news(f"n{number}", "en", f"News {number}", tags="[Kiel]")
    site.page("about", "de", "Über uns", menu="1")
    site.md(
        "events/treffen.de.md",
        'title: "Treffen"\nstart: 2026-07-01 18:00\nlocation: Kiel',
    )
    return site


def _counting(monkeypatch):
    rendered: list[str] = []
    render = Renderer.render

    def counted(self, template, lang, values):
        rendered.append(values.get("page_url", template))
        return render(self, template, lang, values)

    monkeypatch.setattr(Renderer, "render", counted)
    return rendered


def _same(first, second):
    def files(folder):
        return sorted(
            p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
        )

    names = files(first)
    assert names == files(second)
    return all(
        (first / name).read_bytes() == (second / name).read_bytes() for name in names
    )


def test_a_fresh_build_renders_only_what_changed(tmp_path, monkeypatch):
    site = _site(tmp_path)
    cache = str(tmp_path / "cache")
    first = site.build(name="first", CACHE_PATH=cache)
    assert first.exit_code == 0, first.stderr
    rendered = _counting(monkeypatch)
    calendars: list[str] = []
    make_calendar = events_generator.calendar
    monkeypatch.setattr(
        events_generator,
        "calendar",
        lambda found, **options: (
            calendars.append(options["name"]) or make_calendar(found, **options)
        ),
    )
    again = site.build(name="again", CACHE_PATH=cache)
    assert again.exit_code == 0 and rendered == []
    assert _same(first.output, again.output)
    # The event's own calendar too; each language's list of events is made.
    assert len(calendars) == 2 and not any("Treffen" in name for name in calendars)
    ics = "de/termine/treffen/treffen.ics"
    assert (first.output / ics).read_bytes() == (again.output / ics).read_bytes()

    site.news("n1", "de", "Meldung 1, neu", tags="[Kiel]")
    changed = site.build(name="changed", CACHE_PATH=cache)
    assert changed.exit_code == 0
    # The item and its translation (which names it), and the pages that list
    # them: news, their year, their tag, home; nothing else.
    lists = ("aktuelles/", "aktuelles/2026/", "aktuelles/n1/", "schlagwort/kiel/", "")
    english = ("news/", "news/2026/", "news/n1/", "tag/kiel/", "")
    assert sorted(rendered) == sorted(
        [*(f"de/{page}" for page in lists), *(f"en/{page}" for page in english)]
    )
    assert "Meldung 1, neu" in (
        changed.output / "de/aktuelles/n1/index.html"
    ).read_text("utf-8")
    rendered.clear()
    clean = site.build(
        name="clean", CACHE_PATH=str(tmp_path / "c2"), CONTENT_CACHE=False
    )
    assert len(rendered) > 5 and _same(changed.output, clean.output)


def test_other_templates_or_another_day_render_again(tmp_path, monkeypatch):
    site = _site(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cache = str(tmp_path / "cache")
    first = site.build(name="first", CACHE_PATH=cache, THEME=str(theme))
    assert first.exit_code == 0, first.stderr
    pages = len(list(first.output.rglob("index.html")))
    rendered = _counting(monkeypatch)

    base = theme / "templates" / "base.html"
    base.write_text(base.read_text("utf-8").replace("<main", "<main data-new"), "utf-8")
    new_theme = site.build(name="theme", CACHE_PATH=cache, THEME=str(theme))
    assert new_theme.exit_code == 0 and len(rendered) >= pages
    assert "data-new" in (new_theme.output / "de/aktuelles/n1/index.html").read_text(
        "utf-8"
    )

    rendered.clear()
    later = site.build(
        name="later",
        CACHE_PATH=cache,
        THEME=str(theme),
        BUILD_NOW=FIXED_NOW + timedelta(days=1),
    )
    assert later.exit_code == 0 and len(rendered) >= pages
