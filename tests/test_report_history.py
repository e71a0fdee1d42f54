"""The translation report reads the git history: stale means older in content.

Each test makes a real git repository with commits on set dates and asks the
report what a translator has to do. A translation is stale when the
original's last change of content (body and text fields) is newer than the
translation's; dates, tags, pictures, members and formatting are no content.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sitecore.history import file_changes, last_changes
from sitecore.models import NewsMeta
from sitecore.report import markdown_report, translation_report, words
from sitecore.sections import DEFAULT_SECTIONS

GERMAN = """---
title: Sommerfest
date: 2026-05-01
tags: [Fest]
---

Wir feiern am Wasser.
"""
ENGLISH = """---
title: Summer party
date: 2026-05-01
tags: [party]
---

We celebrate by the water.
"""


class Repository:
    """A git repository with content/ and commits on the days the test names."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.git("init", "-q")

    def git(self, *args: str, day: str = "2026-01-01") -> None:
        stamp = f"{day}T10:00:00+00:00"
        subprocess.run(
            ["git", "-C", str(self.root), *args],
            check=True,
            capture_output=True,
            env={
                **os.environ,
                "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_DATE": stamp,
                "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Redaktion",
                "GIT_AUTHOR_EMAIL": "redaktion@example.org",
                "GIT_COMMITTER_NAME": "Redaktion",
                "GIT_COMMITTER_EMAIL": "redaktion@example.org",
            },
        )

    def write(self, name: str, text: str) -> Path:
        path = self.content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    def commit(self, day: str, **files: str) -> None:
        """Write ``files`` (``de=…`` is news/fest.de.md) and commit them on ``day``."""
        for lang, text in files.items():
            self.write(f"news/fest.{lang}.md", text)
        self.git("add", "-A", day=day)
        self.git("commit", "-q", "-m", f"changes of {day}", day=day)

    def stale(self) -> list[tuple[str, str, str]]:
        """(file, language of the newer original, day it changed) per stale file."""
        lines = translation_report(
            str(self.content), DEFAULT_SECTIONS.values(), ("de", "en")
        )
        assert not [line for line in lines if line.missing]
        return [
            (line.source.relpath, line.behind, line.changed.date().isoformat())
            for line in lines
            if line.stale
        ]


