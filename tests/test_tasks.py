"""The tasks editors and CI use, run as ``invoke`` runs them in a copy of the project.

The atomic publish, ``clean``, ``check`` without its validator, ``speed`` on a
site of one page, and a real WordPress import (scaffolding: test_scaffold.py;
the preview: test_preview_watch.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from test_wordpress_import import EXPECTED_FILES, EXPORT, make_uploads

from scripts.site_tasks import build_lock, publish_atomically, replace_output


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


def invoke(root, *args, **env):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITEURL": "https://example.org", **env},
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


def test_clean_waits_for_a_build_and_removes_output_and_caches(tmp_path):
    root = project_copy(tmp_path)
    (root / "content").mkdir()
    output = root / "output"
    for _ in ("release", "the one before"):
        assert publish_atomically(output, lambda folder: (folder / "x").touch() or 1)
    (root / "output.build-killed").mkdir()  # what a killed build left
    for made in (".cache/content/ab/x.pickle", ".preview/de/index.html"):
        (root / made).parent.mkdir(parents=True)
        (root / made).write_text("x")
    (root / "content" / "keep.md").write_text("x")
    with build_lock(output):
        clean = subprocess.Popen(
            [sys.executable, "-m", "invoke", "clean"],
            cwd=root,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SITE_EDITOR_LANGUAGE": "en"},
        )
        waiting = clean.stderr.readline()
        assert waiting == "another build is running; waiting for it to finish …\n"
        assert (output / "x").is_file()  # nothing removed while the build runs
    assert clean.wait() == 0, clean.stderr.read()
    clean.stderr.close()
    left = {"content", "output.lock", "pelicanconf.py", "publishconf.py", "tasks.py"}
    left |= {"plugins", "scripts", "theme"}
    assert {path.name for path in root.iterdir()} == left
    assert (root / "content" / "keep.md").is_file()


def minimal_output(root):
    """An output folder with one page, for ``invoke check``."""
    page = root / "output" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        "<title>Start</title></head><body><main><h1>Start</h1></main></body></html>"
    )


def test_check_without_java_fails_saying_so(tmp_path):
    root = project_copy(tmp_path)
    (root / "content").mkdir()
    minimal_output(root)
    only_bash = tmp_path / "bin"
    only_bash.mkdir()
    os.symlink(shutil.which("bash"), only_bash / "bash")
    run = invoke(root, "check", PATH=str(only_bash))
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr == (
        "cannot check the site: Java is not installed "
        "(run `bash scripts/bootstrap test` to install it)\n"
    )
    assert "No problems found" not in run.stdout


def test_check_without_the_validator_fails_saying_so(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    project_copy(root)
    (root / "plugins").unlink()  # a copy without node_modules/vnu-jar beside it
    shutil.copytree(
        ROOT / "plugins", root / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    (root / "content").mkdir()
    minimal_output(root)
    run = invoke(root, "check")
    jar = root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr == (
        f"cannot check the site: {jar} is missing "
        "(run `bash scripts/bootstrap test` to install it)\n"
    )
    assert "No problems found" not in run.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_speed_runs_lighthouse_on_the_pages_of_the_site(tmp_path):
    """A site of one page (its German home page), so Lighthouse runs once."""
    root = project_copy(tmp_path)
    os.symlink(ROOT / "node_modules", root / "node_modules")
    (root / "benchmarks").mkdir()
    shutil.copy(ROOT / "benchmarks" / "lighthouse.py", root / "benchmarks")
    (root / "content").mkdir()
    sections = ("news", "events", "projects", "members", "people", "pages")
    with open(root / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write(
            '\nSITE_LANGUAGES = ("de",)\nPLUGINS = ["bilingual"]\n'
            f"SECTIONS = {{name: None for name in {sections!r}}}\n"
        )
    run = invoke(root, "speed", "--json", str(tmp_path / "speed.json"))
    assert run.returncode == 0, run.stdout + run.stderr
    (page,) = json.loads((tmp_path / "speed.json").read_text())["pages"]
    assert page["label"] == "de home" and page["url"].endswith("/de/")
    assert set(page["scores"]) == {
        "performance",
        "accessibility",
        "best-practices",
        "seo",
    }
    assert all(0 <= score <= 100 for score in page["scores"].values())
    # What does not depend on the machine's speed: the page itself.
    assert [page["scores"][name] for name in ("accessibility", "seo")] == [100, 100]
    assert page["lcp_ms"] > 0
    assert re.search(r"^de home +/de/ +\d+ +100 +\d+ +100 ", run.stdout, re.M)


def test_import_wordpress_writes_into_the_projects_content(tmp_path):
    """The real import, as the task runs it; the repository's content/ is not used."""
    (tmp_path / "project").mkdir()
    root = project_copy(tmp_path / "project")
    (root / "content").mkdir()
    uploads = make_uploads(tmp_path / "uploads")
    arguments = ["import-wordpress", "--source", str(EXPORT), "--uploads", str(uploads)]
    run = invoke(root, *arguments)
    assert run.returncode == 0, run.stdout + run.stderr
    written = {
        path.relative_to(root / "content").as_posix()
        for path in (root / "content").rglob("*")
        if path.is_file()
    }
    assert written == EXPECTED_FILES | {"_import-report.md"}
    report = (root / "content" / "_import-report.md").read_text("utf-8")
    assert "invoke serve" in report
    items = list((root / "content").rglob("*.*.md"))
    before = {path: path.read_bytes() for path in items}
    again = invoke(root, *arguments)  # writes a new report, and nothing else
    assert again.returncode == 0, again.stdout + again.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert set((root / "content").rglob("*.*.md")) == set(before)
