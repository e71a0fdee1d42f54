"""Build the preview again after every change, in one process.

The Pelican instance is made once: its session (``bilingual.session``) keeps
the compiled templates, catalogs, read results and the signatures of the
pages written, so a build after saving one file reads that file and renders
the pages it changes. A change to the theme renders everything again; a
change to the settings or to the plugins' code restarts the preview, since
Python cannot unload code it has imported.

Builds after a save run without Python's cycle collector: its passes over
the session's many long-lived objects (read results, compiled templates) cost
such a build at 2000 pairs about a fifth of its time. What a build left
behind is collected once, in the first quiet moment after it (:meth:`tidy`,
which the watch loop calls), or else when the next build starts. After a
full build the objects that remain are frozen (``gc.freeze``): collections
skip them from then on, and the next full build, which replaces them,
unfreezes them first.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.build import BuildReport
from bilingual.session import Session
from bilingual.settings import SettingsError

logger = logging.getLogger(__name__)

CONTENT, THEME, RESTART = "content", "theme", "restart"


@dataclass
class Snapshot:
    """What the server shows about the latest build."""

    number: int = 0
    report: BuildReport | None = None
    failure: str = ""  # a theme or settings problem that stopped the build
    sources: dict[str, str] = field(default_factory=dict)  # every URL ever built


class PreviewBuilder:
    """Builds ``content`` into ``output`` with the preview settings, repeatedly."""

    def __init__(
        self,
        root: Path,
        output: Path,
        settings_file: str = "pelicanconf.py",
        overrides: dict[str, Any] | None = None,
    ) -> None:
        from pelican import Pelican
        from pelican.settings import read_settings

        self.root = root
        self.output = output
        # Pictures: the original at once, the variants made in the background.
        settings = read_settings(
            str(root / settings_file),
            override={
                "OUTPUT_PATH": str(output),
                "IMAGE_DEFER": True,
                **(overrides or {}),
            },
        )
        self.settings = settings
        self.pelican = Pelican(settings)
        self.session = Session.of(self.pelican.settings)
        self.snapshot = Snapshot()
        self.changed = threading.Condition()
        #: A build is running; when the latest one began (``time.time_ns``).
        self.building = False
        self.began_ns = 0
        #: Paths are shown from the folder that holds content/: content/news/…
        self.shown_root = str(Path(settings["PATH"]).resolve().parent)
        #: What the last build left to collect: None, "collect" or "freeze".
        self.untidy: str | None = None

    def classify(self, paths: Iterable[str | Path]) -> str | None:
        """What a set of changed files needs: a content build, a full one, a restart."""
        kinds = set()
        root = self.root.resolve()
        for raw in paths:
            path = Path(raw).resolve()
            try:
                relative = path.relative_to(root)
            except ValueError:
                continue
            first = relative.parts[0] if relative.parts else ""
            code = first == "plugins" and path.suffix == ".py"
            if code or first.endswith("conf.py"):
                kinds.add(RESTART)
            elif first == "theme":
                kinds.add(THEME)
            elif first == Path(self.settings["PATH"]).name:
                kinds.add(CONTENT)
        for kind in (RESTART, THEME, CONTENT):
            if kind in kinds:
                return kind
        return None

    def settle(self, values: Mapping[str, Any]) -> None:
        """Settings known only once the servers have their ports, before a build.

        ``invoke edit`` gives the backend's port (``ADMIN_PROXY_PORT``) this
        way: ``/admin/``'s configuration must name the port it really got.
        """
        self.settings.update(values)

    def build(self, full: bool = False) -> Snapshot:
        """Build once; problems and failures are recorded, never raised."""
        self.tidy()  # no quiet moment since the last build
        with self.changed:
            self.building = True
            self.began_ns = time.time_ns()
        if full:
            self.session.forget_output()
            gc.unfreeze()  # what this build replaces may go afterwards
        else:  # the collector's turn comes after the build (see tidy)
            gc.disable()
        failure = ""
        self.untidy = "freeze" if full else "collect"
        try:
            with _quiet_pelican():
                self.pelican.run()
        except SettingsError as exc:
            failure = str(exc)
        except SystemExit as exc:  # a strict build's stop; the preview is not strict
            failure = str(exc.code) if not isinstance(exc.code, int) else ""
        except Exception as exc:  # a template or plugin mistake: report, keep serving
            logger.debug("the preview build failed", exc_info=True)
            failure = f"{type(exc).__name__}: {exc}"
            self.session.forget_output()
        report = self.session.report if not failure else None
        with self.changed:
            snapshot = self.snapshot
            sources = dict(snapshot.sources)
            if report is not None:
                sources.update(report.sources)
            self.snapshot = Snapshot(
                snapshot.number + 1, report or snapshot.report, failure, sources
            )
            self.building = False
            self.changed.notify_all()
        return self.snapshot

    def tidy(self) -> None:
        """Collect what the last build left behind; the collector runs again.

        The watch loop calls it whenever no file changed for a moment, so
        the collection costs no editor a wait.
        """
        if self.untidy is None:
            return
        gc.collect()
        if self.untidy == "freeze":
            gc.freeze()
        self.untidy = None
        gc.enable()

    def waiting(self, path: Path | None = None) -> bool:
        """True while a build runs, or ``path`` changed after the latest one began.

        A saved file is noticed a moment after it is written; until then its
        modification time says a build of it is still to come.
        """
        if self.building:
            return True
        if path is None:
            return False
        try:
            written = path.stat().st_mtime_ns
        except OSError:  # deleted, or never there: nothing to wait for
            return False
        # A time in the future (a copied file) would be waited for forever.
        return self.began_ns < written <= time.time_ns()

    def pictures_ready(self) -> bool:
        """True once after the background finished pictures: time to build again."""
        done = self.session.background.done
        if done.is_set():
            done.clear()
            return True
        return False

    def close(self) -> None:
        self.session.background.close()
        self.tidy()

    def wait_for_build(self, after: int, timeout: float) -> Snapshot:
        """The snapshot of the first build after number ``after`` (or the current)."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.number > after, timeout)
            return self.snapshot


@contextlib.contextmanager
def _quiet_pelican() -> Iterator[None]:
    """Pelican's own summary counts its generators, which read nothing here."""
    from pelican.log import console

    quiet = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = quiet