def test_an_updated_translation_makes_the_report_clean(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-01", de=GERMAN, en=ENGLISH)
    assert repo.stale() == []
    repo.commit("2026-02-01", de=GERMAN.replace("am Wasser", "an der Förde"))
    assert repo.stale() == [("news/fest.en.md", "de", "2026-02-01")]
    report = markdown_report(
        translation_report(str(repo.content), DEFAULT_SECTIONS.values(), ("de", "en"))
    )
    assert "| `news/fest.en.md` | the de version changed on 2026-02-01" in report
    # The translator brings the English text up to date: clean, German unflagged.
    repo.commit("2026-03-01", en=ENGLISH.replace("by the water", "by the fjord"))
    assert repo.stale() == []


def test_a_translation_changed_later_never_flags_the_original(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-01", de=GERMAN, en=ENGLISH)
    # The other order: the translation changes first (a typo), then the original.
    repo.commit("2026-02-01", en=ENGLISH.replace("celebrate", "party"))
    assert repo.stale() == []
    repo.commit("2026-03-01", de=GERMAN.replace("Sommerfest", "Sommerfest 2026"))
    assert repo.stale() == [("news/fest.en.md", "de", "2026-03-01")]


def test_changes_to_language_neutral_fields_do_not_count(tmp_path):
    repo = Repository(tmp_path)
    picture = "image: images/fest.jpg\nimage_alt: {alt}\ntags:"
    german = GERMAN.replace("tags:", picture.format(alt="Das Ufer"))
    english = ENGLISH.replace("tags:", picture.format(alt="The shore"))
    repo.commit("2026-01-01", de=german, en=english)
    neutral = (
        german.replace("date: 2026-05-01", "date: 2026-05-02 18:00")
        .replace("tags: [Fest]", "tags: [Fest, Sommer]\nmembers: [diwish]")
        .replace("images/fest.jpg", "images/news/2026/fest.jpg")
    )
    repo.commit("2026-02-01", de=neutral)
    assert repo.stale() == []
    # The picture's description is text: changing it is content.
    repo.commit("2026-03-01", de=neutral.replace("Das Ufer", "Das Kieler Ufer"))
    assert repo.stale() == [("news/fest.en.md", "de", "2026-03-01")]


def test_formatting_alone_is_no_change(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-01", de=GERMAN, en=ENGLISH)
    reformatted = (
        "---\ndate: 2026-05-01\ntags:\n  - Fest\ntitle: 'Sommerfest'\n---\n\n"
        "Wir   feiern\nam Wasser.\n\n"
    )
    repo.commit("2026-02-01", de=reformatted)
    assert repo.stale() == []
    # A re-formatted translation is not an updated one.
    repo.commit("2026-03-01", de=reformatted.replace("Wasser", "Ufer"))
    repo.commit(
        "2026-04-01", en=ENGLISH.replace("title: Summer party", 'title: "Summer party"')
    )
    assert repo.stale() == [("news/fest.en.md", "de", "2026-03-01")]


def test_an_uncommitted_change_counts_from_the_files_time(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2020-01-01", de=GERMAN, en=ENGLISH)
    german = repo.write("news/fest.de.md", GERMAN.replace("Wasser", "Ufer"))
    os.utime(german, (1_780_000_000, 1_780_000_000))  # 2026-05-28
    assert repo.stale() == [("news/fest.en.md", "de", "2026-05-28")]
    # Only re-formatted and not committed: nothing new to translate.
    repo.write(
        "news/fest.de.md", GERMAN.replace("title: Sommerfest", "title: 'Sommerfest'")
    )
    assert repo.stale() == []


def test_the_original_is_the_version_that_existed_first(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-01", en=ENGLISH)  # an English item …
    repo.commit("2026-02-01", de=GERMAN)  # … translated into German later
    assert repo.stale() == []
    repo.commit("2026-03-01", en=ENGLISH.replace("water", "bay"))
    assert repo.stale() == [("news/fest.de.md", "en", "2026-03-01")]


def test_an_item_moved_into_a_year_folder_keeps_its_history(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-01", de=GERMAN, en=ENGLISH)
    (repo.content / "news" / "2026").mkdir()
    repo.git("mv", "content/news/fest.de.md", "content/news/2026/fest.de.md")
    repo.git("commit", "-q", "-m", "moved", day="2026-02-01")
    assert repo.stale() == []
    paths = [str(repo.content / "news/2026/fest.de.md")]
    changes = file_changes(
        paths, lambda path, text: words(NewsMeta, text), str(repo.content)
    )
    assert changes[paths[0]].first == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert changes[paths[0]].last == datetime(2026, 1, 1, 10, tzinfo=UTC)


def test_without_git_the_file_times_decide(tmp_path):
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    german = content / "news" / "fest.de.md"
    english = content / "news" / "fest.en.md"
    german.write_text(GERMAN, "utf-8")
    english.write_text(ENGLISH, "utf-8")

    def stale():
        lines = translation_report(
            str(content), DEFAULT_SECTIONS.values(), ("de", "en")
        )
        return [(line.source.relpath, line.behind) for line in lines]

    os.utime(german, (1_780_000_000, 1_780_000_000))
    os.utime(english, (1_770_000_000, 1_770_000_000))
    assert stale() == [("news/fest.en.md", "de")]
    os.utime(english, (1_790_000_000, 1_790_000_000))
    assert stale() == []  # the German original is not flagged


def test_words_are_the_text_fields_and_the_body():
    same = words(NewsMeta, GERMAN)
    assert (
        words(NewsMeta, GERMAN.replace("title: Sommerfest", 'title: "Sommerfest"'))
        == same
    )
    assert (
        words(NewsMeta, GERMAN.replace("date: 2026-05-01", "date: 2027-01-01")) == same
    )
    assert words(NewsMeta, GERMAN.replace("Wir feiern", "Wir\n  feiern")) == same
    assert words(NewsMeta, GERMAN.replace("tags: [Fest]", "tags: [Party]")) == same
    assert (
        words(NewsMeta, GERMAN.replace("title: Sommerfest", "title: Herbstfest"))
        != same
    )
    assert (
        words(NewsMeta, GERMAN.replace("---\n\n", "summary: Kurz\n---\n\n", 1)) != same
    )
    assert words(NewsMeta, GERMAN.replace("Wasser", "Ufer")) != same


def test_last_changes_come_from_git_history(tmp_path):
    repo = Repository(tmp_path)
    repo.commit("2026-01-02", de=GERMAN, en=ENGLISH)
    english = repo.write("news/fest.en.md", "---\ntitle: changed\n---\n")
    paths = [str(repo.content / "news/fest.de.md"), str(english)]
    times = last_changes(paths)
    assert times[paths[0]] == datetime(2026, 1, 2, 10, tzinfo=UTC)
    assert times[paths[1]] > times[paths[0]]  # not committed: the file's time
