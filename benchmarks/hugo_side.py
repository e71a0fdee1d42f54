"""Hugo's side of the build benchmark: installing Hugo and building the corpus.

Hugo builds the same logical corpus as our site (``corpus.py --format hugo``) with
the minimal templates and configuration in ``benchmarks/hugo/``. Nothing here is
part of the site: only the benchmark uses Hugo, and only the benchmark installs it
(``benchmarks/setup-hugo``, Debian's package). ``hugo server`` is started by
``served.py``, which measures both sides' previews alike.
"""

import os
import shutil
import subprocess
from pathlib import Path

import corpus

BENCH_DIR = Path(__file__).resolve().parent
SITE_TEMPLATE = BENCH_DIR / "hugo"
SETUP = BENCH_DIR / "setup-hugo"


class HugoError(RuntimeError):
    """Hugo is missing or could not be installed."""


def find_hugo(explicit: str | None = None) -> str:
    """The ``hugo`` to run: ``explicit``, else the one on PATH, else install it.

    Installing runs ``benchmarks/setup-hugo`` (Debian's package via apt-get),
    which needs root or sudo; the site's own set-up never installs Hugo.
    """
    if explicit:
        found = shutil.which(explicit)
        if not found:
            raise HugoError(f"--hugo {explicit}: no such program")
        return found
    found = shutil.which("hugo")
    if found:
        return found
    done = subprocess.run(["bash", str(SETUP)], check=False)
    found = shutil.which("hugo")
    if done.returncode != 0 or not found:
        raise HugoError(f"Hugo is not installed and {SETUP} could not install it")
    return found


def version(hugo: str) -> str:
    """``hugo version``'s line, kept with the figures: versions do not compare."""
    done = subprocess.run(
        [hugo, "version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or done.stderr.strip()


def environment() -> dict[str, str]:
    """The caller's environment without ``HUGO_*``: those would override the
    benchmark's configuration, and the figures would no longer say what they say."""
    return {k: v for k, v in os.environ.items() if not k.startswith("HUGO_")}


def prepare_site(logical: corpus.Corpus, site: Path) -> int:
    """Copy the templates and configuration to ``site`` and write the corpus there.

    A copy, so that Hugo's lock file and caches stay in the working folder and
    the saves made while measuring rebuilds never touch the repository. Returns
    the number of content files.
    """
    shutil.copytree(SITE_TEMPLATE, site)
    return len(corpus.write_corpus(logical, "hugo", site / "content"))


def build_command(hugo: str, site: Path, output: Path, cache: Path) -> list[str]:
    """A full build of ``site`` into the new folder ``output``, Hugo's defaults
    otherwise (no ``--gc``, no ``--minify``)."""
    return [
        hugo,
        "--quiet",
        "--source",
        str(site),
        "--destination",
        str(output),
        "--cacheDir",
        str(cache),
    ]
