"""``invoke edit`` as an editor runs it, in a copy of the project.

It starts the preview and the editing interface's backend, each on its
wished port or the next free one, prints where to edit, writes the backend's
port into /admin/'s configuration, refuses a second start in the same
working copy in one sentence, and stops on Ctrl+C or SIGTERM without a
traceback, both ports free and no process left. ``bash scripts/bootstrap``
prints only the addresses really used.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from browsing import chromium
from conftest import ROOT
from running import (
    PATIENCE,
    Running,
    editing_copy,
    free_port,
    freed,
    taken_port,
)

pytestmark = pytest.mark.slow

EDITING = r"Editing in the browser: (http://127\.0\.0\.1:(\d+)/)admin/"


def get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


def backend_call(port: int, action: str, params: dict, origin: str) -> int:
    """A request to the backend as the interface sends it; the status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"action": action, "params": {"branch": "main", **params}})
    headers = {"Content-Type": "application/json", "Origin": origin}
    connection.request("POST", "/api/v1", body, headers)
    status = connection.getresponse().status
    connection.close()
    return status


def backend_port(preview: str) -> int:
    """The backend's port as /admin/'s configuration names it."""
    status, kind, body = get(preview + "admin/config.yml")
    assert (status, kind) == (200, "text/yaml; charset=utf-8")
    url = yaml.safe_load(body)["backend"]["proxy_url"]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api/v1")
    return int(url.removeprefix("http://127.0.0.1:").removesuffix("/api/v1"))


def assert_clean(running: Running) -> None:
    assert "Traceback" not in running.output, running.output
    assert "EADDRINUSE" not in running.output, running.output


def test_edit_serves_the_interface_and_its_confined_backend(tmp_path):
    wanted_backend = free_port()
    root = editing_copy(tmp_path, wanted_backend)
    port = free_port()
    running = Running(root, sys.executable, "-m", "invoke", "edit", "--port", str(port))
    try:
        found = running.wait_for(EDITING)
        preview = found.group(1)
        assert preview == f"http://127.0.0.1:{port}/"
        status, kind, page = get(preview + "admin/")
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert page == (root / ".preview" / "admin" / "index.html").read_bytes()
        assert backend_port(preview) == wanted_backend
        origin = preview.rstrip("/")
        entry = {"path": "content/news/fest.de.md"}
        assert backend_call(wanted_backend, "getEntry", entry, origin) == 200
        # Confined: another page's requests, and files outside content/.
        assert backend_call(wanted_backend, "getEntry", entry, "http://x.test") == 403
        outside = {"path": "pelicanconf.py"}
        assert backend_call(wanted_backend, "getEntry", outside, origin) == 403
        assert (root / ".preview.lock").read_text() == preview + "admin/"

        # Changed settings: both start again; the old backend is gone, so the new
        # one gets the wished port again (and no process is left over at the end).
        conf = root / "pelicanconf.py"
        conf.write_text(conf.read_text() + '\nSITENAME = "Neu gestartet"\n')
        running.wait_for("the preview starts again")
        assert running.wait_for(EDITING).group(1) == preview
        assert backend_port(preview) == wanted_backend
        assert backend_call(wanted_backend, "getEntry", entry, origin) == 200

        os.killpg(running.process.pid, signal.SIGINT)  # Ctrl+C in its terminal
        assert running.ended() == 0
        assert_clean(running)
        assert freed(port) and freed(wanted_backend)
        assert running.all_gone()
    finally:
        running.kill()


def test_taken_ports_give_free_ones_and_a_second_start_is_refused(tmp_path):
    with taken_port() as preview_taken, taken_port() as backend_taken:
        taken = preview_taken.getsockname()[1]
        wanted_backend = backend_taken.getsockname()[1]
        root = editing_copy(tmp_path, wanted_backend)
        edit = [sys.executable, "-m", "invoke", "edit", "--port", str(taken)]
        running = Running(root, *edit)
        try:
            said = running.wait_for(rf"Port {taken} is in use; the preview uses port")
            backend_said = running.wait_for(
                rf"Port {wanted_backend} is in use; the editing backend uses port "
                r"(\d+)\."
            )
            found = running.wait_for(EDITING)
            preview, port = found.group(1), int(found.group(2))
            assert port != taken and f"port {port}." in said.string
            backend = backend_port(preview)
            assert backend == int(backend_said.group(1)) != wanted_backend
            origin = preview.rstrip("/")
            entry = {"path": "content/news/fest.en.md"}
            assert backend_call(backend, "getEntry", entry, origin) == 200

            for task in ("edit", "serve"):
                second = Running(root, sys.executable, "-m", "invoke", task)
                assert second.ended() == 1
                assert second.output.strip() == (
                    f"The preview of this working copy is already running at "
                    f"{preview}admin/: open it there, or stop it first with "
                    f"Ctrl+C in its window."
                )
            assert get(preview + "admin/")[0] == 200  # the first one goes on

            running.process.send_signal(signal.SIGTERM)  # a service manager, kill
            assert running.ended() == 0
            assert_clean(running)
            assert freed(port) and freed(backend)
            assert running.all_gone()
        finally:
            running.kill()
    # Stopped, it may start again.
    again = Running(root, sys.executable, "-m", "invoke", "serve", "--port", "0")
    try:
        again.wait_for(r"The preview is at http://127\.0\.0\.1:\d+/")
    finally:
        again.kill()


