"""Shared test fixtures: a settings factory and a tiny content tree builder.

``site`` builds a throwaway site in a temporary folder with the project's real
settings, theme and plugins, in-process, with a fixed "now" so that nothing
depends on the day the tests run.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import textwrap
from dataclasses import dataclass
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


@dataclass
class BuildResult:
    """What a test build produced."""

    output: Path
    exit_code: int
    stderr: str

    @property
    def problems(self) -> list[str]:
        """The ``path:line: message`` lines the build printed."""
        return [
            line for line in self.stderr.splitlines() if ".md" in line or ".yml" in line
        ]

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

    def build(
        self, conf: str = "pelicanconf.py", name: str = "output", **overrides: Any
    ) -> BuildResult:
        """Build in-process; a strict failure gives exit code 1, not an exception."""
        output = self.root / name
        settings = make_settings(self.content, output, conf, **overrides)
        stderr = io.StringIO()
        code = 0
        with contextlib.redirect_stderr(stderr):
            try:
                Pelican(settings).run()
            except SystemExit as exc:
                code = int(exc.code or 0)
        return BuildResult(output, code, stderr.getvalue())


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
