"""Helpers behind ``tasks.py``: safe publishing of the output.

Kept apart from the invoke task definitions so they can be tested directly.

Publishing must never leave visitors (or the web server) without a site, nor
two builds writing over each other. So:

- a build takes an exclusive lock (``output.lock``, ``fcntl.flock``); a second
  build waits for the first, saying so once;
- it builds into a fresh ``output.build-*`` folder; leftovers of killed runs
  are removed at the next start, under the lock;
- ``output`` is a symbolic link to a release folder in ``output.releases/``,
  and publishing replaces that link with **one** atomic rename: every reader
  sees the old site or the new one, and ``output`` is never missing. The
  previous release stays until the next build (a request that began before
  the swap can finish); older ones are removed. A plain ``output/`` folder of
  earlier versions becomes a release on the first run.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any


def N_(message: str) -> str:  # noqa: N802 - gettext's marker (sitecore.i18n.N_)
    """Mark ``message`` for the catalogs; ``tasks.py`` translates it when shown."""
    return message


SECTIONS = ("news", "events", "pages")
WAITING_MESSAGE = N_("another build is running; waiting for it to finish …")
_NO_PERMISSION = N_(
    "this user may not write there; fix the folder's permissions "
    "or build in another folder"
)
#: What an OSError from the environment means, and what to do about it.
_ENVIRONMENT: Mapping[int, str] = MappingProxyType(
    {
        errno.EROFS: N_("the file system is read-only; build on a writable disk"),
        errno.ENOSPC: N_("the disk is full; free some space and build again"),
        errno.EDQUOT: N_("the disk quota is used up; free some space and build again"),
        errno.EACCES: _NO_PERMISSION,
        errno.EPERM: _NO_PERMISSION,
    }
)


def lock_path(output: Path) -> Path:
    """The lock file beside ``output``."""
    return output.with_name(f"{output.name}.lock")


def releases_folder(output: Path) -> Path:
    """The folder holding the published release(s) that ``output`` points to."""
    return output.with_name(f"{output.name}.releases")


@contextmanager
def build_lock(output: Path, waiting: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the build lock of ``output``; call ``waiting`` once if it is taken.

    The lock belongs to the open file, so the system releases it when the
    holder ends, however it ends: a killed build never blocks the next one.
    """
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(WAITING_MESSAGE)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _current_release(output: Path) -> Path | None:
    if not output.is_symlink():
        return None
    return (output.parent / os.readlink(output)).resolve()


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path)


def clean_leftovers(output: Path) -> list[Path]:
    """Remove what interrupted runs left beside ``output``; return what it was.

    Build folders, renamed-away outputs and temporary links, and releases that
    ``output`` does not point to. Call it only while holding :func:`build_lock`:
    without the lock these could be another build's work in progress.
    """
    parent = output.parent
    if not parent.is_dir():
        return []
    found = [
        path
        for pattern in (".build-*", ".old-*", ".tmp-*")
        for path in parent.glob(output.name + pattern)
    ]
    releases = releases_folder(output)
    current = _current_release(output)
    if releases.is_dir():
        found += [path for path in releases.iterdir() if path.resolve() != current]
    for path in sorted(found):
        _remove(path)
    return sorted(found)


def fresh_output_dir(output: Path) -> Path:
    """A new empty folder beside ``output`` to build into."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))


def _new_release(releases: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{stamp}-{os.getpid()}"
    number = 1
    while (releases / name).exists():
        number += 1
        name = f"{stamp}-{os.getpid()}-{number}"
    return releases / name


def replace_output(new: Path, output: Path) -> Path:
    """Publish the folder ``new`` as ``output``; return its release folder.

    ``new`` becomes a release folder, world-readable; then a temporary link to
    it replaces ``output`` with one ``os.replace`` (an atomic rename). The
    release ``output`` pointed to until then is kept, older ones are removed.
    A plain ``output/`` folder (from before
    releases) is first moved into the releases: only during that one-time
    move, between two renames, is ``output`` briefly absent.
    """
    releases = releases_folder(output)
    releases.mkdir(exist_ok=True)
    releases.chmod(0o755)
    release = _new_release(releases)
    os.rename(new, release)
    # World-readable, for web servers and link checkers that drop privileges.
    for path in [release, *release.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    previous = _current_release(output)
    if output.exists() and not output.is_symlink():
        previous = releases / f"previous-{os.getpid()}"
        _remove(previous)
        os.rename(output, previous)
    link = output.with_name(f"{output.name}.tmp-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(release, output.parent), link)
    os.replace(link, output)
    kept = {release.resolve(), previous.resolve() if previous else None}
    for other in releases.iterdir():
        if other.resolve() not in kept:
            _remove(other)
    return release


def publish_atomically(
    output: Path,
    build: Callable[[Path], bool],
    waiting: Callable[[str], None] = print,
) -> bool:
    """Build with ``build(folder)`` and publish the result as ``output``.

    Holds the build lock throughout and cleans leftovers first. Returns False,
    with ``output`` untouched, if ``build`` reports failure (or raises).
    """
    with build_lock(output, waiting):
        clean_leftovers(output)
        target = fresh_output_dir(output)
        try:
            built = build(target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        if not built:
            shutil.rmtree(target, ignore_errors=True)
            return False
        replace_output(target, output)
        return True


def remove_output(output: Path, waiting: Callable[[str], None] = print) -> None:
    """Remove ``output``, its releases and leftovers (not the lock file)."""
    with build_lock(output, waiting):
        clean_leftovers(output)
        _remove(output)
        _remove(releases_folder(output))


def environment_problem(exc: OSError, folder: Path) -> Any:
    """One sentence (a message) for a read-only, full or forbidden folder, or None.

    Such failures are the machine's, not the site's: the person running the
    build needs the folder and what to do, not a traceback.
    """
    advice = _ENVIRONMENT.get(exc.errno or 0)
    if advice is None:
        return None
    from sitecore.i18n import M  # the plugins' folder is on the path of tasks.py

    where = Path(exc.filename).parent if exc.filename else folder
    return M(
        "Cannot write the site into {folder}: {advice}.",
        folder=str(where),
        advice=M(advice),
    )
