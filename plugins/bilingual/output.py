"""Writing the output folder, and knowing what the previous build wrote.

Every file a build produces goes through :class:`Output` with a signature of
what it was made from. When one process builds the same folder again (the dev
server after an edit), a file whose signature did not change is neither made
nor written again, and files the new build no longer has are removed — so the
folder ends up exactly as a clean build would leave it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable


def save_path(output_path: str, url: str) -> str:
    """File for a site-relative URL: ``de/x/`` → ``de/x/index.html``."""
    if not url or url.endswith("/"):
        url += "index.html"
    return os.path.join(output_path, *url.split("/"))


def write_file(output_path: str, url: str, data: str | bytes) -> str:
    """Write ``data`` to the file of ``url`` and return its path."""
    path = save_path(output_path, url)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _write_bytes(path, payload)
    except FileNotFoundError:  # first file in its folder; mkdir is slow, so only then
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_bytes(path, payload)
    return path


def _write_bytes(path: str, payload: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(payload)


def digest(data: str | bytes) -> str:
    """A short content signature."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


class Output:
    """The files of one build, written into ``root``.

    ``previous`` maps each URL the last build of this process wrote to its
    signature; empty for a fresh process, which then writes everything.
    """

    def __init__(self, root: str, previous: dict[str, str] | None = None) -> None:
        self.root = root
        self.previous = dict(previous or {})
        self.current: dict[str, str] = {}
        self.written = 0
        self.kept = 0

    def needed(self, url: str, signature: str) -> bool:
        """Record ``url``; True if it must be (re)made, False if it is up to date."""
        self.current[url] = signature
        if self.previous.get(url) == signature and os.path.exists(
            save_path(self.root, url)
        ):
            self.kept += 1
            return False
        return True

    def write(self, url: str, data: str | bytes) -> None:
        """Write ``data`` at ``url`` unless the same bytes are there already."""
        if self.needed(url, "data:" + digest(data)):
            write_file(self.root, url, data)
            self.written += 1

    def write_lazy(
        self, url: str, signature: str, produce: Callable[[], str | bytes]
    ) -> None:
        """Write what ``produce()`` returns, calling it only when needed."""
        if self.needed(url, "lazy:" + signature):
            write_file(self.root, url, produce())
            self.written += 1

    def copy(self, url: str, source: str) -> None:
        """Copy the file ``source`` to ``url`` (its path and size as signature)."""
        stat = os.stat(source)
        signature = f"copy:{source}:{stat.st_size}:{stat.st_mtime_ns}"
        if self.needed(url, signature):
            target = save_path(self.root, url)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
            self.written += 1

    def remove_stale(self) -> int:
        """Delete what the previous build wrote and this one did not; how many."""
        removed = 0
        for url in set(self.previous) - set(self.current):
            path = save_path(self.root, url)
            for candidate in (path, path + ".gz", path + ".br"):
                if os.path.isfile(candidate):
                    os.remove(candidate)
                    removed += 1
            _prune_empty(os.path.dirname(path), self.root)
        return removed


def _prune_empty(folder: str, root: str) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    root = os.path.abspath(root)
    folder = os.path.abspath(folder)
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)
