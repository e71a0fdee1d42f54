"""A content cache keyed by file content, so unchanged files are not read again.

Parsing and rendering Markdown is most of a build. The key of a file is the
hash of its bytes, its path and language, the schema it is checked against and
the source of the code that reads it (the Markdown configuration included)
and the versions of the libraries it uses: editing a file, upgrading Markdown
or changing a validation rule each miss the cache, nothing else does. Clocks
and modification times play no part, so a fresh clone and CI, which restores
the folder from the previous run, get the same results.

A strict build, which reads every file, removes what it did not ask for
(:meth:`ContentCache.prune`): the versions of files that changed since, so a
cache carried from run to run holds one result per file, not its history.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import pickle
import tempfile
from importlib.metadata import version
from pathlib import Path

logger = logging.getLogger(__name__)

_CORE = Path(__file__).resolve().parent


def _code_version(model: type) -> str:
    digest = hashlib.sha256()
    for path in sorted(_CORE.glob("*.py")):
        digest.update(path.read_bytes())
    model_file = inspect.getsourcefile(model)
    if model_file:
        digest.update(Path(model_file).read_bytes())
    for package in ("markdown", "nh3", "pydantic", "pyyaml"):
        digest.update(version(package).encode())
    return digest.hexdigest()


class ContentCache:
    """Pickled read results under ``folder``, one file per content hash."""

    #: Any process may write it (the pool's workers do, in parallel).
    shared = True

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._folders: set[str] = set()
        self._versions: dict[type, str] = {}
        self.hits = 0
        self.misses = 0
        #: Keys this process asked for: what :meth:`prune` keeps.
        self.used: set[str] = set()

    def key(self, job) -> str | None:
        """The cache key of a read job (see the module docstring).

        None if the file cannot be read: the reader then reports why.
        """
        if job.model not in self._versions:
            self._versions[job.model] = _code_version(job.model)
        digest = hashlib.sha256(self._versions[job.model].encode())
        digest.update(f"{job.source!r}|{job.settings_key}".encode())
        try:
            with open(job.source.path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            return None
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".pickle")

    def get(self, job):
        """The cached result of ``job``, or None (a damaged entry counts as a miss)."""
        key = self.key(job)
        if key is None:
            return None
        self.used.add(key)
        try:
            with open(self._path(key), "rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # a truncated or foreign file: read the source again
            logger.debug("ignoring unreadable cache entry %s", key)
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, job, result) -> None:
        """Store a result atomically, so parallel builds never see half a file.

        A cache that cannot be written (a read-only or full disk) only costs
        speed, so it is skipped with a note in the log.
        """
        key = self.key(job)
        if key is None:
            return
        path = self._path(key)
        folder = os.path.dirname(path)
        try:
            if folder not in self._folders:  # mkdir is slow on some disks
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path))
            with os.fdopen(handle, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as exc:
            logger.debug("content cache not written: %s", exc)

    def prune(self) -> int:
        """Remove every entry this process did not ask for; how many were removed.

        Call it after a build that asked for every file of the site.
        """
        removed = 0
        try:
            folders = os.scandir(self.folder)
        except OSError:
            return 0
        with folders:
            for folder in folders:
                if not folder.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(folder.path):
                    key = entry.name.removesuffix(".pickle")
                    if key in self.used or not entry.name.endswith(".pickle"):
                        continue
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError as exc:  # read-only: only costs space
                        logger.debug("content cache entry not removed: %s", exc)
        return removed
