"""``invoke edit``: the preview, and the editing interface's backend beside it.

The backend (decap-server behind ``plugins/admin/backend.js``) gets a port
the way the preview does: the wished one (``ADMIN_PROXY_PORT``) or the next
free one. The port is bound here and the listening socket handed to the
backend, so it cannot be taken in between (no "address in use" from Node),
and the preview's build writes that port into ``/admin/``'s configuration.
The backend stops with the preview, however the preview stops.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sitecore.i18n import M, Message

from .instance import PORT_TRIES, StartError, listening_socket

#: Where the backend listens: this machine only.
HOST = "127.0.0.1"


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

    def attach(self, addresses: list[str]) -> Mapping[str, Any]:
        """Start the backend for the preview at ``addresses``; its settings.

        Called by the preview once its own port is known (the backend answers
        only the preview's pages) and before its first build.
        """
        from admin.backend import allowed_origins, start_backend

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
            try:
                self.process = start_backend(
                    self.root,
                    self.port,
                    allowed_origins(addresses),
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
        return {"ADMIN_PROXY_PORT": self.port}

    def started(self, addresses: list[str]) -> None:
        """The preview serves: say where to edit, if the backend still runs."""
        if self.process is not None and self.process.poll() is not None:
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
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _all_taken(self) -> Message:
        return M(
            "Ports {first} to {last} are all in use, so the editing backend cannot "
            "start; set ADMIN_PROXY_PORT in pelicanconf.py to a free port.",
            first=self.wanted,
            last=self.wanted + PORT_TRIES - 1,
        )
