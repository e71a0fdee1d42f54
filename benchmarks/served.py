"""Save → served: how long an editor waits from saving a file to seeing the change.

Both sides run the preview an editor would run, over the same corpus:

- ours: the preview server of ``invoke serve`` (``plugins/preview/app.py``) in a
  process of its own, watching the corpus's ``content/`` folder;
- Hugo: ``hugo server`` (0.111 renders to memory; live reload off, since no
  browser is connected).

After each save (a sentence appended to a German news item, as ``corpus.edit``
does), the item's page is requested over HTTP every :data:`POLL` seconds until it
contains the new sentence; the time from the save to that answer is one figure.
That is what an editor sees, file watcher, build and server included; neither
side's own report of its rebuild time is used. The runner waits
:data:`SETTLE` seconds between saves, so that no watcher merges two saves.

Memory: the resident set of each server, read from ``/proc`` after every save;
ours over more saves than are timed (``--memory-saves``), to show whether a
preview that runs for hours grows.
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpus
import hugo_side
from measure import TreeSampler

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
POLL = 0.01
"""Seconds between two requests for the saved page."""
MARK = 10000
"""Saves here are numbered from this on, apart from the corpus's other edits."""
SETTLE = 0.5
"""Seconds between an answer with the change and the next save."""
WATCHER_START = 2.0
"""Seconds from a server's first answer until its file watcher surely runs."""
START_TIMEOUT = 900.0
"""Seconds a server may take for its first build (thousands of pages)."""
SAVE_TIMEOUT = 120.0
_RSS = re.compile(r"^VmRSS:\s+(\d+) kB", re.MULTILINE)


class ServeError(RuntimeError):
    """A server did not start, exited, or never served a saved change."""


def free_port() -> int:
    """A port nothing listens on now (the server binds it a moment later)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float | None:
    """The resident memory of process ``pid`` now (Linux), or None."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    match = _RSS.search(status)
    return round(int(match.group(1)) / 1024, 1) if match else None


class Fetcher:
    """GET requests to one server over one kept-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, str]:
        """Status and text of ``path``; (0, '') while nothing answers."""
        for _attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=30
                )
            try:
                self.connection.request("GET", path)
                response = self.connection.getresponse()
                body = response.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                continue
            if response.will_close:
                self.connection.close()
                self.connection = None
            return response.status, body
        return 0, ""

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


@dataclass
class Server:
    """A preview server started by the benchmark, with its log."""

    name: str
    process: subprocess.Popen
    port: int
    sampler: TreeSampler
    log: Any
    rss: list[float | None] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        name: str,
        command: Sequence[str],
        port: int,
        cwd: Path,
        env: dict[str, str],
        log_path: Path,
    ) -> "Server":
        log = log_path.open("w", encoding="utf-8")
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        return cls(name, process, port, sampler, log)

    def wait_until(
        self,
        fetcher: Fetcher,
        path: str,
        found: Callable[[int, str], bool],
        timeout: float,
    ) -> float:
        """Poll ``path`` until ``found(status, text)``; the moment it was."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            status, text = fetcher.get(path)
            if found(status, text):
                return time.perf_counter()
            if self.process.poll() is not None:
                raise ServeError(f"{self.name}: the server exited")
            time.sleep(POLL)
        raise ServeError(f"{self.name}: /{path.lstrip('/')} never showed the change")

    def stop(self) -> dict[str, Any]:
        """Stop the server; its memory figures."""
        peak = _peak_rss_mib(self.process.pid)
        self.sampler.done.set()
        self.sampler.join()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        tree = self.sampler.peak_kib
        return {
            "peak_rss_mib": peak,
            "peak_tree_mib": None if tree is None else round(tree / 1024, 1),
        }


def _peak_rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return round(int(match.group(1)) / 1024, 1) if match else None


def prepare_our_site(content: Path, site: Path) -> Path:
    """A working copy for our preview: ``content/`` a copy of the corpus.

    The preview watches the ``content/`` folder beside its settings file;
    theme, plugins and settings are linked from the repository, so the
    preview runs the code under test. Returns the copy's content folder.
    """
    site.mkdir(parents=True)
    for name in ("theme", "plugins", "pelicanconf.py"):
        (site / name).symlink_to(REPO / name)
    shutil.copytree(content, site / "content")
    return site / "content"


