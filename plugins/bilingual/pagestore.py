"""Rendered pages kept between builds, by signature, for a process that starts fresh.

A page's signature (``fingerprint.py``) covers everything the page is made of
but the templates and the code; the dev server relies on it to render only
changed pages. A build in a new process (CI with its caches restored, the next
``invoke build``) knows no previous build, so it would render every page
again: rendering is about half of such a build. The store keeps each rendered
page under its signature, in a folder named after what the signature leaves
out — the templates' and the plugins' source, the libraries that render, and
the build's day (a page may show what the day decides, such as personal data
whose consent starts that day) — so a page is taken from the store only when
rendering it again would give the same bytes.

Pages are appended to one *pack* file per process, kept open while the
process lives (the forked processes that render write their own, record by
record, so nothing waits in a buffer when they end). A pack is a sequence of
records: 16 bytes of key, 4 bytes of length, the page. A record cut short (a
build that was killed) ends the pack's index.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

_HEADER = 20  # key (16) + length (4)
_PACK = ".pack"


def _key(signature: str) -> bytes:
    return hashlib.blake2b(signature.encode(), digest_size=16).digest()


class PageStore:
    """Rendered pages under ``root``/``version``; ``get`` and ``put`` by signature."""

    def __init__(self, root: str, version: str) -> None:
        self.root = root
        self.folder = os.path.join(root, version)
        self._index: dict[bytes, tuple[str, int, int]] | None = None
        self._fd: int | None = None
        self._pid = 0
        self._readers: dict[str, int] = {}
        #: Keys this process asked for (what :meth:`compact` keeps).
        self.used: set[bytes] = set()
        self.hits = 0

    # Reading ----------------------------------------------------------------

    def _load_index(self) -> dict[bytes, tuple[str, int, int]]:
        index: dict[bytes, tuple[str, int, int]] = {}
        try:
            names = sorted(n for n in os.listdir(self.folder) if n.endswith(_PACK))
        except OSError:
            return index
        for name in names:
            path = os.path.join(self.folder, name)
            try:
                with open(path, "rb") as pack:
                    size = os.fstat(pack.fileno()).st_size
                    offset = 0
                    while offset + _HEADER <= size:
                        header = pack.read(_HEADER)
                        length = int.from_bytes(header[16:], "little")
                        if offset + _HEADER + length > size:
                            break  # cut short: the rest of this pack is unknown
                        index[header[:16]] = (path, offset + _HEADER, length)
                        offset += _HEADER + length
                        pack.seek(offset)
            except OSError as exc:
                logger.debug("page store: %s not read: %s", path, exc)
        return index

    def get(self, signature: str) -> bytes | None:
        """The page rendered under ``signature`` by an earlier build, or None."""
        if self._index is None:
            self._index = self._load_index()
        key = _key(signature)
        self.used.add(key)
        found = self._index.get(key)
        if found is None:
            return None
        path, offset, length = found
        try:
            if path not in self._readers:  # one open file per pack, not per page
                self._readers[path] = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            data = os.pread(self._readers[path], length, offset)
        except OSError:
            return None
        if len(data) != length:
            return None
        self.hits += 1
        return data

    # Writing ----------------------------------------------------------------

    def put(self, signature: str, page: str | bytes) -> None:
        """Keep ``page``; a store that cannot be written only costs time."""
        data = page.encode("utf-8") if isinstance(page, str) else page
        try:
            self._append(_key(signature), data)
        except OSError as exc:
            logger.debug("page store not written: %s", exc)
            self._fd = None

    def _append(self, key: bytes, data: bytes) -> None:
        if self._fd is None or self._pid != os.getpid():
            self._open_pack()
        os.write(self._fd, key + len(data).to_bytes(4, "little") + data)

    def _open_pack(self) -> None:
        """This process's own pack (a forked process must not share its parent's)."""
        if self._pid == 0:
            self._remove_other_versions()
        os.makedirs(self.folder, exist_ok=True)
        name = f"{os.getpid()}-{os.urandom(4).hex()}{_PACK}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
        self._fd = os.open(os.path.join(self.folder, name), flags, 0o644)
        self._pid = os.getpid()

    def _remove_other_versions(self) -> None:
        """Pages of other code, templates or days are never asked for again."""
        try:
            folders = os.listdir(self.root)
        except OSError:
            return
        mine = os.path.basename(self.folder)
        for name in folders:
            if name != mine:
                shutil.rmtree(os.path.join(self.root, name), ignore_errors=True)

    def close(self) -> None:
        """Close this process's pack and the packs it read from."""
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None
        for reader in self._readers.values():
            os.close(reader)
        self._readers = {}

    # Keeping it small -----------------------------------------------------------

    def compact(self, extra: Iterable[bytes] = ()) -> None:
        """Keep only the pages this process asked for (and ``extra`` keys).

        For a build that asked for every page of the site. Rewritten only when
        pages nobody asked for take twice the room of the others: pages of
        other settings (the preview's, production's) share the store, and a
        site that changes a little keeps its packs for a while.
        """
        self.close()
        index = self._load_index()
        keep = self.used | set(extra)
        live = sum(length for key, (_p, _o, length) in index.items() if key in keep)
        dead = sum(length for key, (_p, _o, length) in index.items() if key not in keep)
        if dead <= 2 * live:
            return
        old = sorted({path for path, _o, _l in index.values()})
        self._index = None
        try:
            for key, (path, offset, length) in index.items():
                if key not in keep:
                    continue
                with open(path, "rb") as pack:
                    pack.seek(offset)
                    self._append(key, pack.read(length))
            self.close()
            for path in old:
                os.unlink(path)
        except OSError as exc:
            logger.debug("page store not compacted: %s", exc)


def kept(
    store: PageStore | None, signature: str, produce: Callable[[], str | bytes]
) -> str | bytes:
    """What ``produce()`` makes, from the store where an earlier build made it.

    ``signature`` must cover everything the result depends on, settings
    included (unlike a page's own, which the page's common part completes).
    """
    if store is None:
        return produce()
    found = store.get(signature)
    if found is not None:
        return found
    made = produce()
    store.put(signature, made)
    return made
