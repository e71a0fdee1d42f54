"""``invoke serve``: build, serve, watch, build again.

Builds run on the main thread (where the time limit on converting one file
can work); the server answers from a thread. Every change to the content,
theme, settings or plugins is noticed by ``watchfiles`` and handled as
:meth:`~preview.builder.PreviewBuilder.classify` says.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .builder import RESTART, THEME, PreviewBuilder
from .server import (
    OPEN_IT,
    RESTARTING,
    SHARED,
    addresses,
    open_server,
    serve_in_background,
)


def run(
    root: Path,
    output: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    overrides: dict[str, Any] | None = None,
    say: Callable[[str], None] = print,
    started: Callable[[list[str]], None] | None = None,
) -> None:
    """Serve the preview until interrupted (Ctrl+C, or SIGTERM).

    Either way it stops cleanly: the server closes, the pictures' worker
    ends, and the port is free. ``started`` is called with the preview's
    addresses once it serves (``invoke edit`` starts its backend then).
    """
    import watchfiles

    signal.signal(signal.SIGTERM, _interrupt)
    builder = PreviewBuilder(root, output, overrides=overrides)
    # Forked before the socket exists, the pictures' worker never holds the port.
    builder.session.background.start()
    server = open_server(builder, host, port, say)
    watched = [str(root / name) for name in ("content", "theme", "plugins")]
    watched += [str(path) for path in root.glob("*conf.py")]
    try:
        builder.build(full=True)
        serve_in_background(server)
        mine, *shared = addresses(server)
        say(server.translate(OPEN_IT).format(address=mine))
        for address in shared:
            say(server.translate(SHARED).format(address=address))
        if started is not None:
            started([mine, *shared])
        for changes in watchfiles.watch(
            *watched, debounce=80, step=20, rust_timeout=500, yield_on_timeout=True
        ):
            kind = builder.classify(path for _change, path in changes)
            if kind is None and builder.pictures_ready():
                kind = "pictures"
            if kind == RESTART:
                say(server.translate(RESTARTING))
                server.closing = True
                server.shutdown()
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            if kind is not None:
                builder.build(full=kind == THEME)
    except KeyboardInterrupt:
        pass
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C waits
        builder.close()
        server.closing = True
        server.shutdown()
        server.server_close()
        signal.signal(signal.SIGINT, previous)


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM stops the preview as Ctrl+C does (through ``finally``)."""
    raise KeyboardInterrupt
