"""The import report: what was written where, and what an editor must finish.

Written as Markdown so it reads well in a terminal, an editor and on GitHub,
in the editor's language (``translate``; English without one). Its file name
starts with ``_`` (``content/_import-report.md``), which the build ignores,
so the report can sit next to the content it describes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from sitecore.i18n import M, Translate, render

from .leftovers import Kind, Leftover
from .planned import Plan, PlannedFile, PlannedGroup
from .writer import Outcome
from .wxr import Export, plain_text

#: Leftovers that make the strict build refuse the file as imported.
REFUSED = frozenset({Kind.ALT_MISSING, Kind.REQUIRED})
#: Characters that reorder or hide text (right-to-left overrides, isolates,
#: marks) and other control characters: shown as ``<U+202E>`` in the report,
#: so an export cannot make one entry read as another.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2069\ufeff]"
)


def neutral(text: str) -> str:
    """``text`` with direction and control characters made visible."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def _same(message: str) -> str:
    return message


def render_report(
    plan: Plan,
    export: Export,
    *,
    source: str,
    content: str,
    dry_run: bool,
    translate: Translate = _same,
    titles: Mapping[str, str] | None = None,
) -> str:
    """The whole report for one run (``content`` is how to show the folder).

    ``titles`` names each section as the site's navigation does, in the
    report's language; a section without one is shown by its name.
    """

    def say(message: object) -> str:
        return str(render(message, translate))

    lines = [
        "# " + say(M("WordPress import report")),
        "",
        say(
            M(
                "From `{source}` (WXR {version}, {site}) into `{folder}/`.",
                source=source,
                version=export.version,
                site=export.link or export.site_url,
                folder=content,
            )
        ),
    ]
    if dry_run:
        lines += ["", "**" + say(M("Dry run: nothing was written.")) + "**"]
    if plan.notes:
        lines += ["", *(f"- {say(note)}" for note in plan.notes)]
    lines += _refused(plan, content, say)
    sections = list(dict.fromkeys(group.section for group in plan.groups))
    for section in sections:
        groups = [g for g in plan.groups if g.section == section]
        lines += ["", "## " + (titles or {}).get(section, section)]
        for group in groups:
            lines += _group(group, content, say)
    lines += _not_imported(plan, say)
    lines += _uploads_refused(plan, say)
    lines += _query_addresses(plan, content, say)
    lines += ["", "## " + say(M("Summary")), "", *summary_lines(plan, dry_run, say)]
    lines += [
        "",
        say(
            M(
                "Preview the result with `invoke serve` (http://127.0.0.1:8000/): "
                "drafts and scheduled items are shown there too. `invoke publish` "
                "then reports everything the strict build does not accept yet."
            )
        ),
    ]
    return neutral("\n".join(lines)) + "\n"


def _refused(plan: Plan, content: str, say) -> list[str]:
    """The files the strict build refuses until an editor fills something in."""
    refused = [
        file
        for file in plan.files
        if any(leftover.kind in REFUSED for leftover in file.leftovers)
    ]
    if not refused:
        return []
    return [
        "",
        "## " + say(M("Still to do before the strict build passes")),
        "",
        say(
            M(
                "`invoke publish` refuses these files until the entries marked "
                "below are filled in:"
            )
        ),
        "",
        *(f"- `{content}/{file.relpath}`" for file in refused),
    ]


def _uploads_refused(plan: Plan, say) -> list[str]:
    if not plan.refused_uploads:
        return []
    return [
        "",
        "## " + say(M("Files in the uploads folder not read")),
        "",
        say(
            M(
                "Symbolic links leading out of the uploads folder and anything "
                "that is not an ordinary file are never copied:"
            )
        ),
        "",
        *(f"- `{path}`" for path in sorted(set(plan.refused_uploads))),
    ]


def _group(group: PlannedGroup, content: str, say) -> list[str]:
    languages = ", ".join(file.lang for file in group.files)
    pairing = M("paired") if len(group.files) > 1 else M("unpaired")
    lines = ["", f"### {group.title}", ""]
    lines.append(
        say(
            M(
                "Key `{key}`; {languages} ({pairing}, by {method}).",
                key=group.key,
                languages=languages,
                pairing=pairing,
                method=M(group.method),
            )
        )
    )
    lines.append("")
    for file in group.files:
        lines += _file(file, content, say)
    return lines


