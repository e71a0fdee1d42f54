"""Compare our full build with stock Pelican + pelican-i18n-subsites on one corpus.

Usage::

    python benchmarks/run.py [--pairs 2000] [--runs 3] [--json results.json] [--keep]

Generates the synthetic corpus of ``benchmarks/corpus.py`` once in both formats,
then builds it alternately with our settings and with ``benchmarks/baseline`` (ours,
baseline, ours, baseline, …), so that a slow phase of the machine hits both sides
alike. Each build is timed in a fresh ``benchmarks/measure.py`` process. The
figures are the medians; the ratio ours/baseline is what to quote, absolute seconds
depend on the machine. The target is a wall-time ratio of at most 0.5 at 2000 pairs.

Exits non-zero only if a build fails, never for a missed target: timings belong in
a benchmark, not in pass/fail checks.
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

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
MEASURE = BENCH_DIR / "measure.py"
BASELINE_SETTINGS = BENCH_DIR / "baseline" / "pelicanconf.py"
TARGET_RATIO = 0.5
TARGET_PAIRS = 2000
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
    files: int = 0
    html_files: int = 0
    log: str = ""
    command: list[str] = field(default_factory=list)


@dataclass
class Side:
    """How to build one side, and what its builds measured."""

    name: str
    corpus: Path
    settings: Path
    builds: list[Build] = field(default_factory=list)
    failed: bool = False

    def summary(self) -> dict[str, float | None]:
        """Median, min and max wall time and the median peak RSS."""
        ok = [b for b in self.builds if b.returncode == 0]
        if not ok:
            return {"wall": None, "wall_min": None, "wall_max": None, "rss": None}
        walls = [b.wall for b in ok]
        return {
            "wall": statistics.median(walls),
            "wall_min": min(walls),
            "wall_max": max(walls),
            "rss": statistics.median(b.peak_rss_mib for b in ok),
        }


class Bench:
    """The working folder of one benchmark run and the builds made in it.

    Output folders are never deleted while builds run: the disk is slow to delete
    thousands of files and that would slow down the next timed build. A previous
    output folder is renamed into ``old/`` instead, and everything goes when the
    temporary folder is removed at the end.
    """

    def __init__(self, root: Path, python: str) -> None:
        self.root = root
        self.python = python
        self.count = 0
        for name in ("old", "logs", "cache"):
            (root / name).mkdir()

    def output(self, side: str) -> Path:
        """The output folder of ``side`` (the same path for every build of a side)."""
        return self.root / f"output-{side}"

    def _move_aside(self, out: Path) -> None:
        if out.exists():
            out.rename(self.root / "old" / f"{out.name}-{self.count}")

    def build(
        self,
        side: Side,
        label: str,
        env: dict[str, str],
        *,
        fresh: bool = True,
        cache: Path | None = None,
    ) -> Build:
        """Build ``side`` once under ``measure.py`` and return what it measured.

        ``fresh`` moves the previous output aside first; ``cache`` reuses a cache
        folder (the rebuild figures), otherwise each build gets a new, empty one.
        """
        self.count += 1
        out = self.output(side.name)
        if fresh:
            self._move_aside(out)
        if cache is None:
            cache = self.root / "cache" / f"{side.name}-{self.count}"
        log = self.root / "logs" / f"{self.count:03d}-{side.name}-{label}.log"
        command = [
            self.python,
            "-m",
            "pelican",
            str(side.corpus),
            "-s",
            str(side.settings),
            "-o",
            str(out),
            # Keeps any cache a build writes out of the repository (and out of the
            # next measurement).
            "--cache-path",
            str(cache),
            # Unwrapped log lines, so a failure's traceback reads well in the tail.
            "--log-handler",
            "plain",
        ]
        wrapper = [sys.executable, str(MEASURE), "--log", str(log), "--", *command]
        # cwd is the repository: settings files may import each other
        # (publishconf.py importing pelicanconf.py) and use relative paths.
        done = subprocess.run(
            wrapper, cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
        try:
            result = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            # The wrapper itself failed: no figures, and never a success.
            result = {
                "wall": 0.0,
                "peak_rss_mib": 0.0,
                "returncode": done.returncode or 1,
            }
            log.write_text(done.stderr, encoding="utf-8")
        record = Build(
            side=side.name,
            label=label,
            wall=float(result["wall"]),
            peak_rss_mib=float(result["peak_rss_mib"]),
            returncode=int(result["returncode"]),
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


def _tail(path: str, lines: int = STDERR_TAIL_LINES) -> str:
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


def _edit_one_file(corpus_root: Path, index: int) -> Path:
    """Change one news file the way an editor would: append a sentence.

    Its content changes as well as its modification time, so a cache keyed on
    either sees the change.
    """
    news = sorted((corpus_root / "news").rglob("*.de.md"))
    path = news[index % len(news)]
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(f"\nNachtrag {index + 1}: Der Text wurde ergänzt.\n")
    return path


def _ratio(ours: float | None, baseline: float | None) -> float | None:
    if ours is None or not baseline:
        return None
    return ours / baseline


def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}{unit}"


def _print_table(result: dict[str, Any], sides: dict[str, Side]) -> None:
    pairs, events = result["pairs"], result["event_pairs"]
    print()
    print(
        f"N = {pairs} news pairs + {events} event pairs ({result['files']} files), "
        f"{result['runs']} alternating runs, medians"
    )
    header = f"{'':28}{'wall':>10}{'min–max':>16}{'peak RSS':>12}{'HTML files':>12}"
    print(header)
    print("-" * len(header))
    names = {"ours": "ours (full build)", "baseline": "baseline (Pelican+i18n)"}
    for name, side in sides.items():
        s = result["sides"][name]
        span = "–" if s["wall"] is None else f"{s['wall_min']:.2f}–{s['wall_max']:.2f}"
        html = side.builds[-1].html_files if side.builds else 0
        print(
            f"{names[name]:28}{_fmt(s['wall'], ' s'):>10}{span:>16}"
            f"{_fmt(s['rss'], ' MiB', 0):>12}{html:>12}"
        )
    ratio = result.get("ratio")
    if ratio:
        print(
            f"{'ratio ours/baseline':28}{_fmt(ratio['wall']):>10}{'':16}"
            f"{_fmt(ratio['rss']):>12}"
        )
        if ratio["wall"] is not None:
            verdict = "met" if ratio["wall"] <= TARGET_RATIO else "not met"
            scope = (
                ""
                if pairs == TARGET_PAIRS
                else f" (target is set for N={TARGET_PAIRS})"
            )
            print(f"target wall ratio ≤ {TARGET_RATIO}: {verdict}{scope}")
    rebuild = result.get("rebuild")
    if rebuild and rebuild["wall"] is not None:
        print(
            f"ours, rebuild after editing one file (cache allowed): "
            f"{_fmt(rebuild['wall'], ' s')} median of {len(rebuild['walls'])}, "
            f"{_fmt(rebuild['rss'], ' MiB', 0)}; "
            f"first build with an empty cache {_fmt(rebuild['prime_wall'], ' s')}"
        )


def _default_python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _default_ours_settings() -> Path:
    publish = REPO / "publishconf.py"
    return publish if publish.exists() else REPO / "pelicanconf.py"


def _git_revision() -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=TARGET_PAIRS, help="news pairs")
    parser.add_argument("--runs", type=int, default=3, help="timed builds per side")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument(
        "--ours-settings",
        type=Path,
        default=None,
        help="settings for our build (default: publishconf.py, else pelicanconf.py)",
    )
    parser.add_argument(
        "--sides",
        default="ours,baseline",
        help="comma-separated subset of ours,baseline (default: both)",
    )
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="skip the 'rebuild after editing one file' figure",
    )
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--python", default=None, help="interpreter that runs Pelican")
    parser.add_argument("--workdir", type=Path, default=None, help="parent of temp dir")
    args = parser.parse_args(argv)
    args.sides = [s.strip() for s in args.sides.split(",") if s.strip()]
    if not args.sides or set(args.sides) - {"ours", "baseline"}:
        parser.error("--sides takes ours, baseline or ours,baseline")
    if args.runs < 1 or args.pairs < 1:
        parser.error("--runs and --pairs must be at least 1")
    return args


def run(args: argparse.Namespace, root: Path) -> tuple[dict[str, Any], bool]:
    """Generate, build and collect the figures; returns (results, all builds ok)."""
    python = args.python or _default_python()
    ours_settings = (args.ours_settings or _default_ours_settings()).resolve()
    bench = Bench(root, python)

    started = time.perf_counter()
    logical = corpus.build_corpus(args.pairs, args.seed)
    files = 0
    for fmt in args.sides:
        files = len(corpus.write_corpus(logical, fmt, root / f"corpus-{fmt}"))
    _progress(
        f"corpus: {args.pairs} news + {len(logical.events)} event pairs, {files} files "
        f"per format, written in {time.perf_counter() - started:.1f} s to {root}"
    )

    settings = {"ours": ours_settings, "baseline": BASELINE_SETTINGS}
    sides = {
        name: Side(name, root / f"corpus-{name}", settings[name]) for name in args.sides
    }
    envs = {"ours": _env(cache=False), "baseline": _env(cache=True)}
    total = args.runs * len(sides)
    step = 0
    for number in range(1, args.runs + 1):
        for side in sides.values():
            step += 1
            if side.failed:
                continue
            build = bench.build(side, f"run{number}", envs[side.name])
            side.builds.append(build)
            _report(build, f"[{step}/{total}]")
            side.failed = build.returncode != 0

    rebuild = None
    ours = sides.get("ours")
    if ours and not ours.failed and not args.no_rebuild:
        rebuild, ok = _rebuild(bench, ours, args.runs)
        ours.failed = not ok

    result: dict[str, Any] = {
        "pairs": args.pairs,
        "event_pairs": len(logical.events),
        "files": files,
        "runs": args.runs,
        "seed": args.seed,
        "sides": {name: side.summary() for name, side in sides.items()},
        "builds": [asdict(b) for s in sides.values() for b in s.builds],
        "environment": {
            "python": python,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "git": _git_revision(),
        },
    }
    if "ours" in sides and "baseline" in sides:
        o, b = result["sides"]["ours"], result["sides"]["baseline"]
        result["ratio"] = {
            "wall": _ratio(o["wall"], b["wall"]),
            "rss": _ratio(o["rss"], b["rss"]),
            "target": TARGET_RATIO,
        }
    if rebuild is not None:
        result["rebuild"] = rebuild
    _print_table(result, sides)
    return result, not any(s.failed for s in sides.values())


def _rebuild(bench: Bench, ours: Side, runs: int) -> tuple[dict[str, Any], bool]:
    """Our incremental figure: edit one news file, build into the same output again.

    A first build with the cache allowed fills the cache (its time is reported too),
    then each timed rebuild follows an edit of a different file.
    """
    cache = bench.root / "cache" / "ours-rebuild"
    env = _env(cache=True)
    prime = bench.build(ours, "cache-fill", env, fresh=False, cache=cache)
    _report(prime, "[rebuild]")
    builds: list[Build] = []
    if prime.returncode == 0:
        for number in range(runs):
            edited = _edit_one_file(ours.corpus, number)
            label = f"rebuild{number + 1}"
            build = bench.build(ours, label, env, fresh=False, cache=cache)
            _report(build, f"[rebuild] after editing {edited.name}:")
            builds.append(build)
            if build.returncode != 0:
                break
    # Reported on their own, never mixed into the full-build medians.
    done = [prime, *builds]
    ok = all(b.returncode == 0 for b in done) and len(builds) == runs
    walls = [b.wall for b in builds] if ok else []
    return {
        "wall": statistics.median(walls) if ok else None,
        "walls": walls,
        "rss": statistics.median(b.peak_rss_mib for b in builds) if ok else None,
        "prime_wall": prime.wall if prime.returncode == 0 else None,
        "builds": [asdict(b) for b in done],
    }, ok


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 if every build succeeded, 1 otherwise."""
    args = _parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="site-bench-", dir=args.workdir))
    try:
        result, ok = run(args, root)
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
