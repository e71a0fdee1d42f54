"""The editing interface's scripts, tested on their own with Node's test runner.

``tests/admin_js/*.test.mjs`` import the modules of ``plugins/admin/static/``
(formats, dates and checks, storage, the notes panel, the link picker) and the
YAML library the interface bundles, and test them without a browser:
``node --test``, no framework of our own. Node comes with the npm packages
(``scripts/bootstrap``); a machine without it fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT

TESTS = ROOT / "tests" / "admin_js"


def test_the_interfaces_scripts_pass_their_own_tests():
    node = shutil.which("node")
    assert node, "node is missing: run `bash scripts/bootstrap setup`"
    files = sorted(str(path) for path in TESTS.glob("*.test.mjs"))
    assert len(files) >= 4, files
    run = subprocess.run(
        [node, "--test", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    summary = dict(re.findall(r"^# (pass|fail|tests) (\d+)$", run.stdout, re.MULTILINE))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert int(summary.get("fail", "1")) == 0 and int(summary.get("tests", "0")) >= 25
