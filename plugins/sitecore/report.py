"""The translation report: content that is missing in some language.

Read from the file names alone (no build needed), so CI can show it on every
pull request and editors can see what still waits for a translation. It
covers every declared Markdown section; YAML files hold all languages in one
file, and a missing text there is a build error, not a report line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .problems import ProblemLog
from .sections import Section
from .sources import SourceFile, scan_section


def missing_translations(
    content_root: str, sections: Iterable[Section], languages: tuple[str, ...]
) -> list[tuple[SourceFile, tuple[str, ...]]]:
    """Each file whose key lacks some language, with the languages it lacks."""
    result = []
    for section in sections:
        if section.is_yaml:
            continue
        groups: dict[str, list[SourceFile]] = defaultdict(list)
        found = scan_section(
            content_root, section.name, languages, ProblemLog(), folder=section.path
        )
        for source in found:
            groups[source.key].append(source)
        for key in sorted(groups):
            present = {source.lang for source in groups[key]}
            lacking = tuple(lang for lang in languages if lang not in present)
            if lacking:
                result.extend((source, lacking) for source in groups[key])
    return result


def markdown_report(
    content_root: str, sections: Iterable[Section], languages: tuple[str, ...]
) -> str:
    """The report as a Markdown table (for CI job summaries and terminals)."""
    rows = missing_translations(content_root, sections, languages)
    if not rows:
        return "Every item exists in all languages.\n"
    lines = [
        f"{len(rows)} file(s) of items missing in some language:",
        "",
        "| file | missing |",
        "|---|---|",
    ]
    lines += [f"| `{src.relpath}` | {', '.join(lacking)} |" for src, lacking in rows]
    return "\n".join(lines) + "\n"
