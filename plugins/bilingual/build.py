"""The build's checkpoints: report problems after reading, render at the end.

Reading is complete for every generator before anything is written; that is
where all problems of the build are known and reported at once, and where a
strict build stops, before it touches a single output file. After every
generator has planned its pages, they are rendered (only the changed ones,
on every core) and the generators finish. The build's last generator calls
both checkpoints with the build's state (see ``generator.py``).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from babel.support import NullTranslations

from sitecore.fieldbase import Detail, Shown
from sitecore.i18n import M, M_plural, editor_language
from sitecore.problems import (
    Problem,
    Severity,
    format_for_github,
    github_annotations_wanted,
)
from sitecore.readall import default_workers

from .aliases import claim_aliases
from .catalogs import editor_languages
from .links import check_typed_links
from .navigation import og_locale, page_context
from .pagestore import PageStore
from .render import PageJob
from .session import Session
from .site import SiteState

logger = logging.getLogger(__name__)


class BuildFailed(SystemExit):
    """The strict build found content errors.

    A ``SystemExit`` so that the ``pelican`` command exits with status 1
    without a traceback: the problems themselves were already printed.
    """

    def __init__(self, count: int) -> None:
        super().__init__(1)
        self.count = count


@dataclass(frozen=True)
class BuildReport:
    """What a finished build did: for the summary line and the dev server."""

    pages: int
    rendered: int
    languages: tuple[str, ...]
    seconds: float
    problems: tuple[Problem, ...]
    sources: dict[str, str]  # page URL -> the content file it shows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def summary(self, catalog: Any, lang: str) -> str:
        """One line in the editor's language: pages, languages, time, problems."""
        seconds = format_decimal(round(self.seconds, 1), locale=lang)
        parts = [
            catalog.ngettext(*BUILT, self.pages)
            % {
                "pages": self.pages,
                "languages": ", ".join(self.languages),
                "seconds": seconds,
            }
        ]
        if self.errors:
            count = len(self.errors)
            parts.append(catalog.ngettext(*ERRORS, count) % {"count": count})
        if self.warnings:
            count = len(self.warnings)
            parts.append(catalog.ngettext(*WARNINGS, count) % {"count": count})
        return "; ".join(parts) + "."


BUILT = M_plural(
    "%(pages)s page (%(languages)s) built in %(seconds)s s",
    "%(pages)s pages (%(languages)s) built in %(seconds)s s",
)
ERRORS = M_plural("%(count)s error", "%(count)s errors")
WARNINGS = M_plural("%(count)s warning", "%(count)s warnings")


def editor_lang(state: SiteState) -> str:
    """The editor's language: German unless the locale names another with a catalog."""
    folder = os.path.join(state.settings.theme_path, "translations")
    return editor_language(editor_languages(folder) or state.settings.languages)


def editor_catalog(state: SiteState) -> Any:
    """The editors' catalog of the editor's language."""
    catalogs = state.session.editor_catalogs(state.settings)
    return catalogs.get(editor_lang(state)) or NullTranslations()


def editor_translation(state: SiteState) -> Callable[[str], str]:
    """``gettext`` in the editor's language."""
    return editor_catalog(state).gettext


def report_problems(state: SiteState) -> None:
    """Print every problem as ``path:line: message`` on stderr, by file and line.

    Then one line that says what the errors mean for this build.
    """
    root = os.getcwd()
    catalog = editor_catalog(state)
    translate = catalog.gettext
    problems = list(state.problems)
    for problem in problems:
        sys.stderr.write(problem.format(root, translate) + "\n")
        if github_annotations_wanted():  # CI: shown on the pull request's line
            sys.stdout.write(format_for_github(problem, root, translate) + "\n")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    if errors:
        closing = STRICT_FAILED if state.settings.strict else PREVIEW_ERRORS
        sys.stderr.write(catalog.ngettext(*closing, errors).format(count=errors) + "\n")


STRICT_FAILED = M_plural(
    "The build failed with {count} error; nothing was published "
    "and the previous output is unchanged.",
    "The build failed with {count} errors; nothing was published "
    "and the previous output is unchanged.",
)
PREVIEW_ERRORS = M_plural(
    "{count} error: this preview leaves out what could not be read; "
    "fix it before publishing.",
    "{count} errors: this preview leaves out what could not be read; "
    "fix every error above before publishing.",
)


def open_session(pelican: Any) -> None:
    """Give the Pelican instance its session: the one place a session is made."""
    Session.open(pelican.settings)


