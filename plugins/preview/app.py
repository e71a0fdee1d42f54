"""``invoke serve``: build, serve, watch, build again.

Builds run on the main thread (where the time limit on converting one file
can work); the server answers from a thread. Every change to the content,
theme, settings or plugins is noticed by ``watchfiles`` and handled as
:meth:`~preview.builder.PreviewBuilder.classify` says. One preview runs per
working copy (``instance.py``); a second start is refused in one sentence.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .builder import RESTART, THEME, PreviewBuilder
from .instance import StartError, only_preview
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
    attach: Callable[[list[str]], Mapping[str, Any]] | None = None,
    page: str = "",
) -> bool:
    """Serve the preview until interrupted (Ctrl+C, or SIGTERM); True to start again.

    Either way it stops cleanly: the server closes, the pictures' worker
    ends, the port is free. It returns True when the settings or the site's
    code changed: the caller stops what it started and calls
    :func:`start_again`. ``attach`` is called with the preview's addresses
    before the first build and returns settings for it (``invoke edit``
    starts its backend there); ``started`` once the preview serves. ``page``
    is the page the editor opens (``admin/``): a second start names it.
    Raises :class:`~preview.instance.StartError` when it cannot start.
    """
    import watchfiles

    signal.signal(signal.SIGTERM, _interrupt)
    builder = PreviewBuilder(root, output, overrides=overrides)
    # Forked first, the pictures' worker holds neither the lock nor the port.
    builder.session.background.start()
    server = thread = None
    watched = [str(root / name) for name in ("content", "theme", "plugins")]
    watched += [str(path) for path in root.glob("*conf.py")]
    try:
        with only_preview(output) as announce:
            server = open_server(builder, host, port, say)
            mine, *shared = addresses(server)
            announce(mine + page)
            if attach is not None:
                builder.settle(attach([mine, *shared]))
            builder.build(full=True)
            thread = serve_in_background(server)
            say(server.translate(OPEN_IT).format(address=mine))
            for address in shared:
                say(server.translate(SHARED).format(address=address))
            if started is not None:
                started([mine, *shared])
            for changes in watchfiles.watch(
                *watched, debounce=80, step=20, rust_timeout=500, yield_on_timeout=True
            ):
                if not changes:  # a quiet moment
                    builder.tidy()
                kind = builder.classify(path for _change, path in changes)
                if kind is None and builder.pictures_ready():
                    kind = "pictures"
                if kind == RESTART:
                    say(server.translate(RESTARTING))
                    return True
                if kind is not None:
                    builder.build(full=kind == THEME)
    except KeyboardInterrupt:
        pass
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C waits
        builder.close()
        if server is not None:
            server.closing = True
            if thread is not None:  # shutdown() waits for serve_forever to end
                server.shutdown()
            server.server_close()
        signal.signal(signal.SIGINT, previous)
    return False


def start_again() -> None:
    """Run the same command again in this process (new settings, new code)."""
    os.execv(sys.executable, [sys.executable, *sys.argv])


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM stops the preview as Ctrl+C does (through ``finally``)."""
    raise KeyboardInterrupt


__all__ = ["StartError", "run", "start_again"]
