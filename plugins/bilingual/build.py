"""The build's checkpoints: report problems after reading, render at the end.

Reading is complete for every generator before anything is written; that is
where all problems of the build are known and reported at once, and where a
strict build stops, before it touches a single output file. After every
generator has planned its pages, they are rendered (only the changed ones,
on every core) and the generators finish.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

from sitecore.content import default_workers
from sitecore.problems import format_for_github, github_annotations_wanted

from .generator import SiteGenerator
from .render import Renderer
from .session import Session
from .site import SiteState, og_locale

logger = logging.getLogger(__name__)


class BuildFailed(SystemExit):
    """The strict build found content errors.

    A ``SystemExit`` so that the ``pelican`` command exits with status 1
    without a traceback: the problems themselves were already printed.
    """

    def __init__(self, count: int) -> None:
        super().__init__(1)
        self.count = count


def report_problems(state: SiteState) -> None:
    """Print every problem as ``path:line: message`` on stderr, errors first."""
    root = os.getcwd()
    problems = state.problems
    for problem in [*problems.errors, *problems.warnings]:
        sys.stderr.write(problem.format(root) + "\n")
        if github_annotations_wanted():  # CI: shown on the pull request's line
            sys.stdout.write(format_for_github(problem, root) + "\n")
    errors = len(problems.errors)
    if errors and state.settings.strict:
        sys.stderr.write(
            f"The build failed with {errors} error(s); nothing was published "
            "and the previous output is unchanged.\n"
        )
    elif errors:
        sys.stderr.write(
            f"{errors} error(s): this preview leaves out what could not be read; "
            "fix every error above before publishing.\n"
        )


def open_session(pelican: Any) -> None:
    """Give the Pelican instance its session (unless the dev server brought one)."""
    Session.of(pelican.settings)


def check_content(generators: Iterable[Any]) -> None:
    """After all generators have read: cross-check, report, stop if strict."""
    ours = [g for g in generators if isinstance(g, SiteGenerator)]
    if not ours:
        return
    state = ours[0].state
    kinds = {g.kind for g in ours}
    for section in state.settings.sections.values():
        if section.kind not in kinds:
            raise SystemExit(
                f"setting SECTIONS['{section.name}']: no plugin reads sections of "
                f"kind '{section.kind}'; add it to PLUGINS"
            )
    for generator in ours:
        generator.cross_check()
    report_problems(state)
    if state.settings.strict and state.problems.errors:
        raise BuildFailed(len(state.problems.errors))


def finish_build(pelican: Any) -> None:
    """After every generator planned: render the pages, then let each finish."""
    session = Session.of(pelican.settings)
    state = session.state
    if state is None or state.settings.output_path != pelican.output_path:
        return
    session.state = None
    started = time.perf_counter()
    common = state.fingerprint(
        _settings_signature(state),
        session.catalog_digest(state.settings),
        sorted(asset.url for asset in session.assets(state.settings).assets.values()),
    )
    to_render = []
    for job in state.pages.values():
        job.signature = common + state.fingerprint(job.template, job.values)
        if state.output.needed(job.url, "page:" + job.signature):
            to_render.append(job)
    renderer = Renderer(
        session.environment(state.settings, {}),
        session.catalogs(state.settings),
    )
    renderer.env.globals.update(_template_globals(state))
    for generator in state.generators:
        renderer.env.globals.update(generator.template_globals())
    workers = state.settings.workers or default_workers()
    renderer.write_all(to_render, state.output.root, workers)
    for generator in state.generators:
        generator.finish()
    removed = state.output.remove_stale()
    session.remember_output(state.output)
    logger.info(
        "rendered %d of %d pages in %.2f s; %d files written, %d removed",
        len(to_render),
        len(state.pages),
        time.perf_counter() - started,
        state.output.written,
        removed,
    )
    state.parts["rendered"] = len(to_render)


def _settings_signature(state: SiteState) -> str:
    """The settings, except the clock: what it decides is in the pages' values."""
    settings = state.settings
    return repr({k: v for k, v in vars(settings).items() if k != "now"})


def _template_globals(state: SiteState) -> dict[str, Any]:
    settings = state.settings
    assets = state.session.assets(settings)
    return {
        "site": settings,
        "href": settings.href,
        "asset": lambda name: settings.href(assets.url(name)),
        "og_locale": og_locale,
    }
