"""Time one command and report its peak memory, as JSON on stdout.

Usage::

    python benchmarks/measure.py [--log FILE] -- COMMAND [ARG ...]

prints one line such as
``{"wall": 12.34, "peak_rss_mib": 118.2, "peak_tree_mib": 160.5, "returncode": 0}``
and exits with the command's exit status.

Why a wrapper process: ``getrusage(RUSAGE_CHILDREN)`` accumulates over *every* child a
process has ever waited for. Starting this wrapper fresh for each measurement means its
only child is the build, so the figure belongs to that build alone.

What ``peak_rss_mib`` means: ``ru_maxrss`` of ``RUSAGE_CHILDREN`` is the largest
resident set size reached by any *single* descendant that has terminated and been
waited for (the build, or a worker process it started and reaped). It is not the sum
of processes running at the same time: a build that spreads work over a pool of
workers may use more memory in total than this number shows. For single-process
builds, such as stock Pelican, it is exactly the build's peak.

What ``peak_tree_mib`` means: the whole process tree's memory, for builds that
use worker processes. Every ``SAMPLE_SECONDS`` the wrapper adds up the
proportional set size (PSS, ``/proc/<pid>/smaps_rollup``) of the command and all
its descendants and keeps the largest sum. PSS divides pages that processes share
(a forked worker's copy of its parent) among them, so the sum does not count them
twice. It is sampled, so a peak shorter than the interval can be missed; it is
``null`` where ``/proc`` does not offer it (not Linux).

The wall time covers process start to exit, interpreter start-up and imports
included, because that is what someone running the build waits for.
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

SAMPLE_SECONDS = 0.1
"""Often enough for builds of a second or more; each sample costs well under a
millisecond per process."""
_PSS = re.compile(r"^Pss:\s+(\d+) kB", re.MULTILINE)


def _maxrss_mib(maxrss: int) -> float:
    """``ru_maxrss`` in MiB: Linux reports KiB, macOS reports bytes."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return maxrss / divisor


def _tree_pss_kib(root: int) -> int | None:
    """The summed PSS of ``root`` and its descendants now, or None without /proc."""
    total, found = 0, False
    pending, seen = [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            match = _PSS.search(Path(f"/proc/{pid}/smaps_rollup").read_text())
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:  # gone already, or no /proc
            continue
        if match:
            total, found = total + int(match.group(1)), True
        for task in tasks:
            try:
                children = Path(f"/proc/{pid}/task/{task}/children").read_text()
            except OSError:
                continue
            pending.extend(int(child) for child in children.split())
    return total if found else None


class TreeSampler(threading.Thread):
    """Samples the PSS of ``root``'s process tree until ``done`` is set; keeps the
    peak in ``peak_kib``. Also used for ``hugo server``, which runs for a while."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kib: int | None = None
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            now = _tree_pss_kib(self.root)
            if now is not None and (self.peak_kib is None or now > self.peak_kib):
                self.peak_kib = now
            self.done.wait(SAMPLE_SECONDS)


def measure(
    command: Sequence[str], log: TextIO | None = None
) -> dict[str, float | int | None]:
    """Run ``command`` to completion; return wall seconds, peak RSS and exit status.

    The command's output goes to ``log`` (or to this process's stderr), never to
    stdout, which is reserved for the JSON result.
    """
    sink = log if log is not None else sys.stderr
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=sink, stderr=sink)
    sampler = TreeSampler(process.pid)
    sampler.start()
    returncode = process.wait()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    tree = sampler.peak_kib
    return {
        "wall": round(wall, 4),
        "peak_rss_mib": round(_maxrss_mib(usage.ru_maxrss), 1),
        "peak_tree_mib": None if tree is None else round(tree / 1024, 1),
        "returncode": returncode,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; exits with the measured command's status."""
    parser = argparse.ArgumentParser(
        description="Time a command and report the peak RSS of it and its children.",
        usage="%(prog)s [--log FILE] -- COMMAND [ARG ...]",
    )
    parser.add_argument("--log", type=Path, help="write the command's output here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    if args.log is not None:
        with args.log.open("w", encoding="utf-8") as log:
            result = measure(command, log)
    else:
        result = measure(command)
    print(json.dumps(result), flush=True)
    # A negative status means "killed by a signal"; report that as a failure too.
    status = int(result["returncode"])
    return status if status >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