def check_content(state: SiteState) -> None:
    """After all generators have read: cross-check, report, stop if strict."""
    kinds = {generator.kind for generator in state.generators}
    for section in state.settings.sections.values():
        if section.kind not in kinds:
            raise SystemExit(
                f"setting SECTIONS['{section.name}']: no plugin reads sections of "
                f"kind '{section.kind}'; add it to PLUGINS"
            )
    for generator in state.generators:
        generator.cross_check()
    # Every file the site writes is claimed before the aliases are, so an
    # alias can never take (and overwrite) one of them.
    for generator in state.generators:
        for url in generator.known_urls():
            state.reserve(url, M("the site's own file /{url}", url=url))
    state.redirects = claim_aliases(state)
    known = set(state.claims)
    for generator in state.generators:
        known.update(generator.known_urls())
    check_typed_links(state, known)
    report_problems(state)
    if state.settings.strict and state.problems.errors:
        raise BuildFailed(len(state.problems.errors))


def finish_build(state: SiteState) -> None:
    """After every generator planned: render the pages, then let each finish."""
    session = state.session
    started = time.perf_counter()
    to_render = [
        job
        for job in state.pages.values()
        if state.output.needed(job.url, "page:" + job.signature, job.claim)
    ]
    store = session.page_store(state.settings)
    made = to_render if store is None else _from_store(state, store, to_render)
    keep = None if store is None else lambda sign, page: store.put("page:" + sign, page)
    renderer = session.renderer(state.settings, state.catalogs)
    renderer.env.globals.update(_template_globals(state))
    for generator in state.generators:
        renderer.env.globals.update(generator.template_globals())
    workers = state.settings.workers or default_workers()
    renderer.write_all(
        made,
        state.output,
        workers,
        lambda job: page_context(state, job),
        keep=keep,
    )
    if store is not None and not state.output.previous:
        store.compact()  # a fresh process asked for every page
    for generator in state.generators:
        generator.finish()
    removed = state.output.remove_stale()
    session.remember_output(state.output)
    if state.settings.strict and session.builds == 1:
        # A process's first strict build asked the cache on disk for every
        # file of the site: what it did not ask for is old.
        session.prune_caches(state.settings)
    logger.info(
        "made %d of %d pages (%d rendered) in %.2f s; %d files written, %d removed",
        len(to_render),
        len(state.pages),
        len(made),
        time.perf_counter() - started,
        state.output.written,
        removed,
    )
    report = BuildReport(
        pages=len(state.pages),
        rendered=len(to_render),
        languages=state.settings.languages,
        seconds=time.perf_counter() - state.started,
        problems=tuple(state.problems),
        sources={
            job.url: job.values["entry"].source.path
            for job in state.pages.values()
            if "entry" in job.values
        },
    )
    session.report = report
    sys.stderr.write(report.summary(editor_catalog(state), editor_lang(state)) + "\n")


def _from_store(
    state: SiteState, store: PageStore, jobs: list[PageJob]
) -> list[PageJob]:
    """Write the pages an earlier build rendered under the same signature.

    Returns the others, which must be rendered.
    """
    missing = []
    for job in jobs:
        page = store.get("page:" + job.signature)
        if page is None:
            missing.append(job)
        else:
            state.output.store(job.url, page)
    return missing


def skip_pelicans_count(pelican: Any) -> None:
    """Leave out Pelican's own closing line, once (its ``finalized`` signal).

    It counts Pelican's article and page generators, which this site does not
    use, so it would say "Processed 0 articles, … 0 pages" right under the
    site's own summary, which says what was built.
    """
    from pelican.log import console

    show = console.print

    def print_unless_count(*args: Any, **kwargs: Any) -> None:
        del console.print  # back to the console's own method
        if not (args and str(args[0]).startswith("Done: Processed")):
            show(*args, **kwargs)

    console.print = print_unless_count  # type: ignore[method-assign]


def _template_globals(state: SiteState) -> dict[str, Any]:
    settings = state.settings
    assets = state.assets

    def details(entry: Any, skip: Iterable[str] = ()) -> list[Detail]:
        """The entry's fields as facts in its language, but those in ``skip``."""
        shown = Shown(
            entry.lang,
            lambda message: state.gettext(entry.lang, message),
            settings.default_lang,
        )
        return entry.meta.details(shown, frozenset(skip))

    return {
        "site": settings,
        "href": settings.href,
        "asset": lambda name: settings.href(assets.url(name)),
        "og_locale": og_locale,
        "details": details,
    }
