"""The preview's web server: the built pages, the build's problems, live reload.

Every HTML page it sends gets the current problems at the top (file, line,
what to do) and a small script that reloads the page when a new build is
done; both are added while sending, so the built files stay exactly what a
build writes. A page whose file has errors is not in the build: instead of a
plain "not found", its address shows those errors. Everything is served
from this machine (stylesheet and script under ``/_preview/``), within the
pages' own Content-Security-Policy.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import html
import http.server
import json
import logging
import os
import posixpath
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from bilingual.structured import LOGO
from sitecore.i18n import N_
from sitecore.problems import WARNING, Problem, Severity

from .builder import PreviewBuilder, Snapshot

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/_preview/"
#: The editing interface: served as built, without the preview's additions.
EDITING = "/admin/"
#: How many ports after the wished one are tried when it is taken.
PORT_TRIES = 20

PROBLEMS_TITLE = N_("This preview has problems")
PROBLEMS_HINT = N_(
    "Fix them in the files named below; this page reloads by itself. "
    "What has an error is left out of the preview and cannot be published."
)
BROKEN_TITLE = N_("This page cannot be shown")
BROKEN_HINT = N_("Its file has errors. Fix them and the page comes back by itself.")
FAILURE_TITLE = N_("The preview could not be built")
REPORT_TITLE = N_("Translations to do")
REPORT_FILE = N_("file")
REPORT_TO_DO = N_("to do")
REPORT_NOTHING = N_("Every item exists in all languages, and no translation is older.")
RESTARTING = N_("The settings or the site's code changed: the preview starts again.")
OPEN_IT = N_("The preview is at {address} (stop it with Ctrl+C).")
SHARED = N_("Others in your network open {address}.")
FOREIGN_HOST = N_(
    "This preview answers only at its own addresses; open it at {address}."
)
BAD_REQUEST = N_("The address has characters no page address has.")


class Translations:
    """The catalogs of the site, in the editor's language, for the preview's texts."""

    def __init__(self, builder: PreviewBuilder) -> None:
        from bilingual.catalogs import editor_languages, load_catalog
        from sitecore.i18n import editor_language

        folder = os.path.join(builder.settings["THEME"], "translations")
        self.lang = editor_language(editor_languages(folder) or ("de",))
        self.catalog = load_catalog(folder, self.lang)

    def __call__(self, message: str) -> str:
        return self.catalog.gettext(message)


def problem_items(problems: list[Problem], root: str, _: Callable[[str], str]) -> str:
    """The problems as HTML list items, the file and line first."""
    items = []
    for problem in problems:
        where = problem.shown_path(root)
        if problem.line:
            where += f":{problem.line}"
        note = ""
        if problem.severity is Severity.WARNING:
            kind = html.escape(_(WARNING))
            note = f'<span class="preview-problems__kind">{kind}</span> '
        message = html.escape(problem.text(_))
        items.append(f"<li><code>{html.escape(where)}</code>: {note}{message}</li>")
    return "".join(items)


def banner(
    snapshot: Snapshot, root: str, _: Callable[[str], str], only: str = ""
) -> str:
    """The problems box for the top of a page ("" when there are none).

    ``only`` limits it to one file (on the page of a broken file).
    """
    opening = (
        '<section class="preview-problems" aria-labelledby="preview-problems-title">'
    )
    if snapshot.failure:
        return (
            f'{opening}<h2 id="preview-problems-title">'
            f"{html.escape(_(FAILURE_TITLE))}</h2>"
            f"<p>{html.escape(snapshot.failure)}</p></section>"
        )
    report = snapshot.report
    if report is None:
        return ""
    problems = [p for p in report.problems if not only or p.path == only]
    problems.sort(key=lambda p: (p.severity.value != "error", p.path, p.line or 0))
    if not problems:
        return ""
    title, hint = (
        (BROKEN_TITLE, BROKEN_HINT) if only else (PROBLEMS_TITLE, PROBLEMS_HINT)
    )
    return (
        f'{opening}<h2 id="preview-problems-title">{html.escape(_(title))}</h2>'
        f"<p>{html.escape(_(hint))}</p>"
        f"<ul>{problem_items(problems, root, _)}</ul></section>"
    )


def inject(page: str, box: str) -> str:
    """``page`` with the preview's stylesheet, ``box`` and the reload script."""
    head = f'<link rel="stylesheet" href="{PREFIX}preview.css">'
    script = f'<script src="{PREFIX}reload.js" defer></script>'
    page = page.replace("</head>", head + script + "</head>", 1)
    if box:
        index = page.find("<body")
        end = page.find(">", index) + 1 if index >= 0 else 0
        page = page[:end] + box + page[end:]
    return page


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder of a :class:`PreviewBuilder`, with the extras."""

    builder: PreviewBuilder
    translate: Translations

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)

    def do_HEAD(self) -> None:
        """The headers a GET would send, without the body (``_send`` leaves it out)."""
        self.do_GET()

    def do_GET(self) -> None:
        hosts = getattr(self.server, "hosts", None)
        if hosts and self.headers.get("Host", "").lower() not in hosts:
            # DNS rebinding: a page of another site whose name now points here.
            address = addresses(self.server)[0]  # type: ignore[arg-type]
            text = self.translate(FOREIGN_HOST).format(address=address)
            self._send(403, "text/plain; charset=utf-8", text.encode())
            return
        path = unquote(urlsplit(self.path).path, errors="replace")
        if not path.startswith("/") or not path.isprintable() or "\\" in path:
            self._send(
                400, "text/plain; charset=utf-8", self.translate(BAD_REQUEST).encode()
            )
            return
        if path == PREFIX + "events":
            self._events()
        elif path == PREFIX + "problems.json":
            self._problems()
        elif path == PREFIX + "translations/":
            self._translations()
        elif path.startswith(PREFIX):
            self._static(path.removeprefix(PREFIX))
        else:
            self._page(path)

    def _static(self, name: str) -> None:
        file = STATIC / name
        if "/" in name or not file.is_file():
            self.send_error(404)
            return
        kinds = {".css": "text/css", ".js": "text/javascript"}
        self._send(200, kinds.get(file.suffix, "text/plain"), file.read_bytes())

    def _page(self, path: str) -> None:
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                query = urlsplit(self.path).query
                self.send_response(301)
                query = quote(query, safe="=&;%+-._~!$'()*,:@/?")
                self.send_header(
                    "Location",
                    same_site_location(path + "/") + (f"?{query}" if query else ""),
                )
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        snapshot = self.builder.snapshot
        root = self.builder.shown_root
        if path.startswith(EDITING) and target.is_file():
            # The editing interface shows problems itself: no banner, no reload.
            kind = "text/yaml; charset=utf-8" if target.suffix == ".yml" else None
            kind = kind or self.guess_type(str(target))
            self._send(200, kind, target.read_bytes())
            return
        if target.is_file() and target.suffix == ".html":
            page = target.read_text("utf-8")
            box = banner(snapshot, root, self.translate)
            self._send(200, "text/html; charset=utf-8", inject(page, box).encode())
            return
        if target.is_file():
            super().do_HEAD() if self.command == "HEAD" else super().do_GET()
            return
        url = path.lstrip("/")
        source = snapshot.sources.get(url) or snapshot.sources.get(url + "/")
        if source is not None:
            box = banner(snapshot, root, self.translate, only=source)
            if box:
                self._send(404, "text/html; charset=utf-8", self._error_page(box))
                return
        self._not_found()

    def _translations(self) -> None:
        """The translation report, for this preview only (never published)."""
        from bilingual.settings import read_settings
        from sitecore.dates import format_date
        from sitecore.report import describe, translation_report

        settings = read_settings(self.builder.settings)
        lines = translation_report(
            settings.content_path,
            settings.sections.values(),
            settings.languages,
            fallback=settings.default_lang,
            required=settings.required_languages,
        )
        _ = self.translate
        lang = _.lang

        def when(moment: Any) -> str:
            return format_date(moment, lang)

        rows = "".join(
            f"<tr><td><code>{html.escape(line.source.relpath)}</code></td>"
            f"<td>{html.escape(describe(line, _, when))}</td></tr>"
            for line in lines
        )
        table = (
            f'<table><thead><tr><th scope="col">{html.escape(_(REPORT_FILE))}</th>'
            f'<th scope="col">{html.escape(_(REPORT_TO_DO))}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
        body = table if lines else f"<p>{html.escape(_(REPORT_NOTHING))}</p>"
        title = html.escape(_(REPORT_TITLE))
        page = self._own_page(title, f"<h1>{title}</h1>{body}")
        self._send(200, "text/html; charset=utf-8", page)

    def _error_page(self, box: str) -> bytes:
        title = html.escape(self.translate(BROKEN_TITLE))
        heading = box.replace("<h2", "<h1").replace("</h2>", "</h1>")
        return self._own_page(title, heading)

    def _own_page(self, title: str, main: str) -> bytes:
        """A page of the preview's own, in the editor's language."""
        lang = self.translate.lang
        page = (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title}</title><link rel="icon" href="/{LOGO}">'
            '</head><body><main class="preview-page">'
            f"{main}</main></body></html>"
        )
        return inject(page, "").encode()

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        if page.is_file():
            box = banner(self.builder.snapshot, self.builder.shown_root, self.translate)
            body = inject(page.read_text("utf-8"), box).encode()
            self._send(404, "text/html; charset=utf-8", body)
        else:
            self.send_error(404)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the number of each finished build."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command == "HEAD":
            return
        number = self.builder.snapshot.number
        try:
            self.wfile.write(f"data: {number}\n\n".encode())
            self.wfile.flush()
            while not getattr(self.server, "closing", False):
                snapshot = self.builder.wait_for_build(number, timeout=15)
                if snapshot.number == number:
                    self.wfile.write(b": still here\n\n")  # keeps proxies from closing
                else:
                    number = snapshot.number
                    self.wfile.write(f"data: {number}\n\n".encode())
                self.wfile.flush()
        except (ConnectionError, OSError):
            return

    def _problems(self) -> None:
        """The build's problems (of one file with ``?path=content/…``), as JSON."""
        wanted = parse_qs(urlsplit(self.path).query).get("path", [""])[0]
        snapshot = self.builder.snapshot
        root = self.builder.shown_root
        problems = snapshot.report.problems if snapshot.report else []
        answer = {
            "build": snapshot.number,
            "busy": self.builder.busy,
            "problems": [
                {
                    "path": problem.shown_path(root),
                    "line": problem.line,
                    "severity": problem.severity.value,
                    "message": problem.text(self.translate),
                }
                for problem in problems
                if not wanted or problem.shown_path(root) == wanted
            ],
        }
        self._send(200, "application/json", json.dumps(answer).encode())


