"""The import report: what was written where, and what an editor must finish.

Written as Markdown so it reads well in a terminal, an editor and on GitHub.
Its file name starts with ``_`` (``content/_import-report.md``), which the
build ignores, so the report can sit next to the content it describes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .importer import Plan, PlannedFile, PlannedGroup
from .leftovers import Kind, Leftover
from .writer import Outcome
from .wxr import Export, plain_text

SECTION_TITLES = (("news", "News"), ("pages", "Pages"))


def render_report(
    plan: Plan, export: Export, *, source: str, content: str, dry_run: bool
) -> str:
    """The whole report for one run (``content`` is how to show the folder)."""
    lines = [
        "# WordPress import report",
        "",
        f"From `{source}` (WXR {export.version}, {export.link or export.site_url}) "
        f"into `{content}/`.",
    ]
    if dry_run:
        lines += ["", "**Dry run: nothing was written.**"]
    for section, heading in SECTION_TITLES:
        groups = [g for g in plan.groups if g.section == section]
        if groups:
            lines += ["", f"## {heading}"]
            for group in groups:
                lines += _group(group, content)
    lines += _not_imported(plan)
    lines += _query_addresses(plan, content)
    lines += ["", "## Summary", "", *summary_lines(plan, dry_run)]
    lines += [
        "",
        "Preview the result with `invoke serve` (http://127.0.0.1:8000/): drafts "
        "and scheduled items are shown there too. `invoke publish` then reports "
        "everything the strict build does not accept yet.",
    ]
    return "\n".join(lines) + "\n"


def _group(group: PlannedGroup, content: str) -> list[str]:
    languages = ", ".join(file.lang for file in group.files)
    pairing = "paired" if len(group.files) > 1 else "unpaired"
    lines = ["", f"### {group.title}", ""]
    lines.append(f"Key `{group.key}`; {languages} ({pairing}, by {group.method}).")
    lines.append("")
    for file in group.files:
        lines += _file(file, content)
    return lines


def _file(file: PlannedFile, content: str) -> list[str]:
    item = file.item
    status = item.status if item.status != "publish" else "published"
    lines = [
        f"- {file.lang}: `{content}/{file.relpath}`: {file.outcome} "
        f"({item.post_type} {item.post_id}, {status}"
        + (f", was {file.aliases[0]}" if file.aliases else "")
        + ")"
    ]
    for (kind, detail), count in _counted(file.leftovers).items():
        times = f" (×{count})" if count > 1 else ""
        lines.append(f"  - {kind}: {detail}{times}")
    return lines


def _counted(leftovers: Iterable[Leftover]) -> Counter[tuple[Kind, str]]:
    """Identical entries once, with how often they occurred (first-seen order)."""
    return Counter((leftover.kind, leftover.detail) for leftover in leftovers)


def _not_imported(plan: Plan) -> list[str]:
    lines: list[str] = []
    if plan.unknown:
        lines += ["", "## Languages this site does not have", ""]
        for item, language in plan.unknown:
            lines.append(
                f"- `{language.code}` ({language.method}): "
                f"{plain_text(item.title) or '(no title)'} "
                f"({item.post_type} {item.post_id}, {item.link})"
            )
    if plan.skipped:
        lines += ["", "## Skipped by type", "", "| type | items |", "|---|---|"]
        lines += [f"| {kind} | {n} |" for kind, n in sorted(plan.skipped.items())]
    return lines


def _query_addresses(plan: Plan, content: str) -> list[str]:
    rows = [
        f"| `{address}` | `{content}/{file.relpath}` |"
        for file in plan.files
        for address in file.query_addresses
    ]
    if not rows:
        return []
    return [
        "",
        "## Old addresses with a query string",
        "",
        "Static hosts cannot redirect these (`?p=`, `?page_id=`); a web server "
        "rule can, if links to them matter.",
        "",
        "| old address | new file |",
        "|---|---|",
        *rows,
    ]


def summary_lines(plan: Plan, dry_run: bool) -> list[str]:
    """The closing counts, also printed after every run."""
    outcomes = Counter(file.outcome for file in plan.files)
    pictures = Counter(plan.copy_outcomes.values())
    new = Outcome.PLANNED if dry_run else Outcome.WRITTEN
    paired = sum(1 for group in plan.groups if len(group.files) > 1)
    leftovers = Counter(
        leftover.kind
        for file in plan.files
        for leftover in file.leftovers
        if leftover.kind is not Kind.NOTE
    )
    notes = sum(
        1
        for file in plan.files
        for leftover in file.leftovers
        if leftover.kind is Kind.NOTE
    )
    skipped = sum(plan.skipped.values())
    verb = "to write" if dry_run else "written"
    return [
        f"- items imported: {len(plan.groups)} ({len(plan.files)} files: "
        f"{outcomes[new]} {verb}, {outcomes[Outcome.EXISTS]} already there)",
        f"- pairs: {paired}, unpaired: {len(plan.groups) - paired}",
        f"- pictures copied: {pictures[new]}"
        + (" (dry run: to copy)" if dry_run else "")
        + f", already there: {pictures[Outcome.EXISTS]}",
        f"- skipped: {skipped}"
        + (
            " (" + ", ".join(f"{k} {n}" for k, n in sorted(plan.skipped.items())) + ")"
            if skipped
            else ""
        ),
        f"- languages the site does not have: {len(plan.unknown)}",
        f"- not carried over: {sum(leftovers.values())}"
        + (
            " (" + ", ".join(f"{k} {n}" for k, n in sorted(leftovers.items())) + ")"
            if leftovers
            else ""
        ),
        f"- notes: {notes}",
    ]
