"""The build's checkpoints: report problems after reading, finish after writing.

Reading is complete for every generator before anything is written; that is
where all problems of the build are known and reported at once, and where a
strict build stops, before it touches a single output file.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from typing import Any

from .rendering import write_file
from .site import CONTEXT_KEY, SLOT_KEY, BuildSlot, SiteState
from .sitemap import robots_txt, sitemap_xml

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


def check_content(generators: Iterable[Any]) -> None:
    """After all generators have read: cross-check, report, stop if strict."""
    generators = list(generators)
    state = None
    for generator in generators:
        if hasattr(generator, "cross_check"):
            generator.cross_check()
        state = state or getattr(generator, "context", {}).get(CONTEXT_KEY)
    if state is None:
        return
    report_problems(state)
    if state.settings.strict and state.problems.errors:
        raise BuildFailed(len(state.problems.errors))


def open_slot(pelican: Any) -> None:
    """Give the Pelican instance a slot through which its builds' state is found.

    Pelican's ``finalized`` signal passes only the Pelican instance, while each
    build's state lives in that build's context (a copy of the settings). A
    slot object placed in the settings is shared by every context copy, so
    :func:`write_sitemap` can reach the state of the build that just ended.
    """
    pelican.settings[SLOT_KEY] = BuildSlot()


def write_sitemap(pelican: Any) -> None:
    """After all pages are written: the sitemap and robots.txt."""
    slot = pelican.settings.get(SLOT_KEY)
    state = slot.state if slot is not None else None
    if state is None:
        return
    settings = state.settings
    write_file(pelican.output_path, "sitemap.xml", sitemap_xml(settings, state.pages))
    write_file(pelican.output_path, "robots.txt", robots_txt(settings))
    counts = ", ".join(
        f"{sum(1 for page in state.pages if page.lang == lang)} {lang}"
        for lang in settings.languages
    )
    logger.info(
        "Wrote %s pages (%s) to %s", len(state.pages), counts, pelican.output_path
    )
