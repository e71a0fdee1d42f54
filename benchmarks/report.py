"""The table ``benchmarks/run.py`` prints: every figure, one column group per size.

Kept apart from the runner so that the layout can change without touching how
anything is measured, and so that it can be tried on a saved ``--json`` file::

    python benchmarks/report.py results.json
"""

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TARGET_RATIO = 0.5
"""Our full build should take at most half the baseline's wall time ..."""
TARGET_PAIRS = 2000
"""... at this size."""
WARM_CHANGES = 3
"""Files a warm CI build finds changed (run.py makes the changes)."""

FULL_BUILD_ROWS = {
    "ours": "ours, production",
    "preview": "ours, preview",
    "hugo": "Hugo",
    "baseline": "Pelican + i18n-subsites",
}
RATIO_ROWS = {
    "ours/hugo": "ratio ours/Hugo",
    "ours/baseline": "ratio ours/baseline",
    "production/preview": "ratio production/preview",
}
SHORT_NAMES = {
    "ours": "ours, production",
    "preview": "ours, preview",
    "hugo": "Hugo",
    "baseline": "baseline",
}
LABEL = 30
CELLS = (10, 19, 13, 12)  # wall, spread (or first → last), largest process, tree
GROUP = sum(CELLS)

Cell = tuple[str, str, str, str]
EMPTY: Cell = ("–", "", "", "")


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _mib(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MiB"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _single(value: str) -> Cell:
    return (value, "", "", "")


def _row(label: str, cells: Sequence[Cell]) -> str:
    text = f"{label:<{LABEL}}"
    for cell in cells:
        text += "".join(
            f"{part:>{width}}" for part, width in zip(cell, CELLS, strict=True)
        )
    return text.rstrip()


def _full_build(size: dict[str, Any], name: str) -> Cell:
    s = size["sides"].get(name)
    if not s or s["wall"] is None:
        return EMPTY
    spread = f"{s['wall_min']:.2f}–{s['wall_max']:.2f}"
    return (_seconds(s["wall"]), spread, _mib(s["rss"]), _mib(s.get("tree")))


def _ratio(size: dict[str, Any], name: str) -> Cell:
    r = size["ratios"].get(name)
    if not r:
        return EMPTY
    return (_times(r["wall"]), "", _times(r.get("rss")), _times(r.get("tree")))


def _warm(size: dict[str, Any], name: str) -> Cell:
    w = size.get("warm", {}).get(name)
    if not w or w.get("wall") is None:
        return EMPTY
    spread = f"{w['wall_min']:.2f}–{w['wall_max']:.2f}"
    return (_seconds(w["wall"]), spread, _mib(w.get("rss")), _mib(w.get("tree")))


def _warm_lines(sizes: Sequence[dict[str, Any]]) -> list[str]:
    lines = [f"warm CI build (caches restored, {WARM_CHANGES} files changed)"]
    for name in ("ours", "preview"):
        if not any(name in s.get("warm", {}) for s in sizes):
            continue
        label = SHORT_NAMES[name]
        lines.append(_row(f"  {label}", [_warm(s, name) for s in sizes]))
        ratio_label = (
            "ratio ours/Hugo clean" if name == "ours" else "ratio preview/Hugo clean"
        )
        ratios = [s.get("warm", {}).get(name, {}) for s in sizes]
        lines.append(
            _row(
                f"  {ratio_label}",
                [
                    (
                        _times(r.get("ratio_hugo")),
                        "",
                        "",
                        _times(r.get("ratio_hugo_tree")),
                    )
                    for r in ratios
                ],
            )
        )
    return lines


def _served(size: dict[str, Any], name: str) -> Cell:
    r = size.get("served", {}).get(name)
    if not r:
        return EMPTY
    return (
        _seconds(r["median"]),
        f"p90 {_seconds(r['p90'])}",
        _mib(r.get("peak_rss_mib")),
        _mib(r.get("peak_tree_mib")),
    )


def _memory(size: dict[str, Any]) -> Cell:
    r = size.get("served", {}).get("ours")
    after = [x for x in (r or {}).get("rss_after_saves_mib", []) if x is not None]
    if not after:
        return EMPTY
    return (
        f"{len(after)} saves",
        f"{_mib(r.get('rss_start_mib'))} → {_mib(after[-1])}",
        "",
        "",
    )


def _served_lines(sizes: Sequence[dict[str, Any]]) -> list[str]:
    results = [s.get("served", {}) for s in sizes]
    return [
        "save → page served over HTTP (median, p90)",
        _row("  ours, preview server", [_served(s, "ours") for s in sizes]),
        _row("  Hugo server", [_served(s, "hugo") for s in sizes]),
        _row(
            "  ratio ours/Hugo, served",
            [
                (_times(r.get("ratio")), f"p90 {_times(r.get('ratio_p90'))}", "", "")
                for r in results
            ],
        ),
        _row("  ours, memory over saves", [_memory(s) for s in sizes]),
    ]


def _lines(result: dict[str, Any]) -> list[str]:
    sizes = result["sizes"]
    sides = [n for n in FULL_BUILD_ROWS if any(n in s["sides"] for s in sizes)]
    ratios = [n for n in RATIO_ROWS if any(n in s["ratios"] for s in sizes)]
    titles = [f"N = {s['pairs']} (+{s['event_pairs']} event pairs)" for s in sizes]
    served = any(s.get("served") for s in sizes)
    warm = any(s.get("warm") for s in sizes)
    lines = [
        f"Full clean builds: medians of {result['runs']} alternating runs."
        + (f" Served: median of {result['saves']} saves." if served else ""),
        "Memory: peak of the largest process and of the whole process tree.",
        "",
        f"{'':<{LABEL}}" + "".join(f"{title:>{GROUP}}" for title in titles),
        _row("", [("wall", "min–max", "max process", "whole tree") for _ in sizes]),
        "-" * (LABEL + GROUP * len(sizes)),
        "full build",
    ]
    for name in sides:
        cells = [_full_build(s, name) for s in sizes]
        lines.append(_row(f"  {FULL_BUILD_ROWS[name]}", cells))
    for name in ratios:
        lines.append(_row(f"  {RATIO_ROWS[name]}", [_ratio(s, name) for s in sizes]))
    lines.append("HTML files written (last full build)")
    for name in sides:
        counts = [str(s["sides"].get(name, {}).get("html_files", "–")) for s in sizes]
        lines.append(_row(f"  {SHORT_NAMES[name]}", [_single(c) for c in counts]))
    if warm:
        lines.extend(_warm_lines(sizes))
    if served:
        lines.extend(_served_lines(sizes))
    for s in sizes:
        r = s["ratios"].get("ours/baseline")
        if r and r["wall"] is not None and s["pairs"] == TARGET_PAIRS:
            verdict = "met" if r["wall"] <= TARGET_RATIO else "not met"
            lines.append(
                f"target ours/baseline ≤ {TARGET_RATIO} at N={TARGET_PAIRS}: {verdict}"
            )
    if "hugo" in result["environment"]:
        lines.append(f"Hugo: {result['environment']['hugo']}")
    return lines


def print_table(result: dict[str, Any]) -> None:
    """Print the figures of ``run.py``'s result (the same dict as ``--json``)."""
    print()
    print("\n".join(_lines(result)))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table of a saved ``--json`` file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: report.py RESULTS.json", file=sys.stderr)
        return 2
    print_table(json.loads(Path(args[0]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
