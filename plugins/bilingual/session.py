"""What outlives one build in one process: the dev server's memory.

A full build pays for things that do not change from one build to the next:
compiling templates, compiling the catalogs, bundling the stylesheets,
reading and rendering every content file. A :class:`Session` keeps them, keyed
by what they were made from, so the next build of the same process reuses
them; and it keeps the signatures of the files the last build wrote, so only
pages whose inputs changed are rendered again (see ``output.py``).

One session per Pelican instance, created in one place: the ``initialized``
signal puts it into the settings (``SESSION_KEY``), which every build's
context copies; the dev server creates its Pelican instance once and so keeps
its session. A session knows nothing of the build that uses it: each build's
state (``site.py``) holds the session, never the other way round.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Mapping, MutableMapping
from importlib.metadata import version
from typing import Any

import jinja2
import jinja2.bccache

from sitecore.cache import ContentCache
from sitecore.reader import ReadJob, ReadResult

from .assets import AssetBundle, build_assets
from .catalogs import editor_languages, load_catalogs, visitor_catalogs
from .output import Output
from .pagestore import PageStore
from .records import SESSION_KEY
from .render import Renderer
from .settings import SettingsError, SiteSettings

logger = logging.getLogger(__name__)

#: The plugins' folder: their source is part of what a rendered page depends on.
_PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _files_key(*folders: str) -> tuple:
    """Names, sizes and modification times of every file below ``folders``."""
    found = []
    for folder in folders:
        for dirpath, _dirnames, filenames in os.walk(folder):
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk; a folder that cannot be written costs only time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class MemoryReadCache:
    """Read results of unchanged files, recognised by their file status.

    Checking size, modification time and inode of a file is far cheaper than
    hashing it, which is what lets the dev server skip 4000 unchanged files
    in a few milliseconds. Like :class:`Memo` it keeps what the last two
    builds read: the result of a deleted or renamed file goes one build later.
    """

    shared = False  # this process's memory: filled by the reading process

    def __init__(self) -> None:
        self._results: dict[tuple, tuple[tuple, ReadResult]] = {}
        self._pending: dict[tuple, tuple] = {}
        self._used: set[tuple] = set()

    @staticmethod
    def _key(job: ReadJob) -> tuple:
        model = f"{job.model.__module__}.{job.model.__qualname__}"
        return (job.source.path, job.source.section, model, job.settings_key)

    @staticmethod
    def _status(path: str) -> tuple | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)

    def get(self, job: ReadJob) -> ReadResult | None:
        key = self._key(job)
        status = self._status(job.source.path)
        known = self._results.get(key)
        if known is not None and status is not None and known[0] == status:
            self._used.add(key)
            return known[1]
        if status is not None:
            self._pending[key] = status
        return None

    def put(self, job: ReadJob, result: ReadResult) -> None:
        key = self._key(job)
        status = self._pending.pop(key, None) or self._status(job.source.path)
        if status is not None:
            self._results[key] = (status, result)
            self._used.add(key)

    def next_generation(self) -> None:
        """A build starts: drop the results the previous build did not read."""
        self._results = {
            key: value for key, value in self._results.items() if key in self._used
        }
        self._used = set()


class Memo:
    """Values kept from one build to the next, while they are used.

    Two generations: what the current build asked for, and what the previous
    one did. A value no build asks for is dropped after one build, so a
    session that runs for hours does not grow.
    """

    def __init__(self) -> None:
        self._current: dict[tuple, Any] = {}
        self._previous: dict[tuple, Any] = {}

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        if key in self._current:
            return self._current[key]
        value = self._previous.pop(key) if key in self._previous else make()
        self._current[key] = value
        return value

    def next_generation(self) -> None:
        self._previous, self._current = self._current, {}

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)


def ignore_interrupts() -> None:
    """In worker processes: Ctrl+C is the parent's to handle (it stops them).

    SIGTERM, which the parent sends to stop a worker, ends it at once, as
    by default (not through a handler the parent may have installed).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Background:
    """Slow work (encoding pictures) done beside the builds, once per key.

    One worker process, so builds keep a core; a finished job sets
    :attr:`done`, which the preview's loop watches to build again. A job that
    failed is not tried again: its error is what the next build reports.
    """

    def __init__(self) -> None:
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._pending: set[Any] = set()
        self.failed: dict[Any, BaseException] = {}
        self.done = threading.Event()

    def start(self) -> None:
        """Start the worker now (the preview does, before it opens its port).

        A forked worker inherits every open file, so one started after the
        server's socket would hold the port after the preview stopped.
        """
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=context, initializer=ignore_interrupts
            )
            self._pool.submit(int).result()  # the worker exists from here on

    def submit(
        self, key: Any, function: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> None:
        if key in self._pending or key in self.failed:
            return
        self.start()
        self._pending.add(key)
        future = self._pool.submit(function, *args, **kwargs)
        future.add_done_callback(lambda f, key=key: self._finished(key, f))

    def _finished(self, key: Any, future: concurrent.futures.Future) -> None:
        error = future.exception()
        if error is not None:
            self.failed[key] = error
        self._pending.discard(key)
        self.done.set()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def close(self) -> None:
        """Stop the worker, even in the middle of a picture."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            workers = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:  # Python 3.14 has pool.terminate_workers()
                worker.terminate()
                worker.join(timeout=5)


class Session:
    """Caches and the last build's output, for the builds of one process."""

    def __init__(self) -> None:
        self.read_cache = MemoryReadCache()
        self.outputs: dict[str, dict[str, str]] = {}
        self.memo = Memo()
        self.background = Background()
        self.report: Any = None  # the last finished build's BuildReport
        self._made: dict[str, tuple[Any, Any]] = {}
        self.builds = 0

    @classmethod
    def open(cls, settings: MutableMapping[str, Any]) -> Session:
        """Give ``settings`` their session, unless they have one already.

        Called once per Pelican instance (its ``initialized`` signal); the
        preview's instance lives as long as the preview, and so its session.
        """
        session = settings.get(SESSION_KEY)
        if session is None:
            session = settings[SESSION_KEY] = cls()
        return session

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Session:
        """The session of ``settings`` (or of a build's context, which copies them)."""
        session = settings.get(SESSION_KEY)
        if not isinstance(session, cls):
            raise SettingsError(
                "setting PLUGINS must list 'bilingual': the site's other plugins "
                "build on it"
            )
        return session

    def begin(self) -> None:
        """A build starts: what the build before it did not use may go."""
        self.builds += 1
        self.memo.next_generation()
        self.read_cache.next_generation()

    def output_for(self, root: str) -> Output:
        """The output of a new build into ``root``, knowing this process's last one."""
        return Output(root, self.outputs.get(os.path.abspath(root)))

    def remember_output(self, output: Output) -> None:
        """A build completed: its files are what the next build compares with."""
        self.outputs[os.path.abspath(output.root)] = dict(output.current)

    def forget_output(self) -> None:
        """Render everything again next time (a template or setting changed)."""
        self.outputs.clear()

    def _cached(self, name: str, key: Any, make: Callable[[], Any]) -> Any:
        known = self._made.get(name)
        if known is not None and known[0] == key:
            return known[1]
        value = make()
        self._made[name] = (key, value)
        return value

    # What builds share ------------------------------------------------------

    def read_caches(self, settings: SiteSettings) -> list:
        """Where read results are looked up: this process's memory, then disk."""
        caches: list = [self.read_cache]
        folder = settings.cache_folder("content")
        if settings.content_cache and folder:
            key = ("content-cache", folder)
            caches.append(
                self._cached("content-cache", key, lambda: ContentCache(folder))
            )
        return caches

    def page_store(self, settings: SiteSettings) -> PageStore | None:
        """Rendered pages of earlier builds (``pagestore.py``), where caches are on.

        Its folder is named after what a page's signature leaves out: the
        templates' and the plugins' source, the rendering libraries' versions
        and the build's day.
        """
        root = settings.cache_folder("pages")
        if not (settings.content_cache and root):
            return None
        templates = os.path.join(settings.theme_path, "templates")
        day = settings.now.date().isoformat()
        key = (_files_key(templates), _files_key(_PLUGINS), day, root)

        def make() -> PageStore:
            digest = hashlib.blake2b(day.encode(), digest_size=16)
            for folder, suffixes in ((templates, ("",)), (_PLUGINS, (".py",))):
                for path, _size, _time in _files_key(folder):
                    if path.endswith(suffixes):
                        digest.update(os.path.relpath(path, folder).encode() + b"\0")
                        with open(path, "rb") as handle:
                            digest.update(handle.read())
            for package in ("jinja2", "markupsafe", "babel"):
                digest.update(version(package).encode())
            return PageStore(root, digest.hexdigest())

        return self._cached("page-store", key, make)

    def catalogs(self, settings: SiteSettings) -> dict:
        """The visitors' catalogs of the site languages (from the ``.po`` files)."""
        folder = os.path.join(settings.theme_path, "translations")
        key = (settings.languages, _files_key(folder))
        return self._cached(
            "catalogs", key, lambda: visitor_catalogs(folder, settings.languages)
        )

    def editor_catalogs(self, settings: SiteSettings) -> dict:
        """The editors' catalogs: of every site language and every editors' one."""
        folder = os.path.join(settings.theme_path, "translations")
        key = (settings.languages, _files_key(folder))

        def load() -> dict:
            languages = tuple(
                dict.fromkeys(settings.languages + editor_languages(folder))
            )
            return load_catalogs(folder, languages)

        return self._cached("editor-catalogs", key, load)

    def catalog_digest(self, settings: SiteSettings) -> str:
        """The catalogs' content (not their file times: a fresh clone has new ones)."""
        folder = os.path.join(settings.theme_path, "translations")

        def digest() -> str:
            hashed = hashlib.blake2b(digest_size=16)
            for path, _size, _time in _files_key(folder):
                if path.endswith(".po"):
                    hashed.update(path.removeprefix(folder).encode() + b"\0")
                    with open(path, "rb") as handle:
                        hashed.update(handle.read())
            return hashed.hexdigest()

        return self._cached("catalog-digest", _files_key(folder), digest)

    def prune_caches(self, settings: SiteSettings) -> None:
        """After a strict build: drop cached results no file of the site needs."""
        for cache in self.read_caches(settings):
            if isinstance(cache, ContentCache):
                removed = cache.prune()
                logger.info("content cache: %d old entries removed", removed)

    def assets(self, settings: SiteSettings) -> AssetBundle:
        """The theme's stylesheet bundle and scripts, fingerprinted."""
        folder = os.path.join(settings.theme_path, "static")
        return self._cached(
            "assets", _files_key(folder), lambda: build_assets(settings.theme_path)
        )

    def renderer(self, settings: SiteSettings, catalogs: dict) -> Renderer:
        """The renderer of the session's environment, with this build's catalogs.

        One renderer per environment: templates that macros were imported into
        keep calling the gettext functions it installed, so a second renderer
        would leave them speaking the first one's last language.
        """
        environment = self.environment(settings, {})
        renderer = self._cached(
            "renderer", id(environment), lambda: Renderer(environment, catalogs)
        )
        renderer.catalogs = catalogs
        return renderer

    def environment(
        self, settings: SiteSettings, options: dict[str, Any]
    ) -> jinja2.Environment:
        """The Jinja environment of the theme, compiled templates kept.

        Compiled templates are also kept on disk (a bytecode cache under
        CACHE_PATH), so a fresh process does not compile them again either.
        """
        templates = os.path.join(settings.theme_path, "templates")
        cache_folder = settings.cache_folder("jinja")
        # Templates are checked once per build (a changed one makes a new
        # environment), not on every include of every page.
        key = (_files_key(templates), cache_folder, repr(sorted(options.items())))

        def make() -> jinja2.Environment:
            bytecode_cache = None
            if cache_folder:
                try:
                    os.makedirs(cache_folder, exist_ok=True)
                    bytecode_cache = _BytecodeCache(cache_folder)
                except OSError:
                    bytecode_cache = None
            values = {
                "trim_blocks": True,
                "lstrip_blocks": True,
                **options,
                "autoescape": True,
                "extensions": ["jinja2.ext.i18n"],
            }
            return jinja2.Environment(
                loader=jinja2.FileSystemLoader(templates),
                bytecode_cache=bytecode_cache,
                auto_reload=False,
                **values,
            )

        return self._cached("environment", key, make)
