"""Helpers for checks in a real browser: a local server, Chromium, axe.

The browser is Debian's Chromium (``apt-get install chromium``), driven by
Playwright; nothing is downloaded by a test tool. A browser that cannot start
is an error (:class:`BrowserUnavailableError`), never a reason to skip: a quality
gate that silently does not run is worse than none.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .findings import Finding

logger = logging.getLogger(__name__)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
#: axe-core rule tags for WCAG 2.2 level AA (which includes A and 2.0/2.1 AA).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
INSTALL_HINT = "run `bash scripts/bootstrap test` (it installs Debian's chromium)"


class BrowserUnavailableError(RuntimeError):
    """Chromium is missing or does not start."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)


class _PrefixHandler(_QuietHandler):
    """Serves the folder under a path prefix, as a host serves a preview.

    ``/previews/pr-7/de/`` is ``de/index.html`` of the folder; anything
    outside the prefix does not exist, so a link that forgets the prefix
    fails as it would online.
    """

    prefix = ""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not (clean == self.prefix or clean.startswith(self.prefix + "/")):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path(path[len(self.prefix) :] or "/")


class _Server(http.server.ThreadingHTTPServer):
    """A threading server that lets browsers hang up without a traceback.

    A browser that navigates on (a redirect, the next test page) cancels the
    requests still running, which the standard server reports as an error.
    """

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, base_path: str = "") -> Iterator[str]:
    """Serve ``directory`` over http on 127.0.0.1 (a free port); yield the base URL.

    The server starts before anything is built into ``directory``, so a site
    can be built for its final address (SITEURL) without a port race. With
    ``base_path`` (``/previews/pr-7``) the site lives below that path only,
    as a pull request's preview does.
    """
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
    handler_class = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    handler = functools.partial(
        handler_class if prefix else _QuietHandler, directory=str(directory)
    )
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing reaching out to the network."""
    if not Path(CHROMIUM).is_file():
        raise BrowserUnavailableError(f"no browser at {CHROMIUM}: {INSTALL_HINT}")
    try:
        return playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), timeout=60_000
        )
    except Exception as exc:  # Playwright raises its own Error types
        raise BrowserUnavailableError(f"{CHROMIUM} does not start: {exc}") from exc


def axe_findings(page: Any, url: str, axe: Any = None) -> list[Finding]:
    """Run axe-core (WCAG 2.2 AA rules) on the loaded ``page``.

    One finding per rule violated, naming the rule, its help text and the
    first elements concerned (as their HTML, which is easier to find in a
    template than a CSS selector).
    """
    if axe is None:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}}
    result = axe.run(page, options=options)
    findings = []
    for violation in result.response.get("violations", []):
        nodes = violation.get("nodes", [])
        targets = ", ".join(_describe(node) for node in nodes[:3])
        more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
        findings.append(
            Finding(
                "axe",
                url,
                f"{violation['id']}: {violation.get('help', '')} ({targets}{more})",
            )
        )
    return findings


def _describe(node: dict[str, Any], limit: int = 100) -> str:
    """An axe result node as its HTML (shortened), else its CSS selector."""
    snippet = " ".join(str(node.get("html", "")).split())
    if not snippet:
        return " ".join(str(part) for part in node.get("target", []))
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"
