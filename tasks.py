"""Tasks for editors, maintainers and CI: ``invoke --list`` shows them all."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Collection, Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
from scripts.site_tasks import fresh_output_dir, replace_output  # noqa: E402

PY = sys.executable
OUTPUT = ROOT / "output"
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"


def _pelican(c, settings: str, output: Path, extra: str = "") -> bool:
    """Run one Pelican build; True if it succeeded."""
    result = c.run(
        f"{PY} -m pelican content -s {settings} -o {output} {extra}",
        warn=True,
        pty=False,
    )
    return result.ok


def _atomic_build(c, settings: str) -> None:
    """Build into a fresh folder and swap it in only if the build succeeded."""
    target = fresh_output_dir(OUTPUT)
    if not _pelican(c, settings, target):
        shutil.rmtree(target, ignore_errors=True)
        raise Exit("Build failed; output/ still holds the last good site.", code=1)
    replace_output(target, OUTPUT)
    print(f"Site written to {OUTPUT.relative_to(ROOT)}/")


@task
def build(c):
    """Preview build (drafts and scheduled items shown) into output/."""
    _atomic_build(c, "pelicanconf.py")


@task
def publish(c):
    """Strict production build: fails on any content error, keeps old output."""
    _atomic_build(c, "publishconf.py")


def _preview_build() -> None:
    """Rebuild the preview in-process; content errors are reported, never fatal."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(OUTPUT)}
    )
    try:
        Pelican(settings).run()
    except Exception as exc:  # a broken template or setting: report, keep serving
        print(f"Build failed: {exc}", file=sys.stderr)


@task
def serve(c, port=8000):
    """Dev server on http://127.0.0.1:PORT/; rebuilds and reloads on every change."""
    from livereload import Server

    _preview_build()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(ROOT / pattern), _preview_build)
    server.serve(host="127.0.0.1", port=int(port), root=str(OUTPUT))


@task
def clean(c):
    """Remove built output and caches."""
    for path in [OUTPUT, *ROOT.glob("output.*"), ROOT / ".cache"]:
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "fast": "skip the browser tests and the whole-site builds and validation",
        "workers": "parallel pytest workers (default: one per core)",
    }
)
def test(c, fast=False, workers="auto"):
    """Run the whole test suite: unit, build, static-check and browser tests."""
    marker = ' -m "not browser and not slow"' if fast else ""
    c.run(f"{PY} -m pytest -n {workers}{marker}", pty=False)


@task(
    help={
        "site_url": "the SITEURL output/ was built for (default: publishconf.py's)",
        "validator": "run the Nu HTML Checker too (default: yes)",
    }
)
def check(c, site_url=None, validator=True):
    """Check the built site in output/ (after ``invoke publish``).

    Links and fragments, hreflang, third-party requests, images, form labels,
    the 14 KB page-weight budget, content without JavaScript and valid HTML;
    prints the heaviest pages and fails on any problem.
    """
    if site_url is None:
        from pelican.settings import read_settings

        site_url = read_settings(str(ROOT / "publishconf.py"))["SITEURL"]
    flags = "" if validator else " --no-validator"
    c.run(
        f"{PY} -m sitecheck.checks {OUTPUT} --site-url '{site_url}'{flags}",
        pty=False,
        env={"PYTHONPATH": str(ROOT / "plugins")},
    )


@task
def lint(c):
    """ruff check and format check."""
    c.run(f"{PY} -m ruff check .", pty=False)
    c.run(f"{PY} -m ruff format --check .", pty=False)


@task(
    help={
        "section": "a declared section: news, events, projects, pages, members …",
        "key": "lower-case key, e.g. summer-party",
    }
)
def new(c, section, key):
    """Create the files of a new item (one per language), as drafts."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sitecore.scaffold import ScaffoldError, scaffold

    settings = _site_settings()
    declared = settings.sections.get(section)
    if declared is None:
        names = ", ".join(settings.sections)
        raise Exit(f"there is no section '{section}'; choose one of: {names}", code=1)
    catalogs = _catalogs(settings)
    fields = declared.model().model_fields
    defaults = {"location": dict(settings.address)} if "location" in fields else {}
    try:
        paths = scaffold(
            settings.content_path,
            declared,
            key,
            settings.languages,
            datetime.now(ZoneInfo(settings.timezone)),
            lambda lang, message: catalogs[lang].gettext(message),
            defaults,
        )
    except (ScaffoldError, FileExistsError) as exc:
        raise Exit(str(exc), code=1) from None
    for path in paths:
        print(f"created {path.relative_to(ROOT)}")


@task
def report(c):
    """List content that is missing in some language (the translation report)."""
    from sitecore.report import markdown_report

    settings = _site_settings()
    sections = settings.sections.values()
    print(markdown_report(settings.content_path, sections, settings.languages), end="")


def _site_settings():
    """The site's settings (pelicanconf.py), checked: sections, languages …"""
    from bilingual.settings import load

    return load(str(ROOT / "pelicanconf.py"), PATH=str(ROOT / "content"))


