"""Build the preview again after every change, in one process.

The Pelican instance is made once: its session (``bilingual.session``) keeps
the compiled templates, catalogs, read results and the signatures of the
pages written, so a build after saving one file reads that file and renders
the pages it changes. A change to the theme renders everything again; a
change to the settings or to the plugins' code restarts the preview, since
Python cannot unload code it has imported.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.build import BuildReport
from bilingual.session import Session
from bilingual.settings import SettingsError
from bilingual.site import SESSION_KEY

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
        self.session = Session()
        settings[SESSION_KEY] = self.session
        self.settings = settings
        self.pelican = Pelican(settings)
        self.snapshot = Snapshot()
        self.busy = False  # a build is running
        self.changed = threading.Condition()
        #: Paths are shown from the folder that holds content/: content/news/…
        self.shown_root = str(Path(settings["PATH"]).resolve().parent)

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

    def build(self, full: bool = False) -> Snapshot:
        """Build once; problems and failures are recorded, never raised."""
        if full:
            self.session.forget_output()
        failure = ""
        self.busy = True
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
            self.busy = False
            self.changed.notify_all()
        return self.snapshot

    def pictures_ready(self) -> bool:
        """True once after the background finished pictures: time to build again."""
        done = self.session.background.done
        if done.is_set():
            done.clear()
            return True
        return False

    def close(self) -> None:
        self.session.background.close()

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
