"""The one writer of the output folder: every file confined, claimed once, signed.

Whatever part of the build writes a file into the output folder (pages,
redirect pages, ``_redirects``, theme assets, pictures and logos, feeds,
calendars, the sitemap, ``/admin/``, the search index, compressed copies)
does it through :class:`Output`, which

- turns the URL into a file path and refuses anything but plain segments
  (no ``..``, ``.``, empty segments, backslashes or control characters);
- keeps a registry of claims: a file, or a folder a part owns whole
  (``pagefind/``), belongs to one claimant per build. Names are compared as
  a case-insensitive file system would (``/DE/`` is ``/de/``), and
  ``x.html.gz`` belongs to whoever owns ``x.html``. Content is claimed before
  anything is written, so a second claim is the editor's error with its line;
  a second *write* of one file, or a write into someone else's claim, is a
  mistake in the code and stops the build (:class:`OutputError`): the build
  never overwrites one of its own files with another;
- writes only inside the output folder: every folder on the way is checked
  once per build (a symbolic link that leads out is refused), files are
  opened without following links.

It also knows what the previous build of this process wrote: a file whose
signature did not change is neither made nor written again, and files the new
build no longer has are removed — so the folder ends up exactly as a clean
build would leave it (the dev server's rebuilds).
"""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import shutil
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from sitecore.i18n import M, Message

#: Suffixes of the compressed copies of a file (``imaging.compress``).
COMPRESSED = (".gz", ".br")
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True, eq=False)
class Claim:
    """Who uses an address: a content file (with the line) or the site itself.

    Compared by identity: a page whose URL was claimed writes with its claim.
    """

    what: str | Message  # as messages name it: "the home page", "content/…"
    path: str | None = None
    line: int | None = None
    url: str = ""


class OutputError(RuntimeError):
    """The build would write outside its folder, or two parts one file.

    A mistake in the code or the settings, not in content (content is
    claimed and checked before anything is written); ``message`` says which.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message.render(lambda text: text))
        self.message = message


def file_of(url: str) -> str:
    """Relative file path of a site-relative URL: ``de/x/`` → ``de/x/index.html``.

    Raises :class:`OutputError` unless every segment is plain.
    """
    if not url or url.endswith("/"):
        url += "index.html"
    for segment in url.split("/"):
        if segment in ("", ".", "..") or "\\" in segment or not segment.isprintable():
            raise OutputError(
                M("the address /{url} is not a plain path of the site", url=url)
            )
    return url


def folder_of(url: str) -> str:
    """Relative folder path of a folder URL: ``pagefind/`` → ``pagefind``."""
    return file_of(url.rstrip("/") + "/").removesuffix("/index.html")


def claim_key(relpath: str) -> str:
    """The name two paths share when a file system would take them for one file."""
    if relpath.endswith(COMPRESSED):
        relpath = relpath[:-3]
    if relpath.isascii():
        return relpath.lower()
    return unicodedata.normalize("NFC", relpath).casefold()


def digest(data: str | bytes) -> str:
    """A short content signature."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


