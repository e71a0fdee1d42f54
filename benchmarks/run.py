"""Compare our build with Hugo (and stock Pelican + i18n-subsites) on one corpus.

Usage::

    python benchmarks/run.py [--pairs 200,2000] [--runs 3] [--saves 20]
                             [--sides ours,hugo,baseline] [--json results.json]

For each requested size N, generates the synthetic corpus of
``benchmarks/corpus.py`` once in every side's format and measures

- full clean builds, alternating the sides (ours with production settings, ours
  with preview settings, Hugo, the baseline, then again), so that a slow phase of
  the machine hits all of them alike; each build runs in a fresh
  ``benchmarks/measure.py`` process and gets a new output folder;
- a warm CI build: ours as CI runs it, with the build caches of the previous
  run restored and three files changed since, against Hugo's clean build;
- save → served: each side's preview server running (ours as ``invoke serve``,
  Hugo's ``hugo server``), a news item saved, its page polled over HTTP until it
  shows the change (``benchmarks/served.py``); the same items on both sides,
  and our preview's memory over many saves.

The figures are medians; the ratios are what to quote, absolute seconds depend
on the machine. Exits non-zero only if a build fails, never for a missed target:
timings belong in a benchmark, not in pass/fail checks.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import corpus  # benchmarks/ is on sys.path when this file is run as a script
import hugo_side
import report
import served

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
MEASURE = BENCH_DIR / "measure.py"
WARM_CHANGES = report.WARM_CHANGES
BASELINE_SETTINGS = BENCH_DIR / "baseline" / "pelicanconf.py"
PREVIEW_SETTINGS = REPO / "pelicanconf.py"
SIDES = ("ours", "hugo", "baseline")
DEFAULT_SIDES = "ours,hugo"
CACHE_ENV = "SITE_CONTENT_CACHE"
"""Read by our build; ``0`` turns its content cache off for the full-build figures."""
STDERR_TAIL_LINES = 40


@dataclass
class Build:
    """One measured build."""

    side: str
    label: str
    wall: float
    peak_rss_mib: float
    returncode: int
    peak_tree_mib: float | None = None
    files: int = 0
    html_files: int = 0
    log: str = ""
    command: list[str] = field(default_factory=list)


@dataclass
class Side:
    """How to build one side from scratch, and what its builds measured.

    ``command`` holds the placeholders ``{output}`` and ``{cache}``, filled with a
    new folder for every build.
    """

    name: str
    command: list[str]
    env: dict[str, str]
    cwd: Path = REPO
    builds: list[Build] = field(default_factory=list)
    failed: bool = False

    def summary(self) -> dict[str, float | int | None]:
        """Median, min and max wall time, median peak memory, HTML files written.

        ``rss`` is the largest single process, ``tree`` the sampled whole tree
        (see measure.py).
        """
        ok = [b for b in self.builds if b.returncode == 0]
        if not ok:
            return {"wall": None, "wall_min": None, "wall_max": None, "rss": None}
        walls = [b.wall for b in ok]
        trees = [b.peak_tree_mib for b in ok if b.peak_tree_mib is not None]
        return {
            "wall": statistics.median(walls),
            "wall_min": min(walls),
            "wall_max": max(walls),
            "rss": statistics.median(b.peak_rss_mib for b in ok),
            "tree": statistics.median(trees) if trees else None,
            "html_files": ok[-1].html_files,
        }


class Bench:
    """The working folder of one size and the measurements made in it.

    Output folders are never deleted while builds run: the disk is slow to delete
    thousands of files and that would slow down the next timed build. A previous
    output folder is renamed into ``old/`` instead, and everything goes when the
    temporary folder is removed at the end.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        for name in ("old", "logs", "cache"):
            (root / name).mkdir(parents=True)

    def measure(
        self, command: list[str], log: Path, cwd: Path, env: dict[str, str]
    ) -> dict[str, Any]:
        """Run ``command`` under ``measure.py``: wall time, peak memory, exit status."""
        wrapper = [sys.executable, str(MEASURE), "--log", str(log), "--", *command]
        done = subprocess.run(
            wrapper, cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        try:
            return json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            # The wrapper itself failed: no figures, and never a success.
            log.write_text(done.stderr, encoding="utf-8")
            return {
                "wall": 0.0,
                "peak_rss_mib": 0.0,
                "returncode": done.returncode or 1,
            }

    def build(self, side: Side, label: str, cache: Path | None = None) -> Build:
        """Build ``side`` once into a new output folder.

        With an empty cache folder, unless ``cache`` names one to use.
        """
        self.count += 1
        out = self.root / f"output-{side.name}"
        if out.exists():
            out.rename(self.root / "old" / f"{out.name}-{self.count}")
        cache = cache or self.root / "cache" / f"{side.name}-{self.count}"
        log = self.root / "logs" / f"{self.count:03d}-{side.name}-{label}.log"
        command = [
            part.replace("{output}", str(out)).replace("{cache}", str(cache))
            for part in side.command
        ]
        result = self.measure(command, log, side.cwd, side.env)
        record = Build(
            side=side.name,
            label=label,
            wall=float(result["wall"]),
            peak_rss_mib=float(result["peak_rss_mib"]),
            returncode=int(result["returncode"]),
            peak_tree_mib=result.get("peak_tree_mib"),
            log=str(log),
            command=command,
        )
        if record.returncode == 0:
            record.files, record.html_files = _count_files(out)
        return record


def _count_files(out: Path) -> tuple[int, int]:
    """All files and HTML files under ``out``: shows that a fast build built it all."""
    files = html = 0
    for _, _, names in os.walk(out):
        files += len(names)
        html += sum(1 for name in names if name.endswith(".html"))
    return files, html


def _tail(path: str | Path, lines: int = STDERR_TAIL_LINES) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _report(build: Build, step: str) -> None:
    if build.returncode == 0:
        _progress(
            f"{step} {build.side} {build.label}: {build.wall:.2f} s, "
            f"{build.peak_rss_mib:.0f} MiB, {build.html_files} HTML files"
        )
    else:
        _progress(
            f"{step} {build.side} {build.label}: FAILED (exit {build.returncode}); "
            f"last lines of {build.log}:\n{_tail(build.log)}"
        )


def _env(cache: bool) -> dict[str, str]:
    """The environment for a build: our content cache allowed or switched off."""
    env = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    if not cache:
        env[CACHE_ENV] = "0"
    return env


def _pelican(python: str, content: Path, settings: Path) -> list[str]:
    # Run from the repository root: settings files import each other
    # (publishconf.py importing pelicanconf.py) and use relative paths.
    return [
        python,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(settings),
        "-o",
        "{output}",
        # Keeps any cache a build writes out of the repository (and out of the
        # next measurement).
        "--cache-path",
        "{cache}",
        # Unwrapped log lines, so a failure's traceback reads well in the tail.
        "--log-handler",
        "plain",
    ]


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _served(
    bench: Bench,
    args: argparse.Namespace,
    logical: corpus.Corpus,
    folders: dict[str, Path],
) -> tuple[dict[str, Any], bool]:
    """Save → served figures per side; the same news items are saved on both."""
    count = max(args.saves, args.memory_saves)
    items = [logical.news[i % len(logical.news)] for i in range(count)]
    # The page of a saved file, by its name (the news key is unique).
    pages = {
        Path(corpus.news_path(fmt, item, "de")).name: f"/de/aktuelles/{item.de.slug}/"
        for item in logical.news
        for fmt in ("ours", "hugo")
    }

    def page_of(_root: Path) -> Any:
        return lambda path: pages[path.name]

    results: dict[str, Any] = {}
    ok = True
    for name in ("ours", "hugo"):
        if name not in args.sides:
            continue
        content = folders[name] / "content" if name == "hugo" else folders[name]
        # Hugo's memory needs no more saves than are timed.
        saved = items if name == "ours" else items[: args.saves]
        edits = [content / corpus.news_path(name, item, "de") for item in saved]
        _progress(f"[served] {name}: {len(edits)} saves, {args.saves} timed")
        try:
            if name == "ours":
                figures = served.measure_ours(
                    args.python,
                    content,
                    bench.root,
                    edits,
                    page_of(content),
                    args.saves,
                )
            else:
                figures = served.measure_hugo(
                    args.hugo,
                    folders[name],
                    bench.root,
                    edits,
                    page_of(content),
                    args.saves,
                )
        except (served.ServeError, OSError) as error:
            _progress(f"[served] {name}: FAILED ({error}); see {bench.root / 'logs'}")
            ok = False
            continue
        _progress(
            f"[served] {name}: median {figures['median']:.3f} s, "
            f"p90 {figures['p90']:.3f} s"
        )
        results[name] = figures
    if "ours" in results and "hugo" in results:
        results["ratio"] = _ratio(results["ours"]["median"], results["hugo"]["median"])
        results["ratio_p90"] = _ratio(results["ours"]["p90"], results["hugo"]["p90"])
    return results, ok


def _warm_builds(
    bench: Bench,
    args: argparse.Namespace,
    logical: corpus.Corpus,
    content: Path,
    sides: dict[str, Side],
) -> list[Build]:
    """Warm CI builds: the previous run's caches restored, three files changed.

    Per side, one untimed build fills a cache folder (the previous CI run);
    then, per run and side, that side's caches are copied (restored), three
    news items saved, and the build timed; its caches are what the side's
    next build restores, as CI saves a new cache after every run.
    """
    names = [name for name in ("ours", "preview") if name in sides]
    warm = {name: Side(name, sides[name].command, _env(True)) for name in names}
    previous: dict[str, Path] = {}
    builds = []
    for name in names:
        previous[name] = bench.root / "cache" / f"previous-run-{name}"
        prime = bench.build(warm[name], "previous-run", cache=previous[name])
        if prime.returncode != 0:
            _report(prime, "[warm]")
            return [prime]
    number = 0
    for run_number in range(1, args.runs + 1):
        for name in names:
            restored = bench.root / "cache" / f"restored-{bench.count}"
            shutil.copytree(previous[name], restored, symlinks=True)
            for _ in range(WARM_CHANGES):
                number += 1
                item = logical.news[-number % len(logical.news)]
                corpus.edit(content / corpus.news_path("ours", item, "de"), number)
            os.sync()  # the copy's writes are not the build's to wait for
            build = bench.build(warm[name], f"warm{run_number}", cache=restored)
            _report(build, "[warm]")
            builds.append(build)
            if build.returncode != 0:
                return builds
            previous[name] = restored
    return builds


def measure_size(
    args: argparse.Namespace, pairs: int, root: Path
) -> tuple[dict[str, Any], bool]:
    """Every figure for one corpus size; returns (results, all builds ok)."""
    bench = Bench(root)
    started = time.perf_counter()
    logical = corpus.build_corpus(pairs, args.seed)
    folders: dict[str, Path] = {}
    files: dict[str, int] = {}
    for fmt in args.sides:
        if fmt == "hugo":
            folders[fmt] = root / "site-hugo"
            files[fmt] = hugo_side.prepare_site(logical, folders[fmt])
        else:
            folders[fmt] = root / f"corpus-{fmt}"
            files[fmt] = len(corpus.write_corpus(logical, fmt, folders[fmt]))
    _progress(
        f"N={pairs}: {pairs} news + {len(logical.events)} event pairs, "
        f"{max(files.values())} files per format, written in "
        f"{time.perf_counter() - started:.1f} s to {root}"
    )

    sides: dict[str, Side] = {}
    if "ours" in args.sides:
        content = folders["ours"]
        sides["ours"] = Side(
            "ours", _pelican(args.python, content, args.ours_settings), _env(False)
        )
        if not args.no_preview:
            sides["preview"] = Side(
                "preview", _pelican(args.python, content, PREVIEW_SETTINGS), _env(False)
            )
    if "hugo" in args.sides:
        site = folders["hugo"]
        command = hugo_side.build_command(
            args.hugo, site, Path("{output}"), Path("{cache}")
        )
        sides["hugo"] = Side("hugo", command, hugo_side.environment(), cwd=site)
    if "baseline" in args.sides:
        # The baseline has caching off in its settings; each build gets an empty
        # --cache-path anyway.
        sides["baseline"] = Side(
            "baseline",
            _pelican(args.python, folders["baseline"], BASELINE_SETTINGS),
            _env(True),
        )

    total = args.runs * len(sides)
    step = 0
    for number in range(1, args.runs + 1):
        for side in sides.values():
            step += 1
            if side.failed:
                continue
            build = bench.build(side, f"run{number}")
            side.builds.append(build)
            _report(build, f"[N={pairs} {step}/{total}]")
            side.failed = build.returncode != 0

    summaries = {name: side.summary() for name, side in sides.items()}
    result: dict[str, Any] = {
        "pairs": pairs,
        "event_pairs": len(logical.events),
        "files": files,
        "sides": summaries,
        "ratios": _full_build_ratios(summaries),
        "builds": [asdict(b) for s in sides.values() for b in s.builds],
    }
    ok = not any(s.failed for s in sides.values())
    if not args.no_warm and ok and "ours" in args.sides:
        builds = _warm_builds(bench, args, logical, folders["ours"], sides)
        ok = ok and all(b.returncode == 0 for b in builds)
        result["warm"] = _warm_figures(builds, summaries.get("hugo"))
        result["builds"] += [asdict(b) for b in builds]
    if not args.no_incremental and ok:
        result["served"], served_ok = _served(bench, args, logical, folders)
        ok = ok and served_ok
    return result, ok


def _warm_figures(
    builds: Sequence[Build], hugo: dict[str, Any] | None
) -> dict[str, Any]:
    """Per side: the warm builds' summary and its ratio to Hugo's clean build."""
    figures: dict[str, Any] = {}
    for name in ("ours", "preview"):
        timed = [b for b in builds if b.side == name and b.label != "previous-run"]
        if not timed:
            continue
        summary = Side(name, [], {}, builds=timed).summary()
        if hugo and hugo.get("wall"):
            summary["ratio_hugo"] = _ratio(summary["wall"], hugo["wall"])
            summary["ratio_hugo_tree"] = _ratio(summary.get("tree"), hugo.get("tree"))
        figures[name] = summary
    return figures


def _full_build_ratios(summaries: dict[str, Any]) -> dict[str, Any]:
    """ours/Hugo, ours/baseline (with its target) and production/preview."""
    ratios: dict[str, Any] = {}
    ours = summaries.get("ours")
    pairs = {"ours/hugo": "hugo", "ours/baseline": "baseline"}
    for name, other in pairs.items():
        if ours and other in summaries:
            theirs = summaries[other]
            ratios[name] = {
                "wall": _ratio(ours["wall"], theirs["wall"]),
                "rss": _ratio(ours["rss"], theirs["rss"]),
                "tree": _ratio(ours.get("tree"), theirs.get("tree")),
            }
    if "ours/baseline" in ratios:
        ratios["ours/baseline"]["target"] = report.TARGET_RATIO
    if ours and "preview" in summaries:
        ratios["production/preview"] = {
            "wall": _ratio(ours["wall"], summaries["preview"]["wall"]),
        }
    return ratios


def _default_python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _default_ours_settings() -> Path:
    publish = REPO / "publishconf.py"
    return publish if publish.exists() else PREVIEW_SETTINGS


def _git_revision() -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def _sizes(text: str) -> list[int]:
    """``--pairs 200,2000`` → [200, 2000]."""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--pairs takes numbers separated by commas, got {text!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--pairs must be at least 1")
    return sizes


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pairs",
        type=_sizes,
        default=[report.TARGET_PAIRS],
        help="news pairs, one size or several separated by commas (200,2000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="full builds per side")
    parser.add_argument(
        "--saves", type=int, default=20, help="saved files per rebuild figure"
    )
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument(
        "--ours-settings",
        type=Path,
        default=None,
        help="settings for our full build (default: publishconf.py, else "
        "pelicanconf.py)",
    )
    parser.add_argument(
        "--sides",
        default=DEFAULT_SIDES,
        help=f"comma-separated subset of {','.join(SIDES)} (default: {DEFAULT_SIDES})",
    )
    parser.add_argument(
        "--memory-saves",
        type=int,
        default=100,
        help="saves over which our preview's memory is followed (at least --saves)",
    )
    parser.add_argument(
        "--no-incremental",
        "--no-rebuild",
        "--no-served",
        action="store_true",
        dest="no_incremental",
        help="skip the 'save → served' figures",
    )
    parser.add_argument(
        "--no-warm", action="store_true", help="skip the warm CI build figures"
    )
    parser.add_argument(
        "--no-preview",
        action="store_true",
        help="skip our full build with preview settings (and its ratio)",
    )
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--python", default=None, help="interpreter that runs Pelican")
    parser.add_argument("--hugo", default=None, help="hugo executable (default: PATH)")
    parser.add_argument("--workdir", type=Path, default=None, help="parent of temp dir")
    args = parser.parse_args(argv)
    args.sides = [s.strip() for s in args.sides.split(",") if s.strip()]
    if not args.sides or set(args.sides) - set(SIDES):
        parser.error(f"--sides takes one or more of {', '.join(SIDES)}")
    if args.runs < 1 or args.saves < 1:
        parser.error("--runs and --saves must be at least 1")
    args.python = args.python or _default_python()
    args.ours_settings = (args.ours_settings or _default_ours_settings()).resolve()
    return args


def run(args: argparse.Namespace, root: Path) -> tuple[dict[str, Any], bool]:
    """Measure every size in ``args.pairs``; returns (results, all builds ok)."""
    environment: dict[str, Any] = {
        "python": args.python,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": _git_revision(),
    }
    if "hugo" in args.sides:
        args.hugo = hugo_side.find_hugo(args.hugo)
        environment["hugo"] = hugo_side.version(args.hugo)
    sizes = []
    ok = True
    for pairs in args.pairs:
        size, size_ok = measure_size(args, pairs, root / f"N{pairs}")
        sizes.append(size)
        ok = ok and size_ok
    result = {
        "runs": args.runs,
        "saves": args.saves,
        "memory_saves": max(args.saves, args.memory_saves),
        "seed": args.seed,
        "sides": args.sides,
        "sizes": sizes,
        "environment": environment,
    }
    report.print_table(result)
    return result, ok


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 if every build succeeded, 1 otherwise."""
    args = _parse_args(argv)
    # Absolute: Hugo runs from its site folder, Pelican from the repository.
    root = Path(tempfile.mkdtemp(prefix="site-bench-", dir=args.workdir)).resolve()
    try:
        try:
            result, ok = run(args, root)
        except hugo_side.HugoError as error:
            _progress(f"error: {error}")
            return 1
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            _progress(f"figures written to {args.json}")
    finally:
        if args.keep:
            _progress(f"kept the working folder {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
