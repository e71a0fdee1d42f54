"""The benchmark's runner parts that need neither Hugo nor a timed build.

The save → served measurement must keep working as the preview changes: the slow
test runs it on a tiny corpus and checks that each saved file reaches the page.
The rest checks options and the table's layout on made-up figures. No timing is
asserted.
"""

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
# The benchmark's modules import each other by name, as scripts in one folder do.
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402
import served  # noqa: E402


@pytest.mark.slow
def test_our_preview_serves_each_saved_change_over_http(tmp_path: Path) -> None:
    """The save → served figure runs the real preview and sees every save."""
    content, work = tmp_path / "content", tmp_path / "work"
    (work / "logs").mkdir(parents=True)
    corpus.generate(3, "ours", content)
    items = corpus.build_corpus(3).news
    edits = [content / corpus.news_path("ours", item, "de") for item in items]
    pages = {
        path.name: f"/de/aktuelles/{item.de.slug}/"
        for path, item in zip(edits, items, strict=True)
    }
    figures = served.measure_ours(
        sys.executable, content, work, edits[:2], lambda path: pages[path.name], 1
    )
    assert len(figures["latency"]) == 1 and figures["saves"] == 2
    assert len(figures["rss_after_saves_mib"]) == 2
    copy = work / "site-ours-preview" / "content"
    for number, path in enumerate(edits[:2], start=1):
        saved = (copy / path.relative_to(content)).read_text(encoding="utf-8")
        assert f"Nachtrag {served.MARK + number}:" in saved
        page = work / "output-preview-server" / pages[path.name].strip("/")
        text = BeautifulSoup(
            (page / "index.html").read_text(encoding="utf-8"), "html.parser"
        ).get_text()
        assert f"Nachtrag {served.MARK + number}: Der Text wurde ergänzt." in text
    # The corpus itself is left as it was: the preview saves into its copy.
    assert "Nachtrag" not in edits[0].read_text(encoding="utf-8")


def test_pairs_take_a_list_and_sides_default_to_ours_and_hugo() -> None:
    args = run._parse_args(["--pairs", "200,2000"])
    assert args.pairs == [200, 2000]
    assert args.sides == ["ours", "hugo"]
    with pytest.raises(SystemExit):
        run._parse_args(["--pairs", "200,lots"])
    with pytest.raises(SystemExit):
        run._parse_args(["--sides", "ours,jekyll"])


def _size(pairs: int, *, hugo_wall: float | None) -> dict:
    ours = {"wall": 4.0, "wall_min": 3.9, "wall_max": 4.2, "rss": 80.0, "tree": 90.0}
    preview = {**ours, "wall": 3.2}
    hugo = {"wall": hugo_wall, "wall_min": 1.9, "wall_max": 2.1, "rss": 100.0}
    sides = {"ours": ours, "preview": preview, "hugo": hugo}
    for side in sides.values():
        side["html_files"] = 600
    times = {"median": 3.0, "p90": 3.5, "peak_rss_mib": 87.0}
    memory = {"rss_start_mib": 70.0, "rss_after_saves_mib": [71.0, 72.0, 72.0]}
    warm = {"wall": 1.5, "wall_min": 1.4, "wall_max": 1.6, "rss": 70.0, "tree": 80.0}
    if hugo_wall:
        warm["ratio_hugo"] = 1.5 / hugo_wall
    return {
        "pairs": pairs,
        "event_pairs": pairs // 10,
        "sides": sides,
        "ratios": run._full_build_ratios(sides),
        "warm": {"ours": warm},
        "served": {
            "ours": {**times, **memory},
            "hugo": {**times, "median": 0.5, "p90": 0.7},
            "ratio": 6.0,
            "ratio_p90": 5.0,
        },
    }


def test_table_has_a_column_group_per_size_and_marks_missing_figures() -> None:
    result = {
        "runs": 3,
        "saves": 20,
        "sizes": [_size(200, hugo_wall=2.0), _size(2000, hugo_wall=None)],
        "environment": {"hugo": "hugo v0.111.3"},
    }
    lines = report._lines(result)
    text = "\n".join(lines)
    assert "N = 200 (+20 event pairs)" in text
    assert "N = 2000 (+200 event pairs)" in text
    row: dict[str, str] = {}
    for line in lines:  # the first row of a label: full builds come first
        if line.startswith("  "):
            row.setdefault(line.split("  ")[1], line)
    assert row["ratio ours/Hugo"].split()[2:5] == ["2.00", "0.80", "–"]
    assert row["ratio ours/Hugo, served"].split()[3:] == ["6.00", "p90", "5.00"] * 2
    assert row["ratio ours/Hugo clean"].split()[3:5] == ["0.75", "–"]
    assert row["ratio production/preview"].split()[2] == "1.25"
    # A failed or skipped figure is a dash, never a number.
    assert row["Hugo"].split()[-1] == "–"
    assert "p90 3.50 s" in row["ours, preview server"]
    assert "70 MiB → 72 MiB" in row["ours, memory over saves"]
    assert lines[-1] == "Hugo: hugo v0.111.3"
