"""Shared test fixtures: a settings factory and a tiny content tree builder.

``site`` builds a throwaway site in a temporary folder with the project's real
settings, theme and plugins, in-process, with a fixed "now" so that nothing
depends on the day the tests run.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

# Build messages in English unless a test asks for the editors' German.
os.environ.setdefault("SITE_EDITOR_LANGUAGE", "en")

#: The day every test site is built on, unless a test says otherwise.
FIXED_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def make_settings(
    content: Path, output: Path, conf: str = "pelicanconf.py", **overrides: Any
) -> dict[str, Any]:
    """Project settings (``conf``) pointed at ``content`` and ``output``."""
    values = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "THEME": str(ROOT / "theme"),
        "BUILD_NOW": FIXED_NOW,
        "READ_WORKERS": 1,
        "CACHE_PATH": str(output.parent / "cache"),
    }
    values.update(overrides)
    return read_settings(str(ROOT / conf), override=values)


class _Records(logging.Handler):
    """Every record of WARNING and above, from any logger (Pelican's, the plugins')."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Captured:
    """What a build wrote to stderr and logged, while it ran."""

    stderr: io.StringIO = field(default_factory=io.StringIO)
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def log(self) -> list[str]:
        """The log records as an editor would see them: level, logger, message."""
        formatter = logging.Formatter("%(levelname)s: %(name)s: %(message)s")
        return [formatter.format(record) for record in self.records]

    def tracebacks(self) -> list[str]:
        """What shows a traceback: on stderr, or in a logged record."""
        found = [line for line in self.log if "Traceback" in line]
        found += [
            f"{record.name}: {record.getMessage()} (logged with a traceback)"
            for record in self.records
            if record.exc_info or record.exc_text or record.stack_info
        ]
        if "Traceback" in self.stderr.getvalue():
            found.append(self.stderr.getvalue())
        return found


@contextlib.contextmanager
def capture_build() -> Iterator[Captured]:
    """Capture a build's stderr and log; then assert it showed no traceback.

    A build under pytest logs into pytest's handlers, not to stderr, so what
    Pelican or a plugin logs with ``logger.exception()`` would never be seen
    by a check of stderr alone: the records are collected at the root logger.
    """
    captured = Captured()
    handler = _Records()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with contextlib.redirect_stderr(captured.stderr):
            yield captured
    finally:
        root.removeHandler(handler)
        captured.records = handler.records
    tracebacks = captured.tracebacks()
    assert tracebacks == [], "\n".join(tracebacks)


@functools.cache
def _closing_lines() -> tuple[re.Pattern[str], ...]:
    """The build's closing lines in every editor language: what is not a problem.

    The summary ("3 pages (de, en) built in 0.4 s; 1 warning.") and the line
    that counts the errors, taken from the catalogs so both languages match.
    """
    from bilingual.build import BUILT, PREVIEW_ERRORS, STRICT_FAILED
    from bilingual.catalogs import load_catalogs

    catalogs = load_catalogs(str(ROOT / "theme" / "translations"), ("de", "en"))
    patterns = []
    for catalog in catalogs.values():
        for count in (1, 2):
            built = re.escape(catalog.ngettext(*BUILT, count))
            built = re.sub(r"%\\\(\w+\\\)s", ".+?", built)
            patterns.append(re.compile(built + r"(; .+)?\.$"))
            for closing in (STRICT_FAILED, PREVIEW_ERRORS):
                text = re.escape(catalog.ngettext(*closing, count))
                patterns.append(re.compile(text.replace(r"\{count\}", r"\d+") + "$"))
    return tuple(patterns)


def closing_line(line: str) -> bool:
    """True for a build's summary or error count line (see :func:`_closing_lines`)."""
    return any(pattern.match(line) for pattern in _closing_lines())


