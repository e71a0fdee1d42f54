"""Build the sample site at two commits and compare the outputs byte by byte.

A refactoring must not change what visitors and editors get: this builds
``content/`` with the code of ``--before`` (a git revision) and with the
working tree, both as of one fixed moment, and lists every file that is
missing, new or different. Exit status 0 when the two outputs are identical
(Pagefind's entry file is compared by its JSON content: Pagefind lists the
languages in no fixed order).

    .venv/bin/python scripts/compare_output.py --before main
    .venv/bin/python scripts/compare_output.py --before HEAD~3 --settings pelicanconf.py

The revision's code is taken with ``git archive`` into a temporary folder (no
checkout, no change to the repository); both builds read the working tree's
``content/``, so only the code differs. The two builds run with different
hash seeds (``PYTHONHASHSEED``): output that depended on the order of a set
or a dict of strings would show as a difference too, instead of passing by
chance (tests/test_reproducible_output.py holds the site to that).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The moment both builds are made as of, so upcoming events stay upcoming.
BUILD_NOW = "2026-06-01T12:00:00+02:00"


#: Written by Pagefind, whose JSON lists the languages in no fixed order.
UNORDERED_JSON = ("pagefind/pagefind-entry.json",)
#: The hash seeds of the two builds: they order the sample site's two time
#: zones ({"Europe/Berlin", "America/Los_Angeles"}) differently.
SEEDS = ("1", "3")


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if name in UNORDERED_JSON:
            data = json.dumps(json.loads(data), sort_keys=True).encode()
        result[name] = hashlib.sha256(data).hexdigest()
    return result


def build(code: Path, settings: str, output: Path, seed: str = SEEDS[0]) -> None:
    """Build the working tree's content with the code in ``code``."""
    env = {
        **os.environ,
        "PYTHONPATH": str(code / "plugins"),
        "SITE_BUILD_NOW": BUILD_NOW,
        "SITE_EDITOR_LANGUAGE": "en",
        "PYTHONHASHSEED": seed,
    }
    command = [
        sys.executable,
        "-m",
        "bilingual",
        "-s",
        str(code / settings),
        "-o",
        str(output),
    ]
    subprocess.run(command, cwd=code, env=env, check=True)


def export(revision: str, target: Path) -> None:
    """The files of ``revision`` (code, theme, settings) in ``target``."""
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def prepare(code: Path) -> None:
    """Point ``code`` at the working tree's content and npm packages."""
    for name in ("content", "node_modules"):
        link = code / name
        if link.is_symlink() or link.is_file():
            link.unlink()
        elif link.is_dir():
            subprocess.run(["rm", "-rf", str(link)], check=True)
        link.symlink_to(ROOT / name)


def compare(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """One line per file that differs between the two digest lists."""
    lines = []
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            lines.append(f"missing now: {path}")
        elif path not in before:
            lines.append(f"new:         {path}")
        elif before[path] != after[path]:
            lines.append(f"changed:     {path}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build at ``--before`` and in the working tree; 0 when identical."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="git revision to compare to")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--keep", default="", help="build in this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-output-") as temp:
        temp_path = Path(args.keep or temp)
        old_code, new_code = temp_path / "before", temp_path / "after"
        old_code.mkdir()
        export(args.before, old_code)
        prepare(old_code)
        # The working tree as it is, committed or not.
        new_code.mkdir()
        subprocess.run(
            ["cp", "-a", str(ROOT / "plugins"), str(ROOT / "theme"), str(new_code)],
            check=True,
        )
        for name in ("pelicanconf.py", "publishconf.py"):
            (new_code / name).write_bytes((ROOT / name).read_bytes())
        prepare(new_code)
        build(old_code, args.settings, temp_path / "out-before", SEEDS[0])
        build(new_code, args.settings, temp_path / "out-after", SEEDS[1])
        differences = compare(
            digests(temp_path / "out-before"), digests(temp_path / "out-after")
        )
    for line in differences:
        print(line)
    count = len(differences)
    print(f"{count} file(s) differ" if count else "outputs are identical")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
