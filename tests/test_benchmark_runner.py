"""The benchmark's runner parts that need neither Hugo nor a timed build.

The rebuild adapter must keep working as the plugins change: the slow test runs it
on a tiny corpus and checks that a saved file reaches the output. The rest checks
options and the table's layout on made-up figures. No timing is asserted.
"""

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
# The benchmark's modules import each other by name, as scripts in one folder do.
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import incremental  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402


def test_time_saves_edits_each_file_before_its_rebuild(tmp_path: Path) -> None:
    files = [tmp_path / f"{name}.md" for name in ("a", "b", "c")]
    for path in files:
        path.write_text("text\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []

    def rebuild(changed: Path) -> None:
        seen.append((changed.name, changed.read_text(encoding="utf-8")))

    result = incremental.time_saves(rebuild, files[0], [files[1], files[2], files[1]])
    assert [name for name, _ in seen] == ["a.md", "b.md", "c.md", "b.md"]
    assert "Nachtrag" not in seen[0][1]
    assert "Nachtrag 1:" in seen[1][1] and "Nachtrag 2:" in seen[2][1]
    assert "Nachtrag 3:" in seen[3][1]
    assert len(result["walls"]) == 3
    assert result["first"] == result["walls"][0]
    assert result["last"] == result["walls"][-1]


@pytest.mark.slow
def test_our_incremental_rebuild_publishes_the_saved_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(incremental.CACHE_ENV, raising=False)
    content, output = tmp_path / "content", tmp_path / "output"
    corpus.generate(3, "ours", content)
    item = corpus.build_corpus(3).news[0]
    edited = content / corpus.news_path("ours", item, "de")
    rebuild = incremental.our_incremental_rebuild(content, output, tmp_path / "cache")
    incremental.time_saves(rebuild, edited, [edited])
    page = output / "de" / "aktuelles" / item.de.slug / "index.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "Nachtrag 1: Der Text wurde ergänzt." in text
    assert (tmp_path / "cache" / "content").is_dir(), "the content cache was off"


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
    times = {"median": 3.0, "first": 1.1, "last": 3.2, "peak_rss_mib": 87.0}
    return {
        "pairs": pairs,
        "event_pairs": pairs // 10,
        "sides": sides,
        "ratios": run._full_build_ratios(sides),
        "rebuild": {"ours": times, "hugo": {**times, "median": 0.5}, "ratio": 6.0},
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
    assert row["ratio ours/Hugo, rebuild"].split()[-2:] == ["6.00", "6.00"]
    assert row["ratio production/preview"].split()[2] == "1.25"
    # A failed or skipped figure is a dash, never a number.
    assert row["Hugo"].split()[-1] == "–"
    assert "1.10 s → 3.20 s" in row["ours, dev server"]
    assert lines[-1] == "Hugo: hugo v0.111.3"
