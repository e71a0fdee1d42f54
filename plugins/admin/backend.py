"""Starting the editing interface's local backend (``invoke edit``), confined.

The backend is decap-server's file-system API behind our own checks
(``backend.js``): it answers only requests addressed to it from the
preview's pages, and only for paths inside ``content/`` — so nothing typed
into ``/admin/`` (or sent by another page on this machine) can read the
settings or write code that the next ``invoke`` would run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from sitecore.i18n import M_

SCRIPT = Path(__file__).resolve().parent / "backend.js"
REFUSALS = {
    "host": M_("This backend answers only at its own address."),
    "origin": M_("Only the preview's editing interface may use this backend."),
    "path": M_("Only files in content/ can be read or saved here."),
    "action": M_("The editing interface does not need this action."),
}


def allowed_origins(addresses: Iterable[str]) -> list[str]:
    """The origins of the preview's pages (``http://127.0.0.1:8000`` …)."""
    origins = []
    for address in addresses:
        parts = urlsplit(address)
        origins.append(f"{parts.scheme}://{parts.netloc}".lower())
        if parts.hostname == "127.0.0.1":
            origins.append(f"{parts.scheme}://localhost:{parts.port}")
    return origins


def backend_environment(
    root: Path,
    port: int,
    origins: Iterable[str],
    translate: Callable[[str], str],
    content: str = "content",
) -> dict[str, str]:
    """The environment ``backend.js`` reads: where, for whom, in which words."""
    return {
        **os.environ,
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(root),
        "CONTENT_FOLDER": content,
        "ALLOWED_ORIGINS": ",".join(origins),
        "BACKEND_MESSAGES": json.dumps(
            {key: translate(text) for key, text in REFUSALS.items()}
        ),
    }


def start_backend(
    root: Path,
    port: int,
    origins: Iterable[str],
    translate: Callable[[str], str],
    content: str = "content",
    listening: socket.socket | None = None,
) -> subprocess.Popen:
    """Run the confined backend for ``root``'s ``content`` on 127.0.0.1:``port``.

    ``listening``, a socket already listening on that port, is handed over:
    the backend serves on it, so no other program can take the port meanwhile.
    """
    env = backend_environment(root, port, origins, translate, content)
    fds: tuple[int, ...] = ()
    if listening is not None:
        fds = (listening.fileno(),)
        env["LISTEN_FD"] = str(fds[0])
    return subprocess.Popen(["node", str(SCRIPT)], cwd=root, env=env, pass_fds=fds)
