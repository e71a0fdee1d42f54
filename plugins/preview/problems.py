"""The build's problems as the preview shows them: a box on pages, a list for /admin/.

Visitor pages get the box at their top (``banner``, added while sending). The
editing interface at ``/admin/`` gets no box, which would cover its buttons:
it asks ``/_preview/problems.json?path=content/…`` after saving and shows
that file's problems itself (``problem_list``).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from typing import Any

from sitecore.i18n import N_
from sitecore.problems import WARNING, Problem, Severity

from .builder import Snapshot

PROBLEMS_TITLE = N_("This preview has problems")
PROBLEMS_HINT = N_(
    "Fix them in the files named below; this page reloads by itself. "
    "What has an error is left out of the preview and cannot be published."
)
BROKEN_TITLE = N_("This page cannot be shown")
BROKEN_HINT = N_("Its file has errors. Fix them and the page comes back by itself.")
FAILURE_TITLE = N_("The preview could not be built")


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Errors first, then by file and line."""
    return sorted(
        problems, key=lambda p: (p.severity is not Severity.ERROR, p.path, p.line or 0)
    )


def problem_items(problems: list[Problem], root: str, _: Callable[[str], str]) -> str:
    """The problems as HTML list items, the file and line first."""
    items = []
    for problem in problems:
        where = problem.shown_path(root)
        if problem.line:
            where += f":{problem.line}"
        note = ""
        if problem.severity is Severity.WARNING:
            kind = html.escape(_(WARNING))
            note = f'<span class="preview-problems__kind">{kind}</span> '
        message = html.escape(problem.text(_))
        items.append(f"<li><code>{html.escape(where)}</code>: {note}{message}</li>")
    return "".join(items)


def banner(
    snapshot: Snapshot, root: str, _: Callable[[str], str], only: str = ""
) -> str:
    """The problems box for the top of a page ("" when there are none).

    ``only`` limits it to one file (on the page of a broken file).
    """
    opening = (
        '<section class="preview-problems" aria-labelledby="preview-problems-title">'
    )
    if snapshot.failure:
        return (
            f'{opening}<h2 id="preview-problems-title">'
            f"{html.escape(_(FAILURE_TITLE))}</h2>"
            f"<p>{html.escape(snapshot.failure)}</p></section>"
        )
    report = snapshot.report
    if report is None:
        return ""
    problems = _in_order([p for p in report.problems if not only or p.path == only])
    if not problems:
        return ""
    title, hint = (
        (BROKEN_TITLE, BROKEN_HINT) if only else (PROBLEMS_TITLE, PROBLEMS_HINT)
    )
    return (
        f'{opening}<h2 id="preview-problems-title">{html.escape(_(title))}</h2>'
        f"<p>{html.escape(_(hint))}</p>"
        f"<ul>{problem_items(problems, root, _)}</ul></section>"
    )


def shown_file(raw: str) -> str | None:
    """A repository-relative path as the editing interface names a file, or None.

    ``content/news/2026/x.de.md``; ``./`` and doubled slashes are read as a
    shell would, a path leading out of the repository is no file of it.
    """
    if not raw or raw.startswith("/") or "\\" in raw or not raw.isprintable():
        return None
    normal = posixpath.normpath(raw)
    if normal == "." or normal.split("/")[0] == "..":
        return None
    return normal


def problem_list(
    snapshot: Snapshot,
    root: str,
    _: Callable[[str], str],
    busy: bool,
    only: str | None = None,
) -> dict[str, Any]:
    """What ``/_preview/problems.json`` answers: the latest build's problems.

    ``build`` is the number of the latest finished build (it grows with every
    build), ``busy`` says one is running or still to come, and ``problems``
    are those reported under the file ``only`` (a path as :func:`shown_file`
    gives it; all of them without one), in the editor's language. ``failure``
    is what stopped the whole build (a template or setting), else ``None``.
    """
    report = snapshot.report
    found = list(report.problems) if report is not None else []
    if only is not None:
        found = [p for p in found if p.shown_path(root) == only]
    return {
        "build": snapshot.number,
        "busy": busy,
        "problems": [
            {
                "path": problem.shown_path(root),
                "line": problem.line,
                "severity": problem.severity.value,
                "message": problem.text(_),
            }
            for problem in _in_order(found)
        ],
        "failure": snapshot.failure or None,
    }
