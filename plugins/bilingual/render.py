"""Rendering the planned pages: only those that changed, on every core.

Generators plan pages (template, language, URL and values) while they write;
nothing is rendered until every generator has planned. Then each page's
signature (``fingerprint.py``) is compared with what the previous build of
this process wrote, and the pages that must be made are rendered — by forked
worker processes when there are many, since every value a template needs was
prepared before: workers share nothing and return nothing but errors.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.support import NullTranslations

from sitecore.dates import format_date, format_time

from .output import Claim, Output
from .records import PageFacts, PageRecord

logger = logging.getLogger(__name__)

#: Below this many pages to render, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 150


@dataclass
class PageJob:
    """One HTML page to render: its template, language, page facts and values.

    ``page`` holds what every page has (title, description, the URLs of its
    language versions, its section); the full template context is made from it
    only when the page is rendered. ``signature`` covers all of it.
    """

    template: str
    lang: str
    url: str
    page: PageFacts
    values: dict[str, Any]
    record: PageRecord
    signature: str = ""
    claim: Claim | None = None  # whoever claimed its address (see output.py)


class RenderError(RuntimeError):
    """A template failed; the message names the page and the template."""


class Renderer:
    """Renders templates of one environment in the language of each page.

    The gettext and date globals look up :attr:`language` when called, so
    macros imported without context (whose globals Jinja caches) still follow
    the language of the page being rendered.
    """

    def __init__(
        self, environment: jinja2.Environment, catalogs: dict[str, NullTranslations]
    ) -> None:
        self.env = environment
        self.catalogs = catalogs
        self.language = next(iter(catalogs), "en")
        catalog = lambda: self.catalogs[self.language]  # noqa: E731
        environment.install_gettext_callables(  # type: ignore[attr-defined]
            lambda message: catalog().gettext(message),
            lambda singular, plural, n: catalog().ngettext(singular, plural, n),
            newstyle=True,
            pgettext=lambda ctx, message: catalog().pgettext(ctx, message),
            npgettext=lambda ctx, s, p, n: catalog().npgettext(ctx, s, p, n),
        )
        # "_" is an alias that looks "gettext" up on every call; bind it directly.
        environment.globals["_"] = environment.globals["gettext"]
        environment.globals.update(
            format_date=lambda value, format="long": format_date(
                value, self.language, format
            ),
            format_time=lambda value, format="short": format_time(
                value, self.language, format
            ),
        )

    def render(self, template: str, lang: str, values: dict[str, Any]) -> str:
        """``template`` rendered with ``values`` in ``lang``."""
        self.language = lang
        try:
            return self.env.get_template(template).render(values)
        except jinja2.TemplateError as exc:
            where = f"{exc.filename or template}:{getattr(exc, 'lineno', '') or ''}"
            raise RenderError(
                f"the template {where} failed on /{values.get('page_url', '')}: {exc}"
            ) from exc

    def write_all(
        self,
        jobs: Sequence[PageJob],
        output: Output,
        workers: int,
        context: Callable[[PageJob], dict[str, Any]],
        keep: Callable[[str, str], None] | None = None,
    ) -> None:
        """Render and write ``jobs``, on ``workers`` processes when worth it.

        Each job's file was recorded (claimed, checked) by ``output.needed``
        before; the workers only write it, and hand each page with its
        signature to ``keep`` (the page store) where there is one.
        """
        if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
            self._write(jobs, output, context, keep)
            return
        chunks = [list(jobs[index::workers]) for index in range(workers)]
        run_forked(chunks, lambda chunk: self._write(chunk, output, context, keep))

    def _write(
        self,
        jobs: Sequence[PageJob],
        output: Output,
        context: Callable[[PageJob], dict[str, Any]],
        keep: Callable[[str, str], None] | None = None,
    ) -> None:
        for job in jobs:
            html = self.render(job.template, job.lang, context(job))
            output.store(job.url, html)
            if keep is not None:
                keep(job.signature, html)


def run_forked(chunks: Sequence[Any], work: Callable[[Any], None]) -> None:
    """Run ``work`` on each chunk, all but the first in forked child processes.

    Children inherit everything (no pickling, no shared state) and report
    only failure: their traceback arrives through a pipe and is raised here.
    """
    children = []
    for chunk in chunks[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            code = 0
            try:
                work(chunk)
            except BaseException as exc:
                message = str(exc) if isinstance(exc, RenderError) else ""
                detail = message or traceback.format_exc()
                os.write(write_end, detail.encode("utf-8", "replace"))
                code = 1
            os.close(write_end)
            os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    failure: BaseException | None = None
    try:
        work(chunks[0])
    except BaseException as exc:
        failure = exc
    messages = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        if status != 0:
            messages.append(
                message or f"a rendering process ended with status {status}"
            )
    if failure is not None:
        raise failure
    if messages:
        raise RenderError(messages[0])
