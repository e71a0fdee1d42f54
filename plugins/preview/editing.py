"""``invoke edit``: the preview, and the editing interface's backend beside it.

The backend (decap-server behind ``plugins/admin/backend.js``) gets a port
the way the preview does: the wished one (``ADMIN_PROXY_PORT``) or the next
free one. The port is bound here and the listening socket handed to the
backend, so it cannot be taken in between (no "address in use" from Node),
and the preview's build writes that port into ``/admin/``'s configuration.
The backend stops with the preview, however the preview stops. A backend
that ends on its own while the preview runs is said and started again on
the same port (the one ``/admin/`` names), so saving keeps working; one that
keeps ending is left stopped, with a sentence saying so.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sitecore.i18n import M, Message

from .instance import PORT_TRIES, StartError, listening_socket

#: Where the backend listens: this machine only.
HOST = "127.0.0.1"
#: A backend that ends this many times within ``RESTART_WINDOW`` seconds is
#: not started again: something is wrong that a restart does not mend.
RESTARTS = 3
RESTART_WINDOW = 60.0


class Backend:
    """The editing backend of one ``invoke edit``: started, then stopped once."""

    def __init__(
        self,
        root: Path,
        wanted: int,
        content: str,
        translate: Callable[[Any], str],
        say: Callable[[str], None] = print,
    ) -> None:
        self.root = root
        self.wanted = wanted
        self.content = content
        self.translate = translate
        self.say = say
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.origins: list[str] = []
        self._lock = threading.RLock()  # a restart holds it while it starts
        self._ends: list[float] = []  # when it ended on its own, recently
        self._serving = False  # the preview serves: a backend that ends is restarted

    def attach(self, addresses: list[str]) -> Mapping[str, Any]:
        """Start the backend for the preview at ``addresses``; its settings.

        Called by the preview once its own port is known (the backend answers
        only the preview's pages) and before its first build.
        """
        from admin.backend import allowed_origins

        try:
            sock = listening_socket(HOST, self.wanted)
        except OSError:
            raise StartError(self._all_taken()) from None
        with sock:
            self.port = sock.getsockname()[1]
            if self.port != self.wanted:
                self.say(
                    self.translate(
                        M(
                            "Port {wanted} is in use; the editing backend uses "
                            "port {port}.",
                            wanted=self.wanted,
                            port=self.port,
                        )
                    )
                )
            self.origins = list(allowed_origins(addresses))
            self._start(sock)
        return {"ADMIN_PROXY_PORT": self.port}

    def _start(self, sock: socket.socket) -> None:
        """Start the backend on ``sock`` and watch it until it ends."""
        from admin.backend import start_backend

        try:
            process = start_backend(
                self.root,
                self.port,
                self.origins,
                self.translate,
                self.content,
                listening=sock,
            )
        except FileNotFoundError:
            raise StartError(
                M(
                    "Node.js (node) is not installed, and the editing backend "
                    "runs on it: run `bash scripts/bootstrap setup` once."
                )
            ) from None
        with self._lock:
            self.process = process
        threading.Thread(target=self._watch, args=(process,), daemon=True).start()

    def _watch(self, process: subprocess.Popen) -> None:
        """Wait for the backend; if it ended on its own, say so and start it again."""
        code = process.wait()
        with self._lock:
            if self.process is not process or not self._serving:
                return  # stopped by stop(), or at once (see started)
            self.process = None
            now = time.monotonic()
            self._ends = [t for t in self._ends if now - t < RESTART_WINDOW] + [now]
            if len(self._ends) >= RESTARTS:
                self.say(self.translate(self._given_up(code)))
                return
            try:
                sock = listening_socket(HOST, self.port)
            except OSError:
                sock = None
            if sock is None or sock.getsockname()[1] != self.port:
                if sock is not None:
                    sock.close()
                self.say(self.translate(self._port_lost(code)))
                return
            with sock:
                try:
                    self._start(sock)
                except StartError as exc:
                    self.say(self.translate(exc.args[0]))
                    return
            self.say(
                self.translate(
                    M(
                        "The editing backend stopped (exit status {code}); it is "
                        "started again on port {port}. Save again what the "
                        "editing interface could not save.",
                        code=code,
                        port=self.port,
                    )
                )
            )

    def started(self, addresses: list[str]) -> None:
        """The preview serves: say where to edit, if the backend still runs."""
        with self._lock:
            ended = self.process is not None and self.process.poll() is not None
            self._serving = not ended
        if ended:
            raise StartError(
                M(
                    "The editing backend stopped at once (its message is above); "
                    "without it the editing interface cannot save."
                )
            )
        where = M("Editing in the browser: {address}", address=f"{addresses[0]}admin/")
        self.say(self.translate(where))

    def stop(self) -> None:
        """End the backend (if it still runs) and wait for it: its port is free."""
        with self._lock:
            process, self.process = self.process, None
            self._serving = False
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _given_up(self, code: int) -> Message:
        return M(
            "The editing backend stopped again (exit status {code}) and is not "
            "started once more: the editing interface cannot save. Its message "
            "is above; stop with Ctrl+C and run `invoke edit` again.",
            code=code,
        )

    def _port_lost(self, code: int) -> Message:
        return M(
            "The editing backend stopped (exit status {code}) and port {port} is "
            "now used by another program: the editing interface cannot save. "
            "Stop with Ctrl+C and run `invoke edit` again.",
            code=code,
            port=self.port,
        )

    def _all_taken(self) -> Message:
        return M(
            "Ports {first} to {last} are all in use, so the editing backend cannot "
            "start; set ADMIN_PROXY_PORT in pelicanconf.py to a free port.",
            first=self.wanted,
            last=self.wanted + PORT_TRIES - 1,
        )
