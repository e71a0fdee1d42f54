"""Time our dev-server rebuild after saving one file, in one long-lived process.

Usage::

    python benchmarks/incremental.py --content DIR --output DIR --cache DIR \\
        --edit FILE [--edit FILE ...] --json RESULT.json

builds ``--content`` once with the preview settings (the dev server's first
build, which fills the content cache), then for each ``--edit`` file appends a
sentence to it and rebuilds, timing each rebuild. The times go to ``--json``;
``benchmarks/run.py`` starts this script under ``measure.py``, which adds the
peak memory of the whole run.

The rebuilds happen in this one process, one after the other, as they do in
``invoke serve``: whatever the process keeps between rebuilds (imported modules,
caches, anything that grows) shows in the trend from the first to the last save.

All knowledge of *how* our site rebuilds is in :func:`our_incremental_rebuild`,
so that the benchmark can follow a faster dev-server API by changing that one
function.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PREVIEW_SETTINGS = REPO / "pelicanconf.py"
CACHE_ENV = "SITE_CONTENT_CACHE"

if str(BENCH_DIR) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(BENCH_DIR))

import corpus  # noqa: E402

Rebuild = Callable[[Path], None]
"""Rebuild the site after ``path`` was saved."""


def our_incremental_rebuild(
    content: Path, output: Path, cache: Path, settings_file: Path = PREVIEW_SETTINGS
) -> Rebuild:
    """Our dev server's rebuild for ``content``, as a function to call after a save.

    It is what ``invoke serve`` does on every change: the preview's builder
    (``plugins/preview/builder.py``) keeps one Pelican instance and its session
    in this process, so a build after a save reads the saved file and renders
    the pages whose inputs changed. The first call is the preview's first,
    full build.
    """
    sys.path.insert(0, str(REPO / "plugins"))
    from preview.builder import PreviewBuilder

    builder = PreviewBuilder(
        REPO,
        output,
        settings_file=settings_file.name,
        overrides={"PATH": str(content), "CACHE_PATH": str(cache)},
    )
    first = [True]

    def rebuild(_changed: Path) -> None:  # the saved file is found by the builder
        builder.build(full=first[0])
        first[0] = False

    return rebuild


def time_saves(rebuild: Rebuild, first: Path, edits: Sequence[Path]) -> dict:
    """One build to start with, then one timed rebuild after each edit.

    ``first`` is passed to the starting build as the "changed" file. The result
    holds the start-up build's time, every rebuild's time, their median and the
    first and last rebuild, which show whether rebuilds grow over a session.
    """
    started = time.perf_counter()
    rebuild(first)
    initial = time.perf_counter() - started
    walls: list[float] = []
    for number, path in enumerate(edits, start=1):
        corpus.edit(path, number)
        started = time.perf_counter()
        rebuild(path)
        walls.append(time.perf_counter() - started)
    return {
        "initial": round(initial, 4),
        "walls": [round(w, 4) for w in walls],
        "median": round(statistics.median(walls), 4) if walls else None,
        "first": round(walls[0], 4) if walls else None,
        "last": round(walls[-1], 4) if walls else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; a failed build raises, so the exit status is 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--settings", type=Path, default=PREVIEW_SETTINGS)
    parser.add_argument(
        "--edit", type=Path, action="append", required=True, help="file to save"
    )
    parser.add_argument("--json", type=Path, required=True, help="write times here")
    args = parser.parse_args(argv)
    # The figure is about the cache being on, whatever the caller's shell says.
    os.environ.pop(CACHE_ENV, None)
    rebuild = our_incremental_rebuild(
        args.content.resolve(),
        args.output.resolve(),
        args.cache.resolve(),
        args.settings.resolve(),
    )
    result = time_saves(rebuild, args.edit[0], args.edit)
    args.json.write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