def _file(file: PlannedFile, content: str, say) -> list[str]:
    item = file.item
    status = item.status if item.status != "publish" else "published"
    was = M(", was {path}", path=file.aliases[0]) if file.aliases else ""
    lines = [
        say(
            M(
                "- {lang}: `{file}`: {outcome} ({type} {id}, {status}{was})",
                lang=file.lang,
                file=f"{content}/{file.relpath}",
                outcome=M(file.outcome),
                type=item.post_type,
                id=item.post_id,
                status=status,
                was=was,
            )
        )
    ]
    for (kind, detail), count in _counted(file.leftovers).items():
        times = f" (×{count})" if count > 1 else ""
        lines.append(f"  - {say(M(kind))}: {say(detail)}{times}")
    return lines


def _counted(leftovers: Iterable[Leftover]) -> Counter[tuple[Kind, object]]:
    """Identical entries once, with how often they occurred (first-seen order)."""
    return Counter((leftover.kind, leftover.detail) for leftover in leftovers)


def _not_imported(plan: Plan, say) -> list[str]:
    lines: list[str] = []
    if plan.unknown:
        lines += ["", "## " + say(M("Languages this site does not have")), ""]
        for item, language in plan.unknown:
            title = plain_text(item.title) or say(M("(no title)"))
            lines.append(
                f"- `{language.code}` ({say(M(language.method))}): {title} "
                f"({item.post_type} {item.post_id}, {item.link})"
            )
    if plan.skipped:
        lines += [
            "",
            "## " + say(M("Skipped by type")),
            "",
            f"| {say(M('type'))} | {say(M('items'))} |",
            "|---|---|",
        ]
        lines += [f"| {kind} | {n} |" for kind, n in sorted(plan.skipped.items())]
    return lines


def _query_addresses(plan: Plan, content: str, say) -> list[str]:
    rows = [
        f"| `{address}` | `{content}/{file.relpath}` |"
        for file in plan.files
        for address in file.query_addresses
    ]
    if not rows:
        return []
    return [
        "",
        "## " + say(M("Old addresses with a query string")),
        "",
        say(
            M(
                "Static hosts cannot redirect these (`?p=`, `?page_id=`); a web "
                "server rule can, if links to them matter."
            )
        ),
        "",
        f"| {say(M('old address'))} | {say(M('new file'))} |",
        "|---|---|",
        *rows,
    ]


def summary_lines(plan: Plan, dry_run: bool, say=lambda m: str(m)) -> list[str]:
    """The closing counts, also printed after every run (in ``say``'s language)."""
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
    types = ", ".join(f"{kind} {n}" for kind, n in sorted(plan.skipped.items()))

    def listed(counts: dict) -> str:
        return ", ".join(f"{say(M(str(k)))} {n}" for k, n in sorted(counts.items()))

    items = M(
        "- items imported: {items} ({files} files: {new} {verb}, {existing} "
        "already there)",
        items=len(plan.groups),
        files=len(plan.files),
        new=outcomes[new],
        verb=M("to write") if dry_run else M("written"),
        existing=outcomes[Outcome.EXISTS],
    )
    return [
        say(items),
        say(
            M(
                "- pairs: {paired}, unpaired: {unpaired}",
                paired=paired,
                unpaired=len(plan.groups) - paired,
            )
        ),
        say(
            M(
                "- pictures copied: {copied}{dry}, already there: {existing}",
                copied=pictures[new],
                dry=M(" (dry run: to copy)") if dry_run else "",
                existing=pictures[Outcome.EXISTS],
            )
        ),
        say(
            M(
                "- skipped: {count}{which}",
                count=skipped,
                which=f" ({types})" if skipped else "",
            )
        ),
        say(
            M(
                "- languages the site does not have: {count}",
                count=len(plan.unknown),
            )
        ),
        say(
            M(
                "- not carried over: {count}{which}",
                count=sum(leftovers.values()),
                which=f" ({listed(leftovers)})" if leftovers else "",
            )
        ),
        say(M("- notes: {count}", count=notes)),
    ]
