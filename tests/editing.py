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
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
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


def _address(process: subprocess.Popen, seen: list[str], found: Any) -> str:
    """The address in the first line ``found(line)`` accepts, as the task prints it."""
    deadline = time.monotonic() + PATIENCE
    checked = 0
    while time.monotonic() < deadline:
        for line in seen[checked:]:
            checked += 1
            address = found(line)
            if address:
                return address
        if process.poll() is not None and checked == len(seen):
            break
        time.sleep(0.1)
    raise AssertionError(f"no address printed: {''.join(seen)}")


def _admin_line(line: str) -> str:
    """``invoke edit``'s address: the last word of its line ending in /admin/."""
    words = line.split()
    return words[-1] if words and words[-1].endswith("/admin/") else ""


def _preview_line(line: str) -> str:
    """``invoke serve``'s address, from the line that names it."""
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    return found.group(0) + "admin/" if found else ""


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
    errors: list[str] = []
    # Everything it prints is kept (so its pipes never fill up) and read here.
    readers = [
        threading.Thread(target=_collect, args=(process.stdout, seen)),
        threading.Thread(target=_collect, args=(process.stderr, errors)),
    ]
    try:
        for reader in readers:
            reader.start()
        line = _admin_line if task == "edit" else _preview_line
        admin = _address(process, seen, line)
        session = EditSession(root, process, admin)
        session.output = seen
        yield session
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for reader in readers:
            reader.join(timeout=10)
        assert "Traceback" not in "".join(errors), "".join(errors)


def _collect(stream: Any, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


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