class Output:
    """The files of one build, written into ``root``.

    ``previous`` maps each file the last build of this process wrote to its
    signature; empty for a fresh process, which then writes everything.
    """

    def __init__(self, root: str, previous: dict[str, str] | None = None) -> None:
        self.root = os.path.abspath(root)
        self.previous = dict(previous or {})
        self.current: dict[str, str] = {}  # relative file → signature
        self.writers: dict[str, Claim | None] = {}  # claim key → who wrote it
        self.claims: dict[str, Claim] = {}  # claim key of a file → claim
        self.folders: dict[str, Claim] = {}  # claim key of a folder → first claim
        self.trees: dict[str, Claim] = {}  # claim key of a folder owned whole
        self.written = 0
        self.kept = 0
        self._real_root = ""
        self._checked: dict[str, str] = {}  # relative folder → absolute, checked

    # Claims -----------------------------------------------------------------

    def claim(self, url: str, claim: Claim) -> Claim | None:
        """Reserve the file of ``url``; the other claim if it is taken, else None."""
        relpath = file_of(url)
        key = claim_key(relpath)
        other = self.claims.get(key) or self.folders.get(key) or self._tree_of(key)
        if other is not None and other is not claim:
            return other
        parts = key.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            taken = self.claims.get(folder)
            if taken is not None and taken is not claim:
                return taken
        for depth in range(1, len(parts)):
            self.folders.setdefault("/".join(parts[:depth]), claim)
        self.claims[key] = claim
        return None

    def claim_tree(self, url: str, claim: Claim) -> Claim | None:
        """Reserve the folder ``url`` (``pagefind/``) and all below it for one part."""
        key = claim_key(folder_of(url))
        other = self.claims.get(key) or self._tree_of(key)
        if other is None:
            prefix = key + "/"
            other = next(
                (c for k, c in self.claims.items() if k.startswith(prefix)), None
            )
        if other is not None and other is not claim:
            return other
        self.trees[key] = claim
        parts = key.split("/")
        for depth in range(1, len(parts) + 1):
            self.folders.setdefault("/".join(parts[:depth]), claim)
        return None

    def owner(self, url: str) -> Claim | None:
        """Whoever claimed the file of ``url`` (or a folder that holds it)."""
        key = claim_key(file_of(url))
        return self.claims.get(key) or self._tree_of(key)

    def _tree_of(self, key: str) -> Claim | None:
        if not self.trees:
            return None
        for tree, claim in self.trees.items():
            if key == tree or key.startswith(tree + "/"):
                return claim
        return None

    # Writing ----------------------------------------------------------------

    def needed(self, url: str, signature: str, claim: Claim | None = None) -> bool:
        """Record the file of ``url`` for this build; True if it must be (re)made.

        ``claim`` is the writer's own claim where it has one (a page of a
        claimed address); an internal writer passes none. Writing a file a
        second time, or one that content claimed, raises :class:`OutputError`.
        """
        relpath = file_of(url)
        key = claim_key(relpath)
        if key in self.writers:
            raise OutputError(
                M(
                    "two parts of the build write /{url}: {first} and {second}",
                    url=relpath,
                    first=_named(self.writers[key]),
                    second=_named(claim),
                )
            )
        owner = self.claims.get(key) or self._tree_of(key)
        if owner is None:  # not claimed before: claimed now, file and folders
            owner = claim or Claim(M("the site"), url=url)
            other = self.claim(url, owner)
            if other is not None:
                raise OutputError(
                    M(
                        "two parts of the build write /{url}: {first} and {second}",
                        url=relpath,
                        first=_named(other),
                        second=_named(claim),
                    )
                )
        elif owner is not claim and (claim is not None or owner.path is not None):
            raise OutputError(
                M(
                    "/{url} belongs to {owner}, but {writer} writes it",
                    url=relpath,
                    owner=_named(owner),
                    writer=_named(claim),
                )
            )
        self.writers[key] = claim
        self.current[relpath] = signature
        if self.previous.get(relpath) == signature and os.path.isfile(
            os.path.join(self.root, relpath)
        ):
            self.kept += 1
            return False
        return True

    def write(self, url: str, data: str | bytes, claim: Claim | None = None) -> None:
        """Write ``data`` at ``url`` unless the same bytes are there already."""
        if self.needed(url, "data:" + digest(data), claim):
            self.store(url, data)

    def write_lazy(
        self,
        url: str,
        signature: str,
        produce: Callable[[], str | bytes],
        claim: Claim | None = None,
    ) -> None:
        """Write what ``produce()`` returns, calling it only when needed."""
        if self.needed(url, "lazy:" + signature, claim):
            self.store(url, produce())

    def copy(self, url: str, source: str, claim: Claim | None = None) -> None:
        """Copy the file ``source`` to ``url`` (its path and size as signature)."""
        status = os.stat(source)
        signature = f"copy:{source}:{status.st_size}:{status.st_mtime_ns}"
        if self.needed(url, signature, claim):
            with open(source, "rb") as handle:
                self._open_and(
                    file_of(url), lambda out: shutil.copyfileobj(handle, out)
                )
            self.written += 1

    def store(self, url: str, data: str | bytes) -> str:
        """Write ``data`` to the file of a recorded ``url``; its absolute path.

        What :meth:`needed` allowed; worker processes that render pages call
        this (they share the checks made before they were forked).
        """
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self.written += 1
        return self._open_and(file_of(url), lambda out: out.write(payload))

    def adopt_tree(self, url: str, fresh: str) -> None:
        """Put the folder ``fresh`` (made by a program) in place as ``url``.

        ``url`` must be a folder this build claimed whole (``pagefind/``);
        ``fresh`` must lie in the output folder (a claimed staging folder).
        The old folder is replaced in one rename, and every file in it
        becomes a file of this build.
        """
        relfolder = folder_of(url)
        key = claim_key(relfolder)
        if key not in self.trees or not self._inside(os.path.realpath(fresh)):
            raise OutputError(M("/{url} is not a folder of this build", url=url))
        target = os.path.join(
            self._folder(posixpath.dirname(relfolder)), posixpath.basename(relfolder)
        )
        if os.path.islink(target):
            os.remove(target)
        else:
            shutil.rmtree(target, ignore_errors=True)
        os.replace(fresh, target)
        for dirpath, _dirnames, filenames in os.walk(target):
            for name in filenames:
                path = os.path.join(dirpath, name)
                relpath = os.path.relpath(path, self.root).replace(os.sep, "/")
                self.current[relpath] = "tree:" + relfolder
                self.writers[claim_key(relpath)] = self.trees[key]

    def folder(self, url: str) -> str:
        """The absolute folder of a claimed folder ``url``, checked and created."""
        relfolder = folder_of(url)
        if self._tree_of(claim_key(relfolder)) is None:
            raise OutputError(M("/{url} is not a folder of this build", url=url))
        return self._folder(relfolder)

    def remove_stale(self) -> int:
        """Delete what the previous build wrote and this one did not; how many."""
        removed = 0
        for relpath in set(self.previous) - set(self.current):
            path = os.path.join(self.root, *relpath.split("/"))
            for candidate in (path, path + ".gz", path + ".br"):
                if os.path.isfile(candidate) and not os.path.islink(candidate):
                    os.remove(candidate)
                    removed += 1
            _prune_empty(os.path.dirname(path), self.root)
        return removed

    # Inside the folder --------------------------------------------------------

    def _open_and(self, relpath: str, use: Callable[[object], object]) -> str:
        folder = self._folder(posixpath.dirname(relpath))
        path = os.path.join(folder, posixpath.basename(relpath))
        try:
            descriptor = os.open(path, _OPEN_FLAGS, 0o644)
        except OSError as exc:
            if exc.errno != errno.ELOOP:  # ELOOP: a symbolic link is in the way
                raise
            os.remove(path)
            descriptor = os.open(path, _OPEN_FLAGS, 0o644)
        with os.fdopen(descriptor, "wb") as handle:
            use(handle)
        return path

    def _folder(self, relfolder: str) -> str:
        """Absolute path of ``relfolder``, made if missing, confirmed inside root.

        Checked once per build and folder: a folder the build made itself
        cannot lead elsewhere; one that was there is looked at once (a
        symbolic link must resolve inside the output folder).
        """
        known = self._checked.get(relfolder)
        if known is not None:
            return known
        if not relfolder:
            os.makedirs(self.root, exist_ok=True)
            self._real_root = os.path.realpath(self.root)
            self._checked[""] = self.root
            return self.root
        parent = self._folder(posixpath.dirname(relfolder))
        path = os.path.join(parent, posixpath.basename(relfolder))
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            try:
                os.mkdir(path)
            except FileExistsError:  # made by a parallel worker meanwhile
                status = os.lstat(path)
            else:
                status = None
        if status is not None:
            if stat.S_ISLNK(status.st_mode):
                if not self._inside(os.path.realpath(path)):
                    raise OutputError(
                        M(
                            "the output folder {folder} is a link that leads "
                            "out of {root}; remove it",
                            folder=path,
                            root=self.root,
                        )
                    )
            elif not stat.S_ISDIR(status.st_mode):
                if relfolder not in self.previous:
                    raise OutputError(
                        M(
                            "{folder} is a file where the build needs a folder",
                            folder=path,
                        )
                    )
                os.remove(path)  # the previous build's file; now a folder
                os.mkdir(path)
        self._checked[relfolder] = path
        return path

    def _inside(self, real: str) -> bool:
        if not self._real_root:
            self._folder("")
        return real == self._real_root or real.startswith(self._real_root + os.sep)


