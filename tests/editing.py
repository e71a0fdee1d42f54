"""The editing interface as an editor starts it: ``invoke edit``, in a project copy.

:func:`invoke_edit` copies the project (settings, tasks, the sample content;
the plugins, theme, scripts and ``node_modules`` linked) into a temporary
folder, runs ``invoke edit`` there as a real process (its own process group,
as from a terminal) and reads the address it prints: the last word of the line
ending in ``/admin/``. The local backend's port is a free one, written into the
copy's settings (``ADMIN_PROXY_PORT``) as an editor would set it.

The session asks the preview for its problems (``/_preview/problems.json``)
to know when a build that includes a change is done, and stops the process
group with Ctrl+C at the end, failing on a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from conftest import ROOT

#: How long starting, building or stopping may take on a loaded machine.
PATIENCE = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def project_copy(folder: Path, proxy_port: int) -> Path:
    """A copy of the project whose content the test changes freely."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("publishconf.py", "tasks.py"):
        shutil.copyfile(ROOT / name, folder / name)
    settings = (ROOT / "pelicanconf.py").read_text("utf-8")
    settings = re.sub(
        r"^ADMIN_PROXY_PORT = \d+$",
        f"ADMIN_PROXY_PORT = {proxy_port}",
        settings,
        flags=re.MULTILINE,
    )
    (folder / "pelicanconf.py").write_text(settings, "utf-8")
    shutil.copytree(ROOT / "content", folder / "content")
    for name in ("plugins", "theme", "scripts", "node_modules"):
        os.symlink(ROOT / name, folder / name)
    return folder


class EditSession:
    """A running ``invoke edit``: its folder, its address, its process."""

    def __init__(self, root: Path, process: subprocess.Popen, admin: str) -> None:
        self.root = root
        self.content = root / "content"
        self.process = process
        self.admin = admin  # http://127.0.0.1:<port>/admin/
        self.base = admin.removesuffix("admin/").rstrip("/")
        self.output: list[str] = []

    def url(self, route: str = "") -> str:
        """The interface's address, at ``route`` (``collections/news/new``)."""
        return f"{self.admin}#/{route}" if route else self.admin

    def problems(self, path: str = "") -> dict:
        """The preview's answer about the build's problems (of ``path``)."""
        query = f"?path={quote(path)}" if path else ""
        address = f"{self.base}/_preview/problems.json{query}"
        with urllib.request.urlopen(address, timeout=30) as answer:
            return json.loads(answer.read())

    def build_number(self) -> int:
        return int(self.problems()["build"])

    def wait_for_build(self, after: int) -> dict:
        """The preview's answer once a build numbered above ``after`` is done."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            answer = self.problems()
            if answer["build"] > after and not answer["busy"]:
                return answer
            time.sleep(0.2)
        raise AssertionError(f"no build after number {after} in {PATIENCE} s")

    def file(self, relative: str) -> Path:
        return self.content / relative


def _read_address(process: subprocess.Popen, seen: list[str]) -> str:
    """The address ``invoke edit`` prints: the last word of its ``/admin/`` line."""
    deadline = time.monotonic() + PATIENCE
    assert process.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            words = line.split()
            if words and words[-1].endswith("/admin/"):
                return words[-1]
        elif process.poll() is not None:
            break
    stderr = (
        process.stderr.read() if process.stderr and process.poll() is not None else ""
    )
    raise AssertionError(f"invoke edit printed no address: {''.join(seen)}{stderr}")


@contextlib.contextmanager
def invoke_edit(folder: Path, task: str = "edit") -> Iterator[EditSession]:
    """``invoke edit`` (or ``serve``) running in a copy of the project in ``folder``."""
    root = project_copy(folder, free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", task, "--port", str(free_port())],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "SITE_EDITOR_LANGUAGE": "de", "PYTHONUNBUFFERED": "1"},
    )
    seen: list[str] = []
    try:
        if task == "edit":
            admin = _read_address(process, seen)
        else:
            admin = _serve_address(process, seen) + "admin/"
        session = EditSession(root, process, admin)
        session.output = seen
        yield session
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            _out, err = process.communicate(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _out, err = process.communicate()
        assert "Traceback" not in err, err


def _serve_address(process: subprocess.Popen, seen: list[str]) -> str:
    """The preview's own address, from the line ``invoke serve`` prints."""
    deadline = time.monotonic() + PATIENCE
    assert process.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if found:
                return found.group(0)
        elif process.poll() is not None:
            break
    raise AssertionError(f"invoke serve printed no address: {''.join(seen)}")


def wait_for_backend(url: str, process: subprocess.Popen) -> None:
    """Until the local backend at ``url`` answers (fail if its process ended)."""
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            request = urllib.request.Request(
                url, data=b'{"action":"info"}', method="POST"
            )
            request.add_header("Content-Type", "application/json")
            urllib.request.urlopen(request, timeout=2).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)