def our_server_command(python: str, site: Path, output: Path, port: int) -> list[str]:
    """Our preview on ``port``, as ``invoke serve`` runs it, for ``site``."""
    return [
        python,
        str(Path(__file__).resolve()),
        "--serve-ours",
        str(site),
        str(output),
        str(port),
    ]


def _serve_ours(site: str, output: str, port: str) -> None:
    sys.path[:0] = [str(REPO / "plugins"), str(REPO)]
    from preview.app import run

    run(Path(site), Path(output), port=int(port))


def hugo_server_command(hugo: str, site: Path, cache: Path, port: int) -> list[str]:
    """``hugo server`` on ``port`` in its default mode, live reload off."""
    return [
        hugo,
        "server",
        "--source",
        str(site),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--disableLiveReload",
        "--cacheDir",
        str(cache),
    ]


def time_saves(
    server: Server,
    page: Callable[[Path], str],
    edits: Sequence[Path],
    timed: int,
) -> dict[str, Any]:
    """Save each of ``edits`` in turn; time the first ``timed`` until served.

    Every save is followed by waiting for the page to show it (so the memory
    read after it belongs to a finished build); only the first ``timed``
    count for the latency figures.
    """
    fetcher = Fetcher(server.port)
    latencies: list[float] = []
    try:
        first = page(edits[0])
        server.wait_until(fetcher, first, lambda s, _t: s == 200, START_TIMEOUT)
        # The server answers before its file watcher runs: a save in between
        # would go unnoticed.
        time.sleep(WATCHER_START)
        started_rss = rss_mib(server.process.pid)
        for number, path in enumerate(edits, start=1):
            # Numbered apart from any earlier edit of the corpus (warm builds).
            marker = f"Nachtrag {MARK + number}:"
            corpus.edit(path, MARK + number)
            saved = time.perf_counter()
            served = server.wait_until(
                fetcher,
                page(path),
                lambda s, t, m=marker: s == 200 and m in t,
                SAVE_TIMEOUT,
            )
            if number <= timed:
                latencies.append(served - saved)
            time.sleep(SETTLE)
            server.rss.append(rss_mib(server.process.pid))
    finally:
        fetcher.close()
        memory = server.stop()
    ordered = sorted(latencies)
    return {
        "latency": [round(x, 4) for x in latencies],
        "median": round(statistics.median(latencies), 4),
        "p90": round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], 4),
        "first": round(latencies[0], 4),
        "last": round(latencies[-1], 4),
        "saves": len(edits),
        "rss_start_mib": started_rss,
        "rss_after_saves_mib": server.rss,
        **memory,
    }


def measure_ours(
    python: str,
    content: Path,
    work: Path,
    edits: Sequence[Path],
    page: Callable[[Path], str],
    timed: int,
) -> dict[str, Any]:
    """Our preview over a copy of ``content``; ``edits`` name files of ``content``."""
    copy = prepare_our_site(content, work / "site-ours-preview")
    mine = [copy / path.relative_to(content) for path in edits]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITE_CONTENT_CACHE"}
    server = Server.start(
        "ours",
        our_server_command(python, copy.parent, work / "output-preview-server", port),
        port,
        REPO,
        env,
        work / "logs" / "served-ours.log",
    )
    return time_saves(server, page, mine, timed)


def measure_hugo(
    hugo: str,
    site: Path,
    work: Path,
    edits: Sequence[Path],
    page: Callable[[Path], str],
    timed: int,
) -> dict[str, Any]:
    """``hugo server`` over its site; ``edits`` name files of its content."""
    port = free_port()
    server = Server.start(
        "hugo",
        hugo_server_command(hugo, site, work / "cache" / "hugo-server", port),
        port,
        site,
        hugo_side.environment(),
        work / "logs" / "served-hugo.log",
    )
    return time_saves(server, page, edits, timed)


def main(argv: Sequence[str] | None = None) -> int:
    """``--serve-ours SITE OUTPUT PORT``: run our preview (the runner starts it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve-ours", nargs=3, metavar=("SITE", "OUTPUT", "PORT"))
    args = parser.parse_args(argv)
    if not args.serve_ours:
        parser.error("nothing to do: the runner (run.py) measures, this serves")
    _serve_ours(*args.serve_ours)
    return 0


if __name__ == "__main__":
    sys.exit(main())
