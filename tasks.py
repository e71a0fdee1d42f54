"""Tasks for editors, maintainers and CI: ``invoke --list`` shows them all."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from invoke import Collection, Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
from scripts.catalogs import (  # noqa: E402
    DOMAINS,
    EDITOR_LANGUAGES,
    EDITORS,
    drop_shared,
    extract_commands,
    template,
)
from scripts.site_tasks import (  # noqa: E402
    environment_problem,
    publish_atomically,
    remove_output,
)

PY = sys.executable
OUTPUT = ROOT / "output"
TRANSLATIONS = ROOT / "theme" / "translations"


def _pelican(c, settings: str, output: Path) -> bool:
    """Run one build (Pelican with the site's plugins); True if it succeeded."""
    result = c.run(
        f"{PY} -m bilingual -s {shlex.quote(str(ROOT / settings))} "
        f"-o {shlex.quote(str(output))}",
        warn=True,
        pty=False,
        env={"PYTHONPATH": str(ROOT / "plugins")},
    )
    return result.ok


def _say(message) -> str:
    """An editor message (``M(...)`` or ``N_`` id) in the editor's language.

    The language is the build's (``SITE_EDITOR_LANGUAGE``, else the locale,
    else German), among those with an editors' catalog.
    """
    from bilingual.catalogs import editor_languages, load_catalog
    from sitecore.i18n import Message, editor_language, render

    languages = editor_languages(str(TRANSLATIONS)) or EDITOR_LANGUAGES
    catalog = load_catalog(str(TRANSLATIONS), editor_language(languages))
    if isinstance(message, str):
        message = Message(message)
    return render(message, catalog.gettext)


def _atomic_build(c, settings: str) -> None:
    """Build into a fresh folder and publish it only if the build succeeded.

    One build at a time (a second one waits); output/ always holds a whole
    site. A read-only or full disk ends the task with one sentence.
    """
    from sitecore.i18n import M

    try:
        built = publish_atomically(
            OUTPUT,
            lambda target: _pelican(c, settings, target),
            waiting=lambda message: print(_say(message), file=sys.stderr, flush=True),
        )
    except OSError as exc:
        message = environment_problem(exc, OUTPUT.parent)
        if message is None:
            raise
        raise Exit(_say(message), code=1) from None
    if not built:
        raise Exit(
            _say(M("Build failed; output/ still holds the last good site.")), code=1
        )
    print(_say(M("Site written to {folder}/", folder=OUTPUT.relative_to(ROOT))))


@task
def build(c):
    """Preview build (drafts and scheduled items shown) into output/."""
    _atomic_build(c, "pelicanconf.py")


@task
def publish(c):
    """Strict production build: fails on any content error, keeps old output."""
    _atomic_build(c, "publishconf.py")


#: The preview's own folder: ``invoke publish`` never writes into it.
PREVIEW = ROOT / ".preview"


@task(
    help={
        "port": "port of the preview (default 8000; the next free one if taken)",
        "host": "0.0.0.0 lets others on your network look (default: only you)",
    }
)
def serve(c, port=8000, host="127.0.0.1"):
    """The preview on http://127.0.0.1:8000/: drafts shown, problems on every page.

    It builds again on every saved change and reloads open pages. One preview
    runs per working copy: a second start says where the first one is.
    """
    from preview.app import run, start_again

    if _preview(lambda: run(ROOT, PREVIEW, host=host, port=int(port))):
        start_again()


@task(help={"port": "port of the preview (default 8000; the next free one if taken)"})
def edit(c, port=8000):
    """Edit in the browser: the preview plus the editing interface at /admin/.

    The editing interface saves through a local backend on 127.0.0.1 at
    ADMIN_PROXY_PORT (default 8081), or the next free port: decap-server's
    API, confined to content/ and to requests from the preview's own pages
    (plugins/admin/backend.js). The preview rebuilds on every save; Ctrl+C
    stops both.
    """
    from preview.app import run, start_again
    from preview.editing import Backend
    from sitecore.i18n import M

    proxy = ROOT / "node_modules" / "decap-server" / "dist" / "middlewares.js"
    if not proxy.is_file():
        raise Exit(
            _say(
                M(
                    "{file} is missing: run `bash scripts/bootstrap setup` once "
                    "to install the editing interface",
                    file=proxy,
                )
            ),
            code=1,
        )
    raw = _site_settings_raw()
    content = str(raw.get("ADMIN_CONTENT_DIR") or "content").strip("/")
    backend = Backend(ROOT, int(raw.get("ADMIN_PROXY_PORT", 8081)), content, _say)
    try:
        again = _preview(
            lambda: run(
                ROOT,
                PREVIEW,
                port=int(port),
                attach=backend.attach,
                started=backend.started,
                page="admin/",
            )
        )
    finally:
        backend.stop()
    if again:
        start_again()


def _preview(start) -> bool:
    """Run the preview (``start``); a refusal to start ends the task in one sentence.

    True when it must start again (its settings or code changed).
    """
    from preview.app import StartError
    from sitecore.i18n import message_of

    try:
        return start()
    except StartError as exc:
        raise Exit(_say(message_of(exc)), code=1) from None
    except KeyboardInterrupt:  # Ctrl+C before the preview was up
        return False


@task
def clean(c):
    """Remove built output (waiting for a running build) and caches.

    Refused while a preview of this working copy runs: it builds into
    .preview/ and reads the caches.
    """
    from preview.instance import lock_file, preview_runs
    from sitecore.i18n import M

    if preview_runs(PREVIEW):
        message = M(
            "The preview of this working copy is running and uses the caches "
            "and {folder}: stop it first with Ctrl+C in its window, then run "
            "`invoke clean` again.",
            folder=PREVIEW.name,
        )
        raise Exit(_say(message), code=1)
    try:
        remove_output(
            OUTPUT, waiting=lambda message: print(_say(message), file=sys.stderr)
        )
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        shutil.rmtree(PREVIEW, ignore_errors=True)
        lock_file(PREVIEW).unlink(missing_ok=True)
    except OSError as exc:
        message = environment_problem(exc, OUTPUT.parent)
        if message is None:
            raise
        raise Exit(_say(message), code=1) from None


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
    from bilingual.settings import load

    settings_file = str(ROOT / "publishconf.py")
    if site_url is None:
        site_url = load(settings_file).site_url
    flags = "" if validator else " --no-validator"
    # The settings give the page types (search pages) and the form targets.
    flags += f" --settings {shlex.quote(settings_file)}"
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

    from sitecore.i18n import M, message_of
    from sitecore.scaffold import ScaffoldError, scaffold

    settings = _site_settings()
    declared = settings.sections.get(section)
    if declared is None:
        message = M(
            "there is no section '{section}'; choose one of: {names}",
            section=section,
            names=", ".join(settings.sections),
        )
        raise Exit(_say(message), code=1)
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
        raise Exit(_say(message_of(exc)), code=1) from None
    for path in paths:
        print(_say(M("created {file}", file=path.relative_to(ROOT))))


@task
def report(c):
    """The translation report: items missing in a language, translations out of date."""
    from bilingual.catalogs import catalog_gaps, editor_languages, load_catalog
    from sitecore.dates import format_date
    from sitecore.i18n import editor_language
    from sitecore.report import markdown_report

    settings = _site_settings()
    lines = settings.translation_report()
    lang = editor_language(editor_languages(str(TRANSLATIONS)) or EDITOR_LANGUAGES)
    catalog = load_catalog(str(TRANSLATIONS), lang)
    text = markdown_report(
        lines,
        catalog.gettext,
        lambda when: format_date(when, lang, "medium"),
        catalog_gaps(str(TRANSLATIONS), settings.languages, root=str(ROOT)),
    )
    print(text, end="")


def _site_settings():
    """The site's settings (pelicanconf.py), checked: sections, languages …"""
    from bilingual.settings import load

    return load(str(ROOT / "pelicanconf.py"), PATH=str(ROOT / "content"))


def _site_settings_raw():
    """Pelican's settings of pelicanconf.py, for values of other plugins."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))


def _catalogs(settings):
    from bilingual.catalogs import load_catalogs

    return load_catalogs(str(TRANSLATIONS), settings.languages)


@task(name="extract")
def i18n_extract(c):
    """Collect the strings into two templates: visitors' and editors' (.pot)."""
    for command in extract_commands(PY, TRANSLATIONS):
        c.run(shlex.join(command), pty=False)
    drop_shared(TRANSLATIONS)


def _catalog_languages(domain: str) -> tuple[str, ...]:
    """Visitors' catalogs for every site language; editors' for theirs."""
    if domain == EDITORS:
        return EDITOR_LANGUAGES
    return _site_settings().languages


@task(pre=[i18n_extract], name="update")
def i18n_update(c):
    """Merge new strings into the catalogs (creating a new language's)."""
    from bilingual.catalogs import po_path

    for domain in DOMAINS:
        for lang in _catalog_languages(domain):
            exists = Path(po_path(str(TRANSLATIONS), lang, domain)).exists()
            command = "update" if exists else "init"
            c.run(
                f"{PY} -m babel.messages.frontend {command} "
                f"-i {template(TRANSLATIONS, domain)} -D {domain} "
                f"-d {TRANSLATIONS} -l {lang} --no-wrap"
                + (" --omit-header --ignore-obsolete" if exists else ""),
                pty=False,
            )


@task(name="compile")
def i18n_compile(c):
    """Check every catalog: each string translated, none fuzzy, none missing.

    The site compiles the .po files in memory at build time; this task is the
    check that every site language has its visitors' catalog, complete, and
    the editors' catalogs are complete.
    """
    from bilingual.catalogs import po_path, untranslated

    problems = []
    for domain in DOMAINS:
        for lang in _catalog_languages(domain):
            path = po_path(str(TRANSLATIONS), lang, domain)
            if not Path(path).exists():
                problems.append(f"{path}: missing; create it with invoke i18n.update")
                continue
            problems += [
                f"{path}: untranslated or fuzzy: {message!r}"
                for message in untranslated(path, lang)
            ]
    if problems:
        raise Exit("\n".join(problems), code=1)
    print(f"{TRANSLATIONS}: every catalog complete")


@task(
    help={
        "pairs": "news pairs, one size or several: 200,2000 (default 2000)",
        "runs": "full builds per side, alternating; medians (default 3)",
        "sides": "ours,hugo (default); add baseline for Pelican + i18n-subsites",
        "saves": "timed saves per 'save → served' figure (default 20)",
        "memory_saves": "saves over which the preview's memory is followed (100)",
        "json": "write every figure to this file",
        "editing": "time a new bilingual news item in /admin/ instead (Chromium)",
    }
)
def bench(
    c,
    pairs="2000",
    runs=3,
    sides="ours,hugo",
    saves=20,
    memory_saves=100,
    json="",
    editing=False,
):
    """Build benchmark: this site vs Hugo (and stock Pelican + i18n-subsites).

    Clean and warm builds, save → page served by both previews, memory over
    many saves. Hugo comes from Debian; benchmarks/setup-hugo installs it when
    it is missing. With --editing: a scripted editor in /admin/
    (benchmarks/editing.py).
    """
    extra = f" --json {json}" if json else ""
    if editing:
        c.run(f"{PY} benchmarks/editing.py --runs {runs}{extra}", pty=False)
        return
    c.run(
        f"{PY} benchmarks/run.py --pairs {pairs} --runs {runs} --sides {sides} "
        f"--saves {saves} --memory-saves {memory_saves}{extra}",
        pty=False,
    )


@task(help={"preset": "mobile (default) or desktop", "json": "write the figures here"})
def speed(c, preset="mobile", json=""):
    """Lighthouse scores of every page type of the production build, on 127.0.0.1."""
    extra = f" --json {json}" if json else ""
    c.run(f"{PY} benchmarks/lighthouse.py --preset {preset}{extra}", pty=False)


ns = Collection(
    build, publish, serve, edit, clean, test, lint, new, report, bench, speed
)
ns.add_collection(Collection("i18n", i18n_extract, i18n_update, i18n_compile))
ns.add_task(check)


@task(
    name="import-wordpress",
    help={
        "source": "the WordPress export file (WXR, from Tools → Export)",
        "uploads": "the old site's wp-content/uploads folder (or the folder around "
        "it), for pictures",
        "content": "the content folder to write into (default: content)",
        "report": "where to write the report (default: CONTENT/_import-report.md)",
        "section_map": "where items go besides posts → news and pages → pages, "
        "e.g. post_type:project=projects,category:veranstaltungen=events",
        "dry_run": "write nothing; print the report of what would be written",
    },
)
def import_wordpress(
    c, source, uploads="", content="content", report="", section_map="", dry_run=False
):
    """Import WordPress posts and pages as news and pages, with a report.

    Never replaces a file; running it again writes only what is missing.
    """
    from wordpress.cli import main

    args = ["--source", source, "--content", content]
    args += ["--uploads", uploads] if uploads else []
    args += ["--report", report] if report else []
    args += ["--section-map", section_map] if section_map else []
    args += ["--dry-run"] if dry_run else []
    code = main(args)
    if code:
        raise Exit(code=code)


ns.add_task(import_wordpress)