def same_site_location(path: str) -> str:
    """A ``Location`` on this site: one leading ``/``, no ``..``, encoded.

    Built from the decoded request path, never copied from it, so neither
    ``//other.example/`` nor a line break can reach the header.
    """
    normal = posixpath.normpath("/" + path.lstrip("/"))
    if path.endswith("/") and normal != "/":
        normal += "/"
    return quote(normal, safe="/-._~!$&'()*+,;=:@")


def served_hosts(addresses: list[str]) -> frozenset[str]:
    """The ``Host`` values of requests meant for this preview (lower case)."""
    hosts = set()
    for address in addresses:
        netloc = urlsplit(address).netloc.lower()
        hosts.add(netloc)
        host, _, port = netloc.rpartition(":")
        if host == "127.0.0.1":
            hosts.add(f"localhost:{port}")
    return frozenset(hosts)


class PreviewServer(http.server.ThreadingHTTPServer):
    """Threads per request; a browser that hangs up is not an error.

    ``hosts`` are the ``Host`` values it answers (its own addresses): a page
    of another site that rebinds its name to this machine is refused.
    """

    daemon_threads = True
    closing = False
    hosts: frozenset[str] = frozenset()
    translate: Callable[[str], str] = staticmethod(lambda message: message)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def open_server(
    builder: PreviewBuilder, host: str, port: int, say: Callable[[str], None]
) -> PreviewServer:
    """A server on ``port``, or the next free one (saying so in one sentence)."""
    translate = Translations(builder)
    handler = functools.partial(
        type(
            "Handler",
            (PreviewHandler,),
            {"builder": builder, "translate": staticmethod(translate)},
        ),
        directory=str(builder.output),
    )
    for candidate in range(port, port + PORT_TRIES):
        try:
            server = PreviewServer((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            continue
        server.translate = translate
        server.hosts = served_hosts(addresses(server))
        if candidate != port:
            say(
                translate(
                    N_("Port %(wanted)s is in use; the preview uses port %(port)s.")
                )
                % {"wanted": port, "port": candidate}
            )
        return server
    raise OSError(
        errno.EADDRINUSE,
        translate(
            N_("Ports %(first)s to %(last)s are all in use; choose one with --port.")
        )
        % {"first": port, "last": port + PORT_TRIES - 1},
    )


def addresses(server: PreviewServer) -> list[str]:
    """The addresses to open: this machine's, and the network's when shared."""
    host, port = server.server_address[:2]
    if host in ("0.0.0.0", "::"):
        found = ["127.0.0.1"]
        with contextlib.suppress(OSError):
            found += sorted(
                {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
                - {"127.0.0.1", "127.0.1.1"}
            )
        return [f"http://{name}:{port}/" for name in found if ":" not in name]
    return [f"http://{host}:{port}/"]


def serve_in_background(server: PreviewServer) -> threading.Thread:
    """Serve from a thread, so builds run on the main thread."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
