"""One preview per working copy, and free ports for its servers.

Two previews of one working copy would build into the same folder and the
second would print an address that is not its own, so a second start is
refused in one sentence that names where the first one runs (``invoke
serve`` and ``invoke edit`` alike). The lock is a file beside the preview's
folder, locked by the running preview (``flock``): the system releases it
when that process ends, however it ends, so a crashed preview never blocks
the next start.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

from sitecore.i18n import M, Message

#: How many ports after the wished one are tried when it is taken.
PORT_TRIES = 20


class StartError(Exception):
    """The preview cannot start; its argument says why (an editor message)."""


def lock_file(output: Path) -> Path:
    """The lock beside the preview's folder: ``.preview`` → ``.preview.lock``."""
    return output.with_name(f"{output.name}.lock")


@contextlib.contextmanager
def only_preview(output: Path) -> Iterator[Callable[[str], None]]:
    """Hold the working copy's preview lock; refuse if another preview holds it.

    Yields a function that records the address the editor should open, so
    that a second start can name it.
    """
    path = lock_file(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StartError(_running(path)) from None

        def announce(address: str) -> None:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, address.encode(), 0)

        announce("")
        try:
            yield announce
        finally:
            announce("")
    finally:
        os.close(descriptor)


def preview_runs(output: Path) -> bool:
    """Whether a preview of this working copy runs now (it holds the lock).

    For tasks that must not pull the preview's folder or caches away from
    under it (``invoke clean``). Asking takes the lock for a moment only.
    """
    try:
        descriptor = os.open(lock_file(output), os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # and with it the lock
    return False


def _running(path: Path) -> Message:
    """The sentence for a second start, naming the first one's address if known."""
    try:
        address = path.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        address = ""
    if address.startswith("http://") and address.isprintable():
        return M(
            "The preview of this working copy is already running at {address}: "
            "open it there, or stop it first with Ctrl+C in its window.",
            address=address,
        )
    return M(
        "The preview of this working copy is already running: "
        "stop it first with Ctrl+C in its window."
    )


def listening_socket(host: str, wanted: int) -> socket.socket:
    """A socket listening on ``wanted`` or the next free one of ``PORT_TRIES`` ports.

    Bound here, the port is the server's before any other program can take
    it: the program it is handed to listens on it as it is, so "address in
    use" cannot happen there. When none is free: ``OSError`` (EADDRINUSE).
    """
    for port in range(wanted, wanted + PORT_TRIES):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
            sock.listen(128)
        except OSError as exc:
            sock.close()
            if exc.errno != errno.EADDRINUSE:
                raise
            continue
        return sock
    raise OSError(errno.EADDRINUSE, f"ports {wanted} to {wanted + PORT_TRIES - 1}")