def _bootstrap_copy(tmp_path):
    """A copy whose .venv and node_modules scripts/bootstrap finds set up.

    The project's own environment, linked: bootstrap's checks pass, so it
    installs nothing and goes straight to the task.
    """
    root = editing_copy(tmp_path, free_port())
    os.unlink(root / "node_modules")
    for name in ("requirements.txt", "package.json", "package-lock.json"):
        (root / name).write_bytes((ROOT / name).read_bytes())
    venv = root / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name in ("python", "invoke"):
        os.symlink(ROOT / ".venv" / "bin" / name, venv / name)
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    (root / ".venv" / ".requirements.sha256").write_text(digest + "\n")
    modules = root / "node_modules"
    modules.mkdir()
    for entry in (ROOT / "node_modules").iterdir():
        if entry.name != ".bootstrap.sha256":
            os.symlink(entry, modules / entry.name)
    lock = (ROOT / "package.json").read_bytes() + (
        ROOT / "package-lock.json"
    ).read_bytes()
    (modules / ".bootstrap.sha256").write_text(hashlib.sha256(lock).hexdigest() + "\n")
    return root


@pytest.mark.parametrize("task", ["serve", "edit"])
def test_bootstrap_prints_the_address_really_used(tmp_path, task):
    root = _bootstrap_copy(tmp_path)
    with taken_port() as busy:
        taken = busy.getsockname()[1]
        running = Running(
            root,
            "bash",
            str(root / "scripts" / "bootstrap"),
            task,
            "--port",
            str(taken),
        )
        try:
            found = running.wait_for(r"The preview is at http://127\.0\.0\.1:(\d+)/ ")
            port = int(found.group(1))
            if task == "edit":
                running.wait_for(EDITING)
            assert port != taken
            addresses = [
                line for line in running.lines if "http://" in line or ":80" in line
            ]
            assert addresses and all(f":{port}/" in line for line in addresses), (
                running.output
            )
            assert "pip install" not in running.output  # nothing was installed
            assert "npm ci" not in running.output
        finally:
            running.kill()


def test_a_missing_node_is_one_sentence(tmp_path):
    root = editing_copy(tmp_path, free_port())
    bin_folder = tmp_path / "bin"  # a PATH with Python but without node
    bin_folder.mkdir()
    os.symlink(sys.executable, bin_folder / "python3")
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "edit", "--port", str(free_port())],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PATH": str(bin_folder), "SITE_EDITOR_LANGUAGE": "en"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "Node.js (node) is not installed, and the editing backend runs on it: "
        "run `bash scripts/bootstrap setup` once."
    )
    assert not (root / ".preview.lock").read_text()  # released, nothing recorded


@pytest.mark.browser
def test_the_editing_interface_is_never_reloaded_by_a_rebuild(tmp_path):
    root = editing_copy(tmp_path, free_port())
    running = Running(root, sys.executable, "-m", "invoke", "edit", "--port", "0")
    article = root / "content" / "news" / "fest.de.md"
    try:
        preview = running.wait_for(EDITING).group(1)
        with chromium() as browser:
            # While its file is broken, the page's address answers "not found".
            page = preview + "de/aktuelles/fest/"
            browser.allow(f"{page}: console error: Failed to load resource: ")
            context = browser.new_context()
            admin = context.new_page()
            asked: list[str] = []
            admin.on("request", lambda request: asked.append(request.url))
            admin.goto(preview + "admin/")
            admin.get_by_role("button").first.wait_for()  # Decap is running
            admin.evaluate("window.typed = 'noch nicht gespeichert'")

            visitor = context.new_page()
            with visitor.expect_response(preview + "_preview/events"):
                visitor.goto(page)
            # A broken file, then the fix: two builds, each reloads the visitor's
            # page (so the browser heard of them) and never the interface.
            for text in ("date: 2026-13-40", "date: 2026-01-10"):
                with visitor.expect_navigation(timeout=PATIENCE * 1000):
                    article.write_text(
                        f"---\ntitle: Sommerfest\n{text}\n---\n\nText.\n", "utf-8"
                    )
                broken = visitor.locator(".preview-problems").count()
                assert broken == (1 if "13-40" in text else 0)
                assert admin.locator(".preview-problems").count() == 0
            # A reload would have cleared what the editor typed.
            assert admin.evaluate("window.typed") == "noch nicht gespeichert"
            assert not [url for url in asked if "/_preview/" in url], asked
    finally:
        running.kill()
    assert_clean(running)