def _catalogs(settings):
    from bilingual.catalogs import load_catalogs

    return load_catalogs(str(TRANSLATIONS), settings.languages)


@task(name="extract")
def i18n_extract(c):
    """Collect the theme's and plugins' visitor-facing strings into messages.pot."""
    c.run(
        f"{PY} -m babel.messages.frontend extract -F babel.cfg -k N_ --no-location "
        f"--sort-output --omit-header -o {POT} .",
        pty=False,
    )


@task(pre=[i18n_extract], name="update")
def i18n_update(c):
    """Merge new strings from messages.pot into the German and English catalogs."""
    for lang in _site_settings().languages:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        command = "update" if po.exists() else "init"
        c.run(
            f"{PY} -m babel.messages.frontend {command} -i {POT} -d {TRANSLATIONS} "
            f"-l {lang} --no-wrap"
            + (" --omit-header --ignore-obsolete" if po.exists() else ""),
            pty=False,
        )


@task(name="compile")
def i18n_compile(c):
    """Compile the catalogs to .mo files, failing on untranslated or fuzzy strings.

    The site itself compiles the .po files in memory at build time; this task
    is the check that every string has a translation.
    """
    c.run(
        f"{PY} -m babel.messages.frontend compile -d {TRANSLATIONS} --statistics",
        pty=False,
    )
    from bilingual.catalogs import po_path, untranslated

    problems = [
        f"{po_path(str(TRANSLATIONS), lang)}: untranslated or fuzzy: {message!r}"
        for lang in _site_settings().languages
        for message in untranslated(po_path(str(TRANSLATIONS), lang), lang)
    ]
    if problems:
        raise Exit("\n".join(problems), code=1)


@task(
    help={
        "pairs": "news pairs, one size or several: 200,2000 (default 2000)",
        "runs": "full builds per side, alternating; medians (default 3)",
        "sides": "ours,hugo (default); add baseline for Pelican + i18n-subsites",
        "saves": "saved files per rebuild figure (default 20)",
        "json": "write every figure to this file",
    }
)
def bench(c, pairs="2000", runs=3, sides="ours,hugo", saves=20, json=""):
    """Build benchmark: this site vs Hugo (and stock Pelican + i18n-subsites).

    Hugo comes from Debian; benchmarks/setup-hugo installs it when it is missing.
    """
    extra = f" --json {json}" if json else ""
    c.run(
        f"{PY} benchmarks/run.py --pairs {pairs} --runs {runs} --sides {sides} "
        f"--saves {saves}{extra}",
        pty=False,
    )


@task(help={"preset": "mobile (default) or desktop", "json": "write the figures here"})
def speed(c, preset="mobile", json=""):
    """Lighthouse scores of every page type of the production build, on 127.0.0.1."""
    extra = f" --json {json}" if json else ""
    c.run(f"{PY} benchmarks/lighthouse.py --preset {preset}{extra}", pty=False)


ns = Collection(build, publish, serve, clean, test, lint, new, report, bench, speed)
ns.add_collection(Collection("i18n", i18n_extract, i18n_update, i18n_compile))
ns.add_task(check)


@task(
    name="import-wordpress",
    help={
        "source": "the WordPress export file (WXR, from Tools → Export)",
        "uploads": "the old site's wp-content/uploads folder, for pictures",
        "content": "the content folder to write into (default: content)",
        "report": "where to write the report (default: CONTENT/_import-report.md)",
        "dry_run": "write nothing; print the report of what would be written",
    },
)
def import_wordpress(
    c, source, uploads="", content="content", report="", dry_run=False
):
    """Import WordPress posts and pages as news and pages, with a report.

    Never replaces a file; running it again writes only what is missing.
    """
    from wordpress.cli import main

    args = ["--source", source, "--content", content]
    args += ["--uploads", uploads] if uploads else []
    args += ["--report", report] if report else []
    args += ["--dry-run"] if dry_run else []
    code = main(args)
    if code:
        raise Exit(code=code)


ns.add_task(import_wordpress)
