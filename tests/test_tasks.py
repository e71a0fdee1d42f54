"""The tasks editors and CI use: the atomic publish (scaffolding: test_scaffold.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from scripts.site_tasks import replace_output


def test_replace_output_swaps_whole_folders(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new")
    release = replace_output(new, output)
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert oct((output / "index.html").stat().st_mode)[-3:] == "644"
    assert oct(release.stat().st_mode)[-3:] == "755"
    assert output.is_symlink() and output.resolve() == release
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "output.releases"]
    # The folder output/ was until now stays until the next build.
    assert sorted(p.name for p in release.parent.iterdir()) == sorted(
        [release.name, f"previous-{os.getpid()}"]
    )


def project_copy(tmp_path):
    """A copy of the project whose content the test controls."""
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    for name in ("plugins", "theme", "scripts"):
        os.symlink(ROOT / name, tmp_path / name)
    return tmp_path


def invoke(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITEURL": "https://example.org"},
    )


@pytest.mark.slow
def test_failed_publish_keeps_the_last_good_output(tmp_path):
    root = project_copy(tmp_path)
    news = root / "content" / "news"
    news.mkdir(parents=True)
    (news / "ok.de.md").write_text("---\ntitle: Gut\ndate: 2020-01-01\n---\nText\n")
    first = invoke(root, "publish")
    assert first.returncode == 0, first.stderr
    good = (root / "output" / "de" / "aktuelles" / "ok" / "index.html").read_text()
    (news / "broken.de.md").write_text("---\ntitle: Kaputt\n---\nText\n")
    second = invoke(root, "publish")
    assert second.returncode == 1
    assert "broken.de.md:1: date: missing required field" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    kept = (root / "output" / "de" / "aktuelles" / "ok" / "index.html").read_text()
    assert kept == good
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("output")) == [
        "output",
        "output.lock",
        "output.releases",
    ]
    assert len(list((root / "output.releases").iterdir())) == 1