def write_beside(root: str, relpath: str, suffix: str, payload: bytes) -> None:
    """Write the compressed copy ``relpath + suffix`` of a file this build wrote.

    For the worker processes that compress (``imaging.compress``): the file
    itself went through :class:`Output`, whose claim covers its ``.gz`` and
    ``.br``; the copy is opened without following links.
    """
    path = _beside(root, relpath, suffix)
    try:
        descriptor = os.open(path, _OPEN_FLAGS, 0o644)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        os.remove(path)
        descriptor = os.open(path, _OPEN_FLAGS, 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(payload)


def remove_beside(root: str, relpath: str, suffix: str) -> None:
    """Remove an outdated compressed copy of a file this build wrote, if any."""
    path = _beside(root, relpath, suffix)
    if os.path.lexists(path):
        os.remove(path)


def _beside(root: str, relpath: str, suffix: str) -> str:
    if suffix not in COMPRESSED:
        raise OutputError(M("/{url} is not a file of this build", url=relpath + suffix))
    return os.path.join(root, *file_of(relpath).split("/")) + suffix


def _named(claim: Claim | None) -> str | Message:
    if claim is None:
        return M("a part of the site")
    if claim.path is None:
        return claim.what
    where = f"{claim.path}:{claim.line}" if claim.line else claim.path
    return M("{what} ({where})", what=claim.what, where=where)


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
