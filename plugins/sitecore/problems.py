"""Editor-facing problems: collected, never raised one by one.

An editor who makes three mistakes should learn about all three from one build,
each as ``path:line: message``. Code that finds a problem therefore adds it to a
:class:`ProblemLog` and carries on; the build decides at the end whether the
errors are fatal (strict builds) or only reported (the dev server).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .i18n import M_, M, Message, Translate


class Severity(Enum):
    """How bad a problem is: errors fail the strict build, warnings never do."""

    ERROR = "error"
    WARNING = "warning"


WARNING = M_("warning")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at a line where that can be known.

    ``message`` is a :class:`~sitecore.i18n.Message`, translated into the
    editor's language when the problem is shown (plain text is shown as is).
    """

    path: str
    line: int | None
    message: str | Message
    severity: Severity = Severity.ERROR

    @property
    def sort_key(self) -> tuple[str, int]:
        """Problems are shown by file, then line."""
        return (self.path, self.line or 0)

    def text(self, translate: Translate | None = None) -> str:
        """The message alone, in the language of ``translate``."""
        if isinstance(self.message, Message):
            return self.message.render(translate)
        return self.message

    def shown_path(self, root: str | None = None) -> str:
        """The path relative to ``root`` when inside it (``content/news/x.de.md``)."""
        return shown_path(self.path, root)

    def format(
        self, root: str | None = None, translate: Translate | None = None
    ) -> str:
        """Render as ``path:line: message`` (``path: message`` without a line).

        ``root`` makes the path relative, so editors see ``content/news/x.de.md``
        rather than a machine-specific absolute path.
        """
        path = self.shown_path(root)
        where = f"{path}:{self.line}" if self.line else path
        prefix = ""
        if self.severity is Severity.WARNING:
            prefix = (translate(WARNING) if translate else WARNING) + ": "
        return f"{where}: {prefix}{self.text(translate)}"

    def __str__(self) -> str:
        return self.format(os.getcwd())


def format_for_github(
    problem: Problem, root: str | None = None, translate: Translate | None = None
) -> str:
    """The problem as a GitHub Actions annotation, shown on the changed line.

    ``::error file=content/news/x.de.md,line=4::message`` (``::warning`` for
    warnings) makes the pull request show the message right at the line the
    editor changed. The message stays in the editor's language; only the
    characters the annotation syntax reserves are escaped.
    """
    path = problem.shown_path(root)
    kind = "warning" if problem.severity is Severity.WARNING else "error"
    where = f"file={_escape_property(path)}"
    if problem.line:
        where += f",line={problem.line}"
    return f"::{kind} {where}::{_escape_data(problem.text(translate))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations_wanted() -> bool:
    """True when the build should also print annotations (SITE_PROBLEM_FORMAT)."""
    return os.environ.get("SITE_PROBLEM_FORMAT", "").strip().lower() == "github"


@dataclass(frozen=True)
class Consequence:
    """A problem that only follows from an error in another file.

    A news item that names a member whose file is broken, or links to a
    page with errors, has nothing to fix itself. Instead of an error of its
    own it is listed in the cause's first error ("… — this also keeps these
    from naming it: content/news/x.de.md:4"), so the editor fixes the cause
    and sees at once what else it repairs. ``fallback`` is shown instead if
    the cause has no error (it cannot happen, but nothing may get lost).
    """

    cause: str  # the path of the file with the error
    path: str
    line: int | None
    kind: str  # a key of FOLDED: how the file depends on the cause
    fallback: str | Message
    shown: str  # how the cause's message names the file: content/news/x.de.md


#: How a consequence is added to its cause's message, by kind.
FOLDED = {
    "names": M_("{message} — this also keeps these from naming it: {places}"),
    "links": M_("{message} — this also keeps these from linking to it: {places}"),
}


