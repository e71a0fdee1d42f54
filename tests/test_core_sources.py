"""File names decide section, key and language."""

from __future__ import annotations

import os

from sitecore.problems import ProblemLog
from sitecore.report import markdown_report, missing_translations, translation_report
from sitecore.sections import DEFAULT_SECTIONS
from sitecore.slugs import slugify
from sitecore.sources import scan_section


def make(tmp_path, *names):
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: x\n---\n", "utf-8")


def test_scan_classifies_and_ignores_hidden(tmp_path):
    make(
        tmp_path,
        "news/2017/a.de.md",
        "news/a.en.md",
        "news/_drafts/b.de.md",
        "news/.c.de.md",
        "news/photo.jpg",
    )
    log = ProblemLog()
    found = scan_section(str(tmp_path), "news", ("de", "en"), log)
    assert [(s.key, s.lang, s.relpath) for s in found] == [
        ("a", "en", "news/a.en.md"),
        ("a", "de", "news/2017/a.de.md"),
    ] or sorted((s.key, s.lang) for s in found) == [("a", "de"), ("a", "en")]
    assert len(log) == 0


def test_bad_names_are_reported(tmp_path):
    make(
        tmp_path,
        "news/plain.md",
        "news/x.fr.md",
        "news/Foo_Bar.de.md",
        "news/y.markdown",
        "news/2017/dup.de.md",
        "news/2018/dup.de.md",
    )
    log = ProblemLog()
    found = scan_section(str(tmp_path), "news", ("de", "en"), log)
    assert [s.relpath for s in found] == ["news/2017/dup.de.md"]
    text = "\n".join(p.text() for p in log.errors)
    assert "rename it to 'plain.de.md'" in text
    assert "unknown language 'fr'" in text
    assert "rename it to 'foo-bar'" in text
    assert "'y.markdown' is not published" in text
    assert "duplicate key 'dup'" in text and "news/2017/dup.de.md" in text


def test_slugify_german():
    assert slugify("Über uns – Städtepartnerschaft") == "ueber-uns-staedtepartnerschaft"
    assert slugify("Café & Co.") == "cafe-co"
    assert slugify("!!!") == ""


def test_translation_report(tmp_path):
    make(tmp_path, "news/a.de.md", "news/a.en.md", "news/b.de.md", "pages/c.en.md")
    make(tmp_path, "members/m.yml")
    sections = DEFAULT_SECTIONS.values()
    rows = missing_translations(str(tmp_path), sections, ("de", "en"))
    assert [(s.relpath, lacking) for s, lacking in rows] == [
        ("news/b.de.md", ("en",)),
        ("pages/c.en.md", ("de",)),
    ]
    lines = translation_report(str(tmp_path), sections, ("de", "en"))
    report = markdown_report(lines)
    assert "| `news/b.de.md` | missing in: en |" in report


def test_translations_older_than_the_other_language_are_reported(tmp_path):
    from datetime import UTC, datetime

    from sitecore.history import Changes

    make(tmp_path, "news/a.de.md", "news/a.en.md", "news/b.de.md", "news/b.en.md")
    times = {
        "news/a.de.md": datetime(2026, 5, 1, tzinfo=UTC),
        "news/a.en.md": datetime(2026, 3, 1, tzinfo=UTC),
        "news/b.de.md": datetime(2026, 3, 1, tzinfo=UTC),
        "news/b.en.md": datetime(2026, 3, 1, tzinfo=UTC),
    }

    def changed(paths):  # without a history: the first language is the original
        return {p: Changes(times[os.path.relpath(p, tmp_path)]) for p in paths}

    lines = translation_report(
        str(tmp_path), DEFAULT_SECTIONS.values(), ("de", "en"), changed
    )
    assert [(line.source.relpath, line.behind) for line in lines] == [
        ("news/a.en.md", "de")
    ]
    report = markdown_report(lines)
    assert "the de version changed on 2026-05-01: check this translation" in report
