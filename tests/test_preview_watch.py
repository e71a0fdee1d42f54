"""``invoke serve`` as an editor runs it: a saved file is built again and served.

The preview runs as its own process in a copy of the project. Its live-reload
stream (``/_preview/events``) says when a build is done, so the test waits
for builds, not for a clock; a change to the settings restarts the preview.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import pytest
from conftest import FIXED_NOW
from test_tasks import project_copy

pytestmark = pytest.mark.slow

PR_SET_PDEATHSIG = 1  # prctl(2)
ADDRESS = re.compile(r"The preview is at (http://127\.0\.0\.1:\d+/) ")


def _ends_with_the_tests() -> None:
    """In the preview's process: killed when the tests' process ends, however."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def news(title: str) -> str:
    return f"---\ntitle: {title}\ndate: 2026-01-10\n---\n\nText.\n"


def page_title(address: str, url: str) -> str:
    with urllib.request.urlopen(address + url, timeout=30) as response:
        page = response.read().decode()
    return re.search(r"<h1[^>]*page-title[^>]*>([^<]*)<", page).group(1)


def next_line(output: IO[str], pattern: re.Pattern[str] | str) -> re.Match[str]:
    """Read the preview's output until a line matches (the test's timeout bounds it)."""
    lines = []
    for line in output:
        lines.append(line)
        found = re.search(pattern, line)
        if found:
            return found
    raise AssertionError("the preview ended:\n" + "".join(lines))


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
    preview = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", "0"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "SITE_BUILD_NOW": FIXED_NOW.isoformat(),
            "SITE_EDITOR_LANGUAGE": "en",
        },
        start_new_session=True,  # its picture worker goes with it
        preexec_fn=_ends_with_the_tests,
    )
    try:
        address = next_line(preview.stdout, ADDRESS).group(1)
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
        next_line(preview.stdout, "the preview starts again")
        address = next_line(preview.stdout, ADDRESS).group(1)
        with urllib.request.urlopen(address + "de/", timeout=30) as response:
            assert "Neu gestartet" in response.read().decode()
    finally:
        os.killpg(preview.pid, signal.SIGKILL)
        preview.wait()
        preview.stdout.close()
