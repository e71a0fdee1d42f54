"""Hugo's side of the build benchmark: installing, building and serving the corpus.

Hugo builds the same logical corpus as our site (``corpus.py --format hugo``) with
the minimal templates and configuration in ``benchmarks/hugo/``. Nothing here is
part of the site: only the benchmark uses Hugo, and only the benchmark installs it
(``benchmarks/setup-hugo``, Debian's package).
"""

import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import corpus
from measure import TreeSampler

BENCH_DIR = Path(__file__).resolve().parent
SITE_TEMPLATE = BENCH_DIR / "hugo"
SETUP = BENCH_DIR / "setup-hugo"

READY = re.compile(r"Web Server is available at")
BUILT = re.compile(r"Built in (\d+(?:\.\d+)?) ms")
REBUILT = re.compile(r"Total in (\d+(?:\.\d+)?) ms")
FAILED = re.compile(r"\bERROR\b|^Error:")
SETTLE = 0.5
"""Seconds to wait after a rebuild before the next save, so that Hugo's watcher
sees each save as a change of its own rather than merging two."""


class HugoError(RuntimeError):
    """Hugo is missing, failed, or did not report a rebuild in time."""


def find_hugo(explicit: str | None = None) -> str:
    """The ``hugo`` to run: ``explicit``, else the one on PATH, else install it.

    Installing runs ``benchmarks/setup-hugo`` (Debian's package via apt-get),
    which needs root or sudo; the site's own set-up never installs Hugo.
    """
    if explicit:
        found = shutil.which(explicit)
        if not found:
            raise HugoError(f"--hugo {explicit}: no such program")
        return found
    found = shutil.which("hugo")
    if found:
        return found
    done = subprocess.run(["bash", str(SETUP)], check=False)
    found = shutil.which("hugo")
    if done.returncode != 0 or not found:
        raise HugoError(f"Hugo is not installed and {SETUP} could not install it")
    return found


def version(hugo: str) -> str:
    """``hugo version``'s line, kept with the figures: versions do not compare."""
    done = subprocess.run(
        [hugo, "version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or done.stderr.strip()


def environment() -> dict[str, str]:
    """The caller's environment without ``HUGO_*``: those would override the
    benchmark's configuration, and the figures would no longer say what they say."""
    return {k: v for k, v in os.environ.items() if not k.startswith("HUGO_")}


def prepare_site(logical: corpus.Corpus, site: Path) -> int:
    """Copy the templates and configuration to ``site`` and write the corpus there.

    A copy, so that Hugo's lock file and caches stay in the working folder and
    the saves made while measuring rebuilds never touch the repository. Returns
    the number of content files.
    """
    shutil.copytree(SITE_TEMPLATE, site)
    return len(corpus.write_corpus(logical, "hugo", site / "content"))


def build_command(hugo: str, site: Path, output: Path, cache: Path) -> list[str]:
    """A full build of ``site`` into the new folder ``output``, Hugo's defaults
    otherwise (no ``--gc``, no ``--minify``)."""
    return [
        hugo,
        "--quiet",
        "--source",
        str(site),
        "--destination",
        str(output),
        "--cacheDir",
        str(cache),
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _peak_rss_mib(pid: int) -> float | None:
    """The process's high-water mark of resident memory (Linux), or None."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return round(int(match.group(1)) / 1024, 1) if match else None


class _Server:
    """``hugo server`` in the background, its log lines timestamped as they come."""

    def __init__(self, hugo: str, site: Path, cache: Path, log: TextIO) -> None:
        # Hugo 0.111 serves from memory by default (newer versions render to disk
        # unless told --renderToMemory); --disableLiveReload: no browser is
        # connected, and reloading one is not part of the rebuild.
        command = [
            hugo,
            "server",
            "--source",
            str(site),
            "--bind",
            "127.0.0.1",
            "--port",
            str(_free_port()),
            "--disableLiveReload",
            "--cacheDir",
            str(cache),
        ]
        self.log = log
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.process = subprocess.Popen(
            command,
            cwd=site,
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.sampler = TreeSampler(self.process.pid)
        self.sampler.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))
            self.log.write(line)

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> tuple[float, str]:
        """The time and text of the next line matching ``pattern``.

        Raises HugoError when Hugo logs an error, exits, or ``timeout`` passes.
        """
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise HugoError(f"no {pattern.pattern!r} from hugo server in time")
            try:
                when, line = self.lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                if self.process.poll() is not None and not self.reader.is_alive():
                    raise HugoError("hugo server exited") from None
                continue
            if FAILED.search(line):
                raise HugoError(f"hugo server: {line.strip()}")
            match = pattern.search(line)
            if match:
                return when, match.group(1) if match.groups() else line

    def drain(self) -> int:
        """Discard lines logged so far; the number of further rebuilds among them."""
        extra = 0
        while True:
            try:
                _, line = self.lines.get_nowait()
            except queue.Empty:
                return extra
            extra += bool(REBUILT.search(line))

    def stop(self) -> tuple[float | None, float | None]:
        """Stop the server; its peak RSS and sampled peak PSS in MiB, if known."""
        peak = _peak_rss_mib(self.process.pid)
        self.sampler.done.set()
        self.sampler.join()
        tree = self.sampler.peak_kib
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        return peak, None if tree is None else round(tree / 1024, 1)


def server_rebuilds(
    hugo: str,
    site: Path,
    edits: Sequence[Path],
    cache: Path,
    log_path: Path,
    timeout: float = 600.0,
) -> dict[str, Any]:
    """Run ``hugo server`` on ``site``, save each of ``edits`` once, time rebuilds.

    Two figures per save: ``reported``, Hugo's own "Total in N ms" (from the
    change it detected to the end of the rebuild, like our in-process timing),
    and ``latency``, from the moment the file was written until that line
    appeared, which adds the file watcher's delay.
    """
    reported: list[float] = []
    latency: list[float] = []
    extra = 0
    with log_path.open("w", encoding="utf-8") as log:
        server = _Server(hugo, site, cache, log)
        try:
            _, initial = server.wait_for(BUILT, timeout)
            server.wait_for(READY, timeout)
            for number, path in enumerate(edits, start=1):
                server.drain()
                corpus.edit(path, number)
                saved = time.perf_counter()
                when, total_ms = server.wait_for(REBUILT, timeout)
                reported.append(float(total_ms) / 1000)
                latency.append(when - saved)
                time.sleep(SETTLE)
                extra += server.drain()
        finally:
            peak, tree = server.stop()
    return {
        "initial": float(initial) / 1000,
        "walls": reported,
        "latency": [round(x, 4) for x in latency],
        "median": statistics.median(reported),
        "latency_median": round(statistics.median(latency), 4),
        "first": reported[0],
        "last": reported[-1],
        "peak_rss_mib": peak,
        "peak_tree_mib": tree,
        "extra_rebuilds": extra,
    }
