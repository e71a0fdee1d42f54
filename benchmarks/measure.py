"""Time one command and report its peak memory, as JSON on stdout.

Usage::

    python benchmarks/measure.py [--log FILE] -- COMMAND [ARG ...]

prints one line such as ``{"wall": 12.34, "peak_rss_mib": 118.2, "returncode": 0}``
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

The wall time covers process start to exit, interpreter start-up and imports
included, because that is what someone running the build waits for.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO


def _maxrss_mib(maxrss: int) -> float:
    """``ru_maxrss`` in MiB: Linux reports KiB, macOS reports bytes."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return maxrss / divisor


def measure(
    command: Sequence[str], log: TextIO | None = None
) -> dict[str, float | int]:
    """Run ``command`` to completion; return wall seconds, peak RSS and exit status.

    The command's output goes to ``log`` (or to this process's stderr), never to
    stdout, which is reserved for the JSON result.
    """
    sink = log if log is not None else sys.stderr
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=sink, stderr=sink, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": round(wall, 4),
        "peak_rss_mib": round(_maxrss_mib(usage.ru_maxrss), 1),
        "returncode": completed.returncode,
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