@dataclass
class BuildResult:
    """What a test build produced."""

    output: Path
    exit_code: int
    stderr: str
    log: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Everything the build printed on stderr or logged, but its closing lines.

        Content problems are ``path:line: message`` lines; anything else there
        (a plugin's error, a tool's complaint) is a problem too, so
        ``problems == []`` means the build had nothing to say.
        """
        lines = [*self.stderr.splitlines(), *self.log]
        return [line for line in lines if line.strip() and not closing_line(line)]

    def file(self, url: str) -> Path:
        """Output file of a site-relative URL (``de/`` → ``de/index.html``)."""
        path = self.output / url
        return path / "index.html" if url.endswith("/") or url == "" else path

    def exists(self, url: str) -> bool:
        return self.file(url).is_file()

    def html(self, url: str) -> BeautifulSoup:
        """The parsed page at ``url``."""
        return BeautifulSoup(self.file(url).read_text("utf-8"), "html.parser")


class SiteBuilder:
    """Writes content files into a temporary site and builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)

    def write(self, relpath: str, text: str) -> Path:
        """Write a file under ``content/`` (text is dedented)."""
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
        return path

    def md(self, relpath: str, front: str, body: str = "Some text.") -> Path:
        """Write a Markdown file with YAML ``front`` matter and ``body``."""
        front = textwrap.dedent(front).strip("\n")
        return self.write(relpath, f"---\n{front}\n---\n\n{textwrap.dedent(body)}\n")

    def news(
        self, key: str, lang: str, title: str, date: str = "2026-01-10", **fields: str
    ) -> Path:
        """A news file; ``fields`` adds more front matter lines."""
        extra = "".join(f"\n{name}: {value}" for name, value in fields.items())
        return self.md(
            f"news/{key}.{lang}.md", f'title: "{title}"\ndate: {date}{extra}'
        )

    def page(self, key: str, lang: str, title: str, **fields: str) -> Path:
        """A standing page file."""
        extra = "".join(f"\n{name}: {value}" for name, value in fields.items())
        return self.md(f"pages/{key}.{lang}.md", f'title: "{title}"{extra}')

    def preview(self, folder: Path, **settings: Any) -> Any:
        """A preview builder of this site (as `invoke serve` runs it) into ``folder``.

        Fixed clock, one reading process and a cache beside ``folder``;
        ``settings`` adds or replaces settings.
        """
        from preview.builder import PreviewBuilder

        overrides = {
            "PATH": str(self.content),
            "BUILD_NOW": FIXED_NOW,
            "READ_WORKERS": 1,
            "CACHE_PATH": str(folder.parent / "cache"),
            **settings,
        }
        return PreviewBuilder(ROOT, folder, overrides=overrides)

    def settings_file(self, conf: str = "pelicanconf.py", name: str = "output") -> Path:
        """A settings file of this site (``conf`` pointed at it), for a build command.

        For builds in another process: ``python -m bilingual -s FILE -o OUTPUT``
        with the project's ``plugins/`` and root on ``PYTHONPATH``.
        """
        values = {
            "PATH": str(self.content),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "BUILD_NOW": FIXED_NOW.isoformat(),
            "READ_WORKERS": 1,
            "CACHE_PATH": str(self.root / "cache"),
        }
        lines = [f"from {Path(conf).stem} import *  # noqa: F403"]
        lines += [f"{key} = {value!r}" for key, value in values.items()]
        path = self.root / f"{name}-{Path(conf).name}"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        return path

    def build(
        self, conf: str = "pelicanconf.py", name: str = "output", **overrides: Any
    ) -> BuildResult:
        """Build in-process; a strict failure gives exit code 1, not an exception."""
        output = self.root / name
        settings = make_settings(self.content, output, conf, **overrides)
        code = 0
        with capture_build() as captured:
            try:
                Pelican(settings).run()
            except SystemExit as exc:
                code = int(exc.code or 0)
        return BuildResult(output, code, captured.stderr.getvalue(), captured.log)


def unprivileged(command: list[str]) -> list[str]:
    """``command`` bound by file permissions, even when the tests run as root.

    Root writes into read-only folders (the capability ``CAP_DAC_OVERRIDE``),
    and CI runs as root: a test of a read-only folder would pass whatever the
    code does. ``setpriv`` (util-linux) runs the command without those
    capabilities; it stays user 0, so the owner's permission bits apply.
    """
    if os.geteuid() != 0:
        return command
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", "--inh-caps=-all", *command]


def build_environment() -> dict[str, str]:
    """The environment of a build command: the project's code on the path."""
    return {**os.environ, "PYTHONPATH": f"{ROOT / 'plugins'}{os.pathsep}{ROOT}"}


@pytest.fixture(scope="module")
def module_chromium() -> Iterator[Any]:
    """One Chromium for the browser tests of a module (see ``browsing.py``)."""
    from browsing import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def browser(module_chromium: Any) -> Iterator[Any]:
    """Chromium for one test: a console error or CSP violation on any page fails it."""
    from browsing import watched

    with watched(module_chromium) as view:
        yield view


@pytest.fixture
def site(tmp_path: Path) -> SiteBuilder:
    """An empty site to fill with content and build."""
    return SiteBuilder(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The project's own sample content, built once with production settings."""
    root = tmp_path_factory.mktemp("sample")
    builder = SiteBuilder(root)
    builder.content = ROOT / "content"
    return builder.build("publishconf.py", SITEURL="https://example.org")
