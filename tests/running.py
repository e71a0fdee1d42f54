"""A task (``invoke serve``, ``invoke edit``) running as an editor runs it.

The task runs in a copy of the project as its own process group, as in a
terminal (Ctrl+C reaches every process of it), and is killed with the tests'
process however that ends. What it prints is read line by line as it comes.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import FIXED_NOW, ROOT
from test_tasks import project_copy

PR_SET_PDEATHSIG = 1  # prctl(2)
#: How long a step may take before the test gives up (a hang guard, not a
#: measurement: a slow machine still passes).
PATIENCE = 240


def _ends_with_the_tests() -> None:
    """In the task's process: killed when the tests' process ends, however."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
            sock.listen()
        except OSError:
            return False
    return True


def taken_port() -> socket.socket:
    """A port in use by someone else (the caller closes it)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def editing_copy(tmp_path: Path, backend_port: int) -> Path:
    """A copy of the project with a small bilingual site, ready for ``invoke edit``."""
    root = project_copy(tmp_path)
    os.symlink(ROOT / "node_modules", root / "node_modules")
    conf = root / "pelicanconf.py"
    conf.write_text(conf.read_text() + f"\nADMIN_PROXY_PORT = {backend_port}\n")
    news = root / "content" / "news"
    news.mkdir(parents=True)
    for lang, title in (("de", "Sommerfest"), ("en", "Summer party")):
        (news / f"fest.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-01-10\n---\n\nText.\n", "utf-8"
        )
    return root


class Running:
    """A task started in ``root``; its output is collected as it comes."""

    def __init__(self, root: Path, *command: str) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "invoke"],
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
            start_new_session=True,
            preexec_fn=_ends_with_the_tests,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line)
        self._queue.put(None)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first line from now on that matches ``pattern``."""
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {pattern!r} in:\n{self.output}") from None
            if line is None:
                self._queue.put(None)
                raise AssertionError(f"it ended without {pattern!r}:\n{self.output}")
            self.lines.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def ended(self) -> int:
        """Wait for the end; its exit status (all output is then in ``lines``)."""
        code = self.process.wait(timeout=PATIENCE)
        while (line := self._queue.get(timeout=PATIENCE)) is not None:
            self.lines.append(line)
        self._queue.put(None)
        return code

    def kill(self) -> None:
        """Whatever is left of the task's processes ends now."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def all_gone(self) -> bool:
        """True once no process of the task's group is left (worker, backend)."""
        deadline = time.monotonic() + 30  # a process that ended is reaped by then
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.1)
        return False


def freed(port: int) -> bool:
    """True once ``port`` can be listened on again."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if port_is_free(port):
            return True
        time.sleep(0.1)
    return False
