"""The preview's web server: the built pages, the build's problems, live reload.

Every HTML page it sends gets the current problems at the top (file, line,
what to do) and a small script that reloads the page when a new build is
done; both are added while sending, so the built files stay exactly what a
build writes. A page whose file has errors is not in the build: instead of a
plain "not found", its address shows those errors. Everything is served
from this machine (stylesheet and script under ``/_preview/``), within the
pages' own Content-Security-Policy.

The editing interface (``/admin/``) is sent exactly as built: a reload would
lose what the editor is typing, and the box would cover its buttons. It asks
``/_preview/problems.json`` for the problems of the file it saved instead.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import json
import logging
import posixpath
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from sitecore.i18n import N_

from .builder import PreviewBuilder
from .instance import PORT_TRIES, StartError
from .pages import PREFIX, Translations, error_page, inject, translations_page
from .problems import banner, problem_list, shown_file

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
#: The editing interface (the content contract's address): sent untouched.
ADMIN = "/admin/"
#: Types of the files a build writes, the same on every system (``mimetypes``
#: reads the host's tables; it has no type for YAML at all).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".yaml": "text/yaml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".map": "application/json",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml",
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/vnd.microsoft.icon",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
}

RESTARTING = N_("The settings or the site's code changed: the preview starts again.")
OPEN_IT = N_("The preview is at {address} (stop it with Ctrl+C).")
SHARED = N_("Others in your network open {address}.")
FOREIGN_HOST = N_(
    "This preview answers only at its own addresses; open it at {address}."
)
BAD_REQUEST = N_("The address has characters no page address has.")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder of a :class:`PreviewBuilder`, with the extras."""

    builder: PreviewBuilder
    translate: Translations
    extensions_map = MappingProxyType(
        {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            **TYPES,
            "": "application/octet-stream",
        }
    )

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
            page = translations_page(self.builder, self.translate)
            self._send(200, "text/html; charset=utf-8", page)
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
        if _editing(path):
            # As built: no box over its buttons, no reload of unsaved input.
            if target.is_file():
                super().do_HEAD() if self.command == "HEAD" else super().do_GET()
            else:
                self.send_error(404)
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
                self._send(
                    404, "text/html; charset=utf-8", error_page(box, self.translate)
                )
                return
        self._not_found()

    def _problems(self) -> None:
        """The problems of the latest build, of one file (``?path=``) or all.

        For the editing interface: after saving it asks until ``build`` grew
        and ``busy`` is false, then shows what the build found in that file.
        """
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        only = None
        if "path" in query:
            only = shown_file(query["path"][0]) or ""
        file = None
        if only:
            file = Path(self.builder.shown_root, only)
        answer = problem_list(
            self.builder.snapshot,
            self.builder.shown_root,
            self.translate,
            busy=self.builder.waiting(file),
            only=only,
        )
        body = json.dumps(answer, ensure_ascii=False).encode()
        self._send(200, "application/json", body)

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


def _editing(path: str) -> bool:
    """True for the editing interface's own files (``/admin/`` and below)."""
    return path == ADMIN.rstrip("/") or path.startswith(ADMIN)


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
    raise StartError(
        translate(
            N_("Ports %(first)s to %(last)s are all in use; choose one with --port.")
        )
        % {"first": port, "last": port + PORT_TRIES - 1}
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
