"""The translation report: content that exists in one language only.

Read from the file names alone (no build needed), so CI can show it on every
pull request and editors can see what still waits for a translation.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from .problems import ProblemLog
from .sources import SourceFile, scan_section

SECTIONS = ("news", "events", "pages")


def missing_translations(
    content_root: str, languages: tuple[str, ...] = ("de", "en")
) -> list[tuple[SourceFile, tuple[str, ...]]]:
    """Each file whose key lacks some language, with the languages it lacks."""
    result = []
    for section in SECTIONS:
        groups: dict[str, list[SourceFile]] = defaultdict(list)
        for source in scan_section(content_root, section, languages, ProblemLog()):
            groups[source.key].append(source)
        for key in sorted(groups):
            present = {source.lang for source in groups[key]}
            lacking = tuple(lang for lang in languages if lang not in present)
            if lacking:
                result.extend((source, lacking) for source in groups[key])
    return result


def markdown_report(content_root: str) -> str:
    """The report as a Markdown table (for CI job summaries and terminals)."""
    rows = missing_translations(content_root)
    if not rows:
        return "Every item exists in all languages.\n"
    lines = [
        f"{len(rows)} item(s) exist in one language only:",
        "",
        "| file | missing |",
        "|---|---|",
    ]
    lines += [f"| `{src.relpath}` | {', '.join(lacking)} |" for src, lacking in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_report(sys.argv[1] if len(sys.argv) > 1 else "content"))
