"""``invoke serve`` as an editor runs it: a saved file is built again and served.

The preview runs as its own process in a copy of the project. Its live-reload
stream (``/_preview/events``) says when a build is done, so the test waits
for builds, not for a clock; a change to the settings restarts the preview.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from running import Running
from test_tasks import project_copy

pytestmark = pytest.mark.slow

ADDRESS = r"The preview is at (http://127\.0\.0\.1:\d+/) "


def news(title: str) -> str:
    return f"---\ntitle: {title}\ndate: 2026-01-10\n---\n\nText.\n"


def page_title(address: str, url: str) -> str:
    with urllib.request.urlopen(address + url, timeout=30) as response:
        page = response.read().decode()
    return re.search(r"<h1[^>]*page-title[^>]*>([^<]*)<", page).group(1)


@contextmanager
def build_numbers(address: str) -> Iterator[Iterator[int]]:
    """The numbers of the finished builds, as the page's reload script reads them."""
    with urllib.request.urlopen(address + "_preview/events", timeout=120) as stream:

        def numbers() -> Iterator[int]:
            for raw in stream:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    yield int(line.removeprefix("data: "))

        yield numbers()


def test_a_saved_file_is_built_again_and_served(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "news").mkdir(parents=True)
    article = root / "content" / "news" / "a.de.md"
    article.write_text(news("Erste"), "utf-8")
    preview = Running(root, sys.executable, "-m", "invoke", "serve", "--port", "0")
    try:
        address = preview.wait_for(ADDRESS).group(1)
        assert page_title(address, "de/aktuelles/a/") == "Erste"
        with build_numbers(address) as builds:
            first = next(builds)
            article.write_text(news("Zweite Fassung"), "utf-8")
            for number in builds:  # a build of pictures may come first
                assert number > first
                if page_title(address, "de/aktuelles/a/") == "Zweite Fassung":
                    break
        assert (root / ".preview" / "de" / "aktuelles" / "a" / "index.html").is_file()
        assert not (root / "output").exists()  # never where publish writes

        # Changed settings: the preview starts again, with them.
        conf = root / "pelicanconf.py"
        conf.write_text(conf.read_text() + '\nSITENAME = "Neu gestartet"\n')
        preview.wait_for("the preview starts again")
        address = preview.wait_for(ADDRESS).group(1)
        with urllib.request.urlopen(address + "de/", timeout=30) as response:
            assert "Neu gestartet" in response.read().decode()
    finally:
        preview.kill()


def test_clean_is_refused_while_the_preview_runs(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "news").mkdir(parents=True)
    (root / "content" / "news" / "a.de.md").write_text(news("Erste"), "utf-8")
    preview = Running(root, sys.executable, "-m", "invoke", "serve", "--port", "0")
    try:
        address = preview.wait_for(ADDRESS).group(1)
        clean = Running(root, sys.executable, "-m", "invoke", "clean")
        assert clean.ended() == 1
        assert "The preview of this working copy is running" in clean.output
        assert "Traceback" not in clean.output
        assert page_title(address, "de/aktuelles/a/") == "Erste"  # still served
        assert (root / ".preview" / "de" / "aktuelles" / "a" / "index.html").is_file()
        os.killpg(preview.process.pid, signal.SIGINT)
        assert preview.ended() == 0
    finally:
        preview.kill()
    clean = Running(root, sys.executable, "-m", "invoke", "clean")
    assert clean.ended() == 0, clean.output
    assert not (root / ".preview").exists()
    assert not (root / ".preview.lock").exists()
    assert not (root / ".cache").exists()
