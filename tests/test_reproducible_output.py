"""The same content and code give the same output, whatever Python's hash seed.

Python orders sets (and dicts built from them) of strings differently in every
process unless ``PYTHONHASHSEED`` is fixed; output written in that order
(calendars once listed their time zones so) changes from one build to the
next although nothing did, and a comparison of two builds, like
``scripts/compare_output.py``, would flag files that did not change.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SiteBuilder, build_environment

from scripts.compare_output import SEEDS, compare, digests

#: The time zones of the sample site's events, which its calendars name.
ZONES = "{'Europe/Berlin', 'America/Los_Angeles'}"


def _set_order(seed: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", f"print(list({ZONES}))"],
        env={**build_environment(), "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def test_the_sample_site_is_the_same_under_two_hash_seeds(tmp_path):
    # The seeds really order a set of the calendars' time zones differently.
    assert _set_order(SEEDS[0]) != _set_order(SEEDS[1])
    builder = SiteBuilder(tmp_path)
    builder.content = ROOT / "content"
    settings = builder.settings_file("publishconf.py")
    outputs = []
    for seed in SEEDS:
        output = tmp_path / f"output-{seed}"
        subprocess.run(
            [sys.executable, "-m", "bilingual", "-s", str(settings), "-o", str(output)],
            env={**build_environment(), "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        outputs.append(digests(output))
    assert any(path.endswith(".ics") for path in outputs[0])
    assert compare(*outputs) == []