class ProblemLog:
    """Collects the problems of one build, in the order they were found."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._consequences: list[Consequence] = []

    def error(self, path: str, line: int | None, message: str | Message) -> None:
        """Record an error: the item is not published and strict builds fail."""
        self._problems.append(Problem(str(path), line, message, Severity.ERROR))

    def warning(self, path: str, line: int | None, message: str | Message) -> None:
        """Record a warning: worth fixing, but the item is still published."""
        self._problems.append(Problem(str(path), line, message, Severity.WARNING))

    def consequence(
        self,
        cause: str,
        path: str,
        line: int | None,
        kind: str,
        fallback: str | Message,
        shown: str = "",
    ) -> None:
        """Note that ``path:line`` is affected by the errors of the file ``cause``.

        ``kind`` is ``"names"`` (a ``members`` field names it) or ``"links"``
        (a ``{filename}`` link leads to it); see :class:`Consequence`.
        ``shown`` is how the cause's message names ``path`` (default: as is).
        """
        self._consequences.append(
            Consequence(str(cause), str(path), line, kind, fallback, shown or path)
        )

    def extend(self, problems: Iterable[Problem]) -> None:
        """Take over problems found elsewhere (e.g. in a worker process)."""
        self._problems.extend(problems)

    def _all(self) -> list[Problem]:
        """Every problem by file and line, consequences folded into their causes.

        On one line an error comes before a warning; otherwise problems keep
        the order they were found in.
        """
        problems = sorted(self._problems, key=_order)
        fallbacks: list[Problem] = []
        by_cause: dict[str, dict[str, list[Consequence]]] = {}
        for consequence in self._consequences:
            kinds = by_cause.setdefault(consequence.cause, {})
            kinds.setdefault(consequence.kind, []).append(consequence)
        for cause, kinds in by_cause.items():
            index = next(
                (
                    i
                    for i, p in enumerate(problems)
                    if p.path == cause and p.severity is Severity.ERROR
                ),
                None,
            )
            if index is None:
                fallbacks += [
                    Problem(c.path, c.line, c.fallback)
                    for found in kinds.values()
                    for c in found
                ]
                continue
            first = problems[index]
            message: str | Message = first.message
            for kind, found in kinds.items():
                places = sorted({(c.shown, c.line or 0) for c in found})
                message = Message(
                    FOLDED[kind],
                    (
                        ("message", message),
                        ("places", Places(tuple(places))),
                    ),
                )
            problems[index] = Problem(first.path, first.line, message, first.severity)
        if fallbacks:
            problems = sorted(problems + fallbacks, key=_order)
        return problems

    @property
    def errors(self) -> list[Problem]:
        """All errors, sorted by file and line for a readable report."""
        return [p for p in self._all() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """All warnings, sorted by file and line."""
        return [p for p in self._all() if p.severity is Severity.WARNING]

    def has_errors_for(self, path: str) -> bool:
        """True if ``path`` has an error, so callers can skip rendering it."""
        return any(
            p.path == str(path) and p.severity is Severity.ERROR for p in self._problems
        )

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self):
        return iter(self._all())


@dataclass(frozen=True)
class Places:
    """Files and lines as an editor reads them: ``content/news/x.de.md:4, …``."""

    places: tuple[tuple[str, int], ...]

    def render(self, translate: Translate | None = None) -> str:
        return ", ".join(
            path + (f":{line}" if line else "") for path, line in self.places
        )


def _order(problem: Problem) -> tuple[str, int, bool]:
    """By file and line; on one line the error (the cause) first."""
    return (*problem.sort_key, problem.severity is not Severity.ERROR)


def shown_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` when inside it (``content/news/x.de.md``)."""
    if root and os.path.isabs(path):
        rel = os.path.relpath(path, root)
        if not rel.startswith(".."):
            return rel
    return path


def did_you_mean(word: str, choices: Iterable[str]) -> Message | str:
    """`` (did you mean 'x'?)`` for a likely typo, else an empty string.

    Editors type ``titel`` for ``title`` or ``sumary`` for ``summary``; pointing
    at the intended word fixes the mistake faster than a list of all fields.
    """
    match = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return suggestion(match[0]) if match else ""


def suggestion(word: str) -> Message:
    """`` (did you mean 'x'?)``, for a suggestion found otherwise."""
    return M(" (did you mean '{word}'?)", word=word)
