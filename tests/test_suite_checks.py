"""The suite's own checks catch what they are there for.

The build helper fails on a traceback that was only logged, counts every line
a build prints as a problem, commands can be bound by file permissions even
as root, every browser test opens its pages through the watch of
``browsing.py``, and a hanging test ends.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, BuildResult, capture_build, unprivileged

TESTS = Path(__file__).resolve().parent


def test_a_logged_traceback_fails_the_build_helper():
    failure = pytest.raises(AssertionError, match="logged with a traceback")
    with failure, capture_build():
        try:
            raise ValueError("a plugin's mistake")
        except ValueError:
            logging.getLogger("pelican.plugins").exception("could not write")


def test_a_traceback_on_stderr_fails_the_build_helper():
    with pytest.raises(AssertionError, match="Traceback"), capture_build():
        sys.stderr.write("Traceback (most recent call last):\n")


def test_every_line_but_the_closing_ones_is_a_problem():
    stderr = (
        "/site/content/news/a.de.md:3: date: missing required field\n"
        "search index: pagefind exited with status 1\n"
        "The build failed with 1 error; nothing was published and the previous "
        "output is unchanged.\n"
        "3 pages (de, en) built in 0.4 s; 1 error.\n"
        "3 Seiten (de, en) in 0,4 s gebaut; 1 Warnung.\n"
    )
    result = BuildResult(Path("out"), 1, stderr, ["ERROR: imaging: disk full"])
    assert result.problems == [
        "/site/content/news/a.de.md:3: date: missing required field",
        "search index: pagefind exited with status 1",
        "ERROR: imaging: disk full",
    ]


def test_permissions_bind_an_unprivileged_command(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    try:
        run = subprocess.run(
            unprivileged(["touch", str(folder / "file")]),
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    assert run.returncode != 0 and "Permission denied" in run.stderr
    assert not (folder / "file").exists()


def _opens_pages(text: str) -> bool:
    return ".new_page(" in text or ".new_context(" in text


def test_every_browser_test_opens_its_pages_through_the_watch():
    """No test starts a browser of its own, except to show that starting fails."""
    files = sorted(TESTS.glob("test_*.py"))
    with_pages = [path for path in files if _opens_pages(path.read_text("utf-8"))]
    assert len(with_pages) >= 9, with_pages
    own_browsers = []
    for path in with_pages:
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            near = "\n".join(lines[max(0, number - 4) : number + 3])
            starts = re.search(r"\blaunch\(|sync_playwright\(\)", line)
            if starts and "pytest.raises" not in near:
                own_browsers.append(f"{path.name}:{number + 1}: {line.strip()}")
    assert own_browsers == []


def test_a_hanging_test_fails_after_the_timeout(tmp_path):
    (tmp_path / "test_hang.py").write_text(
        "import time\n\ndef test_hang():\n    while True:\n        time.sleep(0.01)\n"
    )
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml")]
    command += ["--rootdir", str(tmp_path), "-o", "timeout=2", "-p", "no:cacheprovider"]
    run = subprocess.run(
        [*command, str(tmp_path / "test_hang.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert run.returncode != 0
    assert "+ Timeout +" in run.stdout + run.stderr, run.stdout


def test_the_default_timeout_is_set_for_every_test(request):
    assert request.config.pluginmanager.hasplugin("timeout")
    assert request.config.getini("timeout") == "600"
    assert request.config.getini("timeout_method") == "thread"