def saved_then_built(preview: str, path: str, before: int) -> dict:
    """The problems of ``path`` once the build after its saving is done.

    As the interface does: ask until no build is running or to come. An answer
    that is not busy must already come from a newer build than ``before``.
    """
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        status, kind, body = get(f"{preview}_preview/problems.json?path={path}")
        assert (status, kind) == (200, "application/json")
        answer = json.loads(body)
        if not answer["busy"]:
            assert answer["build"] > before, answer
            return answer
        time.sleep(0.05)
    raise AssertionError(f"{path}: still busy")


def test_a_saved_files_problems_reach_the_interface_after_its_build(tmp_path):
    root = editing_copy(tmp_path, free_port())
    running = Running(root, sys.executable, "-m", "invoke", "edit", "--port", "0")
    path = "content/news/fest.de.md"
    try:
        preview = running.wait_for(EDITING).group(1)
        backend, origin = backend_port(preview), preview.rstrip("/")
        answer = json.loads(get(f"{preview}_preview/problems.json?path={path}")[2])
        assert (answer["busy"], answer["problems"]) == (False, [])
        for raw, lines in (
            ("---\ntitle: Sommerfest\ndate: 2026-02-30\n---\n\nText.\n", [3]),
            ("---\ntitle: Sommerfest\ndate: 2026-02-28\n---\n\nText.\n", []),
        ):
            before = answer["build"]
            saved = {
                "entry": {"slug": "fest", "path": path, "raw": raw},
                "assets": [],
                "options": {
                    "commitMessage": "Sommerfest",
                    "collectionName": "news",
                    "useWorkflow": False,
                    "status": "draft",
                },
            }
            assert backend_call(backend, "persistEntry", saved, origin) == 200
            answer = saved_then_built(preview, path, before)
            assert [p["line"] for p in answer["problems"]] == lines
            assert all(p["path"] == path for p in answer["problems"])
    finally:
        running.kill()
    assert_clean(running)


def backend_pid(running: Running) -> int:
    """The editing backend's process: node running backend.js in the task's group."""
    deadline = time.monotonic() + PATIENCE  # a started process shows its command soon
    while time.monotonic() < deadline:
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    group = int(stat.read().rsplit(")", 1)[1].split()[2])
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    command = cmdline.read()
            except (OSError, ValueError, IndexError):
                continue
            if group == running.process.pid and b"backend.js" in command:
                return int(entry)
        time.sleep(0.05)
    raise AssertionError(f"no editing backend runs:\n{running.output}")


def test_a_backend_that_ends_is_started_again_and_then_given_up(tmp_path):
    """Saving keeps working after the backend died; one that keeps dying is said."""
    root = editing_copy(tmp_path, free_port())
    running = Running(root, sys.executable, "-m", "invoke", "edit", "--port", "0")
    entry = {"path": "content/news/fest.de.md"}
    try:
        preview = running.wait_for(EDITING).group(1)
        backend, origin = backend_port(preview), preview.rstrip("/")
        first = backend_pid(running)
        os.kill(first, signal.SIGKILL)
        found = running.wait_for(r"editing backend stopped \(exit status -9\); it is")
        assert f"started again on port {backend}." in found.string
        second = backend_pid(running)
        assert second != first
        assert backend_call(backend, "getEntry", entry, origin) == 200

        os.kill(second, signal.SIGKILL)
        running.wait_for("started again on port")
        os.kill(backend_pid(running), signal.SIGKILL)
        running.wait_for(
            r"stopped again \(exit status -9\) and is not started once more"
        )

        os.killpg(running.process.pid, signal.SIGINT)
        assert running.ended() == 0
        assert_clean(running)
        assert freed(backend)
        assert running.all_gone()
    finally:
        running.kill()
