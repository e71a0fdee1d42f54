"""Command line of the WordPress import (``invoke import-wordpress``).

Reads the export, lists the uploads folder and the files already in
``content/``, plans, writes only new files, and writes the report to
``content/_import-report.md`` (or ``--report``). ``--dry-run`` writes nothing
and prints the report instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bilingual.settings import SettingsError, load
from sitecore.i18n import M, Translate, editor_language, message_of, render

from .importer import plan_import
from .newsite import NewSite
from .planned import Plan
from .report import neutral, render_report, summary_lines
from .uploads import apply_plan, level_hint, list_uploads, uploads_folder
from .writer import Outcome, scan_existing
from .wxr import WxrError, parse_wxr

REPORT_NAME = "_import-report.md"
#: The project's settings file, whatever folder the command runs in.
SETTINGS = Path(__file__).resolve().parents[2] / "pelicanconf.py"


def build_parser() -> argparse.ArgumentParser:
    """The options, with help texts ``--help`` shows."""
    parser = argparse.ArgumentParser(
        prog="python -m wordpress",
        description="Import a WordPress export (WXR) into content/ as news and "
        "pages, with a report of what needs finishing by hand.",
    )
    parser.add_argument(
        "--source", required=True, help="the export file (Tools → Export)"
    )
    parser.add_argument(
        "--uploads", help="the old site's wp-content/uploads folder, for pictures"
    )
    parser.add_argument("--content", default="content", help="default: content")
    parser.add_argument(
        "--report", help=f"where to write the report (default: CONTENT/{REPORT_NAME})"
    )
    parser.add_argument(
        "--settings",
        default=str(SETTINGS),
        help="the site's settings: its languages, time zone and addresses "
        "(default: pelicanconf.py)",
    )
    parser.add_argument(
        "--section-map",
        default="",
        help="where items go besides posts → news and pages → pages, e.g. "
        "post_type:project=projects,category:veranstaltungen=events",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="write nothing; print the report"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one import; 0 on success, 1 for an unusable export, 2 for bad options."""
    args = build_parser().parse_args(argv)
    try:
        settings = load(args.settings)
    except OSError as exc:
        print(f"{args.settings}: {exc.strerror}", file=sys.stderr)
        return 2
    except (SettingsError, ValueError) as exc:  # Pelican's own checks raise ValueError
        print(f"{args.settings}: {exc}", file=sys.stderr)
        return 2
    translate = editor_translation(settings.languages)

    def say(message: object) -> str:
        return str(render(message, translate))

    def complain(where: object, message: object) -> None:
        print(f"{where}: {say(message)}", file=sys.stderr)

    try:
        site = NewSite.of(settings, args.section_map)
    except ValueError as exc:
        complain("--section-map", message_of(exc))
        return 2
    source = Path(args.source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        complain(source, M("cannot read the export: {reason}", reason=exc.strerror))
        return 2
    try:
        export = parse_wxr(data)
    except WxrError as exc:
        complain(source, message_of(exc))
        return 1
    uploads = Path(args.uploads) if args.uploads else None
    if uploads is not None and not uploads.is_dir():
        complain(uploads, M("the uploads folder does not exist"))
        return 2
    notes = []
    files: list[str] | None = None
    refused: list[str] = []
    if uploads is not None:
        uploads, found = uploads_folder(uploads)
        hint = level_hint(uploads)
        notes += [note for note in (found, hint) if note is not None]
        files, refused = list_uploads(uploads)
    content = Path(args.content)
    plan = plan_import(
        export,
        scan_existing(content, site.targets, site.languages),
        files,
        site,
    )
    plan.refused_uploads += refused
    plan.notes += notes
    apply_plan(plan, content, uploads, dry_run=args.dry_run)
    for note in notes:
        complain(uploads, note)
    report = render_report(
        plan,
        export,
        source=source.name,
        content=args.content.rstrip("/"),
        dry_run=args.dry_run,
        translate=translate,
        titles=section_titles(site, editor_language(site.languages), translate),
    )
    if args.dry_run:
        sys.stdout.write(report)
        return 0
    report_path = Path(args.report) if args.report else content / REPORT_NAME
    print("\n".join(neutral(line) for line in summary_lines(plan, False, say)))
    if not changed_anything(plan) and report_path.exists():
        # A run that adds nothing leaves content/ exactly as it was.
        print(
            say(
                M(
                    "Nothing new; the report of the earlier run stays: {file}",
                    file=str(report_path),
                )
            )
        )
    else:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(report, "utf-8")
        print(say(M("Report: {file}", file=str(report_path))))
    print(say(M("Next: invoke serve, then check the items the report lists.")))
    return 0


def section_titles(site: NewSite, lang: str, translate: Translate) -> dict[str, str]:
    """Each section's name in the navigation, in the editor's language."""
    titles = {}
    for name in site.targets:
        label = site.sections[name].label
        if isinstance(label, str):
            titles[name] = translate(label) if label else name
        else:
            titles[name] = label.get(lang) or next(iter(label.values()), name)
    return titles


def changed_anything(plan: Plan) -> bool:
    """Whether the run wrote a file or copied a picture."""
    outcomes = [file.outcome for file in plan.files]
    outcomes += list(plan.copy_outcomes.values())
    return Outcome.WRITTEN in outcomes


def editor_translation(languages: tuple[str, ...]) -> Translate:
    """``gettext`` of the site's catalog in the editor's language."""
    from bilingual.catalogs import load_catalog

    folder = Path(__file__).resolve().parents[2] / "theme" / "translations"
    return load_catalog(str(folder), editor_language(languages)).gettext
