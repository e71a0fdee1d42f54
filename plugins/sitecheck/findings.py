"""What a check reports: the page, what is wrong with it, and which check said so."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem on one page (or stylesheet) of the built site.

    ``page`` is the site-relative path a visitor would request (``de/x/``,
    ``theme/site.css``; ``""`` is the root page), so the message names the
    page as it appears in the browser's address bar.
    """

    check: str
    page: str
    message: str

    def __str__(self) -> str:
        return f"/{self.page}: {self.message}"


def format_findings(findings: Iterable[Finding]) -> str:
    """All findings, grouped by check, one ``/page: message`` per line."""
    lines: list[str] = []
    current = None
    for finding in sorted(set(findings)):
        if finding.check != current:
            current = finding.check
            lines.append(f"[{current}]")
        lines.append(f"  {finding}")
    return "\n".join(lines)
